#include "FlowRows.h"

#include <QBoxLayout>
#include <QWidget>

namespace hookscope::ui {

FlowRows::FlowRows(QBoxLayout *rows, int spacing)
    : m_rows(rows)
    , m_spacing(spacing)
{ }

void FlowRows::addWidget(QWidget *widget, bool stretch)
{
    m_widgets << widget;
    m_stretch << stretch;
    m_rowOf.clear(); // arrange anew
}

int FlowRows::widthOf(qsizetype index) const
{
    const QWidget *widget = m_widgets[index];
    // As a layout sizes it: an explicit minimum wins over the hints.
    const QSize wanted = m_stretch[index] ? widget->minimumSizeHint() : widget->sizeHint();
    return wanted.expandedTo(widget->minimumSize()).width();
}

int FlowRows::minimumWidth() const
{
    int widest = 0;
    for (const QWidget *widget : m_widgets)
        widest
            = std::max(widest, widget->minimumSizeHint().expandedTo(widget->minimumSize()).width());
    const QMargins margins = m_rows->contentsMargins();
    return widest + margins.left() + margins.right();
}

QList<int> FlowRows::rowsFor(int width) const
{
    const QMargins margins = m_rows->contentsMargins();
    const int room = width - margins.left() - margins.right();
    QList<int> rowOf;
    int row = 0;
    int used = 0;
    for (qsizetype i = 0; i < m_widgets.size(); ++i) {
        const int needed = widthOf(i);
        if (used > 0 && used + m_spacing + needed > room) {
            ++row;
            used = 0;
        }
        used += (used > 0 ? m_spacing : 0) + needed;
        rowOf << row;
    }
    return rowOf;
}

int FlowRows::rowCount(int width) const
{
    const QList<int> rowOf = rowsFor(width);
    return rowOf.isEmpty() ? 0 : rowOf.last() + 1;
}

bool FlowRows::arrange(int width)
{
    const QList<int> rowOf = rowsFor(width);
    if (rowOf == m_rowOf)
        return false;
    m_rowOf = rowOf;
    while (QLayoutItem *item = m_rows->takeAt(0))
        delete item; // the row layouts; the widgets stay children of their parent
    QHBoxLayout *line = nullptr;
    bool lineStretches = false;
    for (qsizetype i = 0; i < m_widgets.size(); ++i) {
        if (i == 0 || rowOf[i] != rowOf[i - 1]) {
            if (line && !lineStretches)
                line->addStretch(1); // a row without a stretching widget keeps to the left
            line = new QHBoxLayout;
            line->setSpacing(m_spacing);
            m_rows->addLayout(line);
            lineStretches = false;
        }
        line->addWidget(m_widgets[i], m_stretch[i] ? 1 : 0);
        lineStretches |= m_stretch[i];
    }
    if (line && !lineStretches)
        line->addStretch(1);
    return true;
}

} // namespace hookscope::ui
