#include "ComposeTestServer.h"
#include "compose/DeliveryRunner.h"
#include "compose/Placeholders.h"
#include "compose/SignerFactory.h"
#include "compose/TemplateLibrary.h"
#include "signing/Signing.h"

#include <QSet>
#include <QTest>
#include <QUuid>

using namespace hookscope;
using namespace hookscope::compose;
using hookscope::test::ComposeTestServer;

// Provider retry schedules, and the delivery runner that plays them (time-scaled) against a real
// server: attempt counts, spacing, the constant event id, duplicates, order and load.
class TestRetrySchedule final : public QObject
{
    Q_OBJECT

    static EventSource templateSource(const QString &name)
    {
        const EventTemplate t = *TemplateLibrary(QString {}).find(name);
        return [t](qint64 sequence, RenderedEvent *out, QString *error) {
            PlaceholderContext context(sequence);
            return renderTemplate(t, context, out, error);
        };
    }

    static EventSource sequenceSource()
    {
        return [](qint64 sequence, RenderedEvent *out, QString *) {
            out->eventId = QStringLiteral("evt_%1").arg(sequence);
            out->headers = {{"Content-Type", "application/json"}};
            out->body = "{\"id\":\"evt_" + QByteArray::number(sequence)
                + "\",\"seq\":" + QByteArray::number(sequence) + '}';
            return true;
        };
    }

    static QString bodyId(const QByteArray &body) { return parseJson(body).stringValue(u"id"); }

    static RetrySchedule schedule(const QString &name, const QString &event = {})
    {
        QString error;
        const auto s = RetrySchedule::named(name, event, &error);
        return s ? *s : RetrySchedule {};
    }

private Q_SLOTS:
    // One title per schedule, kept beside its id in the core, for the composer and the CLI
    // alike: never the id itself, never shared; a provider's own schedule has its scheme's
    // title, or begins with it. Every schedule also says what it does.
    void everyScheduleHasItsOwnTitle()
    {
        const QStringList names = RetrySchedule::names();
        QCOMPARE(names.size(), 12);
        QSet<QString> titles;
        for (const QString &name : names) {
            const QString title = RetrySchedule::title(name);
            QVERIFY2(!title.isEmpty() && title != name, qPrintable(name));
            QVERIFY2(!title.contains(u'-'), qPrintable(title));
            titles.insert(title);
            if (signing::isKnownScheme(name)) // "Stripe (live mode)" says which of Stripe's
                QVERIFY2(title.startsWith(signing::schemeTitle(name)), qPrintable(title));
            QVERIFY2(!RetrySchedule::summary(name).isEmpty(), qPrintable(name));
        }
        QCOMPARE(titles.size(), names.size());
        QCOMPARE(RetrySchedule::title(u"none"_qs), u"No retries"_qs);
        QCOMPARE(RetrySchedule::title(u"webhook-api"_qs), u"Webhook API"_qs);
        QCOMPARE(RetrySchedule::title(u"api-reference"_qs), u"API reference"_qs);
        QCOMPARE(RetrySchedule::title(u"stripe"_qs), u"Stripe (live mode)"_qs);
        QCOMPARE(RetrySchedule::title(u"stripe-test"_qs), u"Stripe (test mode)"_qs);
        QCOMPARE(RetrySchedule::title(u"daily"_qs), u"daily"_qs); // unknown: as given
        // The summary is the schedule's own description, api-reference's for any event.
        QCOMPARE(RetrySchedule::summary(u"zoom"_qs), schedule(u"zoom"_qs).description);
        QVERIFY(RetrySchedule::summary(u"api-reference"_qs).contains(u"retry count"));
    }

    void webhookApiFollowsSeed003()
    {
        const RetrySchedule s = schedule(QStringLiteral("webhook-api"));
        QCOMPARE(s.attempts(), 6);
        QCOMPARE(s.delaysMs,
                 (QList<qint64> {0, 60'000, 300'000, 1'800'000, 3'600'000, 21'600'000}));
    }

    void apiReferenceUsesTheEventsRetryCount_data()
    {
        QTest::addColumn<QString>("event");
        QTest::addColumn<int>("attempts");
        QTest::newRow("user.created") << QStringLiteral("user.created") << 4;
        QTest::newRow("user.deleted") << QStringLiteral("user.deleted") << 4;
        QTest::newRow("invoice.paid") << QStringLiteral("invoice.paid") << 6;
        QTest::newRow("invoice.failed") << QStringLiteral("invoice.failed") << 6;
        QTest::newRow("subscription.upgraded") << QStringLiteral("subscription.upgraded") << 4;
        QTest::newRow("subscription.canceled") << QStringLiteral("subscription.canceled") << 4;
        QTest::newRow("trial.ending") << QStringLiteral("trial.ending") << 2;
    }

    void apiReferenceUsesTheEventsRetryCount()
    {
        QFETCH(QString, event);
        QFETCH(int, attempts);
        const RetrySchedule s = schedule(QStringLiteral("api-reference"), event);
        QCOMPARE(s.attempts(), attempts);
        QCOMPARE(s.delaysMs.first(), 0);
        QCOMPARE(s.delaysMs.value(1, 60'000), 60'000);
        for (int i = 2; i < s.attempts(); ++i)
            QCOMPARE(s.delaysMs.at(i), 2 * s.delaysMs.at(i - 1)); // exponential, base 1 min
    }

    void patreonTapersOverAMonth()
    {
        const RetrySchedule s = schedule(QStringLiteral("patreon"));
        QVERIFY(s.attempts() >= 8);
        for (int i = 2; i < s.attempts(); ++i)
            QVERIFY(s.delaysMs.at(i) > s.delaysMs.at(i - 1));
        const qint64 day = 24 * 3600 * 1000LL;
        QVERIFY(s.totalMs() > 28 * day && s.totalMs() <= 31 * day);
    }

    // Published schedules are reproduced exactly; where a provider gives only a count and a
    // span, ours must fit it.
    void providerSchedulesMatchTheirDocs()
    {
        constexpr qint64 s = 1000, min = 60 * s, h = 60 * min;
        QCOMPARE(schedule(QStringLiteral("standard-webhooks")).delaysMs,
                 (QList<qint64> {0, 5 * s, 5 * min, 30 * min, 2 * h, 5 * h, 10 * h, 10 * h}));
        const RetrySchedule slack = schedule(QStringLiteral("slack"));
        QCOMPARE(slack.delaysMs, (QList<qint64> {0, 0, min, 5 * min}));
        QVERIFY(slack.slackRetryHeaders);
        QCOMPARE(schedule(QStringLiteral("github")).attempts(), 1);
        QCOMPARE(schedule(QStringLiteral("zoom")).delaysMs,
                 (QList<qint64> {0, 5 * min, 20 * min, 60 * min}));
        // X: "after 3 seconds", "again after 30 seconds, and again at 5 minutes".
        QCOMPARE(schedule(QStringLiteral("twitter")).delaysMs,
                 (QList<qint64> {0, 3 * s, 30 * s, 5 * min}));

        const RetrySchedule shopify = schedule(QStringLiteral("shopify"));
        QCOMPARE(shopify.attempts(), 9); // "8 times over 4 hours"
        QVERIFY(shopify.totalMs() >= 4 * h && shopify.totalMs() < 5 * h);
        const RetrySchedule stripe = schedule(QStringLiteral("stripe"));
        QVERIFY(stripe.totalMs() > 2 * 24 * h && stripe.totalMs() <= 3 * 24 * h); // "up to 3 days"
        const RetrySchedule stripeTest = schedule(QStringLiteral("stripe-test"));
        QCOMPARE(stripeTest.attempts(), 4); // "three times over a few hours"
        QVERIFY(stripeTest.totalMs() >= 2 * h && stripeTest.totalMs() <= 6 * h);
        for (const RetrySchedule &exponential : {shopify, stripe}) {
            for (int i = 2; i < exponential.attempts(); ++i)
                QCOMPARE(exponential.delaysMs.at(i), 2 * exponential.delaysMs.at(i - 1));
        }
        // Every name the list offers can be built (api-reference with one of its events).
        for (const QString &name : RetrySchedule::names()) {
            QString error;
            QVERIFY2(RetrySchedule::named(name, QStringLiteral("user.created"), &error),
                     qPrintable(name + u": "_qs + error));
        }
        QVERIFY(!schedule(QStringLiteral("webhook-api")).slackRetryHeaders);
    }

    // Slack marks each retry with its number and the reason the previous attempt failed.
    void slackRetriesSayWhichAndWhy()
    {
        ComposeTestServer server;
        server.setStatuses({500, 503, 200});
        DeliveryOptions options;
        options.url = server.url();
        options.schedule = schedule(QStringLiteral("slack"));
        options.timeScale = 60'000;
        DeliveryRunner runner(options, templateSource(QStringLiteral("slack/message.channels")));
        const DeliveryReport &report = runner.run();
        QVERIFY(report.allDelivered());
        const auto received = server.received();
        QCOMPARE(received.size(), 3);
        QVERIFY(!hasHeader(received.at(0).headers, "X-Slack-Retry-Num"));
        QVERIFY(!hasHeader(received.at(0).headers, "X-Slack-Retry-Reason"));
        for (int i = 1; i < 3; ++i) {
            QCOMPARE(headerValue(received.at(i).headers, "X-Slack-Retry-Num"),
                     QByteArray::number(i));
            QCOMPARE(headerValue(received.at(i).headers, "X-Slack-Retry-Reason"),
                     QByteArray("http_error"));
            QCOMPARE(received.at(i).body, received.at(0).body); // same event_id and text
        }

        // A timeout and a refused connection are named as Slack names them.
        SendResult timedOut;
        timedOut.error = SendError::Timeout;
        QCOMPARE(headerValue(options.schedule.retryHeaders(2, timedOut), "X-Slack-Retry-Reason"),
                 QByteArray("http_timeout"));
        SendResult refused;
        refused.error = SendError::ConnectionRefused;
        QCOMPARE(headerValue(options.schedule.retryHeaders(4, refused), "X-Slack-Retry-Reason"),
                 QByteArray("connection_failed"));
        QCOMPARE(headerValue(options.schedule.retryHeaders(4, refused), "X-Slack-Retry-Num"),
                 QByteArray("3"));
        QVERIFY(options.schedule.retryHeaders(1, refused).isEmpty());
    }

    void unknownNamesAreErrors()
    {
        QString error;
        QVERIFY(!RetrySchedule::named(QStringLiteral("hourly"), {}, &error));
        QVERIFY(error.contains(u"webhook-api"));
        QVERIFY(
            !RetrySchedule::named(QStringLiteral("api-reference"), QStringLiteral("x.y"), &error));
        QVERIFY(error.contains(u"x.y"));
        // Review: a body file without "type" was "no retry count for event ''".
        QVERIFY(!RetrySchedule::named(QStringLiteral("api-reference"), QString(), &error));
        QVERIFY2(error.contains(u"no event type is known: send a template, or a body whose "
                                u"\"type\" is one of user.created"),
                 qPrintable(error));
        QCOMPARE(schedule(QStringLiteral("none")).attempts(), 1);
        QCOMPARE(formatDelay(21'600'000), QStringLiteral("6 h"));
        QCOMPARE(formatDelay(90'000), QStringLiteral("90 s"));
    }

    void failingEndpointGetsTheWholeScheduleWithOneEventId()
    {
        ComposeTestServer server;
        server.setStatuses({500});
        DeliveryOptions options;
        options.url = server.url();
        options.schedule = schedule(QStringLiteral("webhook-api"));
        options.timeScale = 6000; // 1 min -> 10 ms ... 6 h -> 3.6 s
        DeliveryRunner runner(options, templateSource(QStringLiteral("webhook-api/user.created")));
        const DeliveryReport &report = runner.run();

        QVERIFY(!report.allDelivered());
        QCOMPARE(report.failed, 1);
        QCOMPARE(report.attempts.size(), 6);
        const auto received = server.received();
        QCOMPARE(received.size(), 6);
        const QString eventId = bodyId(received.first().body);
        QVERIFY(eventId.startsWith(u"evt_"));
        for (const auto &request : received) {
            QCOMPARE(bodyId(request.body), eventId);
            QCOMPARE(request.body, received.first().body);
            QCOMPARE(headerValue(request.headers, "X-Webhook-Event"), QByteArray("user.created"));
        }
        for (int i = 0; i < 6; ++i) {
            const AttemptRecord &record = report.attempts.at(i);
            QCOMPARE(record.attempt, i + 1);
            QCOMPARE(record.eventId, eventId);
            QCOMPARE(record.result.status, 500);
            QCOMPARE(record.final, i == 5);
            QCOMPARE(record.nextDelayMs, i == 5 ? -1 : options.schedule.delaysMs.at(i + 1) / 6000);
        }
        // Spacing: never shorter than the scaled wait, and growing as the schedule does.
        QList<double> gapsMs;
        for (int i = 1; i < received.size(); ++i)
            gapsMs.append(double(received.at(i).arrivedNs - received.at(i - 1).arrivedNs) / 1e6);
        for (int i = 0; i < gapsMs.size(); ++i)
            QVERIFY2(gapsMs.at(i) >= 0.9 * double(options.schedule.delaysMs.at(i + 1)) / 6000,
                     qPrintable(QString::number(gapsMs.at(i))));
        for (int i = 2; i < gapsMs.size(); ++i)
            QVERIFY(gapsMs.at(i) > gapsMs.at(i - 2));
        QVERIFY(gapsMs.last() > 5 * gapsMs.first());
    }

    void deliveredOnTheThirdAttemptStops()
    {
        ComposeTestServer server;
        server.setStatuses({500, 429, 200});
        DeliveryOptions options;
        options.url = server.url();
        options.schedule = schedule(QStringLiteral("patreon"));
        options.timeScale = 60'000;
        DeliveryRunner runner(options, templateSource(QStringLiteral("patreon/pledges:create")));
        const DeliveryReport &report = runner.run();
        QVERIFY(report.allDelivered());
        QCOMPARE(report.attempts.size(), 3);
        QCOMPARE(server.receivedCount(), 3);
        QVERIFY(report.attempts.last().final);
        QCOMPARE(report.attempts.last().result.status, 200);
    }

    void timeoutsAreRetriedToo()
    {
        ComposeTestServer server;
        server.setSilent(true);
        DeliveryOptions options;
        options.url = server.url();
        options.timeoutMs = 200;
        options.schedule
            = schedule(QStringLiteral("api-reference"), QStringLiteral("trial.ending"));
        options.timeScale = 60'000;
        DeliveryRunner runner(options,
                              templateSource(QStringLiteral("api-reference/trial.ending")));
        const DeliveryReport &report = runner.run();
        QCOMPARE(report.attempts.size(), 2);
        QCOMPARE(report.failed, 1);
        for (const AttemptRecord &record : report.attempts)
            QCOMPARE(record.result.error, SendError::Timeout);
        QTRY_COMPARE(server.receivedCount(), 2);
        QCOMPARE(bodyId(server.received().at(0).body), bodyId(server.received().at(1).body));
    }

    void refusedConnectionsAreRetriedAndFail()
    {
        DeliveryOptions options;
        options.url = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(test::composeClosedPort()));
        options.schedule
            = schedule(QStringLiteral("api-reference"), QStringLiteral("user.created"));
        options.timeScale = 60'000;
        DeliveryRunner runner(options, sequenceSource());
        const DeliveryReport &report = runner.run();
        QCOMPARE(report.attempts.size(), 4);
        QCOMPARE(report.attempts.last().result.error, SendError::ConnectionRefused);
        QVERIFY(!report.allDelivered());
    }

    void deliverTwiceSendsTheSameEventAgain()
    {
        ComposeTestServer server;
        DeliveryOptions options;
        options.url = server.url();
        options.deliverTwice = true;
        DeliveryRunner runner(options,
                              templateSource(QStringLiteral("webhook-api/project.created")));
        const DeliveryReport &report = runner.run();
        QVERIFY(report.allDelivered());
        QCOMPARE(report.deliveries, 2);
        QCOMPARE(report.attempts.size(), 2);
        QCOMPARE(report.attempts.at(0).delivery, 1);
        QCOMPARE(report.attempts.at(1).delivery, 2);
        const auto received = server.received();
        QCOMPARE(received.size(), 2);
        QCOMPARE(received.at(0).body, received.at(1).body);
    }

    void outOfOrderDeliversNewestFirst()
    {
        ComposeTestServer server;
        DeliveryOptions options;
        options.url = server.url();
        options.count = 4;
        options.outOfOrder = true;
        DeliveryRunner runner(options, sequenceSource());
        QVERIFY(runner.run().allDelivered());
        QStringList ids;
        for (const auto &request : server.received())
            ids << bodyId(request.body);
        QCOMPARE(ids,
                 QStringList({QStringLiteral("evt_4"), QStringLiteral("evt_3"),
                              QStringLiteral("evt_2"), QStringLiteral("evt_1")}));
    }

    void loadModeSendsEveryEventOnce()
    {
        ComposeTestServer server;
        DeliveryOptions options;
        options.url = server.url();
        options.count = 60;
        options.concurrency = 4;
        DeliveryRunner runner(options, sequenceSource());
        const DeliveryReport &report = runner.run();
        QVERIFY(report.allDelivered());
        QCOMPARE(report.delivered, 60);
        QSet<QString> ids;
        for (const auto &request : server.received())
            ids.insert(bodyId(request.body));
        QCOMPARE(ids.size(), 60);
        QVERIFY(report.attemptsPerSecond() > 0);
        const qint64 p50 = report.latencyPercentileUs(50);
        QVERIFY(p50 > 0);
        QVERIFY(p50 <= report.latencyPercentileUs(90));
        QVERIFY(report.latencyPercentileUs(90) <= report.latencyPercentileUs(99));
        QVERIFY(report.latencyPercentileUs(99) <= report.latencyPercentileUs(100));
    }

    void rateSpacesTheStarts()
    {
        ComposeTestServer server;
        DeliveryOptions options;
        options.url = server.url();
        options.count = 5;
        options.rate = 50; // one every 20 ms
        options.concurrency = 5;
        DeliveryRunner runner(options, sequenceSource());
        const DeliveryReport &report = runner.run();
        QVERIFY(report.allDelivered());
        for (const AttemptRecord &record : report.attempts)
            QVERIFY(record.startedAtMs >= record.eventIndex * 20);
        QVERIFY(report.elapsedUs >= 80'000);
    }

    void signerRunsForEveryAttemptWithTheSameId()
    {
        ComposeTestServer server;
        server.setStatuses({500, 200});
        DeliveryOptions options;
        options.url = server.url();
        options.schedule = schedule(QStringLiteral("webhook-api"));
        options.timeScale = 60'000;
        int calls = 0;
        QStringList ids;
        options.signer = [&](const QByteArray &body, const SignContext &context) {
            ++calls;
            ids << context.eventId;
            SignOutcome outcome;
            outcome.headers = {{"X-Webhook-Id", "replaced"},
                               {"X-Test-Signature", QByteArray::number(qHash(body))}};
            return outcome;
        };
        DeliveryRunner runner(options, templateSource(QStringLiteral("webhook-api/user.created")));
        QVERIFY(runner.run().allDelivered());
        QCOMPARE(calls, 2);
        QCOMPARE(ids.at(0), ids.at(1));
        for (const auto &request : server.received()) {
            QCOMPARE(headerValue(request.headers, "X-Test-Signature"),
                     QByteArray::number(qHash(request.body)));
            QCOMPARE(headerValue(request.headers, "X-Webhook-Id"), QByteArray("replaced"));
        }
    }

    void everyAttemptIsSignedAfresh()
    {
        ComposeTestServer server;
        server.setStatuses({500, 500, 200});
        DeliveryOptions options;
        options.url = server.url();
        options.schedule = schedule(QStringLiteral("webhook-api"));
        options.timeScale = 60'000;
        QString error;
        options.signer = makeSigner(QStringLiteral("stripe"), "whsec_fake_test_secret", &error);
        QVERIFY2(options.signer, qPrintable(error));
        DeliveryRunner runner(options,
                              templateSource(QStringLiteral("stripe/payment_intent.succeeded")));
        QVERIFY(runner.run().allDelivered());
        const auto received = server.received();
        QCOMPARE(received.size(), 3);
        for (const auto &request : received) {
            QCOMPARE(request.body, received.first().body);
            const signing::Verdict verdict = signing::verify(
                QStringLiteral("stripe"), "whsec_fake_test_secret", request.headers, request.body);
            QVERIFY2(verdict.isValid(), qPrintable(verdict.detail));
        }
    }

    void anEventWithoutAnIdIsSignedWithOneIdOnEveryAttempt()
    {
        ComposeTestServer server;
        server.setStatuses({500, 200});
        DeliveryOptions options;
        options.url = server.url();
        options.schedule = schedule(QStringLiteral("webhook-api"));
        options.timeScale = 60'000;
        QString error;
        options.signer = makeSigner(QStringLiteral("standard-webhooks"),
                                    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", &error);
        QVERIFY2(options.signer, qPrintable(error));
        DeliveryRunner runner(options, [](qint64, RenderedEvent *out, QString *) {
            out->body = "{\"no\":\"id\"}";
            return true;
        });
        QVERIFY(runner.run().allDelivered());
        const auto received = server.received();
        QCOMPARE(received.size(), 2);
        const QByteArray id = headerValue(received.at(0).headers, "webhook-id");
        QVERIFY(id.startsWith("msg_"));
        QCOMPARE(headerValue(received.at(1).headers, "webhook-id"), id);
    }

    // GitHub names each delivery with a GUID (X-GitHub-Delivery); a body without an id gets one
    // in that form, not Svix's msg_ one, and keeps it on the retry.
    void aGitHubDeliveryWithoutAnIdGetsAGuid()
    {
        ComposeTestServer server;
        server.setStatuses({500, 200});
        DeliveryOptions options;
        options.url = server.url();
        options.schedule = schedule(QStringLiteral("webhook-api"));
        options.timeScale = 60'000;
        QString error;
        options.signer = makeSigner(QStringLiteral("github"), "fake-github-secret", &error);
        QVERIFY2(options.signer, qPrintable(error));
        DeliveryRunner runner(options, [](qint64, RenderedEvent *out, QString *) {
            out->scheme = QStringLiteral("github");
            out->body = "{\"zen\":\"Keep it logically awesome.\"}";
            return true;
        });
        QVERIFY(runner.run().allDelivered());
        const auto received = server.received();
        QCOMPARE(received.size(), 2);
        const QByteArray delivery = headerValue(received.at(0).headers, "X-GitHub-Delivery");
        QVERIFY2(!QUuid::fromString(QString::fromLatin1(delivery)).isNull(), delivery.constData());
        QCOMPARE(delivery.size(), 36);
        QCOMPARE(headerValue(received.at(1).headers, "X-GitHub-Delivery"), delivery);
    }

    void signatureHeadersTakeTheTemplatesPlace()
    {
        const auto names = [](const HeaderList &headers) {
            QList<QByteArray> list;
            for (const HeaderField &field : headers)
                list.append(field.name.toLower());
            return list;
        };
        ComposeTestServer server;
        DeliveryOptions options;
        options.url = server.url();
        DeliveryRunner unsigned_(options,
                                 templateSource(QStringLiteral("webhook-api/user.created")));
        QVERIFY(unsigned_.run().allDelivered());
        QString error;
        options.signer = makeSigner(QStringLiteral("x-webhook-signature"), "fake-secret", &error);
        DeliveryRunner signed_(options, templateSource(QStringLiteral("webhook-api/user.created")));
        QVERIFY(signed_.run().allDelivered());

        const auto received = server.received();
        QCOMPARE(received.size(), 2);
        // Unsigned: the slot is dropped, nothing of it is sent.
        QVERIFY(!hasHeader(received.at(0).headers, "X-Webhook-Signature"));
        for (const HeaderField &field : received.at(0).headers)
            QVERIFY(!field.value.contains("{{"));
        // Signed: seed 003's order, the signature between the event and the user agent.
        const QList<QByteArray> order = names(received.at(1).headers);
        const qsizetype event = order.indexOf("x-webhook-event");
        const qsizetype signature = order.indexOf("x-webhook-signature");
        const qsizetype agent = order.indexOf("user-agent");
        QVERIFY(event >= 0 && event + 1 == signature && signature + 1 == agent);
        QVERIFY(headerValue(received.at(1).headers, "X-Webhook-Signature").startsWith("sha256="));
    }

    void signingFailureStopsTheRun()
    {
        ComposeTestServer server;
        DeliveryOptions options;
        options.url = server.url();
        options.count = 3;
        options.signer = [](const QByteArray &, const SignContext &) {
            return SignOutcome {false, QStringLiteral("bad secret"), {}};
        };
        DeliveryRunner runner(options, sequenceSource());
        const DeliveryReport &report = runner.run();
        QVERIFY(!report.allDelivered());
        QVERIFY(report.error.contains(u"bad secret"));
        QCOMPARE(server.receivedCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRetrySchedule)
#include "TestRetrySchedule.moc"
