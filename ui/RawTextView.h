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
    static constexpr qsizetype kMaxShownBytes = 512 * 1024;

    explicit RawTextView(QWidget *parent = nullptr);

    // Clears the marked bytes too.
    void setBody(const QByteArray &body, bool highlightJson);
    bool isTruncated() const { return m_truncated; }

    // Marks body bytes [offset, offset + length) (a value selected in the tree) and scrolls to
    // them; a length of 0 clears the mark. Bytes past the text shown are not marked.
    void markBytes(qsizetype offset, qsizetype length);
    // The marked text, or "" (for tests and accessibility).
    QString markedText() const { return m_valueMark.selectedText(); }

    // Marks the character a parser stopped at, body byte `offset`, and its line in the error
    // colour (at the end of the body, the last character); -1 clears it. It stays through
    // markBytes() until the next body.
    void markError(qsizetype offset);
    // Puts the caret on the error mark and scrolls it to the middle of the view.
    void revealError();

protected:
    void changeEvent(QEvent *event) override;

private:
    // Draws the mark; returns where it starts in the text, or -1 when nothing is marked.
    int applyMark();
    // The error's line and character, or none when no error is marked or it is not shown.
    QList<QTextEdit::ExtraSelection> errorSelections() const;
    void showSelections(); // the error's, then the value mark on top

    JsonHighlighter *m_highlighter = nullptr;
    QByteArray m_body; // shared with the capture: maps byte offsets to text positions
    bool m_truncated = false;
    qsizetype m_markOffset = 0;
    qsizetype m_markLength = 0;
    QTextCursor m_valueMark; // null when no value is marked
    qsizetype m_errorOffset = -1;
};

} // namespace hookscope::ui
