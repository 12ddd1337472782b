#include "JsonHighlighter.h"

#include "PayloadColors.h"

#include <QGuiApplication>

namespace hookscope::ui {

JsonHighlighter::JsonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    setPalette(QGuiApplication::palette());
}

void JsonHighlighter::setPalette(const QPalette &palette)
{
    const PayloadColors colors = PayloadColors::forPalette(palette);
    m_key.setForeground(colors.key);
    m_string.setForeground(colors.string);
    m_number.setForeground(colors.number);
    m_literal.setForeground(colors.boolean);
    m_null.setForeground(colors.null);
    m_null.setFontItalic(true);
    m_punctuation.setForeground(colors.punctuation);
    rehighlight();
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text.at(i);
        if (c == u'"') {
            qsizetype end = i + 1;
            while (end < n && text.at(end) != u'"')
                end += text.at(end) == u'\\' ? 2 : 1;
            end = std::min(end + 1, n);
            // A string followed by ':' is a key.
            qsizetype next = end;
            while (next < n && text.at(next).isSpace())
                ++next;
            const bool isKey = next < n && text.at(next) == u':';
            setFormat(int(i), int(end - i), isKey ? m_key : m_string);
            i = end;
        } else if (c == u'-' || c.isDigit()) {
            qsizetype end = i + 1;
            while (end < n
                   && (text.at(end).isDigit() || text.at(end) == u'.' || text.at(end) == u'e'
                       || text.at(end) == u'E' || text.at(end) == u'+' || text.at(end) == u'-'))
                ++end;
            setFormat(int(i), int(end - i), m_number);
            i = end;
        } else if (c.isLetter()) {
            qsizetype end = i + 1;
            while (end < n && text.at(end).isLetter())
                ++end;
            const QStringView word = QStringView(text).sliced(i, end - i);
            if (word == u"null")
                setFormat(int(i), int(end - i), m_null);
            else if (word == u"true" || word == u"false")
                setFormat(int(i), int(end - i), m_literal);
            i = end;
        } else {
            if (c == u'{' || c == u'}' || c == u'[' || c == u']' || c == u',' || c == u':')
                setFormat(int(i), 1, m_punctuation);
            ++i;
        }
    }
}

} // namespace hookscope::ui
