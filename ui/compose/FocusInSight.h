#pragma once

#include <QObject>

class QScrollArea;

namespace hookscope::ui {

// Keeps the field being typed in visible when its scroll area's view shrinks under it, as when
// a form's problem line appears above the fields. Owned by, and watching, the scroll area.
class FocusInSight final : public QObject
{
    Q_OBJECT

public:
    explicit FocusInSight(QScrollArea *scroll);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QScrollArea *m_scroll;
};

} // namespace hookscope::ui
