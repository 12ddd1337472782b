#include "VerdictBadgeDelegate.h"

#include "RequestListModel.h"
#include "VerdictStyle.h"

#include <QApplication>
#include <QPainter>

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

    const QString verdict = index.data(RequestListModel::VerdictRole).toString();
    const QString text = index.data(Qt::DisplayRole).toString();
    const QFontMetrics metrics(option.font);
    const int width = metrics.horizontalAdvance(text) + 14;
    const int height = std::min(option.rect.height() - 4, metrics.height() + 4);
    const QRect badge(option.rect.left() + 4, option.rect.center().y() - height / 2 + 1,
                      std::min(width, option.rect.width() - 8), height);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(verdictColor(verdict));
    painter->drawRoundedRect(badge, height / 2.0, height / 2.0);
    painter->setPen(Qt::white);
    painter->drawText(badge, Qt::AlignCenter,
                      metrics.elidedText(text, Qt::ElideRight, badge.width()));
    painter->restore();
}

QSize VerdictBadgeDelegate::sizeHint(const QStyleOptionViewItem &option,
                                     const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(QFontMetrics(option.font).horizontalAdvance(index.data().toString()) + 24);
    return size;
}

} // namespace hookscope::ui
