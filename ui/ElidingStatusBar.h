#pragma once

#include <QStatusBar>

namespace hookscope::ui {

class ElidedLabel;

// A status bar whose messages (showMessage) take only the room its permanent widgets leave,
// ending in "…" with the whole message in a tooltip. QStatusBar paints them itself, cut off
// mid-word at the first permanent widget, or over the widgets when those are squeezed.
class ElidingStatusBar final : public QStatusBar
{
    Q_OBJECT

public:
    explicit ElidingStatusBar(QWidget *parent = nullptr);

    // The label that shows the current message; hidden when there is none.
    ElidedLabel *messageLabel() const { return m_message; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void showCurrentMessage(const QString &message);

    ElidedLabel *m_message = nullptr;
};

} // namespace hookscope::ui
