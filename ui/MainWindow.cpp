#include "MainWindow.h"

#include "CaptureDetailView.h"
#include "PayloadTreeView.h"
#include "core/Version.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QIcon>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>

namespace hookscope::ui {

namespace {

const auto kGeometryKey = QStringLiteral("mainWindow/geometry");
const auto kStateKey = QStringLiteral("mainWindow/state");
const auto kSplitterKey = QStringLiteral("mainWindow/splitter");

} // namespace

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

    m_detailView = new CaptureDetailView;
    m_detailView->setObjectName(QStringLiteral("detailTabWidget"));
    m_detailView->setAccessibleName(tr("Request details"));

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_requestList);
    m_splitter->addWidget(m_detailView);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    setCentralWidget(m_splitter);

    createMenus();
    statusBar()->setObjectName(QStringLiteral("statusBar"));
    statusBar()->showMessage(tr("Ready"));
    restoreLayout();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->setObjectName(QStringLiteral("fileMenu"));
    QAction *quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);

    // The tree's own actions, so their shortcuts are listed where people look for them.
    QMenu *treeMenu = menuBar()->addMenu(tr("&Tree"));
    treeMenu->setObjectName(QStringLiteral("treeMenu"));
    treeMenu->addActions(m_detailView->payloadTree()->treeActions());

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->setObjectName(QStringLiteral("helpMenu"));
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

void MainWindow::restoreLayout()
{
    const QSettings settings;
    if (const QByteArray geometry = settings.value(kGeometryKey).toByteArray(); !geometry.isEmpty())
        restoreGeometry(geometry);
    if (const QByteArray state = settings.value(kStateKey).toByteArray(); !state.isEmpty())
        restoreState(state);
    if (const QByteArray splitter = settings.value(kSplitterKey).toByteArray(); !splitter.isEmpty())
        m_splitter->restoreState(splitter);
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(kSplitterKey, m_splitter->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

} // namespace hookscope::ui
