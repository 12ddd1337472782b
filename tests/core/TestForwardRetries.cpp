// Forwarding to a developer's server that is restarting, or behind a proxy while it starts,
// loses nothing: the forward is sent again after each retry delay, and every attempt is
// reported. What the server itself answers (a 500, a 400) is not retried.
#include "ComposeTestServer.h"
#include "session/Forwarder.h"

#include <QTest>

using namespace hookscope;
using session::Forwarder;

namespace {

Capture pledge()
{
    Capture capture;
    capture.id = 1;
    capture.method = "POST";
    capture.target = "/hooks";
    capture.headers = {{"Host", "127.0.0.1"}, {"Content-Type", "application/json"}};
    capture.body = R"({"data":{"type":"pledge"}})";
    return capture;
}

} // namespace

class TestForwardRetries final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unavailableAnswersAreRetriedUntilOneGetsThrough()
    {
        test::ComposeTestServer server;
        QVERIFY(server.isListening());
        server.setStatuses({503, 502, 200});
        Forwarder forwarder({server.url(QStringLiteral("/hooks"))});
        forwarder.setRetryDelaysMs({50, 50, 50});
        QList<ForwardResult> results;
        forwarder.forward(pledge(), [&results](const ForwardResult &result) { results << result; });
        QTRY_COMPARE(results.size(), 3);
        QCOMPARE(results.at(0).status, 503);
        QCOMPARE(results.at(0).attempt, 1);
        QCOMPARE(results.at(0).retryInMs, 50);
        QCOMPARE(results.at(1).status, 502);
        QCOMPARE(results.at(1).attempt, 2);
        QCOMPARE(results.at(2).status, 200);
        QCOMPARE(results.at(2).attempt, 3);
        QCOMPARE(results.at(2).retryInMs, -1);
        QCOMPARE(forwarder.pending(), 0);
        // The same bytes each time.
        const QList<test::ComposeReceived> received = server.received();
        QCOMPARE(received.size(), 3);
        for (const test::ComposeReceived &request : received)
            QCOMPARE(request.body, pledge().body);
    }

    void theServersOwnErrorsAreNotRetried_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("500") << 500;
        QTest::newRow("400") << 400;
        QTest::newRow("401") << 401;
    }

    void theServersOwnErrorsAreNotRetried()
    {
        QFETCH(int, status);
        test::ComposeTestServer server;
        server.setStatuses({status, 200});
        Forwarder forwarder({server.url()});
        forwarder.setRetryDelaysMs({10});
        QList<ForwardResult> results;
        forwarder.forward(pledge(), [&results](const ForwardResult &result) { results << result; });
        QTRY_COMPARE(results.size(), 1);
        QCOMPARE(results.first().status, status);
        QCOMPARE(results.first().retryInMs, -1);
        QTest::qWait(100);
        QCOMPARE(results.size(), 1);
        QCOMPARE(server.receivedCount(), 1);
    }

    void anUnreachableTargetIsTriedAsOftenAsSetAndNoMore()
    {
        Forwarder forwarder(
            {QUrl(QStringLiteral("http://127.0.0.1:%1/hooks").arg(test::composeClosedPort()))});
        forwarder.setRetryDelaysMs({20, 20});
        QList<ForwardResult> results;
        forwarder.forward(pledge(), [&results](const ForwardResult &result) { results << result; });
        QTRY_COMPARE(results.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(results.at(i).status, 0);
            QVERIFY(!results.at(i).error.isEmpty());
            QCOMPARE(results.at(i).attempt, i + 1);
        }
        QCOMPARE(results.at(1).retryInMs, 20);
        QCOMPARE(results.at(2).retryInMs, -1);
        QTest::qWait(100);
        QCOMPARE(results.size(), 3);
        QCOMPARE(forwarder.pending(), 0);
    }

    void waitingRetriesCanBeDropped()
    {
        Forwarder forwarder(
            {QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(test::composeClosedPort()))});
        forwarder.setRetryDelaysMs({10000}); // dropped long before
        QList<ForwardResult> results;
        forwarder.forward(pledge(), [&results](const ForwardResult &result) { results << result; });
        QTRY_COMPARE(results.size(), 1);
        QCOMPARE(forwarder.waitingRetries(), 1);
        QCOMPARE(forwarder.dropWaitingRetries(), 1);
        QCOMPARE(forwarder.pending(), 0);
        QTest::qWait(300);
        QCOMPARE(results.size(), 1);
    }

    void changingTheTargetsDropsTheirRetries()
    {
        test::ComposeTestServer server;
        server.setStatuses({503, 200});
        Forwarder forwarder({server.url()});
        forwarder.setRetryDelaysMs({10000}); // dropped long before
        QList<ForwardResult> results;
        forwarder.forward(pledge(), [&results](const ForwardResult &result) { results << result; });
        QTRY_COMPARE(results.size(), 1);
        forwarder.setTargets({});
        QTest::qWait(300);
        QCOMPARE(results.size(), 1);
        QCOMPARE(server.receivedCount(), 1);
    }

    void theDefaultScheduleIsOneFiveThirtySeconds()
    {
        QCOMPARE(Forwarder::defaultRetryDelaysMs(), QList<int>({1000, 5000, 30000}));
        QCOMPARE(Forwarder::retryDelaysMs(5), QList<int>({1000, 5000, 30000, 60000, 60000}));
        QCOMPARE(Forwarder::retryDelaysMs(0), QList<int>());
    }
};

QTEST_GUILESS_MAIN(TestForwardRetries)
#include "TestForwardRetries.moc"
