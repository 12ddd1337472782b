#include "RawTextView.h"

#include "JsonHighlighter.h"

#include <QFontDatabase>

#include <algorithm>

namespace hookscope::ui {

namespace {

// Text positions count UTF-16 units, and the document keeps CR LF as one line break: the text
// length of `bytes` as the document holds them.
qsizetype textLength(QByteArrayView bytes)
{
    qsizetype crlf = 0;
    for (qsizetype at = bytes.indexOf("\r\n"); at >= 0; at = bytes.indexOf("\r\n", at + 2))
        ++crlf;
    return QString::fromUtf8(bytes).size() - crlf;
}

// The invalid badge's red: white text on it reads in light and dark palettes alike.
const QColor kErrorColor(0xc6, 0x28, 0x28);

} // namespace

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
    m_valueMark = {};
    m_errorOffset = -1;
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

void RawTextView::markError(qsizetype offset)
{
    m_errorOffset = offset;
    showSelections();
}

void RawTextView::revealError()
{
    const QList<QTextEdit::ExtraSelection> error = errorSelections();
    if (error.isEmpty())
        return;
    QTextCursor cursor = textCursor();
    cursor.setPosition(error.constLast().cursor.selectionStart());
    setTextCursor(cursor);
    centerCursor();
}

QList<QTextEdit::ExtraSelection> RawTextView::errorSelections() const
{
    const int last = document()->characterCount() - 1; // the end of the text
    if (m_errorOffset < 0 || m_errorOffset > std::min(m_body.size(), kMaxShownBytes) || last < 1)
        return {};
    const int at = int(
        std::min<qsizetype>(textLength(QByteArrayView(m_body).first(m_errorOffset)), last - 1));
    QTextEdit::ExtraSelection line;
    line.cursor = QTextCursor(document());
    line.cursor.setPosition(at);
    line.format.setProperty(QTextFormat::FullWidthSelection, true);
    QColor tint = kErrorColor;
    tint.setAlphaF(0.2);
    line.format.setBackground(tint);
    QTextEdit::ExtraSelection character;
    character.cursor = QTextCursor(document());
    character.cursor.setPosition(at);
    character.cursor.setPosition(at + 1, QTextCursor::KeepAnchor);
    character.format.setBackground(kErrorColor);
    character.format.setForeground(Qt::white);
    return {line, character};
}

void RawTextView::showSelections()
{
    QList<QTextEdit::ExtraSelection> selections = errorSelections();
    if (!m_valueMark.isNull()) {
        QTextEdit::ExtraSelection mark;
        mark.cursor = m_valueMark;
        mark.format.setBackground(palette().color(QPalette::Highlight));
        mark.format.setForeground(palette().color(QPalette::HighlightedText));
        selections << mark;
    }
    setExtraSelections(selections);
}

int RawTextView::applyMark()
{
    m_valueMark = {};
    const qsizetype shown = std::min(m_body.size(), kMaxShownBytes);
    if (m_markLength == 0 || m_markOffset >= shown) {
        showSelections();
        return -1;
    }
    // Decode the bytes before the value and the value itself. A value starts at an ASCII byte
    // (quote, digit, brace), so the prefix never ends inside a UTF-8 sequence.
    const QByteArrayView bytes(m_body);
    const qsizetype start = textLength(bytes.first(m_markOffset));
    const qsizetype end = start
        + textLength(bytes.sliced(m_markOffset,
                                  std::min(m_markOffset + m_markLength, shown) - m_markOffset));
    const int last = document()->characterCount() - 1;
    m_valueMark = QTextCursor(document());
    m_valueMark.setPosition(int(std::min<qsizetype>(start, last)));
    m_valueMark.setPosition(int(std::min<qsizetype>(end, last)), QTextCursor::KeepAnchor);
    showSelections();
    return m_valueMark.anchor();
}

void RawTextView::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        if (m_highlighter)
            m_highlighter->setPalette(palette());
        showSelections();
    }
}

} // namespace hookscope::ui
