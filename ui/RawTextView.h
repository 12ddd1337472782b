#pragma once

#include <QPlainTextEdit>

namespace hookscope::ui {

class JsonHighlighter;

// A body as read-only plain text (never rich text: a payload must not be able to style the
// window), JSON-highlighted when it is JSON. Very large bodies show their start only; the hex
// view holds every byte.
class RawTextView final : public QPlainTextEdit
{
    Q_OBJECT

public:
    static constexpr qsizetype kMaxShownBytes = 1024 * 1024;

    explicit RawTextView(QWidget *parent = nullptr);

    void setBody(const QByteArray &body, bool highlightJson);
    bool isTruncated() const { return m_truncated; }

protected:
    void changeEvent(QEvent *event) override;

private:
    JsonHighlighter *m_highlighter = nullptr;
    bool m_truncated = false;
};

} // namespace hookscope::ui
