#include "compose/RetrySchedule.h"

#include <array>
#include <utility>

namespace hookscope::compose {

namespace {
constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
// api-reference (seed 004) gives only a retry count per event; we space retries exponentially
// from this base: 1, 2, 4, 8, 16 minutes.
constexpr qint64 kApiReferenceBase = kMinute;

// Every schedule's id and title, in the order the picker and `send --help` list them. A
// provider's own schedule has its scheme's title (TestRetrySchedule holds them alike; Stripe's
// two say which mode).
constexpr std::array<std::pair<QStringView, QStringView>, 12> kSchedules {{
    {u"none", u"No retries"},
    {u"webhook-api", u"Webhook API"},
    {u"api-reference", u"API reference"},
    {u"patreon", u"Patreon"},
    {u"github", u"GitHub"},
    {u"shopify", u"Shopify"},
    {u"slack", u"Slack"},
    {u"standard-webhooks", u"Standard Webhooks"},
    {u"stripe", u"Stripe (live mode)"},
    {u"stripe-test", u"Stripe (test mode)"},
    {u"zoom", u"Zoom"},
    {u"twitter", u"X (Twitter)"},
}};

// At once, then `retries` waits doubling from `first`: where a provider publishes only a count
// and a span, this is how we spread its retries.
QList<qint64> doublingDelays(qint64 first, int retries)
{
    QList<qint64> delays {0};
    for (qint64 delay = first; delays.size() <= retries; delay *= 2)
        delays.append(delay);
    return delays;
}
} // namespace

qint64 RetrySchedule::totalMs() const
{
    qint64 total = 0;
    for (const qint64 delay : delaysMs)
        total += delay;
    return total;
}

QStringList RetrySchedule::names()
{
    QStringList names;
    for (const auto &[name, title] : kSchedules)
        names.append(name.toString());
    return names;
}

QString RetrySchedule::title(const QString &name)
{
    for (const auto &[known, title] : kSchedules) {
        if (known == name)
            return title.toString();
    }
    return name;
}

QString RetrySchedule::summary(const QString &name)
{
    if (name == u"api-reference") // its count is the event's
        return QStringLiteral("1 attempt + the event's retry count (user.* 3, invoice.* 5, "
                              "subscription.* 3, trial.ending 1), doubling from 1 min");
    QString unused;
    const auto schedule = named(name, QString(), &unused);
    return schedule ? schedule->description : QString();
}

HeaderList RetrySchedule::retryHeaders(int attempt, const SendResult &previous) const
{
    if (!slackRetryHeaders || attempt < 2)
        return {};
    // Slack's reasons (Events API, "Failure conditions"): a timeout, a connection that could not
    // be made, a TLS failure, or an answer that was not 2xx.
    QByteArray reason = "http_error";
    switch (previous.error) {
    case SendError::Timeout:
        reason = "http_timeout";
        break;
    case SendError::HostNotFound:
    case SendError::ConnectionRefused:
    case SendError::Network:
        reason = "connection_failed";
        break;
    case SendError::Tls:
        reason = "ssl_error";
        break;
    default:
        break;
    }
    return {{"X-Slack-Retry-Num", QByteArray::number(attempt - 1)},
            {"X-Slack-Retry-Reason", reason}};
}

int RetrySchedule::apiReferenceRetries(const QString &event)
{
    static const QList<QPair<QString, int>> table {
        {QStringLiteral("user.created"), 3},          {QStringLiteral("user.deleted"), 3},
        {QStringLiteral("invoice.paid"), 5},          {QStringLiteral("invoice.failed"), 5},
        {QStringLiteral("subscription.upgraded"), 3}, {QStringLiteral("subscription.canceled"), 3},
        {QStringLiteral("trial.ending"), 1},
    };
    for (const auto &[name, retries] : table) {
        if (name == event)
            return retries;
    }
    return -1;
}

std::optional<RetrySchedule> RetrySchedule::named(const QString &name, const QString &event,
                                                  QString *error)
{
    RetrySchedule schedule;
    schedule.name = name;
    if (name == u"none") {
        schedule.description = QStringLiteral("one attempt, no retries");
        return schedule;
    }
    if (name == u"webhook-api") {
        // Seed 003: immediately, 1 min, 5 min, 30 min, 1 h, 6 h, then marked failed.
        schedule.delaysMs = {0, kMinute, 5 * kMinute, 30 * kMinute, kHour, 6 * kHour};
        schedule.description
            = QStringLiteral("6 attempts: immediately, then after 1 min, 5 min, 30 min, 1 h, 6 h");
        return schedule;
    }
    if (name == u"api-reference") {
        const int retries = apiReferenceRetries(event);
        // A body file without a "type" names no event: said so, not as an event named ''.
        if (event.isEmpty()) {
            *error = QStringLiteral("api-reference retries as often as the event's type says, and "
                                    "no event type is known: send a template, or a body whose "
                                    "\"type\" is one of user.created, user.deleted, "
                                    "invoice.paid, invoice.failed, subscription.upgraded, "
                                    "subscription.canceled, trial.ending");
            return std::nullopt;
        }
        if (retries < 0) {
            *error = QStringLiteral("api-reference has no retry count for event '%1' (it knows "
                                    "user.created, user.deleted, invoice.paid, invoice.failed, "
                                    "subscription.upgraded, subscription.canceled, trial.ending)")
                         .arg(event);
            return std::nullopt;
        }
        schedule.delaysMs = doublingDelays(kApiReferenceBase, retries);
        schedule.description = QStringLiteral("1 attempt + %1 retries, exponential from 1 min "
                                              "(doubling)")
                                   .arg(retries);
        return schedule;
    }
    if (name == u"patreon") {
        // Patreon's docs say only "retry them at a tapering rate over the next month"; we read
        // that as waits that grow until the last attempt lands about 30 days after the first.
        schedule.delaysMs = {0,          kMinute, 5 * kMinute, 30 * kMinute, 2 * kHour, 6 * kHour,
                             12 * kHour, kDay,    2 * kDay,    4 * kDay,     8 * kDay,  14 * kDay};
        schedule.description
            = QStringLiteral("12 attempts tapering over a month: 1 min, 5 min, 30 min, 2 h, 6 h, "
                             "12 h, 1 d, 2 d, 4 d, 8 d, 14 d apart");
        return schedule;
    }
    if (name == u"github") {
        schedule.description = QStringLiteral("one attempt: GitHub does not redeliver a failed "
                                              "delivery by itself (only when redelivered by hand)");
        return schedule;
    }
    if (name == u"standard-webhooks") {
        // Svix's published schedule, which the Standard Webhooks senders share.
        schedule.delaysMs = {0,         5 * kSecond, 5 * kMinute, 30 * kMinute,
                             2 * kHour, 5 * kHour,   10 * kHour,  10 * kHour};
        schedule.description = QStringLiteral("8 attempts (Svix): immediately, then after 5 s, "
                                              "5 min, 30 min, 2 h, 5 h, 10 h, 10 h");
        return schedule;
    }
    if (name == u"slack") {
        // Slack's Events API: up to 3 retries, nearly at once, after 1 min and after 5 min.
        schedule.delaysMs = {0, 0, kMinute, 5 * kMinute};
        schedule.slackRetryHeaders = true;
        schedule.description
            = QStringLiteral("4 attempts (Slack Events API): immediately, then at once, after "
                             "1 min and 5 min, marked X-Slack-Retry-Num and -Reason");
        return schedule;
    }
    if (name == u"shopify") {
        // Shopify: "8 times over 4 hours" with exponential backoff; the waits are our choice.
        schedule.delaysMs = doublingDelays(kMinute, 8);
        schedule.description = QStringLiteral("9 attempts (Shopify: 8 retries over about 4 h), "
                                              "doubling from 1 min to 128 min");
        return schedule;
    }
    if (name == u"stripe") {
        // Stripe, live mode: "up to three days" with exponential backoff; the waits are ours.
        schedule.delaysMs = doublingDelays(kHour, 6);
        schedule.description = QStringLiteral("7 attempts (Stripe live mode: up to 3 days), "
                                              "doubling from 1 h to 32 h, 63 h in all");
        return schedule;
    }
    if (name == u"stripe-test") {
        // Stripe, test mode and sandboxes: "three times over a few hours".
        schedule.delaysMs = {0, 30 * kMinute, kHour, 2 * kHour};
        schedule.description = QStringLiteral("4 attempts (Stripe test mode: 3 retries over a "
                                              "few hours): after 30 min, 1 h, 2 h");
        return schedule;
    }
    if (name == u"zoom") {
        // Zoom (developer support, "Webhook delays"): 3 retries, 5 min after the first attempt,
        // 20 min after the first retry and 60 min after the second.
        schedule.delaysMs = {0, 5 * kMinute, 20 * kMinute, kHour};
        schedule.description = QStringLiteral("4 attempts (Zoom): immediately, then after 5 min, "
                                              "20 min, 60 min");
        return schedule;
    }
    if (name == u"twitter") {
        // X's Account Activity API ("Activity retries"): after 3 s, again after 30 s, and at
        // 5 minutes; then the event is gone from the API.
        schedule.delaysMs = {0, 3 * kSecond, 30 * kSecond, 5 * kMinute};
        schedule.description = QStringLiteral("4 attempts (X Account Activity API): immediately, "
                                              "then after 3 s, 30 s, 5 min");
        return schedule;
    }
    *error = QStringLiteral("unknown retry schedule '%1' (known: %2)")
                 .arg(name, names().join(QStringLiteral(", ")));
    return std::nullopt;
}

QString formatDelay(qint64 ms)
{
    if (ms == 0)
        return QStringLiteral("0");
    if (ms % kDay == 0)
        return QStringLiteral("%1 d").arg(ms / kDay);
    if (ms % kHour == 0)
        return QStringLiteral("%1 h").arg(ms / kHour);
    if (ms % kMinute == 0)
        return QStringLiteral("%1 min").arg(ms / kMinute);
    if (ms % kSecond == 0)
        return QStringLiteral("%1 s").arg(ms / kSecond);
    return QStringLiteral("%1 ms").arg(ms);
}

} // namespace hookscope::compose
