#pragma once

#include "compose/DeliveryRunner.h"
#include "compose/LoadSummary.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

#include <functional>

class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTimer;
class QTreeWidget;

namespace hookscope::ui {

// The Compose page's load mode: fire N events at R events/s over C connections, each rendered
// from the composer's current template and signed like a single send, with live progress and,
// at the end, throughput, latency percentiles and the answers by status. One attempt per event
// (no retries), and nothing goes to the send history: a load run may be 100,000 requests.
class LoadPanel final : public QWidget
{
    Q_OBJECT

public:
    // Fills the delivery (URL, headers, signer, event source) from the composer; false and an
    // error message when the composition cannot be sent.
    using Preparer
        = std::function<bool(compose::DeliveryOptions *, compose::EventSource *, QString *error)>;

    explicit LoadPanel(Preparer prepare, QWidget *parent = nullptr);
    ~LoadPanel() override;

    void run();
    void cancel();
    bool isRunning() const { return !m_runner.isNull(); }
    const compose::LoadSummary &summary() const { return m_summary; }
    int sent() const { return m_sent; }

    QSpinBox *countSpinBox() const { return m_countSpin; }
    QDoubleSpinBox *rateSpinBox() const { return m_rateSpin; }
    QSpinBox *connectionsSpinBox() const { return m_connectionsSpin; }
    QPushButton *runButton() const { return m_runButton; }
    QLabel *progressLabel() const { return m_progressLabel; }
    QTreeWidget *resultsTree() const { return m_results; }

Q_SIGNALS:
    void runFinished(); // completed, cancelled or failed; the results are shown

private:
    void attemptFinished(const compose::AttemptRecord &record);
    void runnerFinished();
    void refreshProgress();
    void showResults(const QString &outcome);
    void setRunning(bool running);

    Preparer m_prepare;
    QPointer<compose::DeliveryRunner> m_runner;
    compose::LoadSummary m_summary;
    QElapsedTimer m_clock;
    int m_planned = 0;
    int m_sent = 0;

    QSpinBox *m_countSpin = nullptr;
    QDoubleSpinBox *m_rateSpin = nullptr;
    QSpinBox *m_connectionsSpin = nullptr;
    QPushButton *m_runButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressLabel = nullptr;
    QTreeWidget *m_results = nullptr;
    QTimer *m_refreshTimer = nullptr;
};

} // namespace hookscope::ui
