#include "HexView.h"

#include "VerdictStyle.h"
#include "signing/SigningTypes.h"

#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QtMath>

namespace hookscope::ui {

namespace {

// The raw text's error red (the invalid badge's), so both views mark the error alike.
QColor errorColor()
{
    return verdictColor(signing::verdicts::invalid);
}

} // namespace

// Columns after the offset: byte i's hex at 3i (+1 past the middle gap), its character after
// the last byte's hex (from 51 on a 16-byte line).
qreal HexView::hexColumn(qsizetype i) const
{
    return qreal(3 * i + (i >= m_bytesPerLine / 2 ? 1 : 0));
}

qreal HexView::asciiColumn(qsizetype i) const
{
    return hexColumn(m_bytesPerLine - 1) + 3 + 2 + qreal(i);
}

HexView::HexView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("hexView"));
    setAccessibleName(tr("Body bytes in hexadecimal"));
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
}

void HexView::setData(const QByteArray &data)
{
    m_data = data;
    m_highlightOffset = 0;
    m_highlightLength = 0;
    m_errorOffset = -1;
    verticalScrollBar()->setValue(0);
    fitLineToWidth();
    updateScrollBars();
    viewport()->update();
}

void HexView::setHighlight(qsizetype offset, qsizetype length)
{
    m_highlightOffset = std::clamp<qsizetype>(offset, 0, m_data.size());
    m_highlightLength = std::clamp<qsizetype>(length, 0, m_data.size() - m_highlightOffset);
    viewport()->update();
}

void HexView::markError(qsizetype offset)
{
    m_errorOffset = offset < 0 || m_data.isEmpty() ? -1 : std::min(offset, m_data.size() - 1);
    viewport()->update();
}

qsizetype HexView::firstVisibleLine() const
{
    return verticalScrollBar()->value();
}

qsizetype HexView::visibleLineCount() const
{
    return std::max(1, viewport()->height() / std::max(1, lineHeight()));
}

void HexView::scrollToOffset(qsizetype offset)
{
    const qsizetype line = offset / m_bytesPerLine;
    const qsizetype first = firstVisibleLine();
    const qsizetype visible = visibleLineCount();
    if (line < first || line >= first + visible)
        verticalScrollBar()->setValue(int(std::max<qsizetype>(0, line - visible / 3)));
}

void HexView::paintHighlight(QPainter &painter, qsizetype line, int top, int x, int offsetWidth)
{
    const qsizetype lineStart = line * m_bytesPerLine;
    const qsizetype from = std::max(m_highlightOffset, lineStart);
    const qsizetype to
        = std::min(m_highlightOffset + m_highlightLength, lineStart + m_bytesPerLine);
    if (from >= to)
        return;
    QColor fill = palette().color(QPalette::Highlight);
    fill.setAlpha(90);
    // Glyph advances are fractional; rounding them would drift along the line.
    const qreal charWidth = QFontMetricsF(font()).horizontalAdvance(QLatin1Char('0'));
    const int height = lineHeight();
    const qsizetype first = from - lineStart;
    const qsizetype last = to - lineStart - 1;
    const qreal left = x + offsetWidth;
    const qreal hexLeft = left + hexColumn(first) * charWidth;
    const qreal hexRight = left + (hexColumn(last) + 2) * charWidth;
    painter.fillRect(QRectF(hexLeft, top, hexRight - hexLeft, height), fill);
    painter.fillRect(QRectF(left + asciiColumn(first) * charWidth, top,
                            qreal(last - first + 1) * charWidth, height),
                     fill);
}

void HexView::paintErrorByte(QPainter &painter, qsizetype line, int top, int x, int offsetWidth)
{
    const qsizetype column = m_errorOffset - line * m_bytesPerLine;
    if (m_errorOffset < 0 || column < 0 || column >= m_bytesPerLine)
        return;
    const QString text = lineText(line).mid(10);
    const qreal charWidth = QFontMetricsF(font()).horizontalAdvance(QLatin1Char('0'));
    const qreal left = x + offsetWidth;
    const int baseline = top + fontMetrics().ascent();
    painter.setPen(Qt::white);
    for (const auto &[at, width] : {std::pair {hexColumn(column), 2}, {asciiColumn(column), 1}}) {
        painter.fillRect(QRectF(left + at * charWidth, top, width * charWidth, lineHeight()),
                         errorColor());
        painter.drawText(QPointF(left + at * charWidth, baseline), text.mid(int(at), width));
    }
}

qsizetype HexView::lineCount() const
{
    return (m_data.size() + m_bytesPerLine - 1) / m_bytesPerLine;
}

int HexView::lineHeight() const
{
    return fontMetrics().height();
}

QString HexView::lineText(qsizetype line) const
{
    const qsizetype start = line * m_bytesPerLine;
    if (line < 0 || start >= m_data.size())
        return {};
    const qsizetype count = std::min<qsizetype>(m_bytesPerLine, m_data.size() - start);
    static constexpr char kHex[] = "0123456789abcdef";
    QString text = QStringLiteral("%1  ").arg(quint64(start), 8, 16, QLatin1Char('0'));
    QString ascii;
    for (qsizetype i = 0; i < m_bytesPerLine; ++i) {
        if (i == m_bytesPerLine / 2)
            text += u' ';
        if (i < count) {
            const auto byte = static_cast<unsigned char>(m_data[start + i]);
            text += QLatin1Char(kHex[byte >> 4]);
            text += QLatin1Char(kHex[byte & 0xf]);
            text += u' ';
            ascii += (byte >= 0x20 && byte < 0x7f) ? QLatin1Char(char(byte)) : QLatin1Char('.');
        } else {
            text += QStringLiteral("   ");
        }
    }
    return text + u' ' + u'|' + ascii + u'|';
}

int HexView::lineWidth(int bytes) const
{
    // "00000000  " + 3 a byte + the middle gap + " |" + a character a byte + "|", and a margin
    // each side.
    const int characters = 10 + 3 * bytes + 1 + 2 + bytes + 1 + 2;
    return qCeil(QFontMetricsF(font()).horizontalAdvance(QLatin1Char('0')) * characters);
}

void HexView::fitLineToWidth()
{
    const int bytes = lineWidth(kWideLine) <= viewport()->width() ? kWideLine : kNarrowLine;
    if (bytes == m_bytesPerLine)
        return;
    const qsizetype topOffset = firstVisibleLine() * m_bytesPerLine;
    m_bytesPerLine = bytes;
    updateScrollBars();
    verticalScrollBar()->setValue(int(std::min<qsizetype>(topOffset / bytes, INT_MAX)));
}

void HexView::updateScrollBars()
{
    const int visible = std::max(1, viewport()->height() / std::max(1, lineHeight()));
    const qsizetype maximum = std::max<qsizetype>(0, lineCount() - visible);
    verticalScrollBar()->setRange(0, int(std::min<qsizetype>(maximum, INT_MAX)));
    verticalScrollBar()->setPageStep(visible);
    verticalScrollBar()->setSingleStep(1);
    const int width = lineWidth(m_bytesPerLine);
    horizontalScrollBar()->setRange(0, std::max(0, width - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
}

void HexView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    const int height = lineHeight();
    const int margin = fontMetrics().averageCharWidth();
    const qsizetype first = verticalScrollBar()->value();
    const qsizetype visible = viewport()->height() / std::max(1, height) + 1;
    const QColor offsetColour = palette().color(QPalette::PlaceholderText);
    const QColor textColour = palette().color(QPalette::Text);
    QColor errorTint = errorColor();
    errorTint.setAlphaF(0.2f);
    const int offsetWidth
        = qRound(QFontMetricsF(font()).horizontalAdvance(QStringLiteral("00000000  ")));
    const int x = margin - horizontalScrollBar()->value();
    for (qsizetype i = 0; i < visible && first + i < lineCount(); ++i) {
        const QString text = lineText(first + i);
        const int baseline = int(i) * height + fontMetrics().ascent();
        const bool errorLine = m_errorOffset >= 0 && m_errorOffset / m_bytesPerLine == first + i;
        if (errorLine) // the line across the view, as the text view tints it
            painter.fillRect(QRect(0, int(i) * height, viewport()->width(), height), errorTint);
        if (m_highlightLength > 0)
            paintHighlight(painter, first + i, int(i) * height, x, offsetWidth);
        painter.setPen(offsetColour);
        painter.drawText(x, baseline, text.left(10));
        painter.setPen(textColour);
        painter.drawText(x + offsetWidth, baseline, text.mid(10));
        if (errorLine)
            paintErrorByte(painter, first + i, int(i) * height, x, offsetWidth);
    }
    if (m_data.isEmpty()) {
        painter.setPen(offsetColour);
        painter.drawText(viewport()->rect(), Qt::AlignCenter, tr("No body"));
    }
}

void HexView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    fitLineToWidth();
    updateScrollBars();
}

void HexView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        fitLineToWidth();
        updateScrollBars();
    }
}

void HexView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Home && event->modifiers() & Qt::ControlModifier) {
        verticalScrollBar()->setValue(0);
        return;
    }
    if (event->key() == Qt::Key_End && event->modifiers() & Qt::ControlModifier) {
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
        return;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

} // namespace hookscope::ui
