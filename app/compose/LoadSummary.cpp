#include "compose/LoadSummary.h"

#include "compose/DeliveryRunner.h"

#include <algorithm>
#include <cmath>

namespace hookscope::compose {

void LatencyStats::add(qint64 us)
{
    if (!m_us.empty() && us < m_us.back())
        m_sorted = false;
    m_us.push_back(us);
}

qint64 LatencyStats::percentileUs(double percentile) const
{
    if (m_us.empty())
        return -1;
    if (!m_sorted) {
        std::sort(m_us.begin(), m_us.end());
        m_sorted = true;
    }
    const auto rank = qsizetype(std::ceil(percentile / 100.0 * double(m_us.size())));
    return m_us.at(size_t(std::clamp<qsizetype>(rank - 1, 0, qsizetype(m_us.size()) - 1)));
}

LoadSummary LoadSummary::fromReport(const DeliveryReport &report)
{
    LoadSummary summary;
    for (const AttemptRecord &record : report.attempts)
        summary.add(record);
    // The report's own counts stand, e.g. when a render failure stopped the run.
    summary.m_deliveries = report.deliveries;
    summary.m_delivered = report.delivered;
    summary.m_failed = report.failed;
    summary.m_elapsedUs = report.elapsedUs;
    return summary;
}

void LoadSummary::add(const AttemptRecord &record)
{
    ++m_attempts;
    const SendResult &result = record.result;
    if (result.gotResponse()) {
        m_latency.add(result.durationUs);
        ++m_statuses[result.status];
    } else {
        ++m_errors[sendErrorName(result.error)];
    }
    if (result.succeeded())
        ++m_answered2xx;
    if (record.final) {
        if (result.succeeded())
            ++m_delivered;
        else
            ++m_failed;
    }
}

double LoadSummary::attemptsPerSecond() const
{
    return m_elapsedUs > 0 ? double(m_attempts) * 1e6 / double(m_elapsedUs) : 0.0;
}

QStringList LoadSummary::textLines() const
{
    QStringList lines;
    lines.append(QStringLiteral("deliveries: %1  delivered (2xx): %2  failed: %3  attempts: %4")
                     .arg(m_deliveries)
                     .arg(m_delivered)
                     .arg(m_failed)
                     .arg(m_attempts));
    lines.append(QStringLiteral("elapsed: %1 s  throughput: %2 requests/s")
                     .arg(QString::number(double(m_elapsedUs) / 1e6, 'f', 3),
                          QString::number(attemptsPerSecond(), 'f', 1)));
    if (m_latency.count() > 0) {
        lines.append(QStringLiteral("latency ms: p50 %1  p90 %2  p99 %3  max %4")
                         .arg(formatMilliseconds(m_latency.percentileUs(50)),
                              formatMilliseconds(m_latency.percentileUs(90)),
                              formatMilliseconds(m_latency.percentileUs(99)),
                              formatMilliseconds(m_latency.percentileUs(100))));
    }
    return lines;
}

QString LoadSummary::outcomeText() const
{
    QStringList parts;
    for (auto it = m_statuses.cbegin(); it != m_statuses.cend(); ++it)
        parts.append(QStringLiteral("%1 × %2").arg(it.key()).arg(it.value()));
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it)
        parts.append(QStringLiteral("%1 × %2").arg(it.key()).arg(it.value()));
    return parts.join(QStringLiteral(", "));
}

QString formatMilliseconds(qint64 us)
{
    return QString::number(double(us) / 1000.0, 'f', us < 10000 ? 2 : 1);
}

} // namespace hookscope::compose
