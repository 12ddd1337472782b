#pragma once

#include <QStyledItemDelegate>

namespace hookscope::ui {

// Paints a signature verdict as a coloured, rounded badge with its text, so the list can be
// scanned by colour and still read without it.
class VerdictBadgeDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace hookscope::ui
