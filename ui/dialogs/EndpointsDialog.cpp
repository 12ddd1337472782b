#include "EndpointsDialog.h"

#include "compose/HiddenPassword.h"
#include "signing/Signing.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace hookscope::ui {

namespace {

QPlainTextEdit *plainEditor(const QString &objectName, const QString &accessibleName,
                            const QString &placeholder)
{
    auto *editor = new QPlainTextEdit;
    editor->setObjectName(objectName);
    editor->setAccessibleName(accessibleName);
    editor->setPlaceholderText(placeholder);
    editor->setTabChangesFocus(true);
    editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    return editor;
}

} // namespace

EndpointsDialog::EndpointsDialog(const session::ReceiverProfile &profile,
                                 const QHash<QString, QByteArray> &secrets,
                                 const QHash<QString, QStringList> &keptSchemeSecrets,
                                 QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("endpointsDialog"));
    setWindowTitle(tr("Endpoints and Forwarding"));
    setAccessibleName(tr("Endpoints and forwarding"));

    http::EndpointConfig catchAll;
    catchAll.pathPrefix = "/";
    catchAll.scheme = profile.defaultScheme;
    catchAll.response = profile.defaultResponse;
    catchAll.rejectInvalidSignature = profile.defaultRejectInvalidSignature;
    m_entries.append(
        {catchAll, secrets.value(QString()), QString(), keptSchemeSecrets.value(QString())});
    for (const http::EndpointConfig &endpoint : profile.endpoints)
        m_entries.append({endpoint, secrets.value(endpoint.name), endpoint.name,
                          keptSchemeSecrets.value(endpoint.name)});

    auto *tabs = new QTabWidget;
    tabs->setObjectName(QStringLiteral("endpointsTabWidget"));
    tabs->addTab(createEndpointsPage(), tr("&Endpoints"));
    tabs->addTab(createForwardingPage(), tr("&Forwarding"));

    m_problemLabel = new QLabel;
    m_problemLabel->setObjectName(QStringLiteral("endpointsProblemLabel"));
    m_problemLabel->setTextFormat(Qt::PlainText);
    m_problemLabel->setWordWrap(true);
    QPalette problemPalette = m_problemLabel->palette();
    problemPalette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_problemLabel->setPalette(problemPalette);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons->setObjectName(QStringLiteral("endpointsButtonBox"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs, 1);
    layout->addWidget(m_problemLabel);
    layout->addWidget(m_buttons);
    resize(820, 560);

    // Passwords show as ***, which stands for the saved one when the URL is otherwise unchanged.
    m_knownTargets = profile.forwardTargets;
    QStringList targets;
    for (const QUrl &target : profile.forwardTargets)
        targets << compose::withHiddenPassword(target).toString();
    m_targets->setPlainText(targets.join(QLatin1Char('\n')));
    m_passThrough->setChecked(profile.passThrough);

    refreshListLabels();
    selectEntry(0);
    validate();
}

QWidget *EndpointsDialog::createEndpointsPage()
{
    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("endpointListWidget"));
    m_list->setAccessibleName(tr("Endpoints"));
    connect(m_list, &QListWidget::currentRowChanged, this, &EndpointsDialog::showEntry);
    m_add = new QPushButton(tr("&Add"));
    m_add->setObjectName(QStringLiteral("addEndpointButton"));
    m_add->setAccessibleName(tr("Add an endpoint"));
    connect(m_add, &QPushButton::clicked, this, &EndpointsDialog::addEndpoint);
    m_remove = new QPushButton(tr("&Remove"));
    m_remove->setObjectName(QStringLiteral("removeEndpointButton"));
    m_remove->setAccessibleName(tr("Remove the selected endpoint"));
    connect(m_remove, &QPushButton::clicked, this, &EndpointsDialog::removeSelectedEndpoint);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_add);
    listButtons->addWidget(m_remove);
    listButtons->addStretch();
    auto *listPane = new QWidget;
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_list, 1);
    listLayout->addLayout(listButtons);

    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("endpointNameEdit"));
    m_name->setAccessibleName(tr("Endpoint name"));
    m_name->setPlaceholderText(tr("e.g. patreon"));
    m_prefix = new QLineEdit;
    m_prefix->setObjectName(QStringLiteral("endpointPrefixEdit"));
    m_prefix->setAccessibleName(tr("Path prefix"));
    m_prefix->setPlaceholderText(tr("e.g. /patreon (the longest matching prefix wins)"));
    m_scheme = new QComboBox;
    m_scheme->setObjectName(QStringLiteral("endpointSchemeComboBox"));
    m_scheme->setAccessibleName(tr("Signature scheme"));
    m_scheme->addItem(tr("Detect from headers"), QStringLiteral("auto"));
    for (const QString &name : signing::schemeNames())
        m_scheme->addItem(signing::schemeTitle(name), name);
    m_secret = new QLineEdit;
    m_secret->setObjectName(QStringLiteral("endpointSecretEdit"));
    m_secret->setAccessibleName(tr("Endpoint secret"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("kept in the keyring, never in the database"));
    m_secret->setToolTip(tr("The secret is kept in the system keyring (or, where there is none, "
                            "in a file only you can read), never in the database, settings or "
                            "exports."));
    m_showSecret = new QCheckBox(tr("Sho&w"));
    m_showSecret->setObjectName(QStringLiteral("showEndpointSecretCheckBox"));
    m_showSecret->setAccessibleName(tr("Show the secret"));
    connect(m_showSecret, &QCheckBox::toggled, this, [this](bool show) {
        m_secret->setEchoMode(show ? QLineEdit::Normal : QLineEdit::Password);
    });
    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(m_showSecret);
    m_rejectInvalid = new QCheckBox(tr("Answer 401 when the signature is &invalid or missing"));
    m_rejectInvalid->setObjectName(QStringLiteral("rejectInvalidCheckBox"));
    m_rejectInvalid->setAccessibleName(tr("Answer 401 to an invalid or missing signature"));
    m_rejectInvalid->setToolTip(
        tr("As a receiver that checks signatures would: a wrong signature, none where the "
           "secret expects one, one that cannot be read, or one whose timestamp is too old. "
           "The request is stored all the same."));
    m_status = new QSpinBox;
    m_status->setObjectName(QStringLiteral("responseStatusSpinBox"));
    m_status->setAccessibleName(tr("Response status"));
    m_status->setRange(200, 599);
    m_headers = plainEditor(QStringLiteral("responseHeadersEdit"), tr("Response headers"),
                            tr("One per line, e.g. X-Handled-By: hookscope"));
    m_body = plainEditor(QStringLiteral("responseBodyEdit"), tr("Response body"),
                         tr("Empty: {\"received\":\"<capture id>\"}. {{id}} becomes the "
                            "capture's id."));
    m_delay = new QSpinBox;
    m_delay->setObjectName(QStringLiteral("responseDelaySpinBox"));
    m_delay->setAccessibleName(tr("Response delay in milliseconds"));
    m_delay->setRange(0, 600'000);
    m_delay->setSuffix(tr(" ms"));
    m_delay->setSingleStep(100);

    auto *formPane = new QWidget;
    auto *form = new QFormLayout(formPane);
    m_form = form;
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("&Path prefix"), m_prefix);
    form->addRow(tr("&Scheme"), m_scheme);
    auto *secretLabel = new QLabel(tr("S&ecret"));
    secretLabel->setBuddy(m_secret);
    form->addRow(secretLabel, secretRow);
    auto *keptLabel = new QLabel(tr("Pro&vider secrets"));
    form->addRow(keptLabel, createKeptSecretsBox());
    keptLabel->setBuddy(m_kept);
    form->addRow(QString(), m_rejectInvalid);
    form->addRow(tr("Answer &status"), m_status);
    form->addRow(tr("Answer &headers"), m_headers);
    form->addRow(tr("Answer &body"), m_body);
    form->addRow(tr("&Delay"), m_delay);

    for (QLineEdit *edit : {m_name, m_prefix, m_secret})
        connect(edit, &QLineEdit::textChanged, this, &EndpointsDialog::storeForm);
    for (QPlainTextEdit *edit : {m_headers, m_body})
        connect(edit, &QPlainTextEdit::textChanged, this, &EndpointsDialog::storeForm);
    for (QSpinBox *box : {m_status, m_delay})
        connect(box, &QSpinBox::valueChanged, this, &EndpointsDialog::storeForm);
    connect(m_scheme, &QComboBox::currentIndexChanged, this, &EndpointsDialog::storeForm);
    connect(m_rejectInvalid, &QCheckBox::toggled, this, &EndpointsDialog::storeForm);

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(listPane);
    splitter->addWidget(formPane);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    return splitter;
}

QWidget *EndpointsDialog::createKeptSecretsBox()
{
    m_kept = new QListWidget;
    m_kept->setObjectName(QStringLiteral("keptSecretsListWidget"));
    m_kept->setAccessibleName(tr("Secrets kept for one provider each"));
    m_kept->setToolTip(tr("Applied in the Signature tab on “Detect from headers”: each "
                          "provider's requests are judged with its own secret."));
    // A few rows: most endpoints take one to three providers.
    m_kept->setMaximumHeight(m_kept->fontMetrics().height() * 4 + 2 * m_kept->frameWidth());
    m_forget = new QPushButton(tr("For&get"));
    m_forget->setObjectName(QStringLiteral("forgetKeptSecretButton"));
    m_forget->setAccessibleName(tr("Forget the selected provider's secret"));
    m_forget->setEnabled(false);
    connect(m_forget, &QPushButton::clicked, this, &EndpointsDialog::forgetSelectedSchemeSecret);
    // Only its own can be forgotten here; the catch-all's are forgotten on the catch-all's page.
    connect(m_kept, &QListWidget::currentItemChanged, this, [this](const QListWidgetItem *item) {
        m_forget->setEnabled(item && !item->data(Qt::UserRole).toString().isEmpty());
    });
    m_keptBox = new QWidget;
    auto *layout = new QHBoxLayout(m_keptBox);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_kept, 1);
    layout->addWidget(m_forget, 0, Qt::AlignTop);
    return m_keptBox;
}

void EndpointsDialog::showKeptSecrets(const Entry &entry)
{
    const auto byTitle = [](QStringList schemes) {
        std::sort(schemes.begin(), schemes.end(), [](const QString &a, const QString &b) {
            return signing::schemeTitle(a).localeAwareCompare(signing::schemeTitle(b)) < 0;
        });
        return schemes;
    };
    m_kept->clear();
    const QStringList own = byTitle(entry.keptSchemes);
    for (const QString &scheme : own) {
        // Where the secret is, never what it is.
        auto *item = new QListWidgetItem(
            tr("%1: secret kept (never shown)").arg(signing::schemeTitle(scheme)), m_kept);
        item->setData(Qt::UserRole, scheme);
    }
    m_shownCatchAllSchemes = catchAllSchemesFor(entry);
    for (const QString &scheme : byTitle(m_shownCatchAllSchemes)) {
        auto *item = new QListWidgetItem(tr("%1: the catch-all's secret applies (never shown)")
                                             .arg(signing::schemeTitle(scheme)),
                                         m_kept);
        item->setFlags(Qt::ItemIsEnabled);
        item->setToolTip(tr("Kept on the catch-all endpoint, which lends it to endpoints that "
                            "keep no %1 secret of their own; forget it there.")
                             .arg(signing::schemeTitle(scheme)));
    }
    m_kept->setCurrentRow(-1);
    m_forget->setEnabled(false);
    m_form->setRowVisible(m_keptBox, m_kept->count() > 0);
}

QStringList EndpointsDialog::catchAllSchemesFor(const Entry &entry) const
{
    if (&entry == &m_entries.first())
        return {};
    const QStringList &catchAll = m_entries.first().keptSchemes;
    const QString scheme
        = entry.config.scheme.isEmpty() ? QStringLiteral("auto") : entry.config.scheme;
    QStringList applying;
    for (const QString &kept : catchAll) {
        if (entry.keptSchemes.contains(kept))
            continue;
        if (scheme == u"auto" || (scheme == kept && entry.secret.isEmpty()))
            applying << kept;
    }
    return applying;
}

void EndpointsDialog::forgetSelectedSchemeSecret()
{
    const QListWidgetItem *item = m_kept->currentItem();
    if (!item || m_current < 0 || m_current >= m_entries.size())
        return;
    Entry &entry = m_entries[m_current];
    const QString scheme = item->data(Qt::UserRole).toString();
    entry.keptSchemes.removeAll(scheme);
    m_forgotten[entry.savedName].append(scheme);
    showKeptSecrets(entry);
}

QWidget *EndpointsDialog::createForwardingPage()
{
    auto *page = new QWidget;
    auto *explanation = new QLabel(
        tr("Every request the receiver stores is also sent on to each URL below, with its "
           "method, headers and body byte for byte (signatures stay valid). Each target's "
           "answer is kept with the request: see its Response tab. A URL without a path "
           "(http://localhost:3000) gets each request's own path and query; a URL with one "
           "(http://localhost:3000/webhooks) takes every request there, with its query. A "
           "password in a URL "
           "(https://user:password@host/) is kept in the keyring and shown as ***; leave the "
           "*** as it is to keep it."));
    explanation->setWordWrap(true);
    m_targets = plainEditor(QStringLiteral("forwardTargetsEdit"), tr("Forward targets"),
                            tr("One URL per line, e.g. http://localhost:3000/webhooks"));
    connect(m_targets, &QPlainTextEdit::textChanged, this, &EndpointsDialog::validate);
    // For providers that read the answer: Slack's slash commands and interactivity, Discord's
    // interactions. The sender then waits for the user's server, as it would in production.
    m_passThrough = new QCheckBox(tr("Answer senders with the first target's answer "
                                     "(pass-through)"));
    m_passThrough->setObjectName(QStringLiteral("passThroughCheck"));
    m_passThrough->setToolTip(
        tr("The request is stored first, then the sender gets the first URL's status, headers "
           "and body instead of the configured answer: 502 when it cannot be reached, 504 "
           "after 30 s. URL checks (Slack, Zoom, Discord) are then the target's to answer. "
           "That URL is not retried, since the sender retries."));
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(explanation);
    layout->addWidget(m_targets, 1);
    layout->addWidget(m_passThrough);
    return page;
}

QString EndpointsDialog::entryLabel(const Entry &entry) const
{
    if (entry.config.name.isEmpty() && &entry == &m_entries.first())
        return tr("Catch-all (every other path)");
    const QString name = entry.config.name.isEmpty() ? tr("(no name)") : entry.config.name;
    return QStringLiteral("%1  —  %2").arg(name, QString::fromUtf8(entry.config.pathPrefix));
}

void EndpointsDialog::refreshListLabels()
{
    const QSignalBlocker blocker(m_list);
    while (m_list->count() > m_entries.size())
        delete m_list->takeItem(m_list->count() - 1);
    for (int i = 0; i < m_entries.size(); ++i) {
        if (i >= m_list->count())
            m_list->addItem(QString());
        m_list->item(i)->setText(entryLabel(m_entries.at(i)));
    }
    m_list->setCurrentRow(m_current);
}

void EndpointsDialog::selectEntry(int index)
{
    m_list->setCurrentRow(index);
    showEntry(index);
}

void EndpointsDialog::showEntry(int index)
{
    if (index < 0 || index >= m_entries.size())
        return;
    m_current = index;
    const Entry &entry = m_entries.at(index);
    const bool catchAll = index == 0;
    m_filling = true;
    m_name->setText(catchAll ? tr("(catch-all)") : entry.config.name);
    m_name->setEnabled(!catchAll);
    m_prefix->setText(QString::fromUtf8(entry.config.pathPrefix));
    m_prefix->setEnabled(!catchAll);
    const int scheme = m_scheme->findData(entry.config.scheme.isEmpty() ? QStringLiteral("auto")
                                                                        : entry.config.scheme);
    m_scheme->setCurrentIndex(std::max(0, scheme));
    m_secret->setText(QString::fromUtf8(entry.secret));
    showKeptSecrets(entry);
    m_rejectInvalid->setChecked(entry.config.rejectInvalidSignature);
    m_status->setValue(entry.config.response.status);
    m_headers->setPlainText(session::formatHeaderLines(entry.config.response.headers));
    m_body->setPlainText(QString::fromUtf8(entry.config.response.body));
    m_delay->setValue(entry.config.response.delayMs);
    m_remove->setEnabled(!catchAll);
    m_filling = false;
    validate();
}

void EndpointsDialog::storeForm()
{
    if (m_filling || m_current < 0 || m_current >= m_entries.size())
        return;
    Entry &entry = m_entries[m_current];
    if (m_current > 0) {
        entry.config.name = m_name->text();
        entry.config.pathPrefix = m_prefix->text().toUtf8();
    }
    entry.config.rejectInvalidSignature = m_rejectInvalid->isChecked();
    entry.config.scheme = m_scheme->currentData().toString();
    entry.secret = m_secret->text().toUtf8();
    entry.config.response.status = m_status->value();
    entry.config.response.body = m_body->toPlainText().toUtf8();
    entry.config.response.delayMs = m_delay->value();
    // Headers that do not parse keep their last good value; validate() reports the line.
    HeaderList headers;
    QString ignored;
    if (session::parseHeaderLines(m_headers->toPlainText(), &headers, &ignored))
        entry.config.response.headers = headers;
    if (m_list->item(m_current))
        m_list->item(m_current)->setText(entryLabel(entry));
    // Another scheme, or a secret of its own, changes which of the catch-all's apply.
    if (catchAllSchemesFor(entry) != m_shownCatchAllSchemes)
        showKeptSecrets(entry);
    validate();
}

void EndpointsDialog::addEndpoint()
{
    Entry entry;
    int n = int(m_entries.size());
    const auto taken = [this](const QString &name, const QByteArray &prefix) {
        return std::any_of(m_entries.begin(), m_entries.end(), [&](const Entry &e) {
            return e.config.name == name || e.config.pathPrefix == prefix;
        });
    };
    QString name;
    do {
        name = QStringLiteral("endpoint-%1").arg(n++);
    } while (taken(name, QByteArray("/") + name.toUtf8()));
    entry.config.name = name;
    entry.config.pathPrefix = QByteArray("/") + name.toUtf8();
    entry.config.scheme = QStringLiteral("auto");
    m_entries.append(entry);
    m_current = int(m_entries.size()) - 1;
    refreshListLabels();
    selectEntry(m_current);
    m_name->setFocus(Qt::OtherFocusReason);
    m_name->selectAll();
}

void EndpointsDialog::removeSelectedEndpoint()
{
    if (m_current <= 0 || m_current >= m_entries.size())
        return;
    m_entries.removeAt(m_current);
    m_current = std::min<int>(m_current, int(m_entries.size()) - 1);
    refreshListLabels();
    selectEntry(m_current);
}

void EndpointsDialog::validate()
{
    QString problem;
    HeaderList ignoredHeaders;
    QString headerError;
    if (!session::parseHeaderLines(m_headers->toPlainText(), &ignoredHeaders, &headerError))
        problem = tr("Answer headers, %1").arg(headerError);
    QList<http::EndpointConfig> endpoints;
    for (int i = 1; i < m_entries.size(); ++i)
        endpoints.append(m_entries.at(i).config);
    if (problem.isEmpty()) {
        problem = session::responseProblem(m_entries.first().config.response);
        if (!problem.isEmpty())
            problem = tr("Catch-all: %1").arg(problem);
    }
    for (int i = 0; problem.isEmpty() && i < endpoints.size(); ++i)
        problem = session::endpointProblem(endpoints.at(i), endpoints);
    const QStringList lines
        = m_targets ? m_targets->toPlainText().split(QLatin1Char('\n')) : QStringList();
    for (int i = 0; problem.isEmpty() && i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const QUrl target = compose::withPasswordFrom(QUrl(line), m_knownTargets);
        QString targetProblem = session::forwardTargetProblem(target);
        if (targetProblem.isEmpty() && compose::hidesPassword(target))
            targetProblem = tr("its password is hidden as *** but none is saved for this URL: "
                               "type the password itself");
        if (!targetProblem.isEmpty())
            problem = tr("Forward target on line %1: %2").arg(i + 1).arg(targetProblem);
    }
    m_problem = problem;
    m_problemLabel->setText(problem);
    m_problemLabel->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

session::ReceiverProfile EndpointsDialog::profile() const
{
    session::ReceiverProfile profile;
    profile.defaultScheme = m_entries.first().config.scheme;
    profile.defaultResponse = m_entries.first().config.response;
    profile.defaultRejectInvalidSignature = m_entries.first().config.rejectInvalidSignature;
    for (int i = 1; i < m_entries.size(); ++i)
        profile.endpoints.append(m_entries.at(i).config);
    for (const QString &line : m_targets->toPlainText().split(QLatin1Char('\n'))) {
        const QUrl target = compose::withPasswordFrom(QUrl(line.trimmed()), m_knownTargets);
        if (!line.trimmed().isEmpty() && session::forwardTargetProblem(target).isEmpty())
            profile.forwardTargets.append(target);
    }
    profile.passThrough = m_passThrough->isChecked() && !profile.forwardTargets.isEmpty();
    return profile;
}

QHash<QString, QByteArray> EndpointsDialog::secrets() const
{
    QHash<QString, QByteArray> secrets;
    for (const Entry &entry : m_entries)
        secrets.insert(entry.config.name, entry.secret);
    return secrets;
}

} // namespace hookscope::ui
