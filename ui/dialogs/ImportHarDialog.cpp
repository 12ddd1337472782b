#include "dialogs/ImportHarDialog.h"

#include "dialogs/FileChooser.h"
#include "dialogs/FileJobControls.h"
#include "ui_ImportHarDialog.h"

#include <QPushButton>

namespace hookscope::ui {

ImportHarDialog::ImportHarDialog(store::RequestStore &store, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ImportHarDialog>())
    , m_store(store)
{
    m_ui->setupUi(this);
    m_job = std::make_unique<FileJobControls>(m_ui->pathLineEdit, m_ui->browsePushButton,
                                              m_ui->buttonBox,
                                              QList<QWidget *> {m_ui->endpointLineEdit});
    setObjectName(QStringLiteral("importHarDialog"));
    setAccessibleName(tr("Import HAR"));
    m_ui->pathLineEdit->setAccessibleName(tr("HAR file to import"));
    m_ui->browsePushButton->setAccessibleName(tr("Choose the HAR file"));
    m_ui->endpointLineEdit->setAccessibleName(tr("Endpoint name for imported requests"));
    m_ui->statusLabel->setAccessibleName(tr("Import status"));
    m_ui->problemsPlainTextEdit->setAccessibleName(tr("Entries not imported"));
    m_ui->buttonBox->setAccessibleName(tr("Dialog buttons"));
    QPushButton *ok = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    ok->setText(tr("&Import"));
    ok->setObjectName(QStringLiteral("importPushButton"));
    ok->setAccessibleName(tr("Import"));
    QPushButton *close = m_ui->buttonBox->button(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("closePushButton"));
    close->setAccessibleName(tr("Close"));

    connect(m_ui->browsePushButton, &QPushButton::clicked, this, &ImportHarDialog::browse);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ImportHarDialog::startImport);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

ImportHarDialog::~ImportHarDialog() = default;

void ImportHarDialog::setNextFileName(const QString &path)
{
    FileChooser::setNextFileName(path);
}

QString ImportHarDialog::filePath() const
{
    return m_job->path();
}

void ImportHarDialog::setFilePath(const QString &path)
{
    m_ui->pathLineEdit->setText(path);
}

QString ImportHarDialog::endpoint() const
{
    return m_ui->endpointLineEdit->text().trimmed();
}

void ImportHarDialog::setEndpoint(const QString &endpoint)
{
    m_ui->endpointLineEdit->setText(endpoint);
}

bool ImportHarDialog::isRunning() const
{
    return m_job->isRunning();
}

QString ImportHarDialog::statusText() const
{
    return m_ui->statusLabel->text();
}

QString ImportHarDialog::problemsText() const
{
    return m_ui->problemsPlainTextEdit->toPlainText();
}

void ImportHarDialog::browse()
{
    const QString path = FileChooser::openFileName(this, tr("Import HAR"),
                                                   tr("HAR files (*.har *.json);;All files (*)"));
    if (!path.isEmpty())
        m_ui->pathLineEdit->setText(path);
}

void ImportHarDialog::startImport()
{
    const QString path = m_job->start([this] { browse(); });
    if (path.isEmpty())
        return;
    m_ui->problemsPlainTextEdit->clear();
    m_ui->statusLabel->setText(tr("Importing %1…").arg(path));
    exchange::HarImportOptions options;
    if (!endpoint().isEmpty())
        options.endpoint = endpoint();
    exchange::importHarToStore(
        m_store, path, options, this,
        [this, path](const exchange::ImportOutcome &outcome) { showOutcome(outcome, path); },
        m_prepare);
}

void ImportHarDialog::showOutcome(const exchange::ImportOutcome &outcome, const QString &path)
{
    m_job->finish();
    m_ui->statusLabel->setText(exchange::describe(outcome, path));
    const QStringList problems = outcome.entryErrors + outcome.storeErrors;
    m_ui->problemsPlainTextEdit->setPlainText(problems.join(u'\n'));
    Q_EMIT importFinished(outcome);
    if (outcome.fatalError.isEmpty() && problems.isEmpty())
        accept();
}

} // namespace hookscope::ui
