#pragma once

#include <QStyledItemDelegate>

namespace hookscope::ui {

// Paints a signature verdict as a coloured, rounded badge with its text, so the list can be
// scanned by colour and still read without it. An unsigned request gets an empty outline, not
// the grey fill of a signed one that could not be checked.
class VerdictBadgeDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    // The verdict's reason as plain text: it may quote a sender's signature header.
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

private:
    // Each draws the badge and leaves the pen set for its text.
    static void paintFilled(QPainter *painter, const QColor &fill, const QRect &badge);
    static void paintOutlined(QPainter *painter, const QStyleOptionViewItem &option,
                              const QRect &badge);
};

} // namespace hookscope::ui
