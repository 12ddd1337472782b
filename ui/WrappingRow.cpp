#include "WrappingRow.h"

#include "FlowRows.h"

#include <QHBoxLayout>
#include <QVBoxLayout>

namespace hookscope::ui {

WrappingRow::WrappingRow(QWidget *parent)
    : QWidget(parent)
{
    auto *rows = new QVBoxLayout(this);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(4);
    m_flow = std::make_unique<FlowRows>(rows, 8);
}

WrappingRow::~WrappingRow() = default;

void WrappingRow::addWidget(QWidget *widget, bool stretch)
{
    widget->setParent(this);
    m_flow->addWidget(widget, stretch);
    m_flow->arrange(width() > 0 && isVisible() ? width() : QWIDGETSIZE_MAX);
}

int WrappingRow::rowCount() const
{
    return m_flow->rowCount(width());
}

QSize WrappingRow::minimumSizeHint() const
{
    return {m_flow->minimumWidth(), QWidget::minimumSizeHint().height()};
}

void WrappingRow::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // The new rows change the height the row needs: its parent lays out again.
    if (m_flow->arrange(width()))
        updateGeometry();
}

QWidget *keptTogether(const QList<QWidget *> &widgets, QWidget *parent)
{
    auto *group = new QWidget(parent);
    auto *layout = new QHBoxLayout(group);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget *widget : widgets)
        layout->addWidget(widget);
    return group;
}

} // namespace hookscope::ui
