#include "MainWindow.h"

#include "core/Version.h"

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>

namespace hookscope::ui {

static QWidget *placeholderPage(const QString &text)
{
    auto *label = new QLabel(text);
    label->setAlignment(Qt::AlignCenter);
    label->setEnabled(false);
    return label;
}

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QString::fromLatin1(kApplicationName));
    setWindowIcon(QIcon(QStringLiteral(":/icons/hookscope.svg")));
    resize(1200, 760);

    m_requestList = new QTableView;
    m_requestList->setObjectName(QStringLiteral("requestListView"));
    m_requestList->setAccessibleName(tr("Requests"));
    m_requestList->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_requestList->verticalHeader()->hide();

    m_detailTabs = new QTabWidget;
    m_detailTabs->setObjectName(QStringLiteral("detailTabWidget"));
    m_detailTabs->setAccessibleName(tr("Request details"));
    const QString none = tr("Select a request to see it here.");
    m_detailTabs->addTab(placeholderPage(none), tr("Tree"));
    m_detailTabs->addTab(placeholderPage(none), tr("Headers"));
    m_detailTabs->addTab(placeholderPage(none), tr("Raw"));
    m_detailTabs->addTab(placeholderPage(none), tr("Signature"));
    m_detailTabs->addTab(placeholderPage(none), tr("Response"));

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(m_requestList);
    splitter->addWidget(m_detailTabs);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    setCentralWidget(splitter);

    createMenus();
    statusBar()->showMessage(tr("Ready"));
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction *about = helpMenu->addAction(tr("&About Hookscope"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Hookscope"),
                       tr("<h3>Hookscope %1</h3><p>Webhook inspector and tester: capture, verify "
                          "and send signed webhooks.</p><p>MIT licence.</p>")
                           .arg(QString::fromLatin1(kVersion)));
}

} // namespace hookscope::ui
