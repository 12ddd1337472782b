#include "CutTextDelegate.h"

#include "PlainToolTip.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QToolTip>

namespace hookscope::ui {

bool CutTextDelegate::isCut(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem cell = option;
    initStyleOption(&cell, index);
    if (cell.text.isEmpty())
        return false;
    const QWidget *widget = cell.widget;
    const QStyle *style = widget ? widget->style() : QApplication::style();
    // The room QCommonStyle leaves the text: its sub-rectangle less a focus margin each side.
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const int room
        = style->subElementRect(QStyle::SE_ItemViewItemText, &cell, widget).width() - 2 * margin;
    return cell.fontMetrics.horizontalAdvance(cell.text) > room;
}

bool CutTextDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (!event || event->type() != QEvent::ToolTip || !view || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const QString tip = index.data(Qt::ToolTipRole).toString();
    if (tip.isEmpty() || (tip == index.data(Qt::DisplayRole).toString() && !isCut(option, index))) {
        QToolTip::hideText();
        event->ignore();
        return false;
    }
    QToolTip::showText(event->globalPos(), plainToolTip(tip), view, option.rect);
    return true;
}

} // namespace hookscope::ui
