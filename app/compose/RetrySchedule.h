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
    // The schedule as people name it, in the composer's Retries picker and in `send --help`
    // ("Stripe (test mode)"); the name (stripe-test) stays the id that --retry-schedule takes.
    // An unknown name is its own title.
    static QString title(const QString &name);
    // What the schedule does, whatever the event: the picker's tooltip and `send --help` say it.
    static QString summary(const QString &name);
    // api-reference's retry count for an event (seed 004's table), or -1 for an unknown event.
    static int apiReferenceRetries(const QString &event);
};

// "1 min", "6 h", "2 d", "350 ms"
QString formatDelay(qint64 ms);

} // namespace hookscope::compose
