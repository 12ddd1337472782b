#pragma once

#include "compose/SendTypes.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hookscope::compose {

// How a provider retries a delivery that did not get a 2xx (or timed out): the wait before each
// attempt, counted from the end of the previous one. The first wait is always 0.
struct RetrySchedule {
    QString name = QStringLiteral("none");
    QList<qint64> delaysMs {0};
    QString description;
    // Slack marks a retry with X-Slack-Retry-Num and X-Slack-Retry-Reason; others send a retry
    // as the first attempt (same event id).
    bool slackRetryHeaders = false;

    int attempts() const { return int(delaysMs.size()); }
    qint64 totalMs() const;
    // The headers that mark attempt `attempt` (from 2) as a retry after `previous` failed.
    HeaderList retryHeaders(int attempt, const SendResult &previous) const;

    // Known names: none, webhook-api, api-reference (needs the event: its retry count), patreon,
    // github, shopify, slack, standard-webhooks, stripe, stripe-test, zoom, twitter.
    static std::optional<RetrySchedule> named(const QString &name, const QString &event,
                                              QString *error);
    static QStringList names();
    // api-reference's retry count for an event (seed 004's table), or -1 for an unknown event.
    static int apiReferenceRetries(const QString &event);
};

// "1 min", "6 h", "2 d", "350 ms"
QString formatDelay(qint64 ms);

} // namespace hookscope::compose
