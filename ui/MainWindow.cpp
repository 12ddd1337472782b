#include "MainWindow.h"

#include "CaptureDetailView.h"
#include "CutTextDelegate.h"
#include "ElidedLabel.h"
#include "ElidingStatusBar.h"
#include "FilterBar.h"
#include "PayloadTreeView.h"
#include "ReceiverBar.h"
#include "RequestListModel.h"
#include "SignaturePanel.h"
#include "VerdictBadgeDelegate.h"
#include "VerdictStyle.h"
#include "compose/ComposeView.h"
#include "compose/HiddenPassword.h"
#include "compose/OwnCertificates.h"
#include "compose/ReplayRequest.h"
#include "core/Application.h"
#include "core/Counted.h"
#include "core/Version.h"
#include "dialogs/DiffDialog.h"
#include "dialogs/EndpointsDialog.h"
#include "dialogs/ExportDialog.h"
#include "dialogs/FileChooser.h"
#include "dialogs/ImportHarDialog.h"
#include "dialogs/StoreProblemDialog.h"
#include "exchange/StoreExchange.h"
#include "export/CurlCommand.h"
#include "http/TlsCertificate.h"
#include "secrets/SecretStore.h"
#include "session/ReceiverSession.h"
#include "signing/Signing.h"
#include "store/StoreClient.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QFileInfo>
#include <QHeaderView>
#include <QIcon>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QSettings>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QThreadPool>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <utility>

namespace hookscope::ui {

namespace {

const auto kGeometryKey = QStringLiteral("mainWindow/geometry");
const auto kStateKey = QStringLiteral("mainWindow/state");
const auto kSplitterKey = QStringLiteral("mainWindow/splitter");
// "2": the id column came first; an older state would give its widths to the wrong columns.
const auto kListHeaderKey = QStringLiteral("mainWindow/listHeader2");
const auto kFollowKey = QStringLiteral("mainWindow/followNewRequests");
const auto kAddressKey = QStringLiteral("receiver/address");
const auto kPortKey = QStringLiteral("receiver/port");
const auto kTlsKey = QStringLiteral("receiver/tls");
const auto kSchemesGroup = QStringLiteral("endpointSchemes");
// Endpoint -> the schemes it keeps a secret of their own for (the secrets are in the keyring).
const auto kSchemeSecretsGroup = QStringLiteral("endpointSchemeSecrets");
// How long the receiver waits for the saved secrets before it starts without them.
constexpr int kKeyringWaitMs = 3000;

// The targets as forwarding uses them: a password that could not be read from the keyring
// (still "***") is left out rather than sent.
QList<QUrl> usableTargets(const session::ReceiverProfile &profile)
{
    QList<QUrl> targets;
    for (const QUrl &target : profile.forwardTargets)
        targets << (compose::hidesPassword(target) ? target.adjusted(QUrl::RemovePassword)
                                                   : target);
    return targets;
}

// Settings keys name the catch-all endpoint "*".
QString settingsName(const QString &endpoint)
{
    return endpoint.isEmpty() ? QStringLiteral("*") : endpoint;
}

QString endpointOfSettingsName(const QString &name)
{
    return name == u"*" ? QString() : name;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : MainWindow(MainWindowOptions {}, parent)
{ }

MainWindow::MainWindow(const MainWindowOptions &options, QWidget *parent)
    : QMainWindow(parent)
    , m_options(options)
    , m_session(std::make_unique<session::ReceiverSession>())
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QString::fromLatin1(kApplicationName));
    setWindowIcon(QIcon(QStringLiteral(":/icons/hookscope.svg")));
    resize(1280, 800);

    QSettings settings;
    m_profile = session::loadReceiverProfile(settings);
    m_model = std::make_unique<RequestListModel>(m_session->store());
    m_secrets = new SecretStore(this);
    buildLayout();
    createMenus();
    restoreLayout();

    connect(m_session.get(), &session::ReceiverSession::listeningChanged, this,
            &MainWindow::showReceiverState);
    connect(m_session.get(), &session::ReceiverSession::errorOccurred, this,
            &MainWindow::showError);
    connect(m_session.get(), &session::ReceiverSession::noticed, this,
            [this](const QString &message) { statusBar()->showMessage(message, 15000); });
    connect(&m_session->store(), &store::StoreClient::stored, this,
            [this] { m_countTimer->start(); });
    connect(&m_session->store(), &store::StoreClient::forwardAdded, this,
            &MainWindow::showAnswersOf);
    connect(&m_session->store(), &store::StoreClient::responseUpdated, this,
            &MainWindow::showAnswersOf);
    connect(&m_session->store(), &store::StoreClient::removed, this, &MainWindow::refreshCount);
    // A verdict filter's count changes when requests are re-verified.
    connect(&m_session->store(), &store::StoreClient::verdictsUpdated, this,
            [this] { m_countTimer->start(); });
    connect(&m_session->store(), &store::StoreClient::cleared, this, &MainWindow::refreshCount);
    connect(m_secrets, &SecretStore::fellBackToFile, this, [this](const QString &path) {
        statusBar()->showMessage(
            tr("No system keyring: secrets are kept in %1 (readable by you only).").arg(path),
            15000);
    });
    // Secrets and forward passwords load while the store opens; the receiver waits for both.
    loadSavedSecrets();
    loadForwardPasswords();
    openStore();
}

MainWindow::~MainWindow()
{
    // Pool tasks (a HAR import still reading its file, a signature check) hold the store and
    // the verifier; let them finish before either goes away.
    QThreadPool::globalInstance()->waitForDone();
    // The model listens to the store; let it go before the session closes the store.
    m_requestList->setModel(nullptr);
    m_model.reset();
    m_session.reset();
}

void MainWindow::buildLayout()
{
    m_receiverBar = new ReceiverBar;
    QSettings settings;
    m_receiverBar->setBindAddress(
        settings.value(kAddressKey, QStringLiteral("127.0.0.1")).toString());
    m_receiverBar->setPort(
        m_options.port.value_or(quint16(settings.value(kPortKey, 8787).toUInt())));
    m_receiverBar->setTls(settings.value(kTlsKey, false).toBool());
    connect(m_receiverBar, &ReceiverBar::startRequested, this, &MainWindow::startReceiver);
    connect(m_receiverBar, &ReceiverBar::stopRequested, this, &MainWindow::stopReceiver);
    connect(m_receiverBar, &ReceiverBar::endpointsRequested, this, &MainWindow::editEndpoints);
    m_receiverBar->setEndpointSummary(int(m_profile.endpoints.size()),
                                      int(m_profile.forwardTargets.size()), m_profile.passThrough);
    auto *receiverToolBar = addToolBar(tr("Receiver"));
    receiverToolBar->setObjectName(QStringLiteral("receiverToolBar"));
    receiverToolBar->setMovable(false);
    receiverToolBar->addWidget(m_receiverBar);
    // Qt's button for controls that do not fit is a nameless check box to screen readers.
    if (auto *more
        = receiverToolBar->findChild<QAbstractButton *>(QStringLiteral("qt_toolbar_ext_button")))
        more->setAccessibleName(tr("More receiver controls"));

    m_filterBar = new FilterBar;
    connect(m_filterBar, &FilterBar::filterChanged, this, &MainWindow::applyFilter);
    connect(m_filterBar, &FilterBar::filterChanged, this, &MainWindow::refreshCount);

    m_requestList = new QTableView;
    m_requestList->setObjectName(QStringLiteral("requestListView"));
    m_requestList->setAccessibleName(tr("Requests"));
    m_requestList->setModel(m_model.get());
    m_requestList->setItemDelegate(new CutTextDelegate(m_requestList));
    m_requestList->setItemDelegateForColumn(RequestListModel::SignatureColumn,
                                            new VerdictBadgeDelegate(m_requestList));
    m_requestList->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_requestList->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_requestList->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_requestList->setShowGrid(false);
    m_requestList->setWordWrap(false);
    m_requestList->setAlternatingRowColors(true);
    m_requestList->verticalHeader()->hide();
    m_requestList->verticalHeader()->setDefaultSectionSize(m_requestList->fontMetrics().height()
                                                           + 8);
    m_requestList->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_listWidth = sizeListColumns();
    // Ids grow past what the first start sized the column for (#99999).
    connect(m_model.get(), &QAbstractItemModel::rowsInserted, this, &MainWindow::fitIdColumn);
    connect(m_model.get(), &QAbstractItemModel::modelReset, this, &MainWindow::fitIdColumn);
    connect(m_requestList->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::showSelectedCapture);
    connect(m_model.get(), &RequestListModel::rowsArrivedAtTop, this,
            &MainWindow::keepSelectionInPlace);
    connect(m_model.get(), &QAbstractItemModel::modelReset, this, [this] {
        // After a filter change the tabs keep the shown request until the new rows say
        // whether it is still listed.
        if (m_reselectId == 0)
            clearShownCapture();
    });
    connect(m_model.get(), &RequestListModel::loadingFinished, this,
            &MainWindow::reselectAfterFilter);

    // Said over the empty list, so an empty filter result does not look like an empty store.
    m_emptyListLabel = new QLabel(m_requestList->viewport());
    m_emptyListLabel->setObjectName(QStringLiteral("emptyListLabel"));
    m_emptyListLabel->setAlignment(Qt::AlignCenter);
    m_emptyListLabel->setWordWrap(true);
    m_emptyListLabel->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_emptyListLabel->hide();
    auto *emptyLayout = new QVBoxLayout(m_requestList->viewport());
    emptyLayout->addWidget(m_emptyListLabel);
    connect(m_model.get(), &QAbstractItemModel::modelReset, this, &MainWindow::showEmptyListHint);
    connect(m_model.get(), &QAbstractItemModel::rowsInserted, this, &MainWindow::showEmptyListHint);
    connect(m_model.get(), &QAbstractItemModel::rowsRemoved, this, &MainWindow::showEmptyListHint);
    connect(m_model.get(), &RequestListModel::loadingFinished, this,
            &MainWindow::showEmptyListHint);

    auto *listPane = new QWidget;
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->setSpacing(4);
    listLayout->addWidget(m_filterBar);
    listLayout->addWidget(m_requestList, 1);

    m_detailView = new CaptureDetailView;
    m_detailView->setObjectName(QStringLiteral("detailTabWidget"));
    m_detailView->setAccessibleName(tr("Request details"));
    m_signaturePanel = new SignaturePanel;
    auto *signatureLayout = new QVBoxLayout(m_detailView->signaturePage());
    signatureLayout->setContentsMargins(0, 0, 0, 0);
    signatureLayout->addWidget(m_signaturePanel);
    connect(m_signaturePanel, &SignaturePanel::applyToEndpoint, this, &MainWindow::applySecret);

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(listPane);
    m_splitter->addWidget(m_detailView);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({620, 660});
    m_splitter->installEventFilter(this);
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] { m_defaultSplit = false; });
    m_composeView = new ComposeView;
    m_pages = new QTabWidget;
    m_pages->setObjectName(QStringLiteral("pagesTabWidget"));
    m_pages->setAccessibleName(tr("Inspect or compose"));
    m_pages->setDocumentMode(true);
    m_pages->addTab(m_splitter, tr("Inspect"));
    // The composer stacks its panes when narrow; a scroll area keeps their height from setting
    // the window's minimum size.
    auto *composeScroll = new QScrollArea;
    composeScroll->setObjectName(QStringLiteral("composeScrollArea"));
    composeScroll->setAccessibleName(tr("Compose"));
    composeScroll->setWidgetResizable(true);
    composeScroll->setFrameShape(QFrame::NoFrame);
    composeScroll->setWidget(m_composeView);
    m_pages->addTab(composeScroll, tr("Compose"));
    setCentralWidget(m_pages);

    setStatusBar(new ElidingStatusBar);
    statusBar()->setObjectName(QStringLiteral("statusBar"));
    m_urlLabel = new QLabel(tr("Receiver stopped"));
    m_urlLabel->setObjectName(QStringLiteral("statusUrlLabel"));
    m_urlLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_countLabel = new QLabel;
    m_countLabel->setObjectName(QStringLiteral("statusCountLabel"));
    // A long error (a port in use, with its hint) ends in "…" rather than pushing the count
    // and URL out of a narrow window; its tooltip says it whole.
    m_errorLabel = new ElidedLabel;
    m_errorLabel->setObjectName(QStringLiteral("statusErrorLabel"));
    QPalette errorPalette = m_errorLabel->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_errorLabel->setPalette(errorPalette);
    statusBar()->addWidget(m_errorLabel, 1);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_urlLabel);

    m_countTimer = new QTimer(this);
    m_countTimer->setSingleShot(true);
    m_countTimer->setInterval(200);
    connect(m_countTimer, &QTimer::timeout, this, &MainWindow::refreshCount);
}

void MainWindow::createMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->setObjectName(QStringLiteral("fileMenu"));
    QAction *exportAction = fileMenu->addAction(tr("&Export…"), this, &MainWindow::exportRequests);
    exportAction->setObjectName(QStringLiteral("exportAction"));
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    QAction *importAction = fileMenu->addAction(tr("&Import HAR…"), this, &MainWindow::importHar);
    importAction->setObjectName(QStringLiteral("importHarAction"));
    importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);

    QMenu *requestMenu = menuBar()->addMenu(tr("&Request"));
    requestMenu->setObjectName(QStringLiteral("requestMenu"));
    const auto add = [this, requestMenu](const QString &name, const QString &text,
                                         const QKeySequence &shortcut, auto slot) {
        QAction *action = requestMenu->addAction(text, this, slot);
        action->setObjectName(name);
        action->setShortcut(shortcut);
        return action;
    };
    add(QStringLiteral("nextRequestAction"), tr("&Next Request"),
        QKeySequence(Qt::ALT | Qt::Key_Down), [this] { selectRelative(1); });
    add(QStringLiteral("previousRequestAction"), tr("&Previous Request"),
        QKeySequence(Qt::ALT | Qt::Key_Up), [this] { selectRelative(-1); });
    add(QStringLiteral("focusFilterAction"), tr("&Filter Requests"),
        QKeySequence(Qt::CTRL | Qt::Key_L), [this] { m_filterBar->focusText(); });
    // Someone firing test events wants each one shown as it lands, as webhook.site's "auto
    // navigate" does; someone reading an older one does not, so it is a choice, remembered.
    m_followAction = add(QStringLiteral("followNewRequestsAction"), tr("F&ollow New Requests"),
                         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), [this](bool on) {
                             QSettings().setValue(kFollowKey, on);
                             if (on && m_model->rowCount() > 0)
                                 showNewest();
                         });
    m_followAction->setCheckable(true);
    m_followAction->setChecked(QSettings().value(kFollowKey, false).toBool());
    requestMenu->addSeparator();
    m_rowActions = {
        add(QStringLiteral("copyAsCurlAction"), tr("Copy as &curl"),
            QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C), &MainWindow::copyAsCurl),
        add(QStringLiteral("replayRequestAction"), tr("&Replay in Composer"),
            QKeySequence(Qt::CTRL | Qt::Key_R), &MainWindow::replaySelected),
        add(QStringLiteral("saveAsTemplateAction"), tr("Save as &Template"),
            QKeySequence(Qt::CTRL | Qt::Key_T), &MainWindow::saveSelectedAsTemplate),
    };
    m_compareAction
        = add(QStringLiteral("compareRequestsAction"), tr("Co&mpare Two Selected Requests"),
              QKeySequence(Qt::CTRL | Qt::Key_D), &MainWindow::compareSelected);
    requestMenu->addSeparator();
    m_deleteAction = add(QStringLiteral("deleteRequestsAction"), tr("&Delete Selected…"),
                         QKeySequence::Delete, &MainWindow::deleteSelected);
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_requestList->addAction(m_deleteAction);
    m_requestList->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_requestList, &QWidget::customContextMenuRequested, this,
            &MainWindow::showRequestContextMenu);
    add(QStringLiteral("clearRequestsAction"), tr("C&lear All…"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete), &MainWindow::clearAll);

    QMenu *receiverMenu = menuBar()->addMenu(tr("Recei&ver"));
    receiverMenu->setObjectName(QStringLiteral("receiverMenu"));
    QAction *toggle = receiverMenu->addAction(tr("&Start / Stop"), this, [this] {
        m_session->isListening() ? stopReceiver() : startReceiver();
    });
    toggle->setObjectName(QStringLiteral("toggleReceiverAction"));
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    QAction *copyUrl = receiverMenu->addAction(tr("&Copy URL"), this, [this] {
        if (m_session->isListening())
            QApplication::clipboard()->setText(m_session->url());
    });
    copyUrl->setObjectName(QStringLiteral("copyReceiverUrlAction"));
    copyUrl->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
    QAction *endpoints = receiverMenu->addAction(tr("&Endpoints and Forwarding…"), this,
                                                 &MainWindow::editEndpoints);
    endpoints->setObjectName(QStringLiteral("editEndpointsAction"));
    endpoints->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));

    // The tree's own actions, so their shortcuts are listed where people look for them.
    QMenu *treeMenu = menuBar()->addMenu(tr("&Tree"));
    treeMenu->setObjectName(QStringLiteral("treeMenu"));
    treeMenu->addActions(m_detailView->payloadTree()->treeActions());

    // Qt's button for menus that do not fit has no name of its own.
    if (auto *more
        = menuBar()->findChild<QAbstractButton *>(QStringLiteral("qt_menubar_ext_button")))
        more->setAccessibleName(tr("More menus"));

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->setObjectName(QStringLiteral("helpMenu"));
    QAction *about = helpMenu->addAction(tr("&About Hookscope"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
}

void MainWindow::showRequestContextMenu(const QPoint &position)
{
    const QModelIndex index = m_requestList->indexAt(position);
    if (!index.isValid())
        return;
    QItemSelectionModel *selection = m_requestList->selectionModel();
    if (!selection->isRowSelected(index.row(), {}))
        selection->setCurrentIndex(index,
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("requestContextMenu"));
    menu.addActions(m_rowActions);
    if (selectedIds().size() == 2)
        menu.addAction(m_compareAction);
    menu.addSeparator();
    menu.addAction(m_deleteAction);
    menu.exec(m_requestList->viewport()->mapToGlobal(position));
}

int MainWindow::sizeListColumns()
{
    // The layout of a first start; a saved one replaces it. Each column is as wide as the widest
    // content the window writes in it, measured by the delegate that draws it; the endpoint and
    // path, which nothing bounds, take what is left. (Sized by digit counts, Size and Source lay
    // past the list's edge at 1280×800, and a wider font cut the badges.)
    QHeaderView *header = m_requestList->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(RequestListModel::PathColumn, QHeaderView::Stretch);
    // The verdict is what people look for: beside the method it stays in sight when a narrow
    // window cuts the list's right side off.
    header->moveSection(header->visualIndex(RequestListModel::SignatureColumn),
                        header->visualIndex(RequestListModel::MethodColumn) + 1);

    QStringList badges;
    for (const StoredVerdict &verdict : std::initializer_list<StoredVerdict> {
             {u"github"_qs, signing::verdicts::valid, {}},
             {u"github"_qs, signing::verdicts::invalid, {}},
             {u"github"_qs, signing::verdicts::missingHeader, {}},
             {u"github"_qs, signing::verdicts::malformedHeader, {}},
             {u"github"_qs, signing::verdicts::outsideTolerance, {}},
             {u"github"_qs, signing::verdicts::noSecret, {}},
             {QString(), signing::verdicts::noSecret, {}}, // unsigned
             {QString(), QString(), {}}}) // not checked
        badges << verdictLabel(verdict);
    const QHash<int, QStringList> samples {
        {RequestListModel::IdColumn, {u"#00000"_qs}},
        {RequestListModel::TimeColumn, {u"00:00:00.000"_qs}},
        {RequestListModel::MethodColumn, {u"OPTIONS"_qs, u"DELETE"_qs}},
        // Its own words for a malformed request, a Patreon pledge's event and a Stripe one.
        {RequestListModel::EventColumn,
         {RequestListModel::tr("malformed request"), u"members:pledge:create"_qs,
          u"payment_intent.succeeded"_qs}},
        {RequestListModel::SignatureColumn, badges},
        {RequestListModel::SizeColumn, {formatSize(1023 * 1024 + 920), formatSize(1023 << 20)}},
        // The receiver listens on loopback unless asked otherwise.
        {RequestListModel::SourceColumn, {u"127.0.0.1:65535"_qs}},
    };

    int fixed = 0;
    for (auto it = samples.cbegin(); it != samples.cend(); ++it) {
        const int width = listColumnWidthFor(it.key(), it.value());
        header->resizeSection(it.key(), width);
        fixed += width;
    }
    // The path gets at least room for its title.
    return fixed + header->sectionSizeHint(RequestListModel::PathColumn)
        + 2 * m_requestList->frameWidth()
        + m_requestList->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_requestList);
}

int MainWindow::listColumnWidthFor(int column, const QStringList &samples) const
{
    QStyleOptionViewItem option;
    option.initFrom(m_requestList);
    option.widget = m_requestList;
    option.font = m_requestList->font();
    QAbstractItemDelegate *delegate = m_requestList->itemDelegateForColumn(column);
    if (!delegate)
        delegate = m_requestList->itemDelegate();
    QStandardItemModel texts;
    for (const QString &text : samples)
        texts.appendRow(new QStandardItem(text));
    int width = m_requestList->horizontalHeader()->sectionSizeHint(column); // the title
    for (int row = 0; row < texts.rowCount(); ++row)
        width = std::max(width, delegate->sizeHint(option, texts.index(row, 0)).width());
    return width;
}

void MainWindow::fitIdColumn()
{
    // The newest row has the largest id. Only ever widened: a width the user chose that fits
    // stays, and a saved layout from a smaller store is widened once its ids need it.
    const qint64 largest = m_model->idAt(0);
    const qsizetype digits = QString::number(largest).size();
    if (largest <= 0 || digits <= m_idDigitsFitted)
        return;
    const int needed
        = listColumnWidthFor(RequestListModel::IdColumn, {u'#' + QString(digits, u'0')});
    if (m_requestList->columnWidth(RequestListModel::IdColumn) < needed)
        m_requestList->horizontalHeader()->resizeSection(RequestListModel::IdColumn, needed);
    m_idDigitsFitted = digits;
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
    if (const QByteArray splitter = settings.value(kSplitterKey).toByteArray();
        !splitter.isEmpty()) {
        m_splitter->restoreState(splitter);
        m_defaultSplit = false;
    }
    if (const QByteArray list = settings.value(kListHeaderKey).toByteArray(); !list.isEmpty())
        m_requestList->horizontalHeader()->restoreState(list);
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(kSplitterKey, m_splitter->saveState());
    settings.setValue(kListHeaderKey, m_requestList->horizontalHeader()->saveState());
}

void MainWindow::splitAsDefault()
{
    // The list gets what its columns need while the tabs keep 500 px; narrower, the two share
    // the width as they always did (620:660). With DejaVu Sans 9 pt, at 1280×800 the list gets
    // 760 px (it had 620) and the tabs 516.
    const int width = m_splitter->width() - m_splitter->handleWidth();
    const int even = width * 620 / 1280;
    const int list = std::max(even, std::min(m_listWidth, width - 500));
    m_splitter->setSizes({list, width - list});
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_splitter && event->type() == QEvent::Resize && m_defaultSplit)
        splitAsDefault();
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::openStore()
{
    const QString path
        = m_options.databasePath.isEmpty() ? defaultDatabasePath() : m_options.databasePath;
    m_countLabel->setText(tr("Opening %1…").arg(path));
    m_session->openStore(path, [this, path](const QString &error) {
        if (!error.isEmpty()) {
            askAboutStore(path, error);
            return;
        }
        storeOpened();
    });
}

void MainWindow::storeOpened()
{
    m_storeReady = true;
    showError({});
    m_reselectId = 0; // ids of another database's requests mean nothing here
    m_model->reload();
    refreshCount();
    // Verdicts and forwards of the first requests need the saved secrets and passwords; but a
    // locked keyring may wait for its password, and the receiver must not wait with it.
    auto started = std::make_shared<bool>(false);
    const auto start = [this, started] {
        if (std::exchange(*started, true))
            return;
        if (m_options.startReceiver)
            startReceiver();
        Q_EMIT storeReady();
    };
    afterSecretsLoaded(start);
    QTimer::singleShot(kKeyringWaitMs, this, [this, start, started] {
        if (*started)
            return;
        statusBar()->showMessage(tr("The keyring has not answered yet: saved secrets and forward "
                                    "targets apply once it does."),
                                 15000);
        start();
    });
}

// A database that cannot be opened gets a choice, never a silent overwrite: retry, another
// file, a new one in its place (the old one renamed aside), or no storing at all.
void MainWindow::askAboutStore(const QString &path, const QString &error)
{
    m_countLabel->clear();
    showError(tr("Cannot open the database %1: %2").arg(path, error));
    auto *dialog = new StoreProblemDialog(m_session->storeFailure(), path, error, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &StoreProblemDialog::chosen, this,
            [this, path, error](StoreProblemDialog::Choice choice) {
                switch (choice) {
                case StoreProblemDialog::Choice::TryAgain:
                    openStore();
                    break;
                case StoreProblemDialog::Choice::OpenAnother: {
                    const QString other = FileChooser::databaseFileName(
                        this, tr("Open or Create a Database"), path);
                    if (other.isEmpty()) {
                        askAboutStore(path, error); // cancelled: the question still stands
                        return;
                    }
                    m_options.databasePath = other;
                    openStore();
                    break;
                }
                case StoreProblemDialog::Choice::StartNew:
                    m_countLabel->setText(tr("Starting a new database at %1…").arg(path));
                    m_session->startStoreOver(
                        path, [this, path](const QString &movedTo, const QString &failure) {
                            if (!failure.isEmpty()) {
                                askAboutStore(path, failure);
                                return;
                            }
                            storeOpened();
                            statusBar()->showMessage(
                                tr("Started a new database; the unreadable one was kept as %1.")
                                    .arg(movedTo));
                        });
                    break;
                case StoreProblemDialog::Choice::ContinueWithoutStoring:
                    showError(tr("Not storing requests: no database is open (%1), so the "
                                 "receiver is off.")
                                  .arg(path));
                    break;
                }
            });
    dialog->open();
}

void MainWindow::startReceiver()
{
    startReceiverOn(m_receiverBar->port());
}

void MainWindow::startReceiverOn(quint16 port)
{
    http::ReceiverConfig config;
    const QString address = m_receiverBar->bindAddress();
    if (!config.address.setAddress(address)) {
        showError(tr("'%1' is not an IP address to listen on.").arg(address));
        return;
    }
    config.allowNonLoopback = !config.address.isLoopback();
    config.port = port;
    config.tls = m_receiverBar->tls();
    config.endpoints = m_profile.endpoints;
    config.defaultResponse = m_profile.defaultResponse;
    config.defaultRejectInvalidSignature = m_profile.defaultRejectInvalidSignature;
    if (config.allowNonLoopback
        && QMessageBox::warning(this, tr("Listen beyond this machine?"),
                                tr("Listening on %1 lets anyone who can reach this port send "
                                   "requests to Hookscope. Continue?")
                                    .arg(address),
                                QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            != QMessageBox::Yes) {
        return;
    }
    if (config.tls && m_session->isStoreOpen()) {
        // Made here rather than by the server, as `listen --tls` does, so the window can say
        // where it is: a sender has to be given it to trust the receiver.
        const QString error
            = http::ensureSelfSignedCertificate(QFileInfo(m_session->storePath()).absolutePath(),
                                                &config.certificatePath, &config.privateKeyPath);
        if (!error.isEmpty()) {
            showError(tr("Cannot create a self-signed certificate for HTTPS: %1").arg(error));
            return;
        }
        // The composer's sends to this receiver then need no "accept this certificate"; a
        // certificate that cannot be read back only means they still do.
        compose::trustOwnCertificate(config.certificatePath);
    }
    if (!m_session->startReceiver(config)) {
        showError(m_session->lastError()
                  + tr(" — pick another port (0 picks any free one) and press Start."));
        return;
    }
    showError({});
    QSettings settings;
    settings.setValue(kAddressKey, address);
    settings.setValue(kPortKey, m_receiverBar->port());
    settings.setValue(kTlsKey, config.tls);
}

void MainWindow::stopReceiver()
{
    m_session->stopReceiver();
}

void MainWindow::showReceiverState(bool listening, const QString &url)
{
    if (listening)
        m_composeView->setDefaultUrl(url + QStringLiteral("/"));
    m_receiverBar->setListening(listening, url);
    const http::ReceiverConfig config = m_session->config();
    const QString certificate = listening && config.tls ? config.certificatePath : QString();
    m_receiverBar->setCertificatePath(certificate);
    m_urlLabel->setText(listening ? tr("Listening on %1").arg(url) : tr("Receiver stopped"));
    m_urlLabel->setToolTip(
        certificate.isEmpty() ? QString() : tr("Self-signed certificate: %1").arg(certificate));
}

void MainWindow::showError(const QString &message)
{
    m_errorLabel->setFullText(message);
}

void MainWindow::refreshCount()
{
    if (!m_storeReady)
        return;
    const store::CaptureFilter filter = m_model->filter();
    const quint64 generation = ++m_countGeneration;
    m_session->store().count({}, [this, filter, generation](qint64 total) {
        if (filter.isEmpty()) {
            if (generation == m_countGeneration)
                m_countLabel->setText(counted(total, u"request", u"requests"));
            return;
        }
        m_session->store().count(filter, [this, total, generation](qint64 shown) {
            if (generation == m_countGeneration)
                m_countLabel->setText(
                    tr("%1 of %2").arg(shown).arg(counted(total, u"request", u"requests")));
        });
    });
}

void MainWindow::showEmptyListHint()
{
    const bool empty = m_model->rowCount() == 0 && !m_model->isLoading();
    m_emptyListLabel->setText(m_model->filter().isEmpty()
                                  ? tr("No requests yet: send one to the receiver's URL.")
                                  : tr("No request matches the filter."));
    m_emptyListLabel->setVisible(empty);
}

void MainWindow::keepSelectionInPlace(int rowsAdded)
{
    if (m_followAction->isChecked()) {
        showNewest();
        return;
    }
    // Someone reading further down keeps their place; someone at the top sees the new
    // arrivals.
    QScrollBar *bar = m_requestList->verticalScrollBar();
    if (bar->value() > 0)
        bar->setValue(bar->value()
                      + rowsAdded * m_requestList->verticalHeader()->defaultSectionSize());
}

void MainWindow::showNewest()
{
    m_requestList->scrollToTop();
    m_requestList->setCurrentIndex(m_model->index(0, 0));
}

void MainWindow::showSelectedCapture()
{
    const QModelIndex current = m_requestList->currentIndex();
    const qint64 id = current.isValid() ? m_model->idAt(current.row()) : 0;
    if (id == m_shownId)
        return;
    if (id == 0) {
        clearShownCapture();
        return;
    }
    m_shownId = id;
    m_session->store().load(id, [this, id](const std::optional<Capture> &capture) {
        if (id != m_shownId)
            return; // the user has moved on
        if (!capture) {
            showError(tr("Request %1 is no longer in the database.").arg(id));
            return;
        }
        m_detailView->setCapture(*capture);
        const session::SignatureVerifier::Applied applied
            = m_session->verifier().appliedTo(*capture);
        QList<QByteArray> others = m_session->verifier().allSecrets();
        others.removeAll(applied.secret);
        m_signaturePanel->setOtherSecrets(others);
        m_signaturePanel->setConfigured(applied.scheme, applied.secret);
        m_signaturePanel->setCapture(*capture);
        Q_EMIT captureShown(id);
    });
}

void MainWindow::clearShownCapture()
{
    m_shownId = 0;
    m_detailView->clear();
    m_signaturePanel->clear();
}

void MainWindow::applyFilter(const store::CaptureFilter &filter)
{
    if (m_reselectId == 0)
        m_reselectId = m_shownId;
    m_model->setFilter(filter);
}

void MainWindow::reselectAfterFilter()
{
    // The first page of the filtered list holds the newest matches: a request further down
    // is let go rather than paging through the store for it.
    const qint64 id = std::exchange(m_reselectId, 0);
    if (id == 0)
        return;
    const int row = m_model->rowOfId(id);
    if (row < 0) {
        clearShownCapture();
        return;
    }
    // Still shown: selecting its row again does not load it again.
    const QModelIndex index = m_model->index(row, 0);
    m_requestList->setCurrentIndex(index);
    m_requestList->scrollTo(index);
}

void MainWindow::selectRelative(int delta)
{
    const int rows = m_model->rowCount();
    if (rows == 0)
        return;
    const int current
        = m_requestList->currentIndex().isValid() ? m_requestList->currentIndex().row() : -1;
    const int next = std::clamp(current + delta, 0, rows - 1);
    m_requestList->setCurrentIndex(m_model->index(next, 0));
}

QList<qint64> MainWindow::selectedIds() const
{
    QList<qint64> ids;
    for (const QModelIndex &index : m_requestList->selectionModel()->selectedRows())
        ids << m_model->idAt(index.row());
    return ids;
}

void MainWindow::deleteSelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty())
        return;
    if (QMessageBox::question(
            this, tr("Delete requests"),
            tr("Delete %1? This cannot be undone.")
                .arg(counted(ids.size(), u"selected request", u"selected requests")))
        != QMessageBox::Yes)
        return;
    m_session->store().remove(ids, [this](bool ok) {
        if (!ok)
            showError(tr("Could not delete the requests."));
    });
}

void MainWindow::clearAll()
{
    if (QMessageBox::question(this, tr("Clear all requests"),
                              tr("Delete every stored request? This cannot be undone."))
        != QMessageBox::Yes)
        return;
    m_session->store().clear([this](bool ok) {
        if (!ok)
            showError(tr("Could not clear the requests."));
    });
}

bool MainWindow::refuseMalformed(const Capture &capture, const QString &action)
{
    // Its body holds the raw bytes that arrived, request line and headers included: sent as
    // an HTTP request, they would make another request than the one received.
    if (!capture.malformed)
        return false;
    const QString why = capture.parseError.isEmpty()
        ? tr("Request %1 is malformed").arg(capture.id)
        : tr("Request %1 is malformed (%2)").arg(capture.id).arg(capture.parseError);
    statusBar()->showMessage(
        tr("%1: %2 needs a well-formed HTTP request. The Raw tab shows the bytes that arrived.")
            .arg(why, action),
        10000);
    return true;
}

void MainWindow::copyAsCurl()
{
    if (!m_detailView->hasCapture())
        return;
    const Capture &capture = m_detailView->capture();
    if (refuseMalformed(capture, tr("Copy as curl")))
        return;
    const QString url = signing::captureUrl(capture);
    CurlOptions options;
    // Our HTTPS receiver took it under the self-signed certificate kept beside the database,
    // which curl refuses unless told to trust it.
    if (capture.tls && isSelfSignedReceiverUrl(url) && m_session->isStoreOpen()) {
        const QString certificate
            = http::selfSignedCertificatePath(QFileInfo(m_session->storePath()).absolutePath());
        if (QFileInfo::exists(certificate))
            options.caCertificate = certificate;
    }
    QApplication::clipboard()->setText(curlCommand(capture, url, options));
    statusBar()->showMessage(tr("Copied request %1 as a curl command.").arg(capture.id), 4000);
}

void MainWindow::compareSelected()
{
    QList<qint64> ids = selectedIds();
    if (ids.size() != 2) {
        statusBar()->showMessage(tr("Select exactly two requests to compare."), 5000);
        return;
    }
    std::sort(ids.begin(), ids.end()); // the older one on the left
    auto *dialog = new DiffDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<DiffDialog> guard(dialog);
    store::StoreClient *store = &m_session->store();
    store->load(ids[0], [this, store, guard, second = ids[1]](const std::optional<Capture> &left) {
        store->load(second, [this, guard, left](const std::optional<Capture> &right) {
            if (!guard)
                return;
            if (!left || !right) {
                showError(tr("A request to compare is no longer in the database."));
                guard->close();
                return;
            }
            guard->setCaptures(*left, *right);
        });
    });
    dialog->show();
}

void MainWindow::exportRequests()
{
    if (!m_storeReady)
        return;
    QList<qint64> ids = selectedIds();
    std::sort(ids.begin(), ids.end()); // oldest first, as the full export
    auto *dialog = new ExportDialog(m_session->store(), ids, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ExportDialog::exportFinished, this, [this](const QString &path, qint64 count) {
        statusBar()->showMessage(
            tr("Exported %1 to %2.").arg(counted(count, u"request", u"requests"), path), 8000);
    });
    dialog->open();
}

void MainWindow::importHar()
{
    if (!m_storeReady)
        return;
    auto *dialog = new ImportHarDialog(*m_session->store().store(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Imported requests get their verdict as received ones do (verdictFor is thread-safe).
    dialog->setCapturePreparer([verifier = &m_session->verifier()](Capture &capture) {
        capture.signature = verifier->verdictFor(capture);
    });
    connect(dialog, &ImportHarDialog::importFinished, this,
            [this, dialog](const exchange::ImportOutcome &outcome) {
                statusBar()->showMessage(exchange::describe(outcome, dialog->filePath()), 8000);
            });
    dialog->open();
}

void MainWindow::saveSelectedAsTemplate()
{
    if (!m_detailView->hasCapture()
        || refuseMalformed(m_detailView->capture(), tr("Save as Template")))
        return;
    QString name;
    QString error;
    // It asks for the name (never hiding a built-in template unasked); cancelling says nothing.
    if (!m_composeView->saveCaptureAsTemplate(m_detailView->capture(), &name, &error)) {
        if (!error.isEmpty())
            showError(tr("Could not save the template: %1").arg(error));
        return;
    }
    statusBar()->showMessage(tr("Saved as template %1 (see Compose).").arg(name), 8000);
    m_pages->setCurrentIndex(1);
}

void MainWindow::replaySelected()
{
    if (!m_detailView->hasCapture()) {
        showError(tr("Select a request to replay."));
        return;
    }
    if (refuseMalformed(m_detailView->capture(), tr("Replay in Composer")))
        return;
    if (const QString problem = compose::replayProblem(m_detailView->capture());
        !problem.isEmpty()) {
        showError(problem);
        return;
    }
    // Where it goes first (the URL stays editable): the first forward target as forwarding
    // would send it, else this receiver with the captured path and query.
    QUrl url = m_profile.forwardTargets.value(0);
    if (url.isEmpty() && m_session->isListening())
        url = QUrl(m_session->url());
    if (url.isEmpty())
        url = QUrl(QStringLiteral("http://127.0.0.1:3000"));
    m_composeView->loadCapture(m_detailView->capture(), url);
    m_pages->setCurrentIndex(1);
    statusBar()->showMessage(tr("Request %1 is in the composer: Send replays it as it was; a "
                                "secret re-signs it.")
                                 .arg(m_detailView->capture().id),
                             10000);
}

void MainWindow::applySecret(const QString &endpoint, const QString &scheme,
                             const QByteArray &secret, const QString &signedWith)
{
    ++m_secretGeneration;
    session::SignatureVerifier &verifier = m_session->verifier();
    const auto saveScheme = [this, &endpoint](const QString &chosen) {
        QSettings settings;
        if (QString *configured = m_profile.schemeOf(endpoint)) {
            *configured = chosen;
            session::saveReceiverProfile(settings, m_profile);
        } else {
            // An endpoint named by `hookscope listen` or an import: not in the window's profile.
            settings.beginGroup(kSchemesGroup);
            settings.setValue(settingsName(endpoint), chosen);
            settings.endGroup();
        }
    };
    if (signedWith.isEmpty()) {
        verifier.setSecret(endpoint, scheme, secret);
        keepSecret(endpoint, secret);
        saveScheme(scheme);
    } else {
        // On auto, the secret belongs to the provider that signed this request: the endpoint's
        // other providers keep theirs and never read "invalid" for want of this one.
        const session::EndpointSecret before = verifier.secretFor(endpoint);
        verifier.setSchemeSecret(endpoint, signedWith, secret);
        keepSchemeSecret(endpoint, signedWith, secret);
        if (!before.scheme.isEmpty() && before.scheme != u"auto") {
            // Leaving a scheme for auto: its secret was that scheme's, not one to try on every
            // provider's requests.
            if (!before.secret.isEmpty() && before.scheme != signedWith
                && !verifier.secretFor(endpoint).schemeSecrets.contains(before.scheme)) {
                verifier.setSchemeSecret(endpoint, before.scheme, before.secret);
                keepSchemeSecret(endpoint, before.scheme, before.secret);
            }
            verifier.setSecret(endpoint, scheme, QByteArray());
            keepSecret(endpoint, QByteArray());
            saveScheme(scheme);
        }
    }
    // The catch-all's secrets also judge the endpoints that have none of their own.
    const QString label = endpoint.isEmpty() ? tr("every endpoint") : endpoint;
    // On auto, which provider's secret it became: a request may carry several providers' headers.
    const QString kept = signedWith.isEmpty()
        ? QString()
        : tr("Kept as its %1 secret. ").arg(signing::schemeTitle(signedWith));
    statusBar()->showMessage(kept + tr("Re-verifying the requests of %1…").arg(label));
    m_session->reverify(
        endpoint,
        [this, label, kept](qint64 done) {
            statusBar()->showMessage(
                kept + tr("Re-verifying the requests of %1: %2 done…").arg(label).arg(done));
        },
        [this, label, kept](qint64 total) {
            if (total < 0) {
                showError(tr("Could not save the new verdicts of %1.").arg(label));
                return;
            }
            // The list follows the store's verdictsUpdated notifications, keeping the selection.
            statusBar()->showMessage(kept
                                         + tr("Re-verified %1 of %2.")
                                               .arg(counted(total, u"request", u"requests"), label),
                                     8000);
        });
}

void MainWindow::keepSecret(const QString &endpoint, const QByteArray &secret)
{
    const auto saved = [this](bool ok, const QString &error) {
        if (!ok)
            showError(
                tr("The secret works for this session but could not be saved: %1").arg(error));
    };
    // No secret is kept as no entry, so nothing empty lingers in the keyring.
    if (secret.isEmpty())
        m_secrets->remove(session::secretKeyFor(endpoint), saved);
    else
        m_secrets->store(session::secretKeyFor(endpoint), secret, saved);
}

void MainWindow::keepSchemeSecret(const QString &endpoint, const QString &scheme,
                                  const QByteArray &secret)
{
    // The keyring cannot list its entries: the settings remember which schemes have one.
    QSettings settings;
    settings.beginGroup(kSchemeSecretsGroup);
    QStringList schemes = settings.value(settingsName(endpoint)).toStringList();
    schemes.removeAll(scheme);
    if (!secret.isEmpty())
        schemes << scheme;
    if (schemes.isEmpty())
        settings.remove(settingsName(endpoint));
    else
        settings.setValue(settingsName(endpoint), schemes);
    settings.endGroup();
    const auto saved = [this](bool ok, const QString &error) {
        if (!ok)
            showError(
                tr("The secret works for this session but could not be saved: %1").arg(error));
    };
    const QString key = session::secretKeyFor(endpoint, scheme);
    if (secret.isEmpty())
        m_secrets->remove(key, saved);
    else
        m_secrets->store(key, secret, saved);
}

void MainWindow::forgetSchemeSecrets(const QString &endpoint)
{
    QSettings settings;
    settings.beginGroup(kSchemeSecretsGroup);
    const QStringList schemes = settings.value(settingsName(endpoint)).toStringList();
    settings.remove(settingsName(endpoint));
    settings.endGroup();
    for (const QString &scheme : schemes)
        m_secrets->remove(session::secretKeyFor(endpoint, scheme), [](bool, const QString &) {});
}

QHash<QString, QStringList> MainWindow::keptSchemeSecrets() const
{
    QHash<QString, QStringList> kept;
    QSettings settings;
    settings.beginGroup(kSchemeSecretsGroup);
    const QStringList names = settings.childKeys();
    for (const QString &name : names)
        kept.insert(endpointOfSettingsName(name), settings.value(name).toStringList());
    return kept;
}

void MainWindow::forgetProviderSecrets(const QHash<QString, QStringList> &forgotten)
{
    for (auto it = forgotten.cbegin(); it != forgotten.cend(); ++it) {
        for (const QString &scheme : it.value()) {
            m_session->verifier().setSchemeSecret(it.key(), scheme, QByteArray());
            keepSchemeSecret(it.key(), scheme, QByteArray());
        }
        reverifyInBackground(it.key());
    }
}

void MainWindow::reverifyInBackground(const QString &endpoint)
{
    if (!m_storeReady)
        return;
    m_session->reverify(
        endpoint, [](qint64) {},
        [this, endpoint](qint64 total) {
            if (total < 0)
                showError(tr("Could not save the new verdicts of %1.")
                              .arg(endpoint.isEmpty() ? tr("the catch-all endpoint") : endpoint));
        });
}

void MainWindow::loadSavedSecrets()
{
    // Schemes of endpoints the window does not configure, then the profile's, which win.
    QHash<QString, QString> schemes;
    QSettings settings;
    settings.beginGroup(kSchemesGroup);
    const QStringList names = settings.childKeys();
    for (const QString &name : names)
        schemes.insert(endpointOfSettingsName(name), settings.value(name).toString());
    settings.endGroup();
    if (!m_profile.defaultScheme.isEmpty() || !schemes.contains(QString()))
        schemes.insert(QString(), m_profile.defaultScheme);
    for (const http::EndpointConfig &endpoint : std::as_const(m_profile.endpoints))
        schemes.insert(endpoint.name, endpoint.scheme);
    for (auto it = schemes.cbegin(); it != schemes.cend(); ++it) {
        const QString endpoint = it.key();
        const QString scheme = it.value();
        ++m_pendingSecretLoads;
        m_secrets->load(session::secretKeyFor(endpoint),
                        [this, endpoint, scheme, generation = m_secretGeneration](
                            std::optional<QByteArray> secret, const QString &error) {
                            if (!error.isEmpty())
                                showError(tr("Could not read a saved secret: %1").arg(error));
                            if (generation == m_secretGeneration)
                                m_session->verifier().setSecret(endpoint, scheme,
                                                                secret.value_or(QByteArray()));
                            secretLoaded();
                        });
    }
    // Secrets kept for one provider each, by endpoint.
    settings.beginGroup(kSchemeSecretsGroup);
    const QStringList withSchemeSecrets = settings.childKeys();
    for (const QString &name : withSchemeSecrets) {
        const QString endpoint = endpointOfSettingsName(name);
        const QStringList providers = settings.value(name).toStringList();
        for (const QString &scheme : providers) {
            ++m_pendingSecretLoads;
            m_secrets->load(session::secretKeyFor(endpoint, scheme),
                            [this, endpoint, scheme, generation = m_secretGeneration](
                                std::optional<QByteArray> secret, const QString &error) {
                                if (!error.isEmpty())
                                    showError(tr("Could not read a saved secret: %1").arg(error));
                                if (generation == m_secretGeneration && secret)
                                    m_session->verifier().setSchemeSecret(endpoint, scheme,
                                                                          *secret);
                                secretLoaded();
                            });
        }
    }
    settings.endGroup();
}

void MainWindow::loadForwardPasswords()
{
    const quint64 generation = m_forwardGeneration;
    auto movedAny = std::make_shared<bool>(false);
    for (const QUrl &target : std::as_const(m_profile.forwardTargets)) {
        if (target.password().isEmpty())
            continue;
        const QString key = session::forwardPasswordKey(target);
        const QString shown = compose::redactedUrl(target);
        ++m_pendingSecretLoads;
        if (!compose::hidesPassword(target)) {
            // Settings written before passwords went to the keyring: move it there.
            m_secrets->store(key, target.password().toUtf8(),
                             [this, shown, movedAny](bool ok, const QString &error) {
                                 if (ok)
                                     *movedAny = true;
                                 else
                                     showError(tr("Could not move the password of %1 to the "
                                                  "keyring: %2")
                                                   .arg(shown, error));
                                 secretLoaded();
                             });
            continue;
        }
        m_secrets->load(
            key,
            [this, target, shown, generation](std::optional<QByteArray> password,
                                              const QString &error) {
                if (generation == m_forwardGeneration) {
                    if (password) {
                        for (QUrl &kept : m_profile.forwardTargets) {
                            if (kept == target)
                                kept.setPassword(QString::fromUtf8(*password));
                        }
                    } else {
                        showError(
                            tr("The saved password of %1 could not be read%2: requests are "
                               "forwarded there without it until it is typed again in "
                               "Endpoints.")
                                .arg(shown, error.isEmpty() ? QString() : u" ("_qs + error + u')'));
                    }
                }
                secretLoaded();
            });
    }
    afterSecretsLoaded([this, generation, movedAny] {
        if (generation != m_forwardGeneration)
            return; // the user has saved other targets since
        if (*movedAny) {
            QSettings settings;
            session::saveReceiverProfile(settings, m_profile);
        }
        if (const QString problem = m_session->setForwardTargets(usableTargets(m_profile));
            !problem.isEmpty()) {
            showError(tr("Forwarding is off: %1").arg(problem));
            m_profile.forwardTargets.clear();
            m_receiverBar->setEndpointSummary(int(m_profile.endpoints.size()), 0);
        }
        m_session->setPassThrough(m_profile.passThrough);
    });
}

void MainWindow::secretLoaded()
{
    if (--m_pendingSecretLoads > 0)
        return;
    const auto waiting = std::exchange(m_afterSecrets, {});
    for (const std::function<void()> &next : waiting)
        next();
}

void MainWindow::afterSecretsLoaded(std::function<void()> next)
{
    if (m_pendingSecretLoads == 0)
        next();
    else
        m_afterSecrets.push_back(std::move(next));
}

void MainWindow::keepForwardPasswords(const session::ReceiverProfile &old)
{
    const QHash<QString, QByteArray> before = session::forwardPasswords(old);
    const QHash<QString, QByteArray> after = session::forwardPasswords(m_profile);
    QSet<QString> kept;
    for (const QUrl &target : std::as_const(m_profile.forwardTargets)) {
        if (!target.password().isEmpty())
            kept.insert(session::forwardPasswordKey(target));
    }
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (before.value(it.key()) == it.value())
            continue;
        m_secrets->store(it.key(), it.value(), [this](bool ok, const QString &error) {
            if (!ok)
                showError(tr("A forward target's password works for this session but could not "
                             "be saved: %1")
                              .arg(error));
        });
    }
    for (const QUrl &target : std::as_const(old.forwardTargets)) {
        const QString key = session::forwardPasswordKey(target);
        if (!target.password().isEmpty() && !kept.contains(key))
            m_secrets->remove(key, [](bool, const QString &) {});
    }
}

void MainWindow::showAnswersOf(qint64 id)
{
    if (id != m_shownId)
        return;
    m_session->store().load(id, [this, id](const std::optional<Capture> &capture) {
        if (capture && id == m_shownId)
            m_detailView->updateAnswers(*capture);
    });
}

void MainWindow::editEndpoints()
{
    QHash<QString, QByteArray> secrets;
    secrets.insert(QString(), m_session->verifier().secretFor(QString()).secret);
    for (const http::EndpointConfig &endpoint : std::as_const(m_profile.endpoints))
        secrets.insert(endpoint.name, m_session->verifier().secretFor(endpoint.name).secret);
    auto *dialog = new EndpointsDialog(m_profile, secrets, keptSchemeSecrets(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        forgetProviderSecrets(dialog->forgottenSchemeSecrets());
        applyReceiverProfile(dialog->profile(), dialog->secrets());
    });
    dialog->open();
}

void MainWindow::applyReceiverProfile(const session::ReceiverProfile &profile,
                                      const QHash<QString, QByteArray> &secrets)
{
    const session::ReceiverProfile old = m_profile;
    ++m_secretGeneration;
    ++m_forwardGeneration;
    if (const QString problem = m_session->setForwardTargets(usableTargets(profile));
        !problem.isEmpty()) {
        showError(tr("Forwarding not changed: %1").arg(problem));
        return;
    }
    m_session->setPassThrough(profile.passThrough);
    m_profile = profile;
    {
        QSettings settings;
        session::saveReceiverProfile(settings, m_profile);
    }
    keepForwardPasswords(old);
    m_receiverBar->setEndpointSummary(int(m_profile.endpoints.size()),
                                      int(m_profile.forwardTargets.size()), m_profile.passThrough);

    // Secrets and schemes: the verifier at once; the keyring in the background. Endpoints
    // whose verification changed get their stored requests re-verified.
    QStringList names {QString()};
    for (const http::EndpointConfig &endpoint : std::as_const(m_profile.endpoints))
        names << endpoint.name;
    for (const QString &name : std::as_const(names)) {
        const QString scheme = *m_profile.schemeOf(name);
        const QByteArray secret = secrets.value(name);
        const session::EndpointSecret before = m_session->verifier().secretFor(name);
        if (before.scheme == scheme && before.secret == secret)
            continue;
        m_session->verifier().setSecret(name, scheme, secret);
        keepSecret(name, secret);
        reverifyInBackground(name);
    }
    for (const http::EndpointConfig &endpoint : std::as_const(old.endpoints)) {
        if (!names.contains(endpoint.name)) {
            m_session->verifier().removeSecret(endpoint.name);
            m_secrets->remove(session::secretKeyFor(endpoint.name), [](bool, const QString &) {});
            forgetSchemeSecrets(endpoint.name);
        }
    }

    // The server reads its endpoints when it starts: restart it on the port it has now.
    // (A changed scheme restarts it too: harmless, and it keeps this comparison simple.)
    const bool endpointsChanged = old.endpoints != m_profile.endpoints
        || old.defaultResponse != m_profile.defaultResponse
        || old.defaultRejectInvalidSignature != m_profile.defaultRejectInvalidSignature;
    if (endpointsChanged && m_session->isListening()) {
        const quint16 port = quint16(QUrl(m_session->url()).port());
        m_session->stopReceiver();
        startReceiverOn(port);
    }
    statusBar()->showMessage(
        tr("Endpoints saved: %1")
                .arg(counted(m_profile.endpoints.size(), u"endpoint", u"endpoints"))
            + (m_profile.forwardTargets.isEmpty()
                   ? QString()
                   : tr(", forwarding to %1")
                         .arg(counted(m_profile.forwardTargets.size(), u"target", u"targets"))),
        8000);
}

} // namespace hookscope::ui
