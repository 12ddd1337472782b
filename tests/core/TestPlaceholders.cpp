#include "compose/EventTemplate.h"
#include "compose/Placeholders.h"

#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>

using namespace hookscope::compose;

class TestPlaceholders final : public QObject
{
    Q_OBJECT

    static QString expanded(PlaceholderContext &context, const QString &text)
    {
        QString out;
        QString error;
        if (!context.expand(text, &out, &error))
            return QStringLiteral("ERROR: ") + error;
        return out;
    }

private Q_SLOTS:
    void idsArePrefixedAndStableWithinAnEvent()
    {
        PlaceholderContext context;
        const QString first = expanded(context, QStringLiteral("{{id:evt_}}"));
        QVERIFY(
            QRegularExpression(QStringLiteral("^evt_[0-9A-Za-z]{24}$")).match(first).hasMatch());
        QCOMPARE(expanded(context, QStringLiteral("id={{id:evt_}}")),
                 QStringLiteral("id=") + first);
        QVERIFY(expanded(context, QStringLiteral("{{id:msg_}}")).startsWith(u"msg_"));
        PlaceholderContext other;
        QVERIFY(expanded(other, QStringLiteral("{{id:evt_}}")) != first);
    }

    void timeIsFixedPerEvent()
    {
        const QDateTime now
            = QDateTime::fromString(QStringLiteral("2026-11-23T13:37:22.045Z"), Qt::ISODateWithMs);
        PlaceholderContext context(7, now);
        QCOMPARE(expanded(context, QStringLiteral("{{now}}")),
                 QStringLiteral("2026-11-23T13:37:22Z"));
        QCOMPARE(expanded(context, QStringLiteral("{{now:ms}}")),
                 QStringLiteral("2026-11-23T13:37:22.045Z"));
        QCOMPARE(expanded(context, QStringLiteral("{{now:offset}}")),
                 QStringLiteral("2026-11-23T13:37:22+00:00"));
        QCOMPARE(expanded(context, QStringLiteral("{{now:ms-offset}}")),
                 QStringLiteral("2026-11-23T13:37:22.045+00:00"));
        QCOMPARE(expanded(context, QStringLiteral("{{unix}}")),
                 QString::number(now.toSecsSinceEpoch()));
        QCOMPARE(expanded(context, QStringLiteral("{{unix:ms}}")),
                 QString::number(now.toMSecsSinceEpoch()));
        QCOMPARE(expanded(context, QStringLiteral("#{{seq}}")), QStringLiteral("#7"));
    }

    // Dates that come later or earlier than the event, from the same "now".
    void nowShifts()
    {
        const QDateTime now
            = QDateTime::fromString(QStringLiteral("2026-11-23T13:37:22.045Z"), Qt::ISODateWithMs);
        PlaceholderContext context(1, now);
        QCOMPARE(expanded(context, QStringLiteral("{{now:+3d}}")),
                 QStringLiteral("2026-11-26T13:37:22Z"));
        QCOMPARE(expanded(context, QStringLiteral("{{now:ms-offset:+30d}}")),
                 QStringLiteral("2026-12-23T13:37:22.045+00:00"));
        QCOMPARE(expanded(context, QStringLiteral("{{now:-2h:ms}}")),
                 QStringLiteral("2026-11-23T11:37:22.045Z"));
        QCOMPARE(expanded(context, QStringLiteral("{{now:+90min}}")),
                 QStringLiteral("2026-11-23T15:07:22Z"));
        QCOMPARE(expanded(context, QStringLiteral("{{now:-10s:offset}}")),
                 QStringLiteral("2026-11-23T13:37:12+00:00"));
        // X's created_at, in English whatever the locale.
        QCOMPARE(expanded(context, QStringLiteral("{{now:twitter}}")),
                 QStringLiteral("Mon Nov 23 13:37:22 +0000 2026"));
        QCOMPARE(expanded(context, QStringLiteral("{{now:-1d:twitter}}")),
                 QStringLiteral("Sun Nov 22 13:37:22 +0000 2026"));
        QVERIFY(expanded(context, QStringLiteral("{{now:twitter:ms}}"))
                    .contains(u"a format of its own"));
        for (const char *bad : {"{{now:+3w}}", "{{now:3d}}", "{{now:+1d:+1d}}", "{{now:+d}}"})
            QVERIFY2(
                expanded(context, QString::fromLatin1(bad)).contains(u"optionally with one shift"),
                bad);
    }

    void randomIntegersStayInRange()
    {
        for (int i = 0; i < 200; ++i) {
            PlaceholderContext context;
            const int value = expanded(context, QStringLiteral("{{int:3:5}}")).toInt();
            QVERIFY(value >= 3 && value <= 5);
        }
        PlaceholderContext context;
        QCOMPARE(expanded(context, QStringLiteral("{{int:-2:-2}}")), QStringLiteral("-2"));
    }

    void literalsAndErrors()
    {
        PlaceholderContext context;
        QCOMPARE(expanded(context, QStringLiteral("{{{{id}}")), QStringLiteral("{{id}}"));
        QCOMPARE(expanded(context, QStringLiteral("a } b {")), QStringLiteral("a } b {"));
        QVERIFY(expanded(context, QStringLiteral("{{nope}}"))
                    .contains(u"unknown placeholder {{nope}}"));
        QVERIFY(expanded(context, QStringLiteral("{{int:5:1}}")).startsWith(u"ERROR"));
        QVERIFY(expanded(context, QStringLiteral("{{now:yesterday}}")).startsWith(u"ERROR"));
        QVERIFY(expanded(context, QStringLiteral("{{id")).contains(u"unclosed"));
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{40}$"))
                    .match(expanded(context, QStringLiteral("{{hex:40}}")))
                    .hasMatch());
        QCOMPARE(PlaceholderContext::escaped(QStringLiteral("{{x}}")), QStringLiteral("{{{{x}}"));
        QCOMPARE(expanded(context, PlaceholderContext::escaped(QStringLiteral("a{{b}}{{"))),
                 QStringLiteral("a{{b}}{{"));
    }

    void renderingKeepsKeyOrderAndTypes()
    {
        QString error;
        const auto t = EventTemplate::fromJson(R"({
            "provider": "p", "event": "e.one", "event_id": "{{id:evt_}}",
            "headers": [["X-Id", "{{id:evt_}}"], ["X-Seq", "{{seq}}"]],
            "body": {"z": "{{seq}}", "id": "{{id:evt_}}", "a": "{{text:seq}}", "n": 1.50,
                     "at": "{{unix}}", "k{{seq}}": ["{{int:4:4}}", "n{{int:4:4}}"]}
        })",
                                               &error);
        QVERIFY2(t, qPrintable(error));
        PlaceholderContext context(12, QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC));
        RenderedEvent event;
        QVERIFY2(renderTemplate(*t, context, &event, &error), qPrintable(error));
        QVERIFY(event.eventId.startsWith(u"evt_"));
        QCOMPARE(event.timestamp, 1700000000);
        QCOMPARE(event.headers.at(0).value, event.eventId.toUtf8());
        QCOMPARE(event.headers.at(1).value, QByteArray("12"));
        const QByteArray expected = QByteArray("{\"z\":12,\"id\":\"") + event.eventId.toUtf8()
            + "\",\"a\":\"12\",\"n\":1.50,\"at\":1700000000,\"k12\":[4,\"n4\"]}";
        QCOMPARE(event.body, expected);
    }

    void badPlaceholderNamesTheTemplateAndPlace()
    {
        QString error;
        const auto t = EventTemplate::fromJson(
            R"({"provider": "p", "event": "e", "body": {"a": "{{bogus}}"}})", &error);
        QVERIFY(t);
        PlaceholderContext context;
        RenderedEvent event;
        QVERIFY(!renderTemplate(*t, context, &event, &error));
        QVERIFY2(error.contains(u"p/e") && error.contains(u"body") && error.contains(u"{{bogus}}"),
                 qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestPlaceholders)
#include "TestPlaceholders.moc"
