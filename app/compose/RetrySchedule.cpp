#include "compose/RetrySchedule.h"

namespace hookscope::compose {

namespace {
constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
// api-reference (seed 004) gives only a retry count per event; we space retries exponentially
// from this base: 1, 2, 4, 8, 16 minutes.
constexpr qint64 kApiReferenceBase = kMinute;
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
    return {QStringLiteral("none"), QStringLiteral("webhook-api"), QStringLiteral("api-reference"),
            QStringLiteral("patreon")};
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
        qint64 delay = kApiReferenceBase;
        for (int i = 0; i < retries; ++i, delay *= 2)
            schedule.delaysMs.append(delay);
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
