#include "ElidingStatusBar.h"

#include "ElidedLabel.h"

#include <QPaintEvent>
#include <QPainter>
#include <QSizeGrip>
#include <QStyleOption>

namespace hookscope::ui {

ElidingStatusBar::ElidingStatusBar(QWidget *parent)
    : QStatusBar(parent)
{
    // As QMainWindow::statusBar() makes its own: the bar never sets the window's least width.
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_message = new ElidedLabel;
    m_message->setObjectName(QStringLiteral("statusMessageLabel"));
    m_message->hide();
    // Permanent, so that QStatusBar does not hide it while a message shows; added first, so it
    // sits left of the permanent widgets added after it, and takes the room they leave.
    addPermanentWidget(m_message, 1);
    connect(this, &QStatusBar::messageChanged, this, &ElidingStatusBar::showCurrentMessage);
}

void ElidingStatusBar::showCurrentMessage(const QString &message)
{
    m_message->setFullText(message);
    m_message->setVisible(!message.isEmpty());
}

void ElidingStatusBar::paintEvent(QPaintEvent *event)
{
    // As QStatusBar paints, less the message: the panel, and a frame around each item shown.
    QPainter painter(this);
    QStyleOption panel;
    panel.initFrom(this);
    style()->drawPrimitive(QStyle::PE_PanelStatusBar, &panel, &painter, this);
    for (QWidget *item : findChildren<QWidget *>(Qt::FindDirectChildrenOnly)) {
        if (!item->isVisible() || qobject_cast<QSizeGrip *>(item))
            continue;
        QStyleOption frame;
        frame.rect = item->geometry().adjusted(-2, -1, 2, 1);
        if (!event->rect().intersects(frame.rect))
            continue;
        frame.palette = palette();
        frame.state = QStyle::State_None;
        style()->drawPrimitive(QStyle::PE_FrameStatusBarItem, &frame, &painter, item);
    }
}

} // namespace hookscope::ui
