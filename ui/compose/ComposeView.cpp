#include "compose/ComposeView.h"

#include "HeaderTableModel.h"
#include "JsonHighlighter.h"
#include "PayloadTreeView.h"
#include "WrappingRow.h"
#include "compose/BodyTreeModel.h"
#include "compose/ComposePanes.h"
#include "compose/FocusInSight.h"
#include "compose/HeaderEditModel.h"
#include "compose/HiddenPassword.h"
#include "compose/JsonOverride.h"
#include "compose/LoadPanel.h"
#include "compose/MemberBuilder.h"
#include "compose/OrderedJson.h"
#include "compose/Placeholders.h"
#include "compose/PledgeBuilder.h"
#include "compose/ReplayRequest.h"
#include "compose/RetrySchedule.h"
#include "compose/SendHistoryModel.h"
#include "compose/SignerFactory.h"
#include "compose/TemplateFinder.h"
#include "compose/TemplateLibrary.h"
#include "core/Counted.h"
#include "history/SendHistory.h"
#include "payload/BodyParser.h"
#include "signing/Signing.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTextBlock>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QUuid>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace hookscope::ui {

using namespace compose;

namespace {

constexpr int kTemplateNameRole = Qt::UserRole + 1;
// Bodies above this size are validated but not mirrored into the tree and the form.
constexpr qsizetype kSyncLimitBytes = 2 * 1024 * 1024;
constexpr int kHistoryPage = 500;

enum BodyFormatChoice { CompactBody, PrettyBody, AsTypedBody };

QString warningStyle()
{
    return QStringLiteral("color: #9a5b00;");
}
QString errorStyle()
{
    return QStringLiteral("color: #b3261e;");
}
QString okStyle()
{
    return QStringLiteral("color: #1b7a35;");
}

// "2,221 bytes", grouped as the user's locale groups numbers.
QString byteCount(qint64 n)
{
    return n == 1 ? QObject::tr("1 byte") : QObject::tr("%1 bytes").arg(QLocale().toString(n));
}

QString formatMs(qint64 us)
{
    return QStringLiteral("%1 ms").arg(double(us) / 1000.0, 0, 'f', 1);
}

QString requestText(const history::SendRecord &record)
{
    QString text = QString::fromLatin1(record.method) + u' ' + record.url + u'\n';
    for (const HeaderField &field : record.requestHeaders)
        text += QString::fromUtf8(field.name) + QStringLiteral(": ")
            + QString::fromUtf8(field.value) + u'\n';
    text += u'\n' + QString::fromUtf8(record.requestBody);
    return text;
}

// "127.0.0.1:8443": the server a URL names, which an accepted certificate holds for; empty for
// a URL without a host.
QString serverOf(const QString &url)
{
    const QUrl parsed(url.trimmed(), QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty())
        return {};
    return parsed.host() + u':'
        + QString::number(parsed.port(parsed.scheme() == u"https" ? 443 : 80));
}

// "http://127.0.0.1:8787": where a URL sends to, its scheme's own port when none is written;
// empty for a URL without a host.
QString originOf(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return {};
    const QString scheme = url.scheme().toLower();
    return scheme + QStringLiteral("://") + url.host() + u':'
        + QString::number(url.port(scheme == u"https" ? 443 : 80));
}

// As the history list tells sends apart: the time alone today, else the date too.
QString sentAtText(qint64 sentAtUs)
{
    const QDateTime sent = QDateTime::fromMSecsSinceEpoch(sentAtUs / 1000).toLocalTime();
    return sent.toString(sent.date() == QDate::currentDate() ? QStringLiteral("HH:mm:ss")
                                                             : QStringLiteral("yyyy-MM-dd HH:mm"));
}

QWidget *labelled(const QString &title, QWidget *widget, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(title, box);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    layout->addWidget(label);
    layout->addWidget(widget, 1);
    return box;
}

} // namespace

ComposeView::ComposeView(QWidget *parent)
    : ComposeView(ComposeViewOptions {}, parent)
{ }

ComposeView::ComposeView(const ComposeViewOptions &options, QWidget *parent)
    : QWidget(parent)
    , m_options(options)
{
    setObjectName(QStringLiteral("composeView"));
    m_library = std::make_unique<TemplateLibrary>(m_options.userTemplateDirectory.isEmpty()
                                                      ? TemplateLibrary::defaultUserDirectory()
                                                      : m_options.userTemplateDirectory);
    m_validateTimer = new QTimer(this);
    m_validateTimer->setSingleShot(true);
    m_validateTimer->setInterval(150);
    connect(m_validateTimer, &QTimer::timeout, this, &ComposeView::validateBody);

    QWidget *sidebar = createSidebar();
    QWidget *request = createRequestPane();
    QWidget *response = createResponsePane();
    m_panes = new ComposePanes(sidebar, request, response, this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_panes);

    fillTemplatePicker();
    m_urlEdit->setText(m_defaultUrl);
    templateChosen(0); // a blank JSON request to start from
    openHistory();
}

ComposeView::~ComposeView()
{
    // Stop sending before the models the callbacks write to go away.
    delete m_runner.data();
}

// --- building the view ---------------------------------------------------------------------

QWidget *ComposeView::createSidebar()
{
    auto *pane = new QWidget(this);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);

    m_templateFinder = new TemplateFinder(pane);
    connect(m_templateFinder, &TemplateFinder::chosen, this, &ComposeView::selectTemplate);
    m_templateItems = new QStandardItemModel(this);
    m_templateCombo = new QComboBox(pane);
    m_templateCombo->setObjectName(QStringLiteral("templateComboBox"));
    m_templateCombo->setAccessibleName(tr("Template"));
    m_templateCombo->setModel(m_templateItems);
    m_templateCombo->setMaxVisibleItems(30);
    connect(m_templateCombo, &QComboBox::activated, this, &ComposeView::templateChosen);
    // A narrow sidebar cuts long names ("patreon/members:pledge:create"): the tooltip has it.
    connect(m_templateCombo, &QComboBox::currentTextChanged, m_templateCombo,
            &QComboBox::setToolTip);
    m_templateDescription = new QLabel(pane);
    m_templateDescription->setObjectName(QStringLiteral("templateDescriptionLabel"));
    m_templateDescription->setAccessibleName(tr("Template description"));
    m_templateDescription->setWordWrap(true);
    m_templateDescription->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *saveTemplate = new QPushButton(tr("Save as template…"), pane);
    saveTemplate->setObjectName(QStringLiteral("saveAsTemplateButton"));
    connect(saveTemplate, &QPushButton::clicked, this, &ComposeView::saveAsTemplateClicked);
    // The only way back to a built-in template that one of the user's hides.
    m_deleteTemplateButton = new QPushButton(tr("Delete template…"), pane);
    m_deleteTemplateButton->setObjectName(QStringLiteral("deleteTemplateButton"));
    m_deleteTemplateButton->setAccessibleName(tr("Delete this template of yours"));
    m_deleteTemplateButton->setToolTip(tr("Deletes this template of yours (built-in templates "
                                          "cannot be deleted)"));
    m_deleteTemplateButton->setEnabled(false);
    connect(m_deleteTemplateButton, &QPushButton::clicked, this,
            &ComposeView::deleteCurrentTemplate);
    // Side by side, or one above the other in a narrow sidebar.
    auto *templateButtons = new WrappingRow(pane);
    templateButtons->addWidget(saveTemplate);
    templateButtons->addWidget(m_deleteTemplateButton);

    auto *templateBox = new QWidget(pane);
    auto *templateLayout = new QVBoxLayout(templateBox);
    templateLayout->setContentsMargins(0, 0, 0, 0);
    templateLayout->addWidget(m_templateFinder);
    templateLayout->addWidget(m_templateCombo);
    templateLayout->addWidget(m_templateDescription);
    templateLayout->addWidget(templateButtons);
    layout->addWidget(labelled(tr("Template"), templateBox, pane));

    m_historyModel = new SendHistoryModel(this);
    m_historyView = new QTableView(pane);
    m_historyView->setObjectName(QStringLiteral("historyTableView"));
    m_historyView->setAccessibleName(tr("Send history"));
    m_historyView->setModel(m_historyModel);
    m_historyView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_historyView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_historyView->verticalHeader()->hide();
    m_historyView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_historyView->horizontalHeader()->setStretchLastSection(false);
    m_historyView->horizontalHeader()->setSectionResizeMode(SendHistoryModel::UrlColumn,
                                                            QHeaderView::Stretch);
    // The sidebar is about 210 px wide at 800×600: with method and attempt columns the URL had
    // a few pixels ("P…k"). Both are in the row's tooltip.
    m_historyView->setColumnHidden(SendHistoryModel::MethodColumn, true);
    m_historyView->setColumnHidden(SendHistoryModel::AttemptColumn, true);
    // Fixed widths: ResizeToContents does not follow rows inserted later.
    const QFontMetrics metrics = m_historyView->fontMetrics();
    const int padding = metrics.horizontalAdvance(QLatin1Char('0')) * 2;
    const auto fixWidth = [this](int column, int width) {
        m_historyView->horizontalHeader()->setSectionResizeMode(column, QHeaderView::Fixed);
        m_historyView->horizontalHeader()->resizeSection(column, width);
    };
    fixWidth(SendHistoryModel::TimeColumn,
             metrics.horizontalAdvance(QStringLiteral("00:00:00")) + padding);
    fixWidth(SendHistoryModel::StatusColumn, metrics.horizontalAdvance(tr("Status")) + padding);
    m_historyView->setWordWrap(false);
    // Where a narrow sidebar cuts the URL, its end (the path) is what is kept in sight.
    m_historyView->setTextElideMode(Qt::ElideLeft);
    connect(m_historyView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ComposeView::historySelectionChanged);
    connect(m_historyView, &QTableView::doubleClicked, this,
            &ComposeView::loadSelectedIntoComposer);

    m_loadHistoryButton = new QPushButton(tr("Load into composer"), pane);
    m_loadHistoryButton->setObjectName(QStringLiteral("loadIntoComposerButton"));
    m_loadHistoryButton->setEnabled(false);
    connect(m_loadHistoryButton, &QPushButton::clicked, this,
            &ComposeView::loadSelectedIntoComposer);
    auto *clear = new QPushButton(tr("Clear"), pane);
    clear->setObjectName(QStringLiteral("clearHistoryButton"));
    connect(clear, &QPushButton::clicked, this, &ComposeView::clearHistory);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_loadHistoryButton);
    buttons->addStretch(1);
    buttons->addWidget(clear);

    auto *historyBox = new QWidget(pane);
    auto *historyLayout = new QVBoxLayout(historyBox);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    historyLayout->addWidget(m_historyView, 1);
    historyLayout->addLayout(buttons);
    layout->addWidget(labelled(tr("History"), historyBox, pane), 1);
    return pane;
}

QWidget *ComposeView::createRequestPane()
{
    auto *pane = new QWidget(this);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);

    m_methodCombo = new QComboBox(pane);
    m_methodCombo->setObjectName(QStringLiteral("methodComboBox"));
    m_methodCombo->setEditable(true);
    m_methodCombo->setAccessibleName(tr("Method"));
    m_methodCombo->lineEdit()->setAccessibleName(tr("Method"));
    m_methodCombo->addItems({QStringLiteral("POST"), QStringLiteral("PUT"), QStringLiteral("PATCH"),
                             QStringLiteral("GET"), QStringLiteral("DELETE")});
    m_urlEdit = new QLineEdit(pane);
    m_urlEdit->setObjectName(QStringLiteral("urlLineEdit"));
    m_urlEdit->setAccessibleName(tr("URL to send to"));
    m_urlEdit->setPlaceholderText(tr("http://localhost:3000/webhooks"));
    m_urlEdit->setMinimumWidth(m_urlEdit->fontMetrics().horizontalAdvance(u'M') * 12);
    connect(m_urlEdit, &QLineEdit::textEdited, this, [this] { m_urlTyped = true; });
    connect(m_urlEdit, &QLineEdit::returnPressed, this, &ComposeView::send);
    m_sendButton = new QPushButton(tr("Send"), pane);
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_sendButton->setDefault(true);
    connect(m_sendButton, &QPushButton::clicked, this, [this] {
        if (isSending())
            stop();
        else
            send();
    });
    auto *requestLine = new QHBoxLayout;
    requestLine->addWidget(m_methodCombo);
    requestLine->addWidget(m_urlEdit, 1);
    requestLine->addWidget(m_sendButton);
    layout->addLayout(requestLine);

    m_requestTabs = new QTabWidget(pane);
    m_requestTabs->setObjectName(QStringLiteral("requestTabWidget"));
    m_requestTabs->setAccessibleName(tr("Request"));
    m_requestTabs->addTab(createBodyPage(), tr("Body"));

    m_treeModel = new BodyTreeModel(this);
    connect(m_treeModel, &BodyTreeModel::valueEdited, this, &ComposeView::treeValueEdited);
    auto *treePage = new QWidget(pane);
    auto *treeLayout = new QVBoxLayout(treePage);
    m_treeNote = new QLabel(tr("Double-click a value to change it; the body text keeps its key "
                               "order and every other byte."),
                            treePage);
    m_treeNote->setObjectName(QStringLiteral("bodyTreeNoteLabel"));
    m_treeNote->setWordWrap(true);
    m_treeView = new QTreeView(treePage);
    m_treeView->setObjectName(QStringLiteral("bodyTreeView"));
    m_treeView->setAccessibleName(tr("Body as a tree"));
    m_treeView->setModel(m_treeModel);
    m_treeView->setUniformRowHeights(true);
    m_treeView->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                                | QAbstractItemView::SelectedClicked);
    m_treeView->header()->setSectionResizeMode(BodyTreeModel::KeyColumn,
                                               QHeaderView::ResizeToContents);
    connect(m_treeModel, &QAbstractItemModel::modelReset, m_treeView,
            [this] { m_treeView->expandToDepth(2); });
    treeLayout->addWidget(m_treeNote);
    treeLayout->addWidget(m_treeView, 1);
    m_requestTabs->addTab(treePage, tr("Tree"));
    m_requestTabs->addTab(createHeadersPage(), tr("Headers"));
    layout->addWidget(m_requestTabs, 1);
    layout->addWidget(createOptionsBox());
    return pane;
}

QWidget *ComposeView::createBodyPage()
{
    auto *page = new QSplitter(Qt::Horizontal, this);
    page->setObjectName(QStringLiteral("bodySplitter"));
    page->setChildrenCollapsible(false);

    auto *editorColumn = new QWidget(page);
    auto *layout = new QVBoxLayout(editorColumn);
    layout->setContentsMargins(0, 0, 0, 0);
    m_bodyEdit = new QPlainTextEdit(editorColumn);
    m_bodyEdit->setObjectName(QStringLiteral("bodyPlainTextEdit"));
    m_bodyEdit->setAccessibleName(tr("Body"));
    m_bodyEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_bodyEdit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_bodyEdit->setTabChangesFocus(false);
    m_highlighter = new JsonHighlighter(m_bodyEdit->document());
    connect(m_bodyEdit, &QPlainTextEdit::textChanged, this, &ComposeView::scheduleValidation);

    m_jsonStatus = new QLabel(editorColumn);
    m_jsonStatus->setObjectName(QStringLiteral("jsonStatusLabel"));
    m_jsonStatus->setWordWrap(true);
    m_bodyFormatCombo = new QComboBox(editorColumn);
    m_bodyFormatCombo->setObjectName(QStringLiteral("bodyFormatComboBox"));
    m_bodyFormatCombo->setAccessibleName(tr("How the body is sent"));
    m_bodyFormatCombo->addItem(tr("Send compact JSON"), CompactBody);
    m_bodyFormatCombo->addItem(tr("Send pretty JSON"), PrettyBody);
    m_bodyFormatCombo->addItem(tr("Send exactly as typed"), AsTypedBody);
    // The status line counts the bytes sent, which the format decides.
    connect(m_bodyFormatCombo, &QComboBox::currentIndexChanged, this,
            &ComposeView::scheduleValidation);
    m_bodyFormatCombo->setToolTip(
        tr("Valid JSON is sent compact or pretty with its keys in order; invalid JSON is always "
           "sent as typed."));
    auto *statusLine = new QHBoxLayout;
    statusLine->addWidget(m_jsonStatus, 1);
    statusLine->addWidget(m_bodyFormatCombo);
    layout->addWidget(m_bodyEdit, 1);
    layout->addLayout(statusLine);

    page->addWidget(editorColumn);
    m_pledge = new PledgeBuilder;
    page->addWidget(addForm(tr("Pledge"), m_pledge, page));
    m_member = new MemberBuilder;
    page->addWidget(addForm(tr("Member"), m_member, page));
    page->setStretchFactor(0, 3);
    page->setStretchFactor(1, 2);
    page->setStretchFactor(2, 2);
    return page;
}

QGroupBox *ComposeView::addForm(const QString &title, BodyForm *form, QWidget *parent)
{
    const QString &name = form->type();
    auto *box = new QGroupBox(title, parent);
    box->setObjectName(name + QStringLiteral("GroupBox"));
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(4, 4, 4, 4);
    // A field's problem shows above the fields, outside their scrolling: under the last field
    // it would be below the fold while the user types higher up.
    layout->addWidget(form->validationLabel());
    // The form scrolls down in a small window rather than push the options below the page's
    // fold; never sideways, so the pane is as wide as its narrowest form.
    auto *scroll = new QScrollArea(box);
    scroll->setObjectName(name + QStringLiteral("ScrollArea"));
    scroll->setAccessibleName(tr("%1 fields").arg(title));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(form);
    new FocusInSight(scroll); // the problem line takes room from the fields when it appears
    scroll->setMinimumWidth(form->minimumSizeHint().width()
                            + scroll->verticalScrollBar()->sizeHint().width());
    layout->addWidget(scroll);
    box->hide();
    connect(form, &BodyForm::edited, this, [this, form] { formEdited(*form); });
    m_forms.append({box, form});
    return box;
}

QWidget *ComposeView::createHeadersPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_headerModel = new HeaderEditModel(this);
    m_headerView = new QTableView(page);
    m_headerView->setObjectName(QStringLiteral("headersTableView"));
    m_headerView->setAccessibleName(tr("Headers to send"));
    m_headerView->setModel(m_headerModel);
    m_headerView->verticalHeader()->hide();
    m_headerView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_headerView->horizontalHeader()->setStretchLastSection(true);
    m_headerView->horizontalHeader()->setSectionResizeMode(HeaderEditModel::NameColumn,
                                                           QHeaderView::ResizeToContents);
    m_headerMessage = new QLabel(page);
    m_headerMessage->setObjectName(QStringLiteral("headerMessageLabel"));
    m_headerMessage->setWordWrap(true);
    m_headerMessage->setStyleSheet(errorStyle());
    connect(m_headerModel, &HeaderEditModel::rejected, m_headerMessage, &QLabel::setText);
    connect(m_headerModel, &HeaderEditModel::headersEdited, m_headerMessage, &QLabel::clear);

    const auto button = [page](const QString &name, const QString &text) {
        auto *b = new QPushButton(text, page);
        b->setObjectName(name);
        return b;
    };
    QPushButton *add = button(QStringLiteral("addHeaderButton"), tr("Add"));
    QPushButton *remove = button(QStringLiteral("removeHeaderButton"), tr("Remove"));
    QPushButton *up = button(QStringLiteral("moveHeaderUpButton"), tr("Up"));
    QPushButton *down = button(QStringLiteral("moveHeaderDownButton"), tr("Down"));
    connect(add, &QPushButton::clicked, this, &ComposeView::addHeaderRow);
    connect(remove, &QPushButton::clicked, this, &ComposeView::removeHeaderRow);
    connect(up, &QPushButton::clicked, this,
            [this] { m_headerModel->moveHeader(m_headerView->currentIndex().row(), -1); });
    connect(down, &QPushButton::clicked, this,
            [this] { m_headerModel->moveHeader(m_headerView->currentIndex().row(), 1); });
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {add, remove, up, down})
        buttons->addWidget(b);
    buttons->addStretch(1);
    auto *note = new QLabel(tr("{{signature}} marks where the scheme's signature header goes; "
                               "placeholders such as {{id}} and {{now}} are filled at send time."),
                            page);
    note->setWordWrap(true);
    layout->addWidget(m_headerView, 1);
    layout->addWidget(m_headerMessage);
    layout->addLayout(buttons);
    layout->addWidget(note);
    return page;
}

QWidget *ComposeView::createOptionsBox()
{
    auto *box = new QGroupBox(tr("Signing and delivery"), this);
    auto *grid = new QFormLayout(box);
    grid->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_schemeCombo = new QComboBox(box);
    m_schemeCombo->setObjectName(QStringLiteral("schemeComboBox"));
    m_schemeCombo->setAccessibleName(tr("Signature scheme"));
    m_schemeCombo->addItem(tr("Unsigned"), QString());
    for (const QString &name : signing::schemeNames()) {
        if (name != u"custom")
            m_schemeCombo->addItem(signing::schemeTitle(name), name);
    }
    m_secretEdit = new QLineEdit(box);
    m_secretEdit->setObjectName(QStringLiteral("secretLineEdit"));
    m_secretEdit->setAccessibleName(tr("Signing secret"));
    m_secretEdit->setEchoMode(QLineEdit::Password);
    connect(m_secretEdit, &QLineEdit::textEdited, this,
            [this] { m_secretScheme = m_schemeCombo->currentData().toString(); });
    // What an empty secret does depends on the scheme and on the headers (a recorded signature).
    connect(m_schemeCombo, &QComboBox::currentIndexChanged, this, &ComposeView::updateSecretHint);
    connect(m_headerModel, &QAbstractItemModel::modelReset, this, &ComposeView::updateSecretHint);
    connect(m_headerModel, &HeaderEditModel::headersEdited, this, &ComposeView::updateSecretHint);
    updateSecretHint();
    m_showSecretButton = new QToolButton(box);
    m_showSecretButton->setObjectName(QStringLiteral("showSecretToolButton"));
    m_showSecretButton->setText(tr("Show"));
    m_showSecretButton->setCheckable(true);
    connect(m_showSecretButton, &QToolButton::toggled, this, [this](bool shown) {
        m_secretEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_showSecretButton->setText(shown ? tr("Hide") : tr("Show"));
    });
    m_secretEdit->setMinimumWidth(m_secretEdit->fontMetrics().horizontalAdvance(u'M') * 10);
    // Rows of controls that wrap, so the box never sets the page's least width.
    auto *signingLine = new WrappingRow(box);
    signingLine->setObjectName(QStringLiteral("signingRow"));
    signingLine->addWidget(m_schemeCombo);
    signingLine->addWidget(keptTogether({m_secretEdit, m_showSecretButton}, box), true);
    grid->addRow(tr("Signature"), signingLine);

    m_timeoutSpin = new QSpinBox(box);
    m_timeoutSpin->setObjectName(QStringLiteral("timeoutSpinBox"));
    m_timeoutSpin->setAccessibleName(tr("Timeout in seconds"));
    m_timeoutSpin->setRange(1, 600);
    m_timeoutSpin->setValue(30);
    m_timeoutSpin->setSuffix(tr(" s"));
    m_insecureCheck = new QCheckBox(tr("Accept this self-signed certificate"), box);
    m_insecureCheck->setObjectName(QStringLiteral("insecureCheckBox"));
    m_insecureCheck->setToolTip(
        tr("Accept any TLS certificate from the host and port this is sent to, for as long as "
           "the URL names them: another host or port, or loading a history entry or a replay, "
           "unticks it. Hookscope's own HTTPS receiver needs no tick: its certificate is "
           "trusted."));
    // Kept for one server, so that sending to it again needs no second tick; but never carried
    // to another server, whose certificate has not been looked at.
    connect(m_insecureCheck, &QCheckBox::toggled, this, [this](bool checked) {
        if (!checked)
            m_insecureServer.clear();
    });
    connect(m_urlEdit, &QLineEdit::textChanged, this, [this](const QString &url) {
        if (!m_insecureServer.isEmpty() && serverOf(url) != m_insecureServer)
            m_insecureCheck->setChecked(false);
    });
    auto *connectionLine = new WrappingRow(box);
    connectionLine->setObjectName(QStringLiteral("connectionRow"));
    connectionLine->addWidget(keptTogether({new QLabel(tr("Timeout"), box), m_timeoutSpin}, box));
    connectionLine->addWidget(m_insecureCheck);
    grid->addRow(tr("Connection"), connectionLine);

    m_scheduleCombo = new QComboBox(box);
    m_scheduleCombo->setObjectName(QStringLiteral("retryScheduleComboBox"));
    m_scheduleCombo->setAccessibleName(tr("Retry schedule"));
    // Titled as `send --help` titles them (RetrySchedule::title); the id stays the item's data,
    // for sending and for `send --retry-schedule`.
    for (const QString &name : RetrySchedule::names()) {
        m_scheduleCombo->addItem(RetrySchedule::title(name), name);
        m_scheduleCombo->setItemData(
            m_scheduleCombo->count() - 1,
            tr("%1 (hookscope send --retry-schedule %2)").arg(RetrySchedule::summary(name), name),
            Qt::ToolTipRole);
    }
    m_timeScaleSpin = new QDoubleSpinBox(box);
    m_timeScaleSpin->setObjectName(QStringLiteral("timeScaleSpinBox"));
    m_timeScaleSpin->setAccessibleName(tr("Time scale: retry waits divided by"));
    m_timeScaleSpin->setRange(1, 100000000);
    m_timeScaleSpin->setDecimals(0);
    m_timeScaleSpin->setValue(1);
    m_timeScaleSpin->setPrefix(tr("÷ "));
    m_timeScaleSpin->setToolTip(
        tr("Every retry wait is divided by this (60000 runs 6 h in 0.36 s)."));
    m_twiceCheck = new QCheckBox(tr("Deliver twice"), box);
    m_twiceCheck->setObjectName(QStringLiteral("deliverTwiceCheckBox"));
    m_outOfOrderCheck = new QCheckBox(tr("Out of order"), box);
    m_outOfOrderCheck->setObjectName(QStringLiteral("outOfOrderCheckBox"));
    auto *retryLine = new WrappingRow(box);
    retryLine->setObjectName(QStringLiteral("retriesRow"));
    retryLine->addWidget(m_scheduleCombo);
    retryLine->addWidget(keptTogether({new QLabel(tr("time scale"), box), m_timeScaleSpin}, box));
    retryLine->addWidget(m_twiceCheck);
    retryLine->addWidget(m_outOfOrderCheck);
    grid->addRow(tr("Retries"), retryLine);
    return box;
}

QWidget *ComposeView::createResponsePane()
{
    auto *pane = new QWidget(this);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    m_responseStatus = new QLabel(pane);
    m_responseStatus->setObjectName(QStringLiteral("responseStatusLabel"));
    m_responseStatus->setWordWrap(true);
    m_responseStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont font = m_responseStatus->font();
    font.setBold(true);
    m_responseStatus->setFont(font);
    // Where the page shows the request and the response as tabs, Send (Stop while sending) is
    // a tab away from the response a user watches: the response gets its own Stop.
    m_responseStop = new QPushButton(tr("Stop"), pane);
    m_responseStop->setObjectName(QStringLiteral("responseStopButton"));
    m_responseStop->setAccessibleName(tr("Stop sending"));
    m_responseStop->hide();
    connect(m_responseStop, &QPushButton::clicked, this, &ComposeView::stop);
    auto *statusBox = new QWidget(pane);
    auto *statusLine = new QHBoxLayout(statusBox);
    statusLine->setContentsMargins(0, 0, 0, 0);
    statusLine->addWidget(m_responseStatus, 1);
    statusLine->addWidget(m_responseStop, 0, Qt::AlignTop);

    m_responseTabs = new QTabWidget(pane);
    m_responseTabs->setObjectName(QStringLiteral("responseTabWidget"));
    m_responseTabs->setAccessibleName(tr("Response"));
    m_responseTree = new PayloadTreeView(pane);
    m_responseTree->setObjectName(QStringLiteral("responseTreeView"));
    m_responseTree->setAccessibleName(tr("Response as a tree"));
    m_responseTabs->addTab(m_responseTree, tr("Tree"));

    m_responseHeaders = new HeaderTableModel(this);
    auto *headerView = new QTableView(pane);
    headerView->setObjectName(QStringLiteral("responseHeadersTableView"));
    headerView->setAccessibleName(tr("Response headers"));
    headerView->setModel(m_responseHeaders);
    headerView->verticalHeader()->hide();
    headerView->horizontalHeader()->setStretchLastSection(true);
    headerView->horizontalHeader()->setSectionResizeMode(HeaderTableModel::NameColumn,
                                                         QHeaderView::ResizeToContents);
    m_responseTabs->addTab(headerView, tr("Headers"));

    const auto rawView = [pane](const QString &name, const QString &spoken) {
        auto *view = new QPlainTextEdit(pane);
        view->setObjectName(name);
        view->setAccessibleName(spoken);
        view->setReadOnly(true);
        view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        return view;
    };
    m_responseRaw = rawView(QStringLiteral("responseRawPlainTextEdit"), tr("Raw response"));
    m_responseTabs->addTab(m_responseRaw, tr("Raw"));
    m_requestRaw = rawView(QStringLiteral("sentRequestPlainTextEdit"), tr("Request as sent"));
    m_requestRaw->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_responseTabs->addTab(m_requestRaw, tr("Request"));

    m_timeline = new QTreeWidget(pane);
    m_timeline->setObjectName(QStringLiteral("attemptTimelineTreeWidget"));
    m_timeline->setAccessibleName(tr("Attempts"));
    m_timeline->setRootIsDecorated(false);
    m_timeline->setUniformRowHeights(true);
    m_timeline->setHeaderLabels(
        {tr("Attempt"), tr("At"), tr("Result"), tr("Next"), tr("Event id")});
    m_responseTabs->addTab(m_timeline, tr("Timeline"));
    // The Response line speaks for the latest thing sent, a load run included: an old send's
    // error must not stay above a run that went well.
    m_loadPanel = new LoadPanel(
        [this](DeliveryOptions *options, EventSource *source, QString *error) {
            if (!prepareDelivery(false, options, source, nullptr, error))
                return false;
            // As for a single send, the line is the run's from now on: no history row claims it.
            forgetShownEntry();
            setResponseStatus(
                StatusLineOwner::LoadRun,
                tr("Load run to %1… (see the Load tab)").arg(compose::redactedUrl(options->url)));
            return true;
        },
        pane);
    m_responseTabs->addTab(m_loadPanel, tr("Load"));
    connect(m_loadPanel, &LoadPanel::runFinished, this, [this] {
        // The outcome is in the Load tab in any case; the line takes it only if nothing took
        // the line since the run began (a single send, a history entry, another composition).
        if (m_statusOwner != StatusLineOwner::LoadRun)
            return;
        const LoadSummary &summary = m_loadPanel->summary();
        setResponseStatus(StatusLineOwner::Composition,
                          tr("Load run: %1 of %2 answered 2xx, %3 failed (see the Load tab).")
                              .arg(summary.answered2xx())
                              .arg(counted(m_loadPanel->sent(), u"event", u"events"))
                              .arg(summary.attemptsFailed()),
                          summary.attemptsFailed() > 0 ? errorStyle() : QString());
    });

    layout->addWidget(labelled(tr("Response"), statusBox, pane));
    layout->addWidget(m_responseTabs, 1);
    clearResponse();
    return pane;
}

// --- templates -----------------------------------------------------------------------------

void ComposeView::fillTemplatePicker(const QString &select)
{
    m_templateItems->clear();
    auto *blank = new QStandardItem(tr("Blank request"));
    blank->setData(QString(), kTemplateNameRole);
    m_templateItems->appendRow(blank);
    // Patreon first, the product's first provider; the others in the library's order.
    QList<EventTemplate> templates = m_library->templates();
    std::stable_partition(templates.begin(), templates.end(),
                          [](const EventTemplate &t) { return t.provider == u"patreon"; });
    QStringList names;
    QString provider;
    for (const EventTemplate &eventTemplate : std::as_const(templates)) {
        names << eventTemplate.name();
        if (eventTemplate.provider != provider) {
            provider = eventTemplate.provider;
            // A provider heading, named as people know it ("GitHub"; "api-reference
            // (X-Signature)" where the seed's folder is not a provider): shown, not selectable.
            const QString title = signing::schemeTitle(eventTemplate.scheme);
            const bool named = !eventTemplate.scheme.isEmpty() && provider == eventTemplate.scheme;
            auto *heading = new QStandardItem(named ? title
                                                  : eventTemplate.scheme.isEmpty()
                                                  ? provider
                                                  : tr("%1 (%2)").arg(provider, title));
            heading->setFlags(Qt::NoItemFlags);
            QFont font = heading->font();
            font.setBold(true);
            heading->setFont(font);
            m_templateItems->appendRow(heading);
        }
        // The full name, so the closed picker says which provider it is.
        auto *item = new QStandardItem(eventTemplate.name()
                                       + (eventTemplate.builtIn ? QString() : tr("  (yours)")));
        item->setData(eventTemplate.name(), kTemplateNameRole);
        item->setToolTip(eventTemplate.description);
        m_templateItems->appendRow(item);
    }
    // The open list is as wide as its longest name, however narrow the sidebar is.
    // (The view's own sizeHintForColumn measures only the rows it has laid out, none yet.)
    QAbstractItemView *list = m_templateCombo->view();
    int widest = 0;
    for (int row = 0; row < m_templateItems->rowCount(); ++row) {
        const QStandardItem *item = m_templateItems->item(row);
        widest = std::max(widest, QFontMetrics(item->font()).horizontalAdvance(item->text()));
    }
    const int margins = 2 * list->fontMetrics().horizontalAdvance(QLatin1Char('M'));
    list->setMinimumWidth(widest + margins + list->verticalScrollBar()->sizeHint().width()
                          + 2 * list->frameWidth());
    m_templateFinder->setNames(names);
    m_templateCombo->setCurrentIndex(0);
    if (!select.isEmpty()) {
        for (int row = 0; row < m_templateItems->rowCount(); ++row) {
            if (m_templateItems->item(row)->data(kTemplateNameRole).toString() == select)
                m_templateCombo->setCurrentIndex(row);
        }
    }
}

bool ComposeView::selectTemplate(const QString &name)
{
    const auto found = m_library->find(name);
    if (!found)
        return false;
    m_templateCombo->setCurrentIndex(templateRow(name));
    loadTemplate(*found);
    clearSecretOfAnotherScheme();
    pickRetrySchedule(found->retrySchedule);
    return true;
}

int ComposeView::templateRow(const QString &name) const
{
    for (int row = 0; row < m_templateItems->rowCount(); ++row) {
        if (m_templateItems->item(row)->data(kTemplateNameRole).toString() == name)
            return row;
    }
    return -1;
}

QString ComposeView::currentTemplateName() const
{
    return m_base.provider.isEmpty() ? QString() : m_base.name();
}

void ComposeView::templateChosen(int index)
{
    const QString name = m_templateItems->item(index)->data(kTemplateNameRole).toString();
    if (name.isEmpty()) {
        EventTemplate blank;
        blank.headers = {{QStringLiteral("Content-Type"), QStringLiteral("application/json")}};
        blank.body = JsonValue::object();
        loadTemplate(blank);
        clearSecretOfAnotherScheme();
        pickRetrySchedule({});
        return;
    }
    if (const auto found = m_library->find(name)) {
        loadTemplate(*found);
        clearSecretOfAnotherScheme();
        pickRetrySchedule(found->retrySchedule);
    }
}

void ComposeView::clearSecretOfAnotherScheme()
{
    const QString scheme = m_schemeCombo->currentData().toString();
    if (m_secretEdit->text().isEmpty() || m_secretScheme == scheme)
        return;
    if (m_secretScheme.isEmpty()) {
        // Typed while unsigned, it was for no provider in particular: the first scheme picked
        // is what it was typed for.
        m_secretScheme = scheme;
        return;
    }
    const QString previous = signing::schemeTitle(m_secretScheme);
    m_secretEdit->clear();
    m_secretScheme.clear();
    m_secretEdit->setPlaceholderText(tr("Secret cleared: it was for %1").arg(previous));
    m_secretEdit->setToolTip(tr("The secret typed was for %1, not for this template's "
                                "signature: type this one's secret to sign it.")
                                 .arg(previous));
}

void ComposeView::pickRetrySchedule(const QString &name)
{
    // As `send --retry-schedule provider` takes it. A template that names none, or a schedule
    // this version does not know (a user's file), retries not at all.
    const int row = m_scheduleCombo->findData(name);
    m_scheduleCombo->setCurrentIndex(row >= 0 ? row
                                              : m_scheduleCombo->findData(QStringLiteral("none")));
}

void ComposeView::loadTemplate(const EventTemplate &eventTemplate)
{
    m_base = eventTemplate;
    updateTemplateButtons();
    m_templateDescription->setText(eventTemplate.description);
    m_methodCombo->setCurrentText(QString::fromLatin1(eventTemplate.method));
    m_headerModel->setHeaders(eventTemplate.headers);
    m_headerMessage->clear();
    const int scheme = m_schemeCombo->findData(eventTemplate.scheme);
    m_schemeCombo->setCurrentIndex(scheme < 0 ? 0 : scheme);
    if (eventTemplate.bodyIsText) {
        m_bodyFormatCombo->setCurrentIndex(AsTypedBody);
        setBodyText(eventTemplate.body.toString().toUtf8());
    } else {
        m_bodyFormatCombo->setCurrentIndex(eventTemplate.prettyBody ? PrettyBody : CompactBody);
        setBodyText(eventTemplate.body.toPretty(2));
    }
    if (!m_urlTyped)
        m_urlEdit->setText(m_defaultUrl);
    validateNow();
}

void ComposeView::setDefaultUrl(const QString &url)
{
    const QString previous = m_defaultUrl;
    m_defaultUrl = url;
    const QString shown = m_urlEdit->text().trimmed();
    if (!m_urlTyped || shown == previous) {
        m_urlEdit->setText(url);
        return;
    }
    // A URL at the receiver's old address (a path typed after it, a replay, a history entry)
    // follows the receiver to its new port or scheme, keeping its path and query; a URL
    // pointing anywhere else is the user's to change.
    const QUrl from(previous);
    const QUrl to(url);
    QUrl followed(shown);
    if (originOf(from).isEmpty() || originOf(to).isEmpty() || originOf(followed) != originOf(from))
        return;
    followed.setScheme(to.scheme());
    followed.setHost(to.host());
    followed.setPort(to.port());
    m_urlEdit->setText(followed.toString());
}

QString ComposeView::recordedSignatureScheme() const
{
    const QString scheme = m_schemeCombo->currentData().toString();
    if (scheme.isEmpty())
        return {};
    HeaderList headers;
    for (const HeaderEditModel::Header &header : m_headerModel->headers()) {
        if (header.second.toUtf8() != kSignatureSlot) // a slot is filled by signing, or dropped
            headers.append({header.first.toUtf8(), header.second.toUtf8()});
    }
    return signing::detectSchemes(headers).contains(scheme) ? scheme : QString();
}

void ComposeView::updateSecretHint()
{
    const QString recorded = recordedSignatureScheme();
    if (recorded.isEmpty()) {
        m_secretEdit->setPlaceholderText(tr("signing secret (kept in memory only)"));
        m_secretEdit->setToolTip({});
        return;
    }
    m_secretEdit->setPlaceholderText(tr("empty: sent as recorded; a secret signs it again"));
    m_secretEdit->setToolTip(
        tr("The request carries the %1 signature it was recorded with. Without a secret it is "
           "sent as recorded; a secret typed here signs it again with %1 (kept in memory only).")
            .arg(signing::schemeTitle(recorded)));
}

// --- body: validation and the two-way sync -------------------------------------------------

QByteArray ComposeView::bodyText() const
{
    return m_bodyEdit->toPlainText().toUtf8();
}

void ComposeView::setBodyText(const QByteArray &body)
{
    m_bodyEdit->setPlainText(QString::fromUtf8(body));
}

void ComposeView::scheduleValidation()
{
    if (!m_replacingBody)
        m_validateTimer->start();
}

void ComposeView::validateNow()
{
    m_validateTimer->stop();
    validateBody();
}

void ComposeView::validateBody()
{
    m_validateTimer->stop();
    const QByteArray body = bodyText();
    m_bodyEdit->setExtraSelections({});
    if (body.trimmed().isEmpty()) {
        m_jsonStatus->setText(tr("Empty body."));
        m_jsonStatus->setStyleSheet({});
        m_treeModel->clear();
        hideForms();
        return;
    }
    JsonParseError error;
    const JsonValue root = parseJson(body, &error);
    if (!error.ok()) {
        showJsonError(body, error.line, error.column, error.message);
        m_treeView->setEnabled(false);
        m_treeNote->setText(tr("The body is not valid JSON: fix it in the Body tab to edit it "
                               "here."));
        for (const auto &[box, form] : std::as_const(m_forms))
            form->setEnabled(false);
        return;
    }
    // The bytes that go out, which the format box may make fewer (compact) or more (pretty).
    const qsizetype sent = bodyAsSent(body, &root).size();
    if (sent == body.size()) {
        m_jsonStatus->setText(tr("Valid JSON (%1).").arg(byteCount(body.size())));
    } else {
        const QString how = m_bodyFormatCombo->currentData().toInt() == PrettyBody
            ? tr("%1 sent pretty (%2 as typed)")
            : tr("%1 sent compact (%2 as typed)");
        m_jsonStatus->setText(
            tr("Valid JSON: %1.").arg(how.arg(byteCount(sent), QLocale().toString(body.size()))));
    }
    m_jsonStatus->setStyleSheet(okStyle());
    if (body.size() > kSyncLimitBytes) {
        m_treeModel->clear();
        hideForms();
        return;
    }
    m_treeView->setEnabled(true);
    m_treeNote->setText(tr("Double-click a value to change it; the body text keeps its key order "
                           "and every other byte."));
    m_treeModel->setJson(root);
    showForms(body);
}

void ComposeView::showForms(const QByteArray &body)
{
    for (const auto &[box, form] : std::as_const(m_forms)) {
        const bool fits = form->readBody(body);
        box->setVisible(fits);
        form->setEnabled(fits);
    }
}

void ComposeView::hideForms()
{
    for (const auto &[box, form] : std::as_const(m_forms))
        box->hide();
}

void ComposeView::showJsonError(const QByteArray &body, int line, int byteColumn,
                                const QString &message)
{
    Q_UNUSED(body)
    // The parser counts bytes; people count characters.
    const QTextBlock block = m_bodyEdit->document()->findBlockByNumber(qMax(0, line - 1));
    int column = byteColumn;
    if (block.isValid()) {
        const QByteArray lineBytes = block.text().toUtf8();
        column = int(QString::fromUtf8(lineBytes.left(qMax(0, byteColumn - 1))).size()) + 1;
        QTextEdit::ExtraSelection mark;
        mark.format.setBackground(QColor(255, 205, 205));
        mark.format.setProperty(QTextFormat::FullWidthSelection, true);
        mark.cursor = QTextCursor(block);
        m_bodyEdit->setExtraSelections({mark});
    }
    m_jsonStatus->setText(tr("Invalid JSON at line %1, column %2: %3. It can still be sent, as "
                             "typed.")
                              .arg(line)
                              .arg(column)
                              .arg(message));
    m_jsonStatus->setStyleSheet(warningStyle());
}

void ComposeView::replaceBodyText(const QByteArray &body)
{
    // One undoable edit, and the cursor stays about where it was.
    const int position = m_bodyEdit->textCursor().position();
    QTextCursor cursor(m_bodyEdit->document());
    cursor.beginEditBlock();
    cursor.select(QTextCursor::Document);
    m_replacingBody = true;
    cursor.insertText(QString::fromUtf8(body));
    m_replacingBody = false;
    cursor.endEditBlock();
    QTextCursor restored = m_bodyEdit->textCursor();
    restored.setPosition(qMin(position, m_bodyEdit->document()->characterCount() - 1));
    m_bodyEdit->setTextCursor(restored);
    validateBody();
}

void ComposeView::formEdited(const BodyForm &form)
{
    if (m_validateTimer->isActive())
        validateBody(); // raw edits not yet read must not be overwritten by the form
    QByteArray body = bodyText();
    QString error;
    if (!form.applyTo(body, &error))
        return; // the form shows what is wrong; the body keeps its last valid values
    if (body != bodyText())
        replaceBodyText(body);
}

void ComposeView::treeValueEdited(const QStringList &path, const QByteArray &json)
{
    if (m_validateTimer->isActive())
        validateBody();
    QByteArray body = bodyText();
    QString error;
    if (!applyOverride(body, JsonOverride {path, QString::fromUtf8(json)}, &error)) {
        m_treeNote->setText(error);
        return;
    }
    replaceBodyText(body);
}

// --- sending -------------------------------------------------------------------------------

EventTemplate ComposeView::composedTemplate(bool *bodyIsJson) const
{
    EventTemplate composed = m_base;
    composed.method = m_methodCombo->currentText().trimmed().toLatin1();
    composed.headers = m_headerModel->headers();
    composed.scheme = m_schemeCombo->currentData().toString();
    const QByteArray body = bodyText();
    JsonParseError error;
    const JsonValue root = parseJson(body, &error);
    const bool json = error.ok() && !body.trimmed().isEmpty();
    if (bodyIsJson)
        *bodyIsJson = json;
    setComposedBody(&composed, body, json ? &root : nullptr);
    return composed;
}

void ComposeView::setComposedBody(EventTemplate *composed, const QByteArray &body,
                                  const JsonValue *root) const
{
    if (root && m_bodyFormatCombo->currentData().toInt() != AsTypedBody) {
        composed->body = *root;
        composed->bodyIsText = false;
        composed->prettyBody = m_bodyFormatCombo->currentData().toInt() == PrettyBody;
    } else {
        composed->body = JsonValue::string(QString::fromUtf8(body));
        composed->bodyIsText = true;
    }
}

QByteArray ComposeView::bodyAsSent(const QByteArray &body, const JsonValue *root) const
{
    EventTemplate composed;
    setComposedBody(&composed, body, root);
    // As renderTemplate writes it, before {{placeholders}} are filled in.
    if (composed.bodyIsText)
        return body;
    return composed.prettyBody ? composed.body.toPretty() : composed.body.toCompact();
}

bool ComposeView::prepareDelivery(bool withRetries, DeliveryOptions *options, EventSource *source,
                                  QString *note, QString *error)
{
    validateNow();
    const QUrl typed(m_urlEdit->text().trimmed(), QUrl::StrictMode);
    if (!typed.isValid() || typed.host().isEmpty()
        || (typed.scheme() != u"http" && typed.scheme() != u"https")) {
        *error = tr("“%1” is not an http or https URL with a host.")
                     .arg(compose::redactedUrlText(m_urlEdit->text()));
        return false;
    }
    // A password shown as *** is one this view was given (a forward target's) or sent before.
    const QUrl url = compose::withPasswordFrom(typed, m_knownCredentials);
    if (compose::hidesPassword(url)) {
        *error = tr("The password in the URL is hidden as ***: type the password itself.");
        return false;
    }
    if (!url.password().isEmpty() && !m_knownCredentials.contains(url))
        m_knownCredentials.append(url);
    for (const HeaderEditModel::Header &header : m_headerModel->headers()) {
        const QString problem = HeaderEditModel::problemWith(header.first + header.second);
        if (!problem.isEmpty()) {
            *error = problem;
            return false;
        }
    }
    const EventTemplate composed = composedTemplate(nullptr);

    options->url = url;
    options->method = composed.method;
    options->timeoutMs = m_timeoutSpin->value() * 1000;
    options->insecure = m_insecureCheck->isChecked();
    if (options->insecure)
        m_insecureServer = serverOf(url.toString());
    if (withRetries) {
        options->timeScale = m_timeScaleSpin->value();
        options->deliverTwice = m_twiceCheck->isChecked();
        options->outOfOrder = m_outOfOrderCheck->isChecked();
        const auto schedule = RetrySchedule::named(m_scheduleCombo->currentData().toString(),
                                                   composed.event, error);
        if (!schedule)
            return false;
        options->schedule = *schedule;
    }
    const QByteArray secret = m_secretEdit->text().toUtf8();
    if (!composed.scheme.isEmpty() && !secret.isEmpty()) {
        options->signer = makeSigner(composed.scheme, secret, error);
        if (!options->signer)
            return false;
    } else if (!composed.scheme.isEmpty() && note) {
        const QString recorded = recordedSignatureScheme();
        *note = recorded.isEmpty()
            ? tr(" (unsigned: no secret)")
            : tr(" (with its recorded %1 signature: no secret to sign it again)")
                  .arg(signing::schemeTitle(recorded));
    }

    // Rendered afresh for each event: placeholders give each event its own id and time, and the
    // retries of one delivery reuse the rendered event, so the id stays the same.
    *source = [composed](qint64 sequence, RenderedEvent *out, QString *renderError) {
        PlaceholderContext context(sequence);
        if (!renderTemplate(composed, context, out, renderError))
            return false;
        out->scheme = composed.scheme;
        return true;
    };
    // Check the render once now, so a placeholder typo is reported before anything is sent.
    RenderedEvent probe;
    return (*source)(1, &probe, error);
}

void ComposeView::send()
{
    if (isSending())
        return;
    DeliveryOptions options;
    EventSource source;
    QString note;
    QString error;
    if (!prepareDelivery(true, &options, &source, &note, &error)) {
        showSendError(error);
        return;
    }
    const QUrl url = options.url;

    // The pane is this send's from now on: no history row claims it (and clicking that row
    // again shows it again), and none of the last send's attempts stay beside this one's.
    forgetShownEntry();
    m_sendRows.clear();
    m_timeline->clear();
    // A Load tab left showing an earlier run is not this send's answer.
    if (m_responseTabs->currentWidget() == m_loadPanel)
        m_responseTabs->setCurrentWidget(m_responseTree);
    m_deliveryGroup = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_sendingTemplate = currentTemplateName();
    m_sendingScheme = options.signer ? m_schemeCombo->currentData().toString() : QString();
    m_runner = new DeliveryRunner(options, source, this);
    connect(m_runner, &DeliveryRunner::attemptFinished, this, &ComposeView::attemptFinished);
    connect(m_runner, &DeliveryRunner::finished, this, &ComposeView::runnerFinished);
    setSending(true);
    m_panes->showResponse();
    setResponseStatus(StatusLineOwner::Send,
                      tr("Sending to %1…%2").arg(url.toDisplayString(), note));
    m_runner->start();
}

void ComposeView::stop()
{
    if (!m_runner)
        return;
    // Answers still in flight must not reach the timeline or the history.
    m_runner->disconnect(this);
    m_runner->deleteLater();
    m_runner = nullptr;
    setSending(false);
    cancelDueRetries();
    if (m_statusOwner == StatusLineOwner::Send)
        m_responseStatus->setText(m_responseStatus->text() + tr(" — stopped."));
    Q_EMIT sendFinished();
}

void ComposeView::cancelDueRetries()
{
    bool changed = false;
    for (TimelineRow &row : m_sendRows) {
        if (!row.retryDue)
            continue;
        row.retryDue = false;
        row.columns[3] = tr("retry cancelled (stopped)");
        changed = true;
    }
    // Unless a history entry holds the pane.
    if (changed && m_shownHistoryId == 0)
        showTimeline(m_sendRows, -1);
}

void ComposeView::setSending(bool sending)
{
    m_sendButton->setText(sending ? tr("Stop") : tr("Send"));
    m_responseStop->setVisible(sending);
}

void ComposeView::attemptFinished(const AttemptRecord &attempt)
{
    history::SendRecord record;
    record.sentAtUs = attempt.result.startedAtUs > 0 ? attempt.result.startedAtUs
                                                     : QDateTime::currentMSecsSinceEpoch() * 1000;
    record.templateName = m_sendingTemplate;
    record.scheme = m_sendingScheme;
    record.method = attempt.request.method;
    record.url = compose::redactedUrl(attempt.request.url); // never the password
    record.requestHeaders = attempt.request.headers;
    record.requestBody = attempt.request.body;
    record.status = attempt.result.status;
    record.reason = attempt.result.reason;
    record.responseHeaders = attempt.result.headers;
    record.responseBody = attempt.result.body;
    record.durationUs = attempt.result.durationUs;
    record.error = attempt.result.gotResponse() ? QString() : attempt.result.message;
    record.attempt = attempt.attempt;
    record.eventId = attempt.eventId;
    record.deliveryGroup = m_deliveryGroup;
    if (attempt.result.error == SendError::Tls)
        record.error.replace(QStringLiteral("send again with --insecure"),
                             tr("tick “Accept this self-signed certificate” and send again"));
    m_history->add(record);

    TimelineRow row;
    const QString attemptText = attempt.delivery > 1 || m_twiceCheck->isChecked()
        ? tr("event %1, delivery %2, attempt %3/%4")
              .arg(attempt.eventIndex + 1)
              .arg(attempt.delivery)
              .arg(attempt.attempt)
              .arg(attempt.attemptsPlanned)
        : tr("%1 of %2").arg(attempt.attempt).arg(attempt.attemptsPlanned);
    // The provider's own wait first, so a scaled simulation still tells what production does.
    QString next = tr("final");
    if (!attempt.final) {
        next = tr("retry in %1").arg(formatDelay(attempt.scheduledDelayMs));
        if (attempt.nextDelayMs != attempt.scheduledDelayMs)
            next += tr(" (scaled: %1)").arg(formatDelay(attempt.nextDelayMs));
    }
    row.columns = {attemptText, QStringLiteral("+%1").arg(formatDelay(attempt.startedAtMs)),
                   attempt.result.gotResponse() ? QStringLiteral("%1 · %2").arg(
                       attempt.result.summary(), formatMs(attempt.result.durationUs))
                                                : sendErrorName(attempt.result.error),
                   next, attempt.eventId.isEmpty() ? tr("(none)") : attempt.eventId};
    row.resultTip = attempt.result.gotResponse() ? QString() : record.error;
    row.succeeded = attempt.result.succeeded();
    row.delivery = QStringLiteral("%1/%2").arg(attempt.eventIndex).arg(attempt.delivery);
    row.retryDue = !attempt.final;
    for (TimelineRow &earlier : m_sendRows) {
        if (earlier.delivery == row.delivery)
            earlier.retryDue = false; // this is that retry
    }
    m_sendRows.append(row);
    if (m_shownHistoryId != 0) {
        // A history entry was selected meanwhile: this send takes the pane back whole.
        forgetShownEntry();
        showTimeline(m_sendRows, -1);
    } else {
        appendTimelineRow(row);
    }

    showExchange(record);
    m_statusOwner = StatusLineOwner::Send;
    if (attempt.attemptsPlanned > 1 || m_twiceCheck->isChecked())
        m_responseStatus->setText(m_responseStatus->text()
                                  + tr(" — attempt %1").arg(attempt.attempt));
    Q_EMIT attemptShown(record);
}

void ComposeView::appendTimelineRow(const TimelineRow &row)
{
    auto *item = new QTreeWidgetItem(m_timeline, row.columns);
    item->setToolTip(2, row.resultTip);
    item->setForeground(2, row.succeeded ? QColor(0x1b, 0x7a, 0x35) : QColor(0xb3, 0x26, 0x1e));
    for (int column = 0; column < m_timeline->columnCount(); ++column)
        m_timeline->resizeColumnToContents(column);
}

void ComposeView::showTimeline(const QList<TimelineRow> &rows, int current)
{
    m_timeline->clear();
    for (const TimelineRow &row : rows)
        appendTimelineRow(row);
    if (current >= 0)
        m_timeline->setCurrentItem(m_timeline->topLevelItem(current));
}

void ComposeView::runnerFinished()
{
    if (!m_runner)
        return;
    const DeliveryReport report = m_runner->report();
    m_runner->deleteLater();
    m_runner = nullptr;
    setSending(false);
    if (!report.error.isEmpty())
        showSendError(report.error);
    else if (report.attempts.size() > 1)
        m_responseTabs->setCurrentWidget(m_timeline);
    Q_EMIT sendFinished();
}

void ComposeView::showSendError(const QString &message)
{
    setResponseStatus(StatusLineOwner::Composition, message, errorStyle());
}

void ComposeView::setResponseStatus(StatusLineOwner owner, const QString &text,
                                    const QString &style)
{
    m_statusOwner = owner;
    m_responseStatus->setText(text);
    m_responseStatus->setStyleSheet(style);
}

void ComposeView::clearResponse()
{
    setResponseStatus(StatusLineOwner::Composition, tr("Nothing sent yet."));
    m_responseHeaders->setHeaders({});
    m_responseRaw->clear();
    m_requestRaw->clear();
    m_responseTree->setSections({});
    m_responseTree->setProblem({}, false);
    m_sendRows.clear();
    m_timeline->clear();
}

void ComposeView::resetDeliveryOptions()
{
    m_scheduleCombo->setCurrentIndex(m_scheduleCombo->findData(QStringLiteral("none")));
    m_timeScaleSpin->setValue(1);
    m_twiceCheck->setChecked(false);
    m_outOfOrderCheck->setChecked(false);
    // Accepted for the server of one composition: not for another request's.
    m_insecureCheck->setChecked(false);
}

void ComposeView::showExchange(const history::SendRecord &record)
{
    if (record.status > 0) {
        QString text
            = QStringLiteral("%1 %2").arg(record.status).arg(QString::fromLatin1(record.reason));
        text += tr(" · %1 · %2")
                    .arg(formatMs(record.durationUs),
                         counted(record.responseBody.size(), u"byte", u"bytes"));
        setResponseStatus(StatusLineOwner::Composition, text,
                          record.status >= 200 && record.status < 300 ? okStyle() : errorStyle());
    } else {
        setResponseStatus(StatusLineOwner::Composition,
                          record.error.isEmpty() ? tr("No response.") : record.error, errorStyle());
    }
    m_responseHeaders->setHeaders(record.responseHeaders);
    m_responseRaw->setPlainText(QString::fromUtf8(record.responseBody));
    m_requestRaw->setPlainText(requestText(record));

    const QByteArray contentType = headerValue(record.responseHeaders, "Content-Type");
    payload::ParsedBody parsed = payload::parseBody(contentType, record.responseBody);
    QList<JsonTreeModel::Section> sections;
    if (!parsed.tree.isEmpty())
        sections.append({QStringLiteral("response"), QStringLiteral("$"),
                         std::make_shared<const json::PayloadTree>(std::move(parsed.tree)),
                         parsed.format == payload::BodyFormat::Json});
    m_responseTree->setSections(std::move(sections));
    if (parsed.jsonError)
        m_responseTree->setProblem(
            tr("The response is not valid JSON. %1").arg(parsed.jsonError->toString()), false);
    else if (record.responseBody.isEmpty())
        m_responseTree->setProblem(
            record.status > 0 ? tr("The response has no body.") : tr("No response."), false);
    else if (parsed.format == payload::BodyFormat::None)
        m_responseTree->setProblem(tr("The response is not JSON or a form: see Raw."), false);
    else
        m_responseTree->setProblem({}, false);
    m_responseTree->expandAll();
}

// --- history -------------------------------------------------------------------------------

void ComposeView::openHistory()
{
    m_history = new history::SendHistory(this);
    connect(m_history, &history::SendHistory::added, this,
            [this](const history::SendRecord &record) { m_historyModel->prepend(record); });
    connect(m_history, &history::SendHistory::writeFailed, this, [this](const QString &message) {
        m_templateDescription->setText(
            tr("The send history could not be written: %1").arg(message));
    });
    const QString path = m_options.historyPath.isEmpty() ? history::SendHistory::defaultPath()
                                                         : m_options.historyPath;
    m_history->open(path, [this](const QString &error) {
        if (!error.isEmpty()) {
            m_templateDescription->setText(tr("No send history: %1").arg(error));
            return;
        }
        m_history->list(kHistoryPage, 0, [this](const QList<history::SendRecord> &records) {
            m_historyModel->setRecords(records);
            Q_EMIT historyLoaded();
        });
    });
}

void ComposeView::historySelectionChanged()
{
    const qint64 id = m_historyModel->idAt(m_historyView->currentIndex().row());
    m_loadHistoryButton->setEnabled(id != 0);
    m_shownHistoryId = id;
    if (id == 0)
        return;
    // The entry's answer is on its way: a run or a send finishing meanwhile keeps off the line.
    m_statusOwner = StatusLineOwner::Composition;
    m_panes->showResponse();
    m_history->load(id, [this, id](const std::optional<history::SendRecord> &record) {
        if (!record || id != m_shownHistoryId)
            return;
        showHistoryEntry(*record);
        Q_EMIT historyEntryShown(id);
    });
}

void ComposeView::showHistoryEntry(const history::SendRecord &record)
{
    showExchange(record);
    // The attempts of its own delivery, oldest first (the list is newest first), as far as the
    // list holds them; the one selected is the current row.
    QList<history::SendRecord> attempts;
    for (int row = m_historyModel->rowCount() - 1; row >= 0; --row) {
        const history::SendRecord &listed = m_historyModel->recordAt(row);
        if (listed.id == record.id
            || (!record.deliveryGroup.isEmpty() && listed.deliveryGroup == record.deliveryGroup))
            attempts.append(listed);
    }
    if (attempts.isEmpty())
        attempts.append(record);
    QList<TimelineRow> rows;
    int current = -1;
    for (const history::SendRecord &attempt : std::as_const(attempts)) {
        if (attempt.id == record.id)
            current = int(rows.size());
        QString result = tr("no response");
        if (attempt.status > 0) {
            result = QString::number(attempt.status);
            if (!attempt.reason.isEmpty())
                result += u' ' + QString::fromLatin1(attempt.reason);
            result += QStringLiteral(" · ") + formatMs(attempt.durationUs);
        }
        TimelineRow row;
        row.columns = {tr("attempt %1").arg(attempt.attempt),
                       QStringLiteral("+%1").arg(
                           formatDelay((attempt.sentAtUs - attempts.first().sentAtUs) / 1000)),
                       result,
                       QString(), // the schedule's waits are not kept
                       attempt.eventId.isEmpty() ? tr("(none)") : attempt.eventId};
        row.resultTip = attempt.error;
        row.succeeded = attempt.status >= 200 && attempt.status < 300;
        rows.append(row);
    }
    showTimeline(rows, current);
}

void ComposeView::forgetShownEntry()
{
    m_shownHistoryId = 0;
    m_historyView->selectionModel()->clear();
}

void ComposeView::loadSelectedIntoComposer()
{
    loadHistoryEntry(m_historyModel->idAt(m_historyView->currentIndex().row()));
}

void ComposeView::loadHistoryEntry(qint64 id)
{
    if (id == 0)
        return;
    m_history->load(id, [this](const std::optional<history::SendRecord> &record) {
        if (record)
            loadRecord(*record);
    });
}

void ComposeView::loadRecord(const history::SendRecord &record)
{
    // What was sent, as it was: literal text, so any "{{" is escaped from placeholders.
    EventTemplate loaded;
    const auto found = m_library->find(record.templateName);
    if (found)
        loaded = *found;
    loaded.method = record.method;
    loaded.headers.clear();
    for (const HeaderField &field : record.requestHeaders)
        loaded.headers.append({PlaceholderContext::escaped(QString::fromUtf8(field.name)),
                               PlaceholderContext::escaped(QString::fromUtf8(field.value))});
    loaded.body
        = JsonValue::string(PlaceholderContext::escaped(QString::fromUtf8(record.requestBody)));
    loaded.bodyIsText = true;
    loaded.scheme = record.scheme;
    loaded.eventId = PlaceholderContext::escaped(record.eventId);
    // Nothing of the earlier composition may pass for this entry's: a send or a load run still
    // under way, another send's answer and attempts, a retry schedule (the history keeps none),
    // a template the entry did not come from.
    stop();
    m_loadPanel->cancel();
    resetDeliveryOptions();
    if (found) {
        m_templateCombo->setCurrentIndex(templateRow(found->name()));
    } else {
        m_templateCombo->setPlaceholderText(
            tr("Sent %1, from the history").arg(sentAtText(record.sentAtUs)));
        m_templateCombo->setCurrentIndex(-1);
    }
    m_urlTyped = true;
    m_urlEdit->setText(record.url);
    loadTemplate(loaded);
    // Sent as it was recorded, its signature headers included: a secret typed for an earlier
    // composition must not sign it again unseen (the history keeps no secret to say whose it
    // was). The scheme it was signed with stays picked; a secret typed now signs it again.
    m_secretEdit->clear();
    clearResponse();
    showExchange(record); // the entry's own answer
    if (m_responseTabs->currentWidget() == m_timeline) // emptied: show the answer instead
        m_responseTabs->setCurrentWidget(m_responseTree);
    m_panes->showRequest();
    m_urlEdit->setText(record.url);
}

void ComposeView::loadCapture(const Capture &capture, const QUrl &url)
{
    const OutgoingRequest request = replayRequest(capture, url);
    EventTemplate loaded;
    loaded.method = request.method;
    for (const HeaderField &field : request.headers)
        loaded.headers.append({PlaceholderContext::escaped(QString::fromUtf8(field.name)),
                               PlaceholderContext::escaped(QString::fromUtf8(field.value))});
    loaded.body = JsonValue::string(PlaceholderContext::escaped(QString::fromUtf8(request.body)));
    loaded.bodyIsText = true;
    loaded.scheme = capture.signature.scheme;
    // Nothing of the earlier composition may pass for the replay's: a send or a load run still
    // under way, its answer, its retry schedule, the template it came from.
    stop();
    m_loadPanel->cancel();
    forgetShownEntry(); // its answer, were it still loading, must not land beside the replay
    clearResponse();
    resetDeliveryOptions();
    m_templateCombo->setPlaceholderText(tr("Request %1, replayed").arg(capture.id));
    m_templateCombo->setCurrentIndex(-1);
    m_urlTyped = true;
    loadTemplate(loaded);
    // Sent as it was: a secret left from earlier composing would re-sign it behind the user's back.
    m_secretEdit->clear();
    // A forward target's password is used but not shown.
    if (!request.url.password().isEmpty() && !m_knownCredentials.contains(request.url))
        m_knownCredentials.append(request.url);
    m_urlEdit->setText(compose::withHiddenPassword(request.url).toString());
    m_panes->showRequest();
}

void ComposeView::clearHistory()
{
    m_history->clear([this](bool ok) {
        if (ok) {
            m_historyModel->clear();
            // A reset model leaves no row selected, without saying so.
            m_shownHistoryId = 0;
            m_loadHistoryButton->setEnabled(false);
            Q_EMIT historyLoaded();
        }
    });
}

// --- templates from the composition or a capture -------------------------------------------

bool ComposeView::saveAsTemplate(const QString &provider, const QString &event, QString *error)
{
    if (provider.trimmed().isEmpty() || event.trimmed().isEmpty()) {
        if (error)
            *error = tr("A template needs a provider and an event name.");
        return false;
    }
    EventTemplate composed = composedTemplate(nullptr);
    composed.provider = provider.trimmed();
    composed.event = event.trimmed();
    // The schedule picked now, not the one of the template the composition started from.
    const QString schedule = m_scheduleCombo->currentData().toString();
    composed.retrySchedule = schedule == u"none" ? QString() : schedule;
    if (composed.description.isEmpty() || composed.builtIn)
        composed.description
            = tr("Saved from the composer on %1").arg(QDate::currentDate().toString(Qt::ISODate));
    composed.builtIn = false;
    composed.sourcePath.clear();
    if (!m_library->save(composed, error))
        return false;
    fillTemplatePicker(composed.name());
    if (const auto saved = m_library->find(composed.name()))
        m_base = *saved;
    updateTemplateButtons();
    Q_EMIT templateSaved(composed.name());
    return true;
}

EventTemplate ComposeView::templateFromCapture(const Capture &capture)
{
    const QPair<QString, QString> name = EventTemplate::suggestedName(capture);
    return EventTemplate::fromCapture(capture, name.first, name.second);
}

bool ComposeView::saveCaptureAsTemplate(const Capture &capture, QString *name, QString *error)
{
    EventTemplate made = templateFromCapture(capture);
    const QString chosen = askTemplateName(made.name());
    if (chosen.isEmpty())
        return false;
    const qsizetype slash = chosen.indexOf(u'/');
    made.provider = chosen.left(slash);
    made.event = chosen.mid(slash + 1);
    if (!m_library->save(made, error))
        return false;
    fillTemplatePicker(made.name());
    selectTemplate(made.name());
    if (name)
        *name = made.name();
    Q_EMIT templateSaved(made.name());
    return true;
}

QString ComposeView::freeTemplateName(const QString &name) const
{
    const qsizetype slash = name.indexOf(u'/');
    const QString provider = name.left(slash);
    const auto taken = [&](const QString &candidate) {
        return m_library->find(candidate) || m_library->hasBuiltIn(candidate)
            || QFileInfo::exists(
                   m_library->userFilePath(provider, candidate.mid(provider.size() + 1)));
    };
    if (!taken(name))
        return name;
    const QString base = m_library->hasBuiltIn(name) ? name + QStringLiteral("-copy") : name;
    if (!taken(base))
        return base;
    for (int n = 2;; ++n) {
        const QString candidate = base + u'-' + QString::number(n);
        if (!taken(candidate))
            return candidate;
    }
}

QString ComposeView::askTemplateName(const QString &suggested)
{
    const QString explanation = tr("Name the template PROVIDER/EVENT (it is saved in your data "
                                   "folder):");
    QString name = freeTemplateName(suggested);
    QString problem;
    for (;;) {
        QInputDialog prompt(this);
        prompt.setObjectName(QStringLiteral("templateNameDialog"));
        prompt.setWindowTitle(tr("Save as template"));
        prompt.setLabelText(problem.isEmpty() ? explanation : problem + u'\n' + explanation);
        prompt.setTextValue(name);
        if (auto *edit = prompt.findChild<QLineEdit *>())
            edit->setAccessibleName(tr("Template name"));
        if (prompt.exec() != QDialog::Accepted)
            return {};
        name = prompt.textValue().trimmed();
        problem.clear();
        const qsizetype slash = name.indexOf(u'/');
        const QString provider = name.left(slash).trimmed();
        const QString event = name.mid(slash + 1).trimmed();
        if (slash <= 0 || provider.isEmpty() || event.isEmpty()) {
            problem = tr("A template name is PROVIDER/EVENT, e.g. acme/order.paid.");
            continue;
        }
        name = provider + u'/' + event;

        const auto existing = m_library->find(name);
        const bool yours = (existing && !existing->builtIn)
            || QFileInfo::exists(m_library->userFilePath(provider, event));
        const bool builtIn = m_library->hasBuiltIn(name);
        if (!yours && !builtIn)
            return name;
        QMessageBox confirm(this);
        confirm.setObjectName(QStringLiteral("confirmTemplateNameMessageBox"));
        confirm.setIcon(QMessageBox::Warning);
        confirm.setWindowTitle(tr("Save as template"));
        if (yours) {
            confirm.setText(tr("You already have a template named %1. Replace it?").arg(name));
            confirm.setInformativeText(
                tr("Its file %1 is overwritten.").arg(m_library->userFilePath(provider, event)));
        } else {
            confirm.setText(tr("%1 is a built-in template. Hide it behind yours?").arg(name));
            confirm.setInformativeText(
                tr("Until you delete your template (Delete template… in Compose), Compose and "
                   "\"hookscope send --template %1\" use yours instead of the built-in one.")
                    .arg(name));
        }
        confirm.setStandardButtons(QMessageBox::Yes | QMessageBox::Cancel);
        confirm.button(QMessageBox::Yes)->setText(yours ? tr("&Replace") : tr("&Hide Built-in"));
        confirm.setDefaultButton(QMessageBox::Cancel);
        if (confirm.exec() == QMessageBox::Yes)
            return name;
        // Not that name: back to the prompt, to pick another.
    }
}

void ComposeView::saveAsTemplateClicked()
{
    const QString name = askTemplateName(
        m_base.provider.isEmpty() ? QStringLiteral("my-provider/my.event") : m_base.name());
    if (name.isEmpty())
        return;
    const qsizetype slash = name.indexOf(u'/');
    QString error;
    if (!saveAsTemplate(name.left(slash), name.mid(slash + 1), &error))
        m_templateDescription->setText(error);
    else
        m_templateDescription->setText(tr("Saved as %1.").arg(name));
}

void ComposeView::updateTemplateButtons()
{
    m_deleteTemplateButton->setEnabled(!m_base.provider.isEmpty() && !m_base.builtIn
                                       && !m_base.sourcePath.isEmpty());
}

void ComposeView::deleteCurrentTemplate()
{
    if (m_base.provider.isEmpty() || m_base.builtIn || m_base.sourcePath.isEmpty())
        return;
    const QString name = m_base.name();
    const bool hidesBuiltIn = m_library->hasBuiltIn(name);
    QMessageBox confirm(this);
    confirm.setObjectName(QStringLiteral("confirmDeleteTemplateMessageBox"));
    confirm.setIcon(QMessageBox::Question);
    confirm.setWindowTitle(tr("Delete template"));
    confirm.setText(tr("Delete your template %1?").arg(name));
    confirm.setInformativeText(
        hidesBuiltIn ? tr("Its file %1 is deleted, and the built-in template %2 is back.")
                           .arg(m_base.sourcePath, name)
                     : tr("Its file %1 is deleted.").arg(m_base.sourcePath));
    confirm.setStandardButtons(QMessageBox::Yes | QMessageBox::Cancel);
    confirm.button(QMessageBox::Yes)->setText(tr("&Delete"));
    confirm.setDefaultButton(QMessageBox::Cancel);
    if (confirm.exec() != QMessageBox::Yes)
        return;
    QString error;
    if (!m_library->remove(name, &error)) {
        m_templateDescription->setText(tr("Could not delete the template: %1").arg(error));
        return;
    }
    fillTemplatePicker(name);
    if (!selectTemplate(name)) // the built-in one it hid, else a blank request
        templateChosen(0);
    m_templateDescription->setText(hidesBuiltIn
                                       ? tr("Deleted your %1; this is the built-in one.").arg(name)
                                       : tr("Deleted %1.").arg(name));
}

void ComposeView::addHeaderRow()
{
    m_headerModel->appendHeader(QStringLiteral("X-Header"), QString());
    const QModelIndex name = m_headerModel->index(m_headerModel->rowCount() - 1, 0);
    m_headerView->setCurrentIndex(name);
    m_headerView->edit(name);
}

void ComposeView::removeHeaderRow()
{
    m_headerModel->removeHeaderAt(m_headerView->currentIndex().row());
}

} // namespace hookscope::ui
