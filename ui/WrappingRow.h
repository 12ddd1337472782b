#pragma once

#include <QWidget>

#include <memory>

namespace hookscope::ui {

class FlowRows;

// Controls left to right that go onto a second or third row when the width needs it (see
// FlowRows): a form row whose controls would otherwise set the window's least width.
class WrappingRow final : public QWidget
{
    Q_OBJECT

public:
    explicit WrappingRow(QWidget *parent = nullptr);
    ~WrappingRow() override;

    // A stretching widget takes the room left on its row.
    void addWidget(QWidget *widget, bool stretch = false);
    // How many rows the controls take now.
    int rowCount() const;

    // As narrow as the widest control, whatever rows the controls are on now.
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    std::unique_ptr<FlowRows> m_flow;
};

// Widgets side by side with no margins, to move as one in a WrappingRow (a label and its field).
QWidget *keptTogether(const QList<QWidget *> &widgets, QWidget *parent);

} // namespace hookscope::ui
