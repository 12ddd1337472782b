#pragma once

#include <QStyledItemDelegate>

namespace hookscope::ui {

// Draws cells as QStyledItemDelegate does. A tooltip that only repeats the cell's text shows
// only where the cell cuts that text with "…" (one that says what can be read anyway is noise);
// a tooltip that says more (a full date, a verdict's reason) shows as always. Tooltips are
// shown as plain text: a request's path or event is the sender's, never markup to render.
class CutTextDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // Whether the cell at index, drawn in option's rectangle, ends its text in "…".
    bool isCut(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;
};

} // namespace hookscope::ui
