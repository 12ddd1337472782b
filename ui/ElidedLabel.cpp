#include "ElidedLabel.h"

#include "PlainToolTip.h"

#include <QPainter>
#include <QStyle>

namespace hookscope::ui {

ElidedLabel::ElidedLabel(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(false);
}

void ElidedLabel::setFullText(const QString &text)
{
    setText(text);
    setToolTip(plainToolTip(text)); // the text is plain; a tooltip would render its markup
}

bool ElidedLabel::isElided() const
{
    return fontMetrics().horizontalAdvance(text()) > contentsRect().width();
}

QSize ElidedLabel::minimumSizeHint() const
{
    // A few characters and the ellipsis: enough to see that there is a message to hover.
    const QSize whole = QLabel::minimumSizeHint();
    return {std::min(whole.width(), fontMetrics().horizontalAdvance(u"Xxxxxx…"_qs)),
            whole.height()};
}

void ElidedLabel::paintEvent(QPaintEvent *event)
{
    if (!isElided()) {
        QLabel::paintEvent(event);
        return;
    }
    QPainter painter(this);
    const QRect room = contentsRect();
    const QString shown
        = fontMetrics().elidedText(text(), Qt::ElideRight, room.width(), Qt::TextSingleLine);
    style()->drawItemText(&painter, room, int(alignment()) | Qt::TextSingleLine, palette(),
                          isEnabled(), shown, foregroundRole());
}

} // namespace hookscope::ui
