#include "RawTextView.h"

#include "JsonHighlighter.h"

#include <QFontDatabase>

#include <algorithm>

namespace hookscope::ui {

RawTextView::RawTextView(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
}

void RawTextView::setBody(const QByteArray &body, bool highlightJson)
{
    m_body = body;
    m_markOffset = 0;
    m_markLength = 0;
    setExtraSelections({});
    m_truncated = body.size() > kMaxShownBytes;
    // Highlighting is attached before the text is set, so the document is laid out once.
    if (highlightJson && !m_highlighter)
        m_highlighter = new JsonHighlighter(document());
    else if (!highlightJson && m_highlighter) {
        delete m_highlighter;
        m_highlighter = nullptr;
    }
    const QByteArrayView shown = QByteArrayView(body).first(std::min(body.size(), kMaxShownBytes));
    setPlainText(QString::fromUtf8(shown));
}

void RawTextView::markBytes(qsizetype offset, qsizetype length)
{
    m_markOffset = std::clamp<qsizetype>(offset, 0, m_body.size());
    m_markLength = std::clamp<qsizetype>(length, 0, m_body.size() - m_markOffset);
    const int start = applyMark();
    if (start < 0)
        return;
    // The text cursor goes to the value's start, so the view scrolls there and the keyboard
    // selects on from it.
    QTextCursor cursor = textCursor();
    cursor.setPosition(start);
    setTextCursor(cursor);
    centerCursor();
}

QString RawTextView::markedText() const
{
    const QList<QTextEdit::ExtraSelection> marks = extraSelections();
    return marks.isEmpty() ? QString() : marks.first().cursor.selectedText();
}

int RawTextView::applyMark()
{
    const qsizetype shown = std::min(m_body.size(), kMaxShownBytes);
    if (m_markLength == 0 || m_markOffset >= shown) {
        setExtraSelections({});
        return -1;
    }
    // Text positions count UTF-16 units, and the document keeps CR LF as one line break: decode
    // the bytes before the value and the value itself. A value starts at an ASCII byte (quote,
    // digit, brace), so the prefix never ends inside a UTF-8 sequence.
    const auto textLength = [](QByteArrayView bytes) {
        qsizetype crlf = 0;
        for (qsizetype at = bytes.indexOf("\r\n"); at >= 0; at = bytes.indexOf("\r\n", at + 2))
            ++crlf;
        return QString::fromUtf8(bytes).size() - crlf;
    };
    const QByteArrayView bytes(m_body);
    const qsizetype start = textLength(bytes.first(m_markOffset));
    const qsizetype end = start
        + textLength(bytes.sliced(m_markOffset,
                                  std::min(m_markOffset + m_markLength, shown) - m_markOffset));
    const int last = document()->characterCount() - 1;
    QTextEdit::ExtraSelection mark;
    mark.cursor = QTextCursor(document());
    mark.cursor.setPosition(int(std::min<qsizetype>(start, last)));
    mark.cursor.setPosition(int(std::min<qsizetype>(end, last)), QTextCursor::KeepAnchor);
    mark.format.setBackground(palette().color(QPalette::Highlight));
    mark.format.setForeground(palette().color(QPalette::HighlightedText));
    setExtraSelections({mark});
    return mark.cursor.anchor();
}

void RawTextView::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        if (m_highlighter)
            m_highlighter->setPalette(palette());
        applyMark();
    }
}

} // namespace hookscope::ui
