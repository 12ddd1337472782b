#include "compose/FocusInSight.h"

#include <QResizeEvent>
#include <QScrollArea>
#include <QTimer>

namespace hookscope::ui {

FocusInSight::FocusInSight(QScrollArea *scroll)
    : QObject(scroll)
    , m_scroll(scroll)
{
    scroll->viewport()->installEventFilter(this);
}

bool FocusInSight::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize) {
        const auto *resize = static_cast<QResizeEvent *>(event);
        QWidget *typing = m_scroll->window()->focusWidget();
        // Scrolled once the scroll area has taken the new size in: its scroll bar's range grows
        // only after the view's resize event, and would clamp a scroll made now.
        if (resize->size().height() < resize->oldSize().height() && typing && m_scroll->widget()
            && m_scroll->widget()->isAncestorOf(typing)) {
            QTimer::singleShot(0, typing, [scroll = m_scroll, typing] {
                scroll->ensureWidgetVisible(typing, 0, 0);
            });
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace hookscope::ui
