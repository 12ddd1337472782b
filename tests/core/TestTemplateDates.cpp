#include "compose/OrderedJson.h"
#include "compose/Placeholders.h"
#include "compose/TemplateLibrary.h"

#include <QDateTime>
#include <QTest>

using namespace hookscope;
using namespace hookscope::compose;

namespace {

// Dates that are about what comes next; every other date has happened by the time the event
// is sent.
const QStringList kFutureKeys {QStringLiteral("next_charge_date"), QStringLiteral("trial_end"),
                               QStringLiteral("current_period_end"), QStringLiteral("expires_at")};
// When the object came to be: no other date of the same object is before it.
const QStringList kStartKeys {QStringLiteral("created_at"), QStringLiteral("created"),
                              QStringLiteral("pledge_relationship_start")};

std::optional<QDateTime> dateOf(const JsonValue &value)
{
    if (!value.isString() || !value.toString().contains(u'T'))
        return std::nullopt;
    const QDateTime date = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!date.isValid())
        return std::nullopt;
    return date.toUTC();
}

// Checks the dates of one object and of everything below it; problems name the JSON path.
// Returns how many dates it saw.
int checkDates(const JsonValue &value, const QString &path, const QDateTime &sentAt,
               QStringList *problems)
{
    int seen = 0;
    for (qsizetype i = 0; i < value.elements().size(); ++i)
        seen += checkDates(value.elements().at(i), QStringLiteral("%1[%2]").arg(path).arg(i),
                           sentAt, problems);
    QList<std::pair<QString, QDateTime>> dates;
    for (const auto &[key, member] : value.members()) {
        seen += checkDates(member, path + u'.' + key, sentAt, problems);
        if (const auto date = dateOf(member))
            dates.append({key, *date});
    }
    seen += int(dates.size());
    // One second of slack: the render's "now" and the dates it writes share the same clock.
    const QDateTime latestPast = sentAt.addSecs(1);
    for (const auto &[key, date] : dates) {
        const QString where = path + u'.' + key + u' ' + date.toString(Qt::ISODateWithMs);
        if (kFutureKeys.contains(key) && date < sentAt)
            *problems << where + QStringLiteral(" is before the event is sent");
        if (!kFutureKeys.contains(key) && date > latestPast)
            *problems << where + QStringLiteral(" is after the event is sent");
        for (const auto &[startKey, start] : dates) {
            if (kStartKeys.contains(startKey) && !kStartKeys.contains(key) && date < start)
                *problems << where + QStringLiteral(" is before its ") + startKey;
        }
        if (key == u"next_charge_date") {
            for (const auto &[otherKey, other] : dates) {
                if (otherKey == u"last_charge_date" && date <= other)
                    *problems << where + QStringLiteral(" is not after last_charge_date");
            }
        }
    }
    return seen;
}

} // namespace

// Every built-in template writes dates in an order that could happen: nothing created after it
// changed, no next charge before the last one, no "trial ending" event for a trial already over.
class TestTemplateDates final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyTemplateHasCoherentDates()
    {
        TemplateLibrary library(QString {});
        QVERIFY(!library.templates().isEmpty());
        int checkedDates = 0;
        for (const EventTemplate &t : library.templates()) {
            if (t.bodyIsText)
                continue; // forms (Twilio's SMS) carry no dates
            PlaceholderContext context(1);
            RenderedEvent event;
            QString error;
            QVERIFY2(renderTemplate(t, context, &event, &error), qPrintable(error));
            JsonParseError parseError;
            const JsonValue body = parseJson(event.body, &parseError);
            QVERIFY2(parseError.ok(), qPrintable(t.name()));
            QStringList problems;
            checkedDates += checkDates(body, QStringLiteral("$"), context.now(), &problems);
            QVERIFY2(
                problems.isEmpty(),
                qPrintable(t.name() + QStringLiteral(": ") + problems.join(QStringLiteral("; "))));
        }
        QVERIFY2(checkedDates > 100, qPrintable(QString::number(checkedDates)));
    }

    // The checker itself: it finds each kind of impossible order.
    void theCheckFindsImpossibleOrders()
    {
        const QDateTime sentAt
            = QDateTime::fromString(QStringLiteral("2026-12-02T10:00:00Z"), Qt::ISODate);
        const JsonValue body = parseJson(
            R"({"created_at":"2026-12-02T10:00:00Z","data":{"trial_end":"2026-12-01T00:00:00Z",
                "created_at":"2026-11-01T00:00:00Z","edited_at":"2026-10-01T00:00:00Z",
                "last_charge_date":"2026-11-02T00:00:00.000+00:00",
                "next_charge_date":"2026-11-02T00:00:00.000+00:00",
                "paid_at":"2027-01-01T00:00:00Z"}})");
        QStringList problems;
        QCOMPARE(checkDates(body, QStringLiteral("$"), sentAt, &problems), 7);
        const QString all = problems.join(u'\n');
        QVERIFY2(all.contains(u"$.data.trial_end 2026-12-01T00:00:00.000Z is before the event"),
                 qPrintable(all));
        QVERIFY2(
            all.contains(u"$.data.edited_at 2026-10-01T00:00:00.000Z is before its created_at"),
            qPrintable(all));
        QVERIFY2(all.contains(u"next_charge_date 2026-11-02T00:00:00.000Z is not after"),
                 qPrintable(all));
        QVERIFY2(all.contains(u"$.data.paid_at 2027-01-01T00:00:00.000Z is after the event"),
                 qPrintable(all));
    }
};

QTEST_GUILESS_MAIN(TestTemplateDates)
#include "TestTemplateDates.moc"
