#pragma once

#include <QWidget>

class QSplitter;
class QStackedWidget;
class QTabWidget;

namespace hookscope::ui {

// The Compose page's three panes: templates and history, the request, the response. Side by
// side when each has room; narrower, the request and the response become two tabs beside the
// sidebar, each with the whole height; narrower still, the sidebar becomes a third tab. Never
// wider than the widest pane, so in a scroll area it scrolls down, not off to the right.
class ComposePanes final : public QWidget
{
    Q_OBJECT

public:
    enum class Arrangement { SideBySide, Tabbed, AllStacked };

    ComposePanes(QWidget *sidebar, QWidget *request, QWidget *response, QWidget *parent = nullptr);

    Arrangement arrangement() const { return m_arrangement; }
    // The least widths at which the panes go side by side, and the tabs beside the sidebar.
    int sideBySideWidth() const;
    int tabbedWidth() const;
    // Brings the request or the response into sight when it is a tab.
    void showRequest();
    void showResponse();

    // As narrow as the widest pane, so a scroll area never holds it wider than its view (which
    // would keep the panes side by side, cut off at the right).
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    int minimumWidthOf(int pane) const;
    void arrange(Arrangement arrangement);

    QWidget *m_panes[3] = {};
    QSplitter *m_outer = nullptr; // the sidebar (unless a tab), then m_work
    QStackedWidget *m_work = nullptr; // m_split or m_tabs
    QSplitter *m_split = nullptr; // the request and the response side by side
    QTabWidget *m_tabs = nullptr; // the request and the response (and the sidebar) as tabs
    Arrangement m_arrangement = Arrangement::SideBySide;
};

} // namespace hookscope::ui
