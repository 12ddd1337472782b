// Pass-through: the sender gets what the developer's server answered (Slack slash commands and
// Discord interactions read that answer), while the request is stored first like any other and
// the answer it got is stored with it.
#include "ComposeTestServer.h"
#include "HttpTestClient.h"
#include "ReceiverFixture.h"
#include "session/Forwarder.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>

using namespace hookscope;
using session::Forwarder;

namespace {

const QByteArray kRequest = "POST /slack/commands HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            "Content-Type: application/x-www-form-urlencoded\r\n"
                            "Content-Length: 25\r\n\r\ncommand=%2Fweather&text=x";

// A receiver whose forwarder passes through to `targets`' first, recording what the hooks
// report as the window and `listen` do.
struct PassThroughRig {
    explicit PassThroughRig(const QList<QUrl> &targets, http::ReceiverConfig config = {})
        : forwarder(targets)
    {
        forwarder.setPassThrough(true);
        forwarder.setRetryDelaysMs({50});
        port = receiver.start(config, [this](http::CaptureServer &server) {
            server.setPassThroughHooks(forwarder.passThroughHooks(
                [this](qint64 id, const ForwardResult &result) {
                    results << result;
                    QVERIFY(receiver.store()->addForwardResult(id, result));
                },
                [this](qint64 id, const http::HttpResponse &sent) {
                    answered << sent;
                    QVERIFY(receiver.store()->updateResponse(id, sent));
                }));
        });
    }

    // Declared first, so it outlives the server that calls its hooks.
    Forwarder forwarder;
    test::ReceiverFixture receiver;
    quint16 port = 0;
    QList<ForwardResult> results;
    QList<http::HttpResponse> answered;
};

} // namespace

class TestPassThrough final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theSenderGetsTheTargetsAnswer()
    {
        test::ComposeTestServer target;
        target.setStatuses({201});
        target.setResponse({{"Content-Type", "application/json"}, {"X-Slack-Reply", "yes"}},
                           R"({"response_type":"in_channel","text":"Sunny"})");
        PassThroughRig rig({target.url(QStringLiteral("/commands"))});

        const test::RawResponse response = test::roundTripTurningEvents(rig.port, kRequest);
        QCOMPARE(response.status, 201);
        QCOMPARE(response.header("X-Slack-Reply"), QByteArray("yes"));
        QCOMPARE(response.body, R"({"response_type":"in_channel","text":"Sunny"})");

        // The target got the request byte for byte, once.
        QCOMPARE(target.receivedCount(), 1);
        QCOMPARE(target.received().first().body, QByteArray("command=%2Fweather&text=x"));
        QCOMPARE(target.received().first().target, QByteArray("/commands"));

        // Stored with the answer the sender got, and the target's result beside it.
        QTRY_COMPARE(rig.answered.size(), 1);
        const std::optional<Capture> stored = rig.receiver.store()->load(1);
        QVERIFY(stored);
        QCOMPARE(stored->responseStatus, 201);
        QCOMPARE(stored->responseBody, response.body);
        QVERIFY(std::any_of(stored->responseHeaders.cbegin(), stored->responseHeaders.cend(),
                            [](const HeaderField &f) { return f.name == "X-Slack-Reply"; }));
        QCOMPARE(stored->forwards.size(), 1);
        QCOMPARE(stored->forwards.first().status, 201);
    }

    void theTargetsFramingIsNotPassedOn()
    {
        // A target's Connection and Transfer-Encoding describe its own connection; the sender
        // gets a Content-Length framed answer on its own.
        ForwardResult result;
        result.target = QStringLiteral("http://127.0.0.1:3000/");
        result.status = 200;
        result.headers = {{"Connection", "close"},
                          {"Transfer-Encoding", "chunked"},
                          {"Keep-Alive", "timeout=5"},
                          {"content-length", "2"},
                          {"Set-Cookie", "a=b"}};
        result.body = "ok";
        const http::HttpResponse response = http::passThroughResponse(result, 7);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.headers, (HeaderList {{"Set-Cookie", "a=b"}}));
        QCOMPARE(response.body, QByteArray("ok"));
    }

    void anUnreachableTargetGives502AndIsNotRetried()
    {
        PassThroughRig rig(
            {QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(test::composeClosedPort()))});
        const test::RawResponse response = test::roundTripTurningEvents(rig.port, kRequest);
        QCOMPARE(response.status, 502);
        const QString error = QJsonDocument::fromJson(response.body)
                                  .object()
                                  .value(QStringLiteral("error"))
                                  .toString();
        QVERIFY2(error.contains(u"stored as #1"), qPrintable(error));
        // The sender retries on a 502 itself; a retry of ours would deliver the event twice.
        QTest::qWait(300);
        QCOMPARE(rig.results.size(), 1);
        QCOMPARE(rig.results.first().retryInMs, -1);
        QCOMPARE(rig.forwarder.waitingRetries(), 0);
        QTRY_COMPARE(rig.answered.size(), 1);
        QCOMPARE(rig.receiver.store()->load(1)->responseStatus, 502);
    }

    void aTargetThatNeverAnswersGives504()
    {
        test::ComposeTestServer target;
        target.setSilent(true);
        http::ReceiverConfig config;
        config.passThroughTimeoutMs = 200;
        config.idleTimeoutMs = 400; // sweeps every 100 ms
        PassThroughRig rig({target.url()}, config);
        const test::RawResponse response = test::roundTripTurningEvents(rig.port, kRequest);
        QCOMPARE(response.status, 504);
        QVERIFY(response.body.contains("stored as #1"));
        QCOMPARE(rig.receiver.store()->count(), 1);
    }

    void requestsTheReceiverRefusesAreNotPassedOn()
    {
        test::ComposeTestServer target;
        http::ReceiverConfig config;
        http::EndpointConfig strict;
        strict.name = QStringLiteral("strict");
        strict.pathPrefix = "/";
        strict.rejectInvalidSignature = true;
        config.endpoints << strict;
        Forwarder forwarder({target.url()}); // outlives the server calling its hooks
        forwarder.setPassThrough(true);
        test::ReceiverFixture receiver;
        int asked = 0;
        const quint16 port = receiver.start(config, [&](http::CaptureServer &server) {
            server.setVerdictHook([](const Capture &) {
                return StoredVerdict {QStringLiteral("github"), QStringLiteral("invalid"),
                                      QStringLiteral("the signature does not match")};
            });
            http::PassThroughHooks hooks = forwarder.passThroughHooks({}, {});
            auto ask = hooks.ask;
            hooks.ask = [&asked, ask](const Capture &stored, http::PassThroughReply reply) {
                ++asked;
                ask(stored, std::move(reply));
            };
            server.setPassThroughHooks(hooks);
        });
        const test::RawResponse response = test::roundTripTurningEvents(port, kRequest);
        QCOMPARE(response.status, 401);
        QCOMPARE(asked, 0);
        QCOMPARE(target.receivedCount(), 0);
    }

    void theOtherTargetsAreForwardedAsBefore()
    {
        test::ComposeTestServer first;
        first.setStatuses({202});
        test::ComposeTestServer second;
        second.setStatuses({200});
        Forwarder forwarder({first.url(), second.url()});
        forwarder.setPassThrough(true);
        Capture capture;
        capture.id = 3;
        capture.method = "POST";
        capture.target = "/x";
        capture.body = "{}";
        QList<ForwardResult> results;
        forwarder.forward(capture, [&results](const ForwardResult &r) { results << r; });
        QTRY_COMPARE(results.size(), 1);
        QCOMPARE(results.first().status, 200);
        QCOMPARE(second.receivedCount(), 1);
        QCOMPARE(first.receivedCount(), 0); // it gets the request from the pass-through hook
        // Without a target nothing passes through.
        forwarder.setTargets({});
        QVERIFY(!forwarder.passThroughHooks({}, {}).isActive());
        forwarder.setTargets({first.url()});
        QVERIFY(forwarder.passThroughHooks({}, {}).isActive());
        forwarder.setPassThrough(false);
        QVERIFY(!forwarder.passThroughHooks({}, {}).isActive());
    }

    void stoppingAnswers503WhileTheTargetIsSlow()
    {
        test::ComposeTestServer target;
        target.setSilent(true);
        PassThroughRig rig({target.url()});
        QTcpSocket client;
        client.connectToHost(QStringLiteral("127.0.0.1"), rig.port);
        client.write(kRequest);
        QVERIFY(target.waitForRequests(1));
        rig.receiver.server()->stop();
        QByteArray received;
        QList<test::RawResponse> responses;
        QTRY_VERIFY((received += client.readAll(), responses += test::takeResponses(received),
                     !responses.isEmpty()));
        QCOMPARE(responses.first().status, 503);
        QVERIFY(responses.first().body.contains("stored as #1"));
        QTRY_COMPARE(rig.answered.size(), 1);
        QCOMPARE(rig.answered.first().status, 503);
    }
};

QTEST_GUILESS_MAIN(TestPassThrough)
#include "TestPassThrough.moc"
