#include "dialogs/ExportDialog.h"

#include "core/Counted.h"
#include "core/ThreadCall.h"
#include "dialogs/FileChooser.h"
#include "dialogs/FileJobControls.h"
#include "exchange/StoreExchange.h"
#include "ui_ExportDialog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPushButton>
#include <QStandardPaths>

#include <filesystem>
#include <system_error>

namespace hookscope::ui {

using exchange::ExportFormat;

namespace {

// Creates `folder` and the folders above it that are missing; empty when it is there, else
// which folder could not be made and why.
QString createFolder(const QString &folder)
{
    const std::filesystem::path wanted(folder.toStdString());
    std::error_code error;
    if (std::filesystem::is_directory(wanted, error))
        return {};
    std::filesystem::create_directories(wanted, error);
    if (!error)
        return {};
    // Name the folder that is in the way: the deepest one of the path that exists.
    std::filesystem::path existing = wanted;
    std::error_code ignored;
    while (existing.has_parent_path() && existing != existing.parent_path()
           && !std::filesystem::exists(existing, ignored))
        existing = existing.parent_path();
    return QCoreApplication::translate("hookscope::ui::ExportDialog",
                                       "cannot create the folder %1: %2 (of that path, "
                                       "only %3 exists)")
        .arg(folder, QString::fromLocal8Bit(error.message().c_str()),
             QString::fromStdString(existing.string()));
}

} // namespace

ExportDialog::ExportDialog(store::StoreClient &store, QList<qint64> selectedIds, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ExportDialog>())
    , m_store(store)
    , m_selectedIds(std::move(selectedIds))
{
    m_ui->setupUi(this);
    m_job = std::make_unique<FileJobControls>(m_ui->pathLineEdit, m_ui->browsePushButton,
                                              m_ui->buttonBox,
                                              QList<QWidget *> {m_ui->formatComboBox});
    setObjectName(QStringLiteral("exportDialog"));
    setAccessibleName(tr("Export requests"));
    m_ui->formatComboBox->addItem(tr("HAR 1.2 (.har)"), int(ExportFormat::Har));
    m_ui->formatComboBox->addItem(tr("JSON lines (.jsonl)"), int(ExportFormat::JsonLines));
    m_ui->selectedRadioButton->setText(
        tr("&Selected requests (%n)", nullptr, int(m_selectedIds.size())));
    if (m_selectedIds.isEmpty()) {
        m_ui->selectedRadioButton->setEnabled(false);
        m_ui->allRadioButton->setChecked(true);
    }
    m_ui->selectedRadioButton->setAccessibleName(tr("Export the selected requests"));
    m_ui->allRadioButton->setAccessibleName(tr("Export all stored requests"));
    m_ui->formatComboBox->setAccessibleName(tr("Export format"));
    m_ui->pathLineEdit->setAccessibleName(tr("File to write"));
    m_ui->browsePushButton->setAccessibleName(tr("Choose the file"));
    m_ui->statusLabel->setAccessibleName(tr("Export status"));
    m_ui->buttonBox->setAccessibleName(tr("Dialog buttons"));
    QPushButton *ok = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    ok->setText(tr("&Export"));
    ok->setObjectName(QStringLiteral("exportPushButton"));
    ok->setAccessibleName(tr("Export"));
    QPushButton *cancel = m_ui->buttonBox->button(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelPushButton"));
    cancel->setAccessibleName(tr("Cancel"));

    // Qt names ~/Documents whether or not it exists; a default that cannot be written is none.
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        folder = QDir::homePath();
    m_ui->pathLineEdit->setText(QDir(folder).filePath(QStringLiteral("hookscope-requests.har")));

    connect(m_ui->browsePushButton, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_ui->formatComboBox, &QComboBox::currentIndexChanged, this,
            &ExportDialog::matchSuffixToFormat);
    // Export keeps the dialog open until the file is written; Cancel closes it.
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ExportDialog::startExport);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

ExportDialog::~ExportDialog() = default;

void ExportDialog::setNextFileName(const QString &path)
{
    FileChooser::setNextFileName(path);
}

ExportFormat ExportDialog::format() const
{
    return ExportFormat(m_ui->formatComboBox->currentData().toInt());
}

void ExportDialog::setFormat(ExportFormat format)
{
    m_ui->formatComboBox->setCurrentIndex(m_ui->formatComboBox->findData(int(format)));
}

bool ExportDialog::exportsAll() const
{
    return m_ui->allRadioButton->isChecked();
}

void ExportDialog::setExportsAll(bool all)
{
    (all || m_selectedIds.isEmpty() ? m_ui->allRadioButton : m_ui->selectedRadioButton)
        ->setChecked(true);
}

QString ExportDialog::filePath() const
{
    return m_job->path();
}

void ExportDialog::setFilePath(const QString &path)
{
    m_ui->pathLineEdit->setText(path);
}

bool ExportDialog::isRunning() const
{
    return m_job->isRunning();
}

QString ExportDialog::statusText() const
{
    return m_ui->statusLabel->text();
}

void ExportDialog::browse()
{
    const QString filter = format() == ExportFormat::Har
        ? tr("HAR files (*.har);;All files (*)")
        : tr("JSON lines (*.jsonl);;All files (*)");
    const QString path = FileChooser::saveFileName(this, tr("Export Requests"), filePath(), filter);
    if (!path.isEmpty())
        m_ui->pathLineEdit->setText(path);
}

void ExportDialog::matchSuffixToFormat()
{
    const QString path = filePath();
    const QFileInfo info(path);
    if (info.suffix() != u"har" && info.suffix() != u"jsonl")
        return;
    m_ui->pathLineEdit->setText(path.left(path.size() - info.suffix().size())
                                + exchange::fileSuffix(format()));
}

void ExportDialog::startExport()
{
    const QString path = m_job->start([this] { browse(); });
    if (path.isEmpty())
        return;
    const bool all = exportsAll();
    m_ui->statusLabel->setText(
        all ? tr("Exporting all requests to %1…").arg(path)
            : tr("Exporting %1 to %2…")
                  .arg(counted(m_selectedIds.size(), u"request", u"requests"), path));
    // A folder typed that does not exist yet is created first, as most apps do for an export.
    // Off the window's thread like the export itself: the folder may be on a slow disk.
    const QString folder = QFileInfo(path).absolutePath();
    runInPool(
        this, [folder] { return createFolder(folder); },
        [this, path](const QString &problem) { folderReady(path, problem); });
}

void ExportDialog::folderReady(const QString &path, const QString &problem)
{
    if (!problem.isEmpty()) {
        m_job->finish();
        m_ui->statusLabel->setText(tr("Export failed: %1").arg(problem));
        Q_EMIT exportFailed(problem);
        return;
    }
    const bool all = exportsAll();
    exchange::exportToFile(
        m_store, all ? std::nullopt : std::optional<QList<qint64>>(m_selectedIds), format(), path,
        this, [this, path](const exchange::ExportOutcome &outcome) {
            m_job->finish();
            if (!outcome.error.isEmpty()) {
                m_ui->statusLabel->setText(tr("Export failed: %1").arg(outcome.error));
                Q_EMIT exportFailed(outcome.error);
                return;
            }
            m_ui->statusLabel->setText(
                tr("Exported %1 to %2.")
                    .arg(counted(outcome.count, u"request", u"requests"), path));
            Q_EMIT exportFinished(path, outcome.count);
            accept();
        });
}

} // namespace hookscope::ui
