#include "CliRunner.h"
#include "ComposeTestServer.h"
#include "HttpListenProcess.h"
#include "HttpTestClient.h"
#include "signing/Signing.h"
#include "store/RequestStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
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
        // With --json the targets are in the first line's "forwarding".
        QVERIFY(QJsonDocument::fromJson(relay.firstLine())
                    .object()
                    .value(QStringLiteral("forwarding"))
                    .toArray()
                    .first()
                    .toString()
                    .startsWith(u"http://127.0.0.1:"));
        const QList<QByteArray> relayLines = relay.waitForLines(2, 15000);
        QVERIFY2(relayLines.size() >= 2, relay.standardError().constData());
        const QJsonObject forwarded = QJsonDocument::fromJson(relayLines.at(1)).object();
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
        QVERIFY(
            relay.start(relayDb,
                        {QStringLiteral("--forward-to"), QStringLiteral("http://127.0.0.1:1/hooks"),
                         QStringLiteral("--forward-retries"), QStringLiteral("0")}));
        QCOMPARE(test::roundTrip(relay.port(),
                                 "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}")
                     .status,
                 200); // the sender's answer never depends on the forward
        const QList<QByteArray> lines = relay.waitForLines(3, 15000);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines.at(2).contains("-> http://127.0.0.1:1/hooks"), lines.at(2).constData());
        QVERIFY2(!lines.at(2).contains("retrying"), lines.at(2).constData());
        QCOMPARE(relay.terminate(), 0);
        store::RequestStore store;
        QCOMPARE(store.open(relayDb), QString());
        const std::optional<Capture> capture = store.load(1);
        QVERIFY(capture);
        QCOMPARE(capture->forwards.size(), 1);
        QCOMPARE(capture->forwards.first().status, 0);
        QVERIFY(!capture->forwards.first().error.isEmpty());
    }

    // The developer's server is down when the request arrives and comes up a moment later:
    // the forward is retried and gets through; every attempt is printed and stored.
    void aTargetThatComesUpLateGetsTheRequest()
    {
        QTemporaryDir dir;
        const quint16 port = test::composeClosedPort();
        const QString target = QStringLiteral("http://127.0.0.1:%1/hooks").arg(port);
        HttpListenProcess relay;
        const QString relayDb = dir.filePath(QStringLiteral("relay.sqlite"));
        QVERIFY(relay.start(relayDb, {QStringLiteral("--forward-to"), target}));
        const QByteArray request = "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}";
        QCOMPARE(test::roundTrip(relay.port(), request).status, 200);
        // "forwarding to", the request, then its first attempt.
        QList<QByteArray> lines = relay.waitForLines(3, 15000);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines.at(2).contains(" -> " + target.toUtf8()), lines.at(2).constData());
        QVERIFY2(lines.at(2).endsWith("; retrying in 1 s"), lines.at(2).constData());

        HttpListenProcess downstream;
        QVERIFY(downstream.start(dir.filePath(QStringLiteral("downstream.sqlite")),
                                 {QStringLiteral("--port"), QString::number(port)}));
        QCOMPARE(downstream.waitForLines(1, 15000).size(), 1);
        // Attempt 2 after 1 s, 3 after 5 s more, 4 after 30 s more if the server was slow to
        // come up (a loaded machine, sanitizers).
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                lines = relay.waitForLines(100, 200);
                return !lines.isEmpty() && lines.last().contains(" 200 (");
            }(),
            60000);
        QVERIFY2(lines.last().contains(", attempt "), lines.last().constData());
        QVERIFY(!lines.last().contains("retrying"));
        const int attempts = int(lines.size()) - 2;
        QCOMPARE(relay.terminate(), 0);
        QCOMPARE(downstream.terminate(), 0);

        store::RequestStore store;
        QCOMPARE(store.open(relayDb), QString());
        const std::optional<Capture> capture = store.load(1);
        QVERIFY(capture);
        QCOMPARE(int(capture->forwards.size()), attempts);
        QCOMPARE(capture->forwards.last().status, 200);
        QCOMPARE(capture->forwards.first().status, 0);
    }

    void aTargetsPasswordIsUsedButNeverShownOrStored()
    {
        QTemporaryDir dir;
        const QByteArray password = "fwdSECRETq7x9"; // made up for this test
        // A server that asks for Basic credentials; the forward sends them with the request, as
        // curl does with user:password@ (a 401 answer is still what it answers).
        HttpListenProcess downstream;
        QVERIFY(downstream.start(dir.filePath(QStringLiteral("downstream.sqlite")),
                                 {QStringLiteral("--respond"), QStringLiteral("401"),
                                  QStringLiteral("--respond-header"),
                                  QStringLiteral("WWW-Authenticate: Basic realm=\"hooks\"")}));
        HttpListenProcess relay;
        const QString relayDb = dir.filePath(QStringLiteral("relay.sqlite"));
        const QString reachable = QStringLiteral("http://user:%1@127.0.0.1:%2/hooks")
                                      .arg(QString::fromLatin1(password))
                                      .arg(downstream.port());
        const QString refused
            = QStringLiteral("http://user:%1@127.0.0.1:1/").arg(QString::fromLatin1(password));
        QVERIFY(relay.start(relayDb,
                            {QStringLiteral("--json"), QStringLiteral("--forward-to"), reachable,
                             QStringLiteral("--forward-to"), refused,
                             QStringLiteral("--forward-retries"), QStringLiteral("0")}));
        QCOMPARE(test::roundTrip(relay.port(),
                                 "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}")
                     .status,
                 200);

        // The first line names both targets, then the capture, then one line per target.
        QVERIFY2(!relay.firstLine().contains(password), relay.firstLine().constData());
        QCOMPARE(QJsonDocument::fromJson(relay.firstLine())
                     .object()
                     .value(QStringLiteral("forwarding"))
                     .toArray()
                     .first()
                     .toString(),
                 QStringLiteral("http://user:***@127.0.0.1:%1/hooks").arg(downstream.port()));
        const QList<QByteArray> lines = relay.waitForLines(3, 15000);
        QCOMPARE(lines.size(), 3);
        for (const QByteArray &line : lines)
            QVERIFY2(!line.contains(password), line.constData());
        QStringList targets;
        for (int i = 1; i < 3; ++i)
            targets << QJsonDocument::fromJson(lines.at(i))
                           .object()
                           .value(QStringLiteral("target"))
                           .toString();
        targets.sort();
        QCOMPARE(
            targets,
            QStringList(
                {QStringLiteral("http://user:***@127.0.0.1:1/"),
                 QStringLiteral("http://user:***@127.0.0.1:%1/hooks").arg(downstream.port())}));
        QCOMPARE(downstream.waitForLines(1).size(), 1);
        QCOMPARE(relay.terminate(), 0);
        QCOMPARE(downstream.terminate(), 0);

        store::RequestStore relayStore;
        QCOMPARE(relayStore.open(relayDb), QString());
        const std::optional<Capture> capture = relayStore.load(1);
        QVERIFY(capture);
        QCOMPARE(capture->forwards.size(), 2);
        for (const ForwardResult &forward : capture->forwards) {
            QVERIFY2(forward.target.startsWith(u"http://user:***@127.0.0.1:"),
                     qPrintable(forward.target));
            QVERIFY(!forward.error.contains(QString::fromLatin1(password)));
        }
        relayStore.close();
        const QDir files(dir.path(), QStringLiteral("relay.sqlite*"));
        for (const QString &name : files.entryList(QDir::Files)) {
            QFile file(files.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            QVERIFY2(!bytes.contains(password), qPrintable(name));
            QVERIFY2(!bytes.contains(("user:" + password).toBase64()), qPrintable(name));
        }

        store::RequestStore downstreamStore;
        QCOMPARE(downstreamStore.open(dir.filePath(QStringLiteral("downstream.sqlite"))),
                 QString());
        // The forward itself still used the credentials.
        const std::optional<Capture> arrived = downstreamStore.load(1);
        QVERIFY(arrived);
        QCOMPARE(arrived->target, QByteArray("/hooks"));
        const QByteArray credentials = "Basic " + ("user:" + password).toBase64();
        QCOMPARE(headerValue(arrived->headers, "Authorization"), credentials);
    }

    // The sender gets what the developer's server answered (a Slack slash command's reply),
    // and the stored request shows that answer as the one it got.
    void passThroughAnswersWithTheTargetsAnswer()
    {
        QTemporaryDir dir;
        test::ComposeTestServer target;
        target.setStatuses({201});
        target.setResponse({{"Content-Type", "application/json"}, {"X-Reply", "from-target"}},
                           R"({"text":"Sunny"})");
        HttpListenProcess relay;
        const QString relayDb = dir.filePath(QStringLiteral("relay.sqlite"));
        QVERIFY(relay.start(relayDb,
                            {QStringLiteral("--json"), QStringLiteral("--pass-through"),
                             QStringLiteral("--forward-to"),
                             target.url(QStringLiteral("/slack")).toString()}));
        QCOMPARE(QJsonDocument::fromJson(relay.firstLine()).object().value(u"pass_through"_qs),
                 QJsonValue(true));
        const test::RawResponse answer = test::roundTrip(
            relay.port(), "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 9\r\n\r\ntext=rain");
        QCOMPARE(answer.status, 201);
        QCOMPARE(answer.header("X-Reply"), QByteArray("from-target"));
        QCOMPARE(answer.body, QByteArray(R"({"text":"Sunny"})"));
        QCOMPARE(target.receivedCount(), 1);
        QCOMPARE(target.received().first().body, QByteArray("text=rain"));

        const QList<QByteArray> lines = relay.waitForLines(2, 15000);
        QCOMPARE(lines.size(), 2);
        // The request's line and its forward's come from different threads, in either order.
        const QJsonObject first = QJsonDocument::fromJson(lines.at(0)).object();
        const QJsonObject forwarded = first.contains(u"forwarded"_qs)
            ? first
            : QJsonDocument::fromJson(lines.at(1)).object();
        QCOMPARE(forwarded.value(u"forwarded"_qs).toInt(), 1);
        QCOMPARE(forwarded.value(u"status"_qs).toInt(), 201);
        QCOMPARE(relay.terminate(), 0);

        const test::ProcessResult exported
            = test::runHookscope({QStringLiteral("export"), QStringLiteral("--db"), relayDb,
                                  QStringLiteral("--format"), QStringLiteral("jsonl")});
        QCOMPARE(exported.exitCode, 0);
        const QJsonObject row = QJsonDocument::fromJson(exported.out.trimmed()).object();
        QCOMPARE(row.value(u"response_status"_qs).toInt(), 201);
        QCOMPARE(target.receivedCount(), 1); // sent once: not forwarded a second time
    }

    // A developer's local HTTPS server has a self-signed certificate: forwarding to it says how
    // to trust it, and does with --forward-insecure.
    void aSelfSignedTargetIsTrustedOnlyWhenAsked()
    {
        test::ComposeTestServer target(true);
        if (!target.isListening())
            QSKIP("the openssl tool could not make a test certificate");
        QUrl url = target.url(QStringLiteral("/hooks"));
        url.setHost(QStringLiteral("localhost"));
        QTemporaryDir dir;
        const QByteArray request = "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}";
        {
            HttpListenProcess relay;
            QVERIFY(relay.start(dir.filePath(QStringLiteral("a.sqlite")),
                                {QStringLiteral("--forward-to"), url.toString(),
                                 QStringLiteral("--forward-retries"), QStringLiteral("0")}));
            QCOMPARE(test::roundTrip(relay.port(), request).status, 200);
            const QList<QByteArray> lines = relay.waitForLines(3, 15000);
            QCOMPARE(lines.size(), 3);
            QVERIFY2(lines.at(2).contains("start listen again with --forward-insecure"),
                     lines.at(2).constData());
            QCOMPARE(relay.terminate(), 0);
        }
        QCOMPARE(target.receivedCount(), 0);
        HttpListenProcess relay;
        QVERIFY(relay.start(dir.filePath(QStringLiteral("b.sqlite")),
                            {QStringLiteral("--forward-to"), url.toString(),
                             QStringLiteral("--forward-insecure")}));
        QCOMPARE(test::roundTrip(relay.port(), request).status, 200);
        const QList<QByteArray> lines = relay.waitForLines(3, 15000);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines.at(2).contains(" 200 ("), lines.at(2).constData());
        QCOMPARE(target.receivedCount(), 1);
        QCOMPARE(relay.terminate(), 0);
    }

    void passThroughUsageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("no target") << QStringList {QStringLiteral("--pass-through")}
                                   << QStringLiteral("--pass-through needs a --forward-to URL");
        QTest::newRow("own answer")
            << QStringList {QStringLiteral("--pass-through"), QStringLiteral("--forward-to"),
                            QStringLiteral("http://127.0.0.1:9/"), QStringLiteral("--respond"),
                            QStringLiteral("202")}
            << QStringLiteral("--respond cannot be used with it");
    }

    void passThroughUsageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const test::ProcessResult result = test::runHookscope(
            QStringList {QStringLiteral("listen"), QStringLiteral("--port"), QStringLiteral("0"),
                         QStringLiteral("--db"), dir.filePath(QStringLiteral("u.sqlite"))}
            + arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message.toUtf8()), result.err.constData());
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
