#include "compose/LoadPanel.h"

#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hookscope::ui {

using namespace hookscope::compose;

namespace {

const QColor kFailedColor(0xb3, 0x26, 0x1e);

QString seconds(qint64 us)
{
    return QString::number(double(us) / 1e6, 'f', us < 10'000'000 ? 2 : 1);
}

} // namespace

LoadPanel::LoadPanel(Preparer prepare, QWidget *parent)
    : QWidget(parent)
    , m_prepare(std::move(prepare))
{
    setObjectName(QStringLiteral("loadPanel"));
    setAccessibleName(tr("Load"));

    m_countSpin = new QSpinBox(this);
    m_countSpin->setObjectName(QStringLiteral("loadCountSpinBox"));
    m_countSpin->setAccessibleName(tr("Events to send"));
    m_countSpin->setRange(1, 1'000'000);
    m_countSpin->setValue(100);
    m_countSpin->setGroupSeparatorShown(true);

    m_rateSpin = new QDoubleSpinBox(this);
    m_rateSpin->setObjectName(QStringLiteral("loadRateSpinBox"));
    m_rateSpin->setAccessibleName(tr("Rate in events per second, 0 for no limit"));
    m_rateSpin->setRange(0, 1'000'000);
    m_rateSpin->setDecimals(1);
    m_rateSpin->setValue(0);
    m_rateSpin->setSuffix(tr(" /s"));
    m_rateSpin->setSpecialValueText(tr("no limit"));
    m_rateSpin->setToolTip(tr("Events started per second; 0 sends as fast as the connections "
                              "answer."));

    m_connectionsSpin = new QSpinBox(this);
    m_connectionsSpin->setObjectName(QStringLiteral("loadConnectionsSpinBox"));
    m_connectionsSpin->setAccessibleName(tr("Connections"));
    m_connectionsSpin->setRange(1, 256);
    m_connectionsSpin->setValue(4);
    m_connectionsSpin->setToolTip(tr("Requests in flight at once, each on its own connection."));

    m_runButton = new QPushButton(tr("Run load"), this);
    m_runButton->setObjectName(QStringLiteral("loadRunButton"));
    m_runButton->setAccessibleName(tr("Run or cancel the load"));
    connect(m_runButton, &QPushButton::clicked, this, [this] {
        if (isRunning())
            cancel();
        else
            run();
    });

    auto *grid = new QGridLayout;
    const auto addField = [&](int row, int column, const QString &text, QWidget *field) {
        auto *label = new QLabel(text, this);
        label->setBuddy(field);
        grid->addWidget(label, row, column);
        grid->addWidget(field, row, column + 1);
    };
    addField(0, 0, tr("&Events"), m_countSpin);
    addField(0, 2, tr("C&onnections"), m_connectionsSpin);
    addField(1, 0, tr("R&ate"), m_rateSpin);
    grid->addWidget(m_runButton, 1, 2, 1, 2);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);

    auto *note = new QLabel(tr("Each event is rendered from the composition (fresh id and time) "
                               "and signed like a single send; one attempt each, not kept in "
                               "the history."),
                            this);
    note->setObjectName(QStringLiteral("loadNoteLabel"));
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("loadProgressBar"));
    m_progress->setAccessibleName(tr("Load progress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);

    m_progressLabel = new QLabel(tr("No load run yet."), this);
    m_progressLabel->setObjectName(QStringLiteral("loadProgressLabel"));
    m_progressLabel->setAccessibleName(tr("Load status"));
    m_progressLabel->setWordWrap(true);
    m_progressLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_progressLabel->font();
    bold.setBold(true);
    m_progressLabel->setFont(bold);

    m_results = new QTreeWidget(this);
    m_results->setObjectName(QStringLiteral("loadResultsTreeWidget"));
    m_results->setAccessibleName(tr("Load results"));
    m_results->setRootIsDecorated(false);
    m_results->setUniformRowHeights(true);
    m_results->setHeaderLabels({tr("Measure"), tr("Value")});
    m_results->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addWidget(note);
    layout->addWidget(m_progress);
    layout->addWidget(m_progressLabel);
    layout->addWidget(m_results, 1);

    // Progress is redrawn at a steady pace, not once per answer (thousands a second).
    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setInterval(100);
    connect(m_refreshTimer, &QTimer::timeout, this, &LoadPanel::refreshProgress);
}

LoadPanel::~LoadPanel()
{
    // Its callbacks write to this panel's members: the runner goes first.
    delete m_runner.data();
}

void LoadPanel::run()
{
    if (isRunning())
        return;
    DeliveryOptions options;
    EventSource source;
    QString error;
    if (!m_prepare(&options, &source, &error)) {
        m_progressLabel->setText(error);
        QPalette palette = m_progressLabel->palette();
        palette.setColor(QPalette::WindowText, kFailedColor);
        m_progressLabel->setPalette(palette);
        return;
    }
    options.count = m_countSpin->value();
    options.rate = m_rateSpin->value();
    options.concurrency = m_connectionsSpin->value();
    options.keepBodies = false; // the summary needs timings and statuses only

    m_summary = LoadSummary();
    m_summary.setDeliveries(options.count);
    m_planned = options.count;
    m_sent = 0;
    m_progressLabel->setPalette(palette());
    m_progress->setRange(0, m_planned);
    m_progress->setValue(0);
    m_results->clear();

    m_runner = new DeliveryRunner(options, source, this);
    connect(m_runner, &DeliveryRunner::attemptStarted, this, [this] { ++m_sent; });
    connect(m_runner, &DeliveryRunner::attemptFinished, this, &LoadPanel::attemptFinished);
    connect(m_runner, &DeliveryRunner::finished, this, &LoadPanel::runnerFinished);
    setRunning(true);
    m_clock.start();
    m_refreshTimer->start();
    refreshProgress();
    m_runner->start();
}

void LoadPanel::cancel()
{
    if (m_runner)
        m_runner->cancel(); // finished() follows with what was answered so far
}

void LoadPanel::attemptFinished(const AttemptRecord &record)
{
    m_summary.add(record);
}

void LoadPanel::runnerFinished()
{
    if (!m_runner)
        return;
    const DeliveryReport &report = m_runner->report();
    m_summary.setElapsedUs(report.elapsedUs);
    QString outcome;
    if (!report.error.isEmpty())
        outcome = tr("Stopped: %1").arg(report.error);
    else if (report.cancelled)
        outcome = tr("Cancelled after %1 of %2 events").arg(m_summary.attempts()).arg(m_planned);
    else
        outcome = tr("Done: %1 events in %2 s")
                      .arg(m_summary.attempts())
                      .arg(seconds(report.elapsedUs));
    m_runner->deleteLater();
    m_runner = nullptr;
    m_refreshTimer->stop();
    setRunning(false);
    refreshProgress();
    showResults(outcome);
    Q_EMIT runFinished();
}

void LoadPanel::refreshProgress()
{
    m_progress->setValue(m_summary.attempts());
    const qint64 elapsedUs = isRunning() ? m_clock.nsecsElapsed() / 1000 : m_summary.elapsedUs();
    m_progressLabel->setText(tr("Sent %1 of %2 · answered 2xx %3 · failed %4 · %5 s")
                                 .arg(m_sent)
                                 .arg(m_planned)
                                 .arg(m_summary.answered2xx())
                                 .arg(m_summary.attemptsFailed())
                                 .arg(seconds(elapsedUs)));
}

void LoadPanel::showResults(const QString &outcome)
{
    m_results->clear();
    const auto row = [this](const QString &measure, const QString &value) {
        auto *item = new QTreeWidgetItem(m_results, {measure, value});
        return item;
    };
    row(tr("Outcome"), outcome);
    row(tr("Throughput"),
        tr("%1 requests/s").arg(QString::number(m_summary.attemptsPerSecond(), 'f', 1)));
    row(tr("Elapsed"), tr("%1 s").arg(seconds(m_summary.elapsedUs())));
    const LatencyStats &latency = m_summary.latency();
    for (const auto &[name, percentile] :
         {std::pair {"p50", 50.0}, {"p90", 90.0}, {"p99", 99.0}, {"max", 100.0}}) {
        const qint64 us = latency.percentileUs(percentile);
        row(tr("Latency %1").arg(QString::fromLatin1(name)),
            us < 0 ? tr("no answers") : tr("%1 ms").arg(formatMilliseconds(us)));
    }
    row(tr("Answered 2xx"), tr("%1 of %2").arg(m_summary.answered2xx()).arg(m_planned));
    QTreeWidgetItem *failed = row(tr("Failed"), QString::number(m_summary.attemptsFailed()));
    if (m_summary.attemptsFailed() > 0)
        failed->setForeground(1, kFailedColor);
    const QMap<int, int> &statuses = m_summary.statusCounts();
    for (auto it = statuses.cbegin(); it != statuses.cend(); ++it) {
        QTreeWidgetItem *item = row(tr("HTTP %1").arg(it.key()), QString::number(it.value()));
        if (it.key() < 200 || it.key() >= 300)
            item->setForeground(1, kFailedColor);
    }
    const QMap<QString, int> &errors = m_summary.errorCounts();
    for (auto it = errors.cbegin(); it != errors.cend(); ++it)
        row(it.key(), QString::number(it.value()))->setForeground(1, kFailedColor);
}

void LoadPanel::setRunning(bool running)
{
    m_runButton->setText(running ? tr("Cancel") : tr("Run load"));
    m_countSpin->setEnabled(!running);
    m_rateSpin->setEnabled(!running);
    m_connectionsSpin->setEnabled(!running);
}

} // namespace hookscope::ui
