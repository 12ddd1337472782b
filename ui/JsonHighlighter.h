#pragma once

#include <QSyntaxHighlighter>

namespace hookscope::ui {

// Colours JSON text token by token (keys, strings, numbers, literals, punctuation) with
// palette-aware colours. JSON strings cannot span lines, so each block is highlighted alone.
class JsonHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit JsonHighlighter(QTextDocument *document);

    // Picks the colours again, e.g. after the palette switched between light and dark.
    void setPalette(const QPalette &palette);

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
    QTextCharFormat m_null;
    QTextCharFormat m_punctuation;
};

} // namespace hookscope::ui
