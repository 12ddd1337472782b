#include "RawTextView.h"

#include "JsonHighlighter.h"

#include <QFontDatabase>

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

void RawTextView::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_highlighter)
        m_highlighter->setPalette(palette());
}

} // namespace hookscope::ui
