#pragma once

#include <QList>

class QBoxLayout;
class QWidget;

namespace hookscope::ui {

// Widgets left to right, in order, on as many rows of a vertical layout as a width needs: a
// narrow window gets a second or third row rather than controls cut off or overlapping.
class FlowRows final
{
public:
    // Rows go into `rows` (vertical); `spacing` between widgets on a row.
    FlowRows(QBoxLayout *rows, int spacing);

    // A stretching widget takes the room left on its row and counts at its minimum width.
    void addWidget(QWidget *widget, bool stretch = false);
    // Lays the widgets out for `width` (the rows' whole width); false when nothing moved.
    bool arrange(int width);
    // How many rows the widgets take at `width`, as arrange() would lay them out.
    int rowCount(int width) const;
    // The least width at which every widget is whole: the widest of them, plus margins.
    int minimumWidth() const;

private:
    int widthOf(qsizetype index) const;
    QList<int> rowsFor(int width) const; // the row of each widget at `width`

    QBoxLayout *m_rows = nullptr;
    int m_spacing = 0;
    QList<QWidget *> m_widgets;
    QList<bool> m_stretch;
    QList<int> m_rowOf; // row of each widget as last arranged
};

} // namespace hookscope::ui
