#include "VerdictBadgeDelegate.h"

#include "PlainToolTip.h"
#include "RequestListModel.h"
#include "VerdictStyle.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

namespace hookscope::ui {

void VerdictBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const StoredVerdict verdict {index.data(RequestListModel::SchemeRole).toString(),
                                 index.data(RequestListModel::VerdictRole).toString(),
                                 {}};
    const QString text = index.data(Qt::DisplayRole).toString();
    const QFontMetrics metrics(option.font);
    const int width = metrics.horizontalAdvance(text) + 14;
    const int height = std::min(option.rect.height() - 4, metrics.height() + 4);
    const QRect badge(option.rect.left() + 4, option.rect.center().y() - height / 2 + 1,
                      std::min(width, option.rect.width() - 8), height);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (isUnsigned(verdict))
        paintOutlined(painter, option, badge);
    else
        paintFilled(painter, verdictColor(verdict.verdict), badge);
    painter->drawText(badge, Qt::AlignCenter,
                      metrics.elidedText(text, Qt::ElideRight, badge.width()));
    painter->restore();
}

void VerdictBadgeDelegate::paintFilled(QPainter *painter, const QColor &fill, const QRect &badge)
{
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(badge, badge.height() / 2.0, badge.height() / 2.0);
    painter->setPen(Qt::white);
}

void VerdictBadgeDelegate::paintOutlined(QPainter *painter, const QStyleOptionViewItem &option,
                                         const QRect &badge)
{
    // Nothing was signed, so nothing is filled in: an outline in the row's own text colour,
    // which reads on any palette and on the selection.
    const QColor text = option.palette.color(
        option.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text);
    QColor outline = text;
    outline.setAlphaF(0.6);
    painter->setPen(QPen(outline, 1.5, Qt::DashLine));
    painter->setBrush(Qt::NoBrush);
    const QRectF inside = QRectF(badge).adjusted(0.75, 0.75, -0.75, -0.75);
    painter->drawRoundedRect(inside, inside.height() / 2.0, inside.height() / 2.0);
    painter->setPen(text);
}

QSize VerdictBadgeDelegate::sizeHint(const QStyleOptionViewItem &option,
                                     const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(QFontMetrics(option.font).horizontalAdvance(index.data().toString()) + 24);
    return size;
}

bool VerdictBadgeDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                     const QStyleOptionViewItem &option, const QModelIndex &index)
{
    const QString tip = index.data(Qt::ToolTipRole).toString();
    if (!event || event->type() != QEvent::ToolTip || !view || tip.isEmpty())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    QToolTip::showText(event->globalPos(), plainToolTip(tip), view, option.rect);
    return true;
}

} // namespace hookscope::ui
