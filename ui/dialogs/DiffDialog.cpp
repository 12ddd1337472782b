#include "dialogs/DiffDialog.h"

#include "core/ThreadCall.h"
#include "dialogs/DiffSummary.h"
#include "dialogs/DiffTableModel.h"
#include "ui_DiffDialog.h"

#include <QDateTime>
#include <QEvent>
#include <QHeaderView>
#include <QLocale>
#include <QPushButton>

namespace hookscope::ui {

QString describeCapture(const Capture &capture)
{
    QStringList parts;
    if (capture.id > 0)
        parts << QStringLiteral("#%1").arg(capture.id);
    if (capture.receivedAtUs > 0)
        parts << QDateTime::fromMSecsSinceEpoch(capture.receivedAtUs / 1000)
                     .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz t"));
    parts << QString::fromLatin1(capture.method) + u' '
            + QString::fromUtf8(capture.target).left(200);
    parts << QObject::tr("%1 bytes").arg(QLocale().toString(capture.body.size()));
    if (!capture.endpoint.isEmpty())
        parts << QObject::tr("endpoint %1").arg(capture.endpoint);
    return parts.join(QStringLiteral(" · "));
}

namespace {

// "#42", or the side's name for a request that is not stored (imported for comparison).
QString requestName(const Capture &capture, const QString &side)
{
    return capture.id > 0 ? QStringLiteral("#%1").arg(capture.id) : side;
}

} // namespace

DiffDialog::DiffDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::DiffDialog>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("diffDialog"));
    setAccessibleName(tr("Compare requests"));
    m_model = new DiffTableModel(this);
    m_model->setPalette(palette());

    m_ui->leftRequestLabel->setAccessibleName(tr("Left request"));
    m_ui->rightRequestLabel->setAccessibleName(tr("Right request"));
    m_ui->summaryLabel->setAccessibleName(tr("Summary of differences"));
    m_ui->showIdenticalCheckBox->setAccessibleName(tr("Show identical too"));
    m_ui->flagVolatileCheckBox->setAccessibleName(tr("Flag headers expected to differ"));
    m_ui->differencesTableView->setAccessibleName(tr("Differences"));
    m_ui->buttonBox->setAccessibleName(tr("Dialog buttons"));
    if (QPushButton *close = m_ui->buttonBox->button(QDialogButtonBox::Close)) {
        close->setObjectName(QStringLiteral("closePushButton"));
        close->setAccessibleName(tr("Close"));
    }

    QTableView *table = m_ui->differencesTableView;
    table->setModel(m_model);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    // Values get the room; section, path and kind keep what they need.
    QHeaderView *header = table->horizontalHeader();
    header->setStretchLastSection(false);
    const int digit = table->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    header->resizeSection(DiffTableModel::SectionColumn, digit * 12);
    header->resizeSection(DiffTableModel::PathColumn, digit * 34);
    header->resizeSection(DiffTableModel::KindColumn, digit * 30);
    header->setSectionResizeMode(DiffTableModel::LeftColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(DiffTableModel::RightColumn, QHeaderView::Stretch);
    table->setTextElideMode(Qt::ElideMiddle);
    table->setTabKeyNavigation(false); // Tab leaves the table for the checkboxes

    connect(m_ui->showIdenticalCheckBox, &QCheckBox::toggled, m_model,
            &DiffTableModel::setShowIdentical);
    connect(m_ui->flagVolatileCheckBox, &QCheckBox::toggled, this, &DiffDialog::compare);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(1100, 560);
}

DiffDialog::~DiffDialog() = default;

void DiffDialog::setCaptures(const Capture &left, const Capture &right)
{
    m_left = left;
    m_right = right;
    m_ui->leftRequestLabel->setText(describeCapture(left));
    m_ui->rightRequestLabel->setText(describeCapture(right));
    m_model->setRequestNames(requestName(left, tr("left")), requestName(right, tr("right")));
    setWindowTitle(left.id > 0 && right.id > 0
                       ? tr("Compare Requests #%1 and #%2").arg(left.id).arg(right.id)
                       : tr("Compare Requests"));
    compare();
}

const exchange::CaptureDiffResult &DiffDialog::result() const
{
    return m_model->result();
}

QString DiffDialog::summaryText() const
{
    return m_ui->summaryLabel->text();
}

void DiffDialog::compare()
{
    m_ready = false;
    const int generation = ++m_generation;
    m_ui->summaryLabel->setText(tr("Comparing…"));
    exchange::DiffOptions options;
    options.flagVolatileHeaders = m_ui->flagVolatileCheckBox->isChecked();
    runInPool(
        this,
        [left = m_left, right = m_right, options] {
            return exchange::diffCaptures(left, right, options);
        },
        [this, generation](const exchange::CaptureDiffResult &result) {
            showResult(result, generation);
        });
}

void DiffDialog::showResult(const exchange::CaptureDiffResult &result, int generation)
{
    if (generation != m_generation)
        return;
    m_model->setResult(result);
    m_ui->summaryLabel->setText(describeDifferences(result, requestName(m_left, tr("left")),
                                                    requestName(m_right, tr("right"))));
    m_ready = true;
    Q_EMIT diffReady();
}

void DiffDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_model->setPalette(palette());
    QDialog::changeEvent(event);
}

} // namespace hookscope::ui
