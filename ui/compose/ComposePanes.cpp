#include "compose/ComposePanes.h"

#include <QResizeEvent>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace hookscope::ui {

namespace {

enum Pane { Sidebar, Request, Response };

} // namespace

ComposePanes::ComposePanes(QWidget *sidebar, QWidget *request, QWidget *response, QWidget *parent)
    : QWidget(parent)
    , m_panes {sidebar, request, response}
{
    setObjectName(QStringLiteral("composePanes"));
    m_outer = new QSplitter(Qt::Horizontal, this);
    m_outer->setObjectName(QStringLiteral("composeSplitter"));
    m_outer->setChildrenCollapsible(false);
    m_work = new QStackedWidget(m_outer);
    m_split = new QSplitter(Qt::Horizontal, m_work);
    m_split->setObjectName(QStringLiteral("composeWorkSplitter"));
    m_split->setChildrenCollapsible(false);
    m_tabs = new QTabWidget(m_work);
    m_tabs->setObjectName(QStringLiteral("composeWorkTabWidget"));
    m_tabs->setAccessibleName(tr("Request or response"));
    m_tabs->setDocumentMode(true);
    m_work->addWidget(m_split);
    m_work->addWidget(m_tabs);
    m_outer->addWidget(sidebar);
    m_outer->addWidget(m_work);
    m_split->addWidget(request);
    m_split->addWidget(response);
    m_outer->setStretchFactor(0, 2);
    m_outer->setStretchFactor(1, 9);
    m_split->setStretchFactor(0, 5);
    m_split->setStretchFactor(1, 4);
    m_outer->setSizes({320, 1280}); // as the page was before it could be narrow
    m_split->setSizes({760, 520});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_outer);
}

int ComposePanes::minimumWidthOf(int pane) const
{
    const QWidget *widget = m_panes[pane];
    return widget->minimumSizeHint().expandedTo(widget->minimumSize()).width();
}

int ComposePanes::sideBySideWidth() const
{
    return minimumWidthOf(Sidebar) + minimumWidthOf(Request) + minimumWidthOf(Response)
        + 2 * m_outer->handleWidth();
}

int ComposePanes::tabbedWidth() const
{
    // The tab page's frame is left out: in document mode it has none at the sides.
    return minimumWidthOf(Sidebar) + std::max(minimumWidthOf(Request), minimumWidthOf(Response))
        + m_outer->handleWidth();
}

void ComposePanes::showRequest()
{
    if (m_arrangement != Arrangement::SideBySide)
        m_tabs->setCurrentWidget(m_panes[Request]);
}

void ComposePanes::showResponse()
{
    // Never away from the sidebar's tab: a history list being browsed stays in sight.
    if (m_arrangement != Arrangement::SideBySide && m_tabs->currentWidget() != m_panes[Sidebar])
        m_tabs->setCurrentWidget(m_panes[Response]);
}

QSize ComposePanes::minimumSizeHint() const
{
    const int tabbed
        = std::max({minimumWidthOf(Sidebar), minimumWidthOf(Request), minimumWidthOf(Response)});
    return {tabbed, QWidget::minimumSizeHint().height()};
}

void ComposePanes::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const int width = event->size().width();
    arrange(width >= sideBySideWidth()   ? Arrangement::SideBySide
                : width >= tabbedWidth() ? Arrangement::Tabbed
                                         : Arrangement::AllStacked);
}

void ComposePanes::arrange(Arrangement arrangement)
{
    if (arrangement == m_arrangement)
        return;
    m_arrangement = arrangement;
    QWidget *current = m_tabs->currentWidget();
    m_tabs->clear(); // takes the pages out; they are placed again below
    if (arrangement == Arrangement::AllStacked) {
        m_tabs->addTab(m_panes[Sidebar], tr("Templates && history"));
    } else {
        m_outer->insertWidget(0, m_panes[Sidebar]);
        m_panes[Sidebar]->show(); // hidden while it was a tab not shown
    }
    if (arrangement == Arrangement::SideBySide) {
        m_split->addWidget(m_panes[Request]);
        m_split->addWidget(m_panes[Response]);
        m_panes[Request]->show();
        m_panes[Response]->show();
        m_split->setSizes({500, 400}); // QSplitter scales these to its width
        m_work->setCurrentWidget(m_split);
    } else {
        m_tabs->addTab(m_panes[Request], tr("Request"));
        m_tabs->addTab(m_panes[Response], tr("Response"));
        m_tabs->setCurrentWidget(current && m_tabs->indexOf(current) >= 0 ? current
                                                                          : m_panes[Request]);
        m_work->setCurrentWidget(m_tabs);
    }
    m_outer->setSizes({200, 900});
    updateGeometry(); // the least height changes with the arrangement
}

} // namespace hookscope::ui
