#include "ComposeTestServer.h"
#include "compose/DeliveryRunner.h"
#include "compose/LoadSummary.h"

#include <QSignalSpy>
#include <QTest>

using namespace hookscope;
using namespace hookscope::compose;

namespace {

AttemptRecord attempt(int status, qint64 durationUs, bool final = true)
{
    AttemptRecord record;
    record.final = final;
    record.result.status = status;
    record.result.durationUs = durationUs;
    return record;
}

AttemptRecord failedAttempt(SendError error)
{
    AttemptRecord record;
    record.final = true;
    record.result.error = error;
    record.result.durationUs = 5000;
    return record;
}

} // namespace

// What a load run comes to (shared by `send --count` and the Compose page), and cancelling a
// run against a real server on loopback.
class TestLoadSummary final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void percentilesAreNearestRank()
    {
        LatencyStats stats;
        QCOMPARE(stats.percentileUs(50), qint64(-1));
        for (qint64 us = 100; us >= 1; --us) // out of order on purpose
            stats.add(us * 1000);
        QCOMPARE(stats.count(), qsizetype(100));
        QCOMPARE(stats.percentileUs(50), qint64(50'000));
        QCOMPARE(stats.percentileUs(90), qint64(90'000));
        QCOMPARE(stats.percentileUs(99), qint64(99'000));
        QCOMPARE(stats.percentileUs(100), qint64(100'000));
        QCOMPARE(stats.percentileUs(0), qint64(1000));
        stats.add(1); // added after a read: sorted again
        QCOMPARE(stats.percentileUs(0), qint64(1));
        QCOMPARE(stats.percentileUs(100), qint64(100'000));
    }

    void countsStatusesAndErrorsApart()
    {
        LoadSummary summary;
        summary.setDeliveries(6);
        summary.add(attempt(200, 1000));
        summary.add(attempt(204, 3000));
        summary.add(attempt(503, 2000, false)); // retried...
        summary.add(attempt(200, 2500)); // ...and delivered
        summary.add(attempt(500, 9000));
        summary.add(failedAttempt(SendError::ConnectionRefused));
        summary.add(failedAttempt(SendError::Timeout));
        summary.setElapsedUs(2'000'000);
        QCOMPARE(summary.attempts(), 7);
        QCOMPARE(summary.answered2xx(), 3);
        QCOMPARE(summary.attemptsFailed(), 4);
        QCOMPARE(summary.delivered(), 3);
        QCOMPARE(summary.failed(), 3);
        QCOMPARE(summary.statusCounts().value(200), 2);
        QCOMPARE(summary.statusCounts().value(503), 1);
        QCOMPARE(summary.errorCounts().value(QStringLiteral("connection-refused")), 1);
        QCOMPARE(summary.latency().count(), qsizetype(5)); // errors have no latency
        QCOMPARE(summary.latency().percentileUs(100), qint64(9000));
        QCOMPARE(summary.attemptsPerSecond(), 3.5);
        QCOMPARE(summary.outcomeText(),
                 QStringLiteral("200 × 2, 204 × 1, 500 × 1, 503 × 1, connection-refused × 1, "
                                "timeout × 1"));
    }

    void theCommandLineSummaryKeepsItsWording()
    {
        DeliveryReport report;
        report.deliveries = 3;
        report.delivered = 2;
        report.failed = 1;
        report.elapsedUs = 1'500'000;
        report.attempts = {attempt(200, 1234), attempt(200, 20'000), attempt(500, 4000)};
        const QStringList lines = LoadSummary::fromReport(report).textLines();
        QCOMPARE(lines,
                 QStringList({QStringLiteral("deliveries: 3  delivered (2xx): 2  failed: 1  "
                                             "attempts: 3"),
                              QStringLiteral("elapsed: 1.500 s  throughput: 2.0 requests/s"),
                              QStringLiteral("latency ms: p50 4.00  p90 20.0  p99 20.0  max "
                                             "20.0")}));
        // Without any answer there is no latency line.
        report.attempts = {failedAttempt(SendError::ConnectionRefused)};
        QCOMPARE(LoadSummary::fromReport(report).textLines().size(), 2);
        QCOMPARE(report.latencyPercentileUs(50), qint64(-1));
    }

    void cancelStopsARunAndKeepsWhatWasAnswered()
    {
        test::ComposeTestServer server;
        QVERIFY(server.isListening());
        DeliveryOptions options;
        options.url = server.url();
        options.count = 1000;
        options.rate = 100; // ten seconds in all
        options.concurrency = 2;
        options.keepBodies = false;
        DeliveryRunner runner(options, [](qint64 sequence, RenderedEvent *out, QString *) {
            out->body = "{\"n\":" + QByteArray::number(sequence) + "}";
            out->headers = {{"Content-Type", "application/json"}};
            return true;
        });
        QSignalSpy started(&runner, &DeliveryRunner::attemptStarted);
        QSignalSpy finished(&runner, &DeliveryRunner::finished);
        runner.start();
        QVERIFY(server.waitForRequests(5));
        runner.cancel();
        QVERIFY(runner.isFinished());
        runner.cancel(); // twice is harmless
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.size(), 1);
        const DeliveryReport &report = runner.report();
        QVERIFY(report.cancelled);
        QVERIFY(report.error.isEmpty());
        QVERIFY(!report.allDelivered());
        QVERIFY(report.attempts.size() >= 1 && report.attempts.size() <= started.size());
        QVERIFY(started.size() < 1000);
        QVERIFY(report.elapsedUs > 0);
        const int received = server.receivedCount();
        QTest::qWait(300);
        QVERIFY(server.receivedCount() <= received + options.concurrency);
        QVERIFY(server.receivedCount() < 1000);
    }
};

QTEST_GUILESS_MAIN(TestLoadSummary)
#include "TestLoadSummary.moc"
