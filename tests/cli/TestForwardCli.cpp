#include "HttpListenProcess.h"
#include "HttpTestClient.h"
#include "signing/Signing.h"
#include "store/RequestStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using test::HttpListenProcess;

class TestForwardCli final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void forwardsTheExactBytesAndKeepsTheAnswer()
    {
        QTemporaryDir dir;
        // The "user's server": a second receiver that verifies what arrives and answers 202.
        const QByteArray secret = "forward-test-secret"; // made up for this test
        HttpListenProcess downstream;
        const QString downstreamDb = dir.filePath(QStringLiteral("downstream.sqlite"));
        QVERIFY(downstream.start(downstreamDb,
                                 {QStringLiteral("--json"), QStringLiteral("--respond"),
                                  QStringLiteral("202"), QStringLiteral("--scheme"),
                                  QStringLiteral("github"), QStringLiteral("--secret"),
                                  QString::fromUtf8(secret)}));

        HttpListenProcess relay;
        const QString relayDb = dir.filePath(QStringLiteral("relay.sqlite"));
        QVERIFY(
            relay.start(relayDb,
                        {QStringLiteral("--json"), QStringLiteral("--forward-to"),
                         QStringLiteral("http://127.0.0.1:%1/webhooks").arg(downstream.port())}));

        // Spacing and key order that a re-serializing relay would lose.
        const QByteArray body = "{ \"zen\" : \"Design for failure.\",\n  \"hook_id\": 1 }";
        QByteArray request = "POST /github HTTP/1.1\r\nHost: 127.0.0.1\r\nX-GitHub-Event: ping\r\n";
        for (const HeaderField &field :
             signing::sign(QStringLiteral("github"), secret, body).headers)
            request += field.name + ": " + field.value + "\r\n";
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        QCOMPARE(test::roundTrip(relay.port(), request).status, 200);

        // The relay says where it forwards, prints the capture, then the answer under it.
        const QList<QByteArray> relayLines = relay.waitForLines(3, 15000);
        QVERIFY2(relayLines.size() >= 3, relay.standardError().constData());
        QVERIFY(relayLines.at(0).startsWith("forwarding to http://127.0.0.1:"));
        const QJsonObject forwarded = QJsonDocument::fromJson(relayLines.at(2)).object();
        QCOMPARE(forwarded.value(QStringLiteral("status")).toInt(), 202);
        QCOMPARE(forwarded.value(QStringLiteral("forwarded")).toInt(), 1);

        const QList<QByteArray> downstreamLines = downstream.waitForLines(1);
        QCOMPARE(downstreamLines.size(), 1);
        const QJsonObject arrived = QJsonDocument::fromJson(downstreamLines.first()).object();
        QCOMPARE(arrived.value(QStringLiteral("target")).toString(), u"/webhooks"_qs);
        QCOMPARE(arrived.value(QStringLiteral("signature")).toObject().value(u"verdict"_qs),
                 u"valid"_qs);
        QCOMPARE(relay.terminate(), 0);
        QCOMPARE(downstream.terminate(), 0);

        store::RequestStore downstreamStore;
        QCOMPARE(downstreamStore.open(downstreamDb), QString());
        QCOMPARE(downstreamStore.load(1)->body, body);

        // The answer is kept beside the capture.
        store::RequestStore relayStore;
        QCOMPARE(relayStore.open(relayDb), QString());
        const std::optional<Capture> capture = relayStore.load(1);
        QVERIFY(capture);
        QCOMPARE(capture->forwards.size(), 1);
        QCOMPARE(capture->forwards.first().status, 202);
        QVERIFY(capture->forwards.first().target.endsWith(u"/webhooks"));
        QVERIFY(capture->forwards.first().error.isEmpty());
    }

    void anUnreachableTargetIsKeptAsAnError()
    {
        QTemporaryDir dir;
        HttpListenProcess relay;
        const QString relayDb = dir.filePath(QStringLiteral("relay.sqlite"));
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        QVERIFY(relay.start(
            relayDb, {QStringLiteral("--forward-to"), QStringLiteral("http://127.0.0.1:1/hooks")}));
        QCOMPARE(test::roundTrip(relay.port(),
                                 "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}")
                     .status,
                 200); // the sender's answer never depends on the forward
        const QList<QByteArray> lines = relay.waitForLines(3, 15000);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines.at(2).contains("-> http://127.0.0.1:1/hooks"), lines.at(2).constData());
        QCOMPARE(relay.terminate(), 0);
        store::RequestStore store;
        QCOMPARE(store.open(relayDb), QString());
        const std::optional<Capture> capture = store.load(1);
        QVERIFY(capture);
        QCOMPARE(capture->forwards.size(), 1);
        QCOMPARE(capture->forwards.first().status, 0);
        QVERIFY(!capture->forwards.first().error.isEmpty());
    }

    void forwardingToItselfIsRefused()
    {
        QTemporaryDir dir;
        HttpListenProcess relay;
        QVERIFY(!relay.start(dir.filePath(QStringLiteral("self.sqlite")),
                             {QStringLiteral("--port"), QStringLiteral("18787"),
                              QStringLiteral("--forward-to"),
                              QStringLiteral("http://127.0.0.1:18787/")},
                             5000));
    }
};

QTEST_GUILESS_MAIN(TestForwardCli)
#include "TestForwardCli.moc"
