#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

#include <vector>

namespace hookscope::compose {

struct AttemptRecord;
struct DeliveryReport;

// Latencies of the attempts that got a response, for nearest-rank percentiles.
class LatencyStats final
{
public:
    void add(qint64 us);
    qsizetype count() const { return qsizetype(m_us.size()); }
    // Nearest-rank percentile (100 is the maximum); -1 when there is none.
    qint64 percentileUs(double percentile) const;

private:
    mutable std::vector<qint64> m_us;
    mutable bool m_sorted = true; // sorted lazily, once per batch of additions
};

// What many deliveries came to: counts, statuses and errors, throughput and latency. Built one
// finished attempt at a time (live progress in the window) or from a whole report; shared by
// `hookscope send --count` and the Compose page's load panel so both say the same thing.
class LoadSummary final
{
public:
    static LoadSummary fromReport(const DeliveryReport &report);

    void add(const AttemptRecord &record);
    void setDeliveries(int deliveries) { m_deliveries = deliveries; }
    void setElapsedUs(qint64 us) { m_elapsedUs = us; }

    int deliveries() const { return m_deliveries; } // planned
    int delivered() const { return m_delivered; } // final attempt got a 2xx
    int failed() const { return m_failed; } // final attempt did not
    int attempts() const { return m_attempts; } // finished attempts, retries included
    int answered2xx() const { return m_answered2xx; } // attempts answered with a 2xx
    int attemptsFailed() const { return m_attempts - m_answered2xx; }
    qint64 elapsedUs() const { return m_elapsedUs; }
    double attemptsPerSecond() const;
    const LatencyStats &latency() const { return m_latency; }
    // Attempts per HTTP status, and per error name for those without a response.
    const QMap<int, int> &statusCounts() const { return m_statuses; }
    const QMap<QString, int> &errorCounts() const { return m_errors; }

    // The summary `hookscope send --count N` prints, one line each.
    QStringList textLines() const;
    // "200 × 198, 503 × 2, connection-refused × 3"
    QString outcomeText() const;

private:
    int m_deliveries = 0;
    int m_delivered = 0;
    int m_failed = 0;
    int m_attempts = 0;
    int m_answered2xx = 0;
    qint64 m_elapsedUs = 0;
    LatencyStats m_latency;
    QMap<int, int> m_statuses;
    QMap<QString, int> m_errors;
};

// "12.34" for 12,340 µs: two decimals under 10 ms, one above.
QString formatMilliseconds(qint64 us);

} // namespace hookscope::compose
