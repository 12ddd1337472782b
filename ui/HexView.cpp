#include "HexView.h"

#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>

namespace hookscope::ui {

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
    verticalScrollBar()->setValue(0);
    updateScrollBars();
    viewport()->update();
}

qsizetype HexView::lineCount() const
{
    return (m_data.size() + kBytesPerLine - 1) / kBytesPerLine;
}

int HexView::lineHeight() const
{
    return fontMetrics().height();
}

QString HexView::lineText(qsizetype line) const
{
    const qsizetype start = line * kBytesPerLine;
    if (line < 0 || start >= m_data.size())
        return {};
    const qsizetype count = std::min<qsizetype>(kBytesPerLine, m_data.size() - start);
    static constexpr char kHex[] = "0123456789abcdef";
    QString text = QStringLiteral("%1  ").arg(quint64(start), 8, 16, QLatin1Char('0'));
    QString ascii;
    for (qsizetype i = 0; i < kBytesPerLine; ++i) {
        if (i == kBytesPerLine / 2)
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

void HexView::updateScrollBars()
{
    const int visible = std::max(1, viewport()->height() / std::max(1, lineHeight()));
    const qsizetype maximum = std::max<qsizetype>(0, lineCount() - visible);
    verticalScrollBar()->setRange(0, int(std::min<qsizetype>(maximum, INT_MAX)));
    verticalScrollBar()->setPageStep(visible);
    verticalScrollBar()->setSingleStep(1);
    const int width
        = fontMetrics().horizontalAdvance(lineText(0).isEmpty() ? QString(78, u'0') : lineText(0))
        + 2 * fontMetrics().averageCharWidth();
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
    const int offsetWidth = fontMetrics().horizontalAdvance(QStringLiteral("00000000  "));
    const int x = margin - horizontalScrollBar()->value();
    for (qsizetype i = 0; i < visible && first + i < lineCount(); ++i) {
        const QString text = lineText(first + i);
        const int baseline = int(i) * height + fontMetrics().ascent();
        painter.setPen(offsetColour);
        painter.drawText(x, baseline, text.left(10));
        painter.setPen(textColour);
        painter.drawText(x + offsetWidth, baseline, text.mid(10));
    }
    if (m_data.isEmpty()) {
        painter.setPen(offsetColour);
        painter.drawText(viewport()->rect(), Qt::AlignCenter, tr("No body"));
    }
}

void HexView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void HexView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateScrollBars();
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
