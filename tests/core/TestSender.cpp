#include "ComposeTestServer.h"
#include "compose/HttpSender.h"

#include <QTest>

using namespace hookscope;
using namespace hookscope::compose;
using hookscope::test::ComposeTestServer;

// The sender against a real server on loopback: what goes out, what comes back, and every way a
// send can fail without a response.
class TestSender final : public QObject
{
    Q_OBJECT

    static OutgoingRequest request(const QUrl &url)
    {
        OutgoingRequest r;
        r.url = url;
        r.headers = {{"Content-Type", "application/json"},
                     {"X-Patreon-Event", "pledges:create"},
                     {"X-Zeta", "last"},
                     {"X-Alpha", "  spaced value"}};
        r.body = "{\"z\":1,\"a\":2}";
        r.timeoutMs = 10000;
        return r;
    }

    static qsizetype indexOf(const HeaderList &headers, QByteArrayView name)
    {
        for (qsizetype i = 0; i < headers.size(); ++i) {
            if (QByteArrayView(headers.at(i).name).compare(name, Qt::CaseInsensitive) == 0)
                return i;
        }
        return -1;
    }

private Q_SLOTS:
    void sendsExactlyAndReadsTheWholeResponse()
    {
        ComposeTestServer server;
        QVERIFY(server.isListening());
        server.setStatuses({201});
        server.setResponse({{"X-Second", "2"}, {"X-First", "1"}, {"Content-Type", "text/plain"}},
                           "created");
        HttpSender sender;
        const SendResult result
            = sender.sendAndWait(request(server.url(QStringLiteral("/hooks/p?x=1"))));
        QVERIFY2(result.gotResponse(), qPrintable(result.message));
        QVERIFY(result.succeeded());
        QCOMPARE(result.status, 201);
        QCOMPARE(result.body, QByteArray("created"));
        QVERIFY(indexOf(result.headers, "X-Second") < indexOf(result.headers, "X-First"));
        QCOMPARE(headerValue(result.headers, "X-First"), QByteArray("1"));
        QVERIFY(result.durationUs > 0);
        QVERIFY(result.firstByteUs > 0 && result.firstByteUs <= result.durationUs);
        QVERIFY(result.startedAtUs > 0);

        QCOMPARE(server.receivedCount(), 1);
        const auto received = server.received().first();
        QCOMPARE(received.method, QByteArray("POST"));
        QCOMPARE(received.target, QByteArray("/hooks/p?x=1"));
        QCOMPARE(received.body, QByteArray("{\"z\":1,\"a\":2}"));
        QCOMPARE(headerValue(received.headers, "X-Patreon-Event"), QByteArray("pledges:create"));
        // Our headers leave in our order.
        const qsizetype a = indexOf(received.headers, "X-Patreon-Event");
        const qsizetype b = indexOf(received.headers, "X-Zeta");
        const qsizetype c = indexOf(received.headers, "X-Alpha");
        QVERIFY(a >= 0 && a < b && b < c);
        QVERIFY(headerValue(received.headers, "User-Agent").startsWith("Hookscope/"));
    }

    void anyMethodAndDuplicateHeaders()
    {
        ComposeTestServer server;
        HttpSender sender;
        OutgoingRequest r = request(server.url());
        r.method = "PATCH";
        r.headers.append(HeaderField {"X-Zeta", "again"});
        QVERIFY(sender.sendAndWait(r).succeeded());
        const auto received = server.received().first();
        QCOMPARE(received.method, QByteArray("PATCH"));
        QCOMPARE(headerValue(received.headers, "X-Zeta"), QByteArray("last, again"));
    }

    void errorStatusIsAResponseNotAnError()
    {
        ComposeTestServer server;
        server.setStatuses({503});
        HttpSender sender;
        const SendResult result = sender.sendAndWait(request(server.url()));
        QVERIFY(result.gotResponse());
        QVERIFY(!result.succeeded());
        QCOMPARE(result.status, 503);
        QCOMPARE(result.error, SendError::None);
        QCOMPARE(result.body, QByteArray("{\"ok\":true}"));
    }

    void redirectsAreShownNotFollowed()
    {
        ComposeTestServer server;
        server.setStatuses({302});
        server.setResponse({{"Location", "/elsewhere"}}, {});
        HttpSender sender;
        const SendResult result = sender.sendAndWait(request(server.url()));
        QCOMPARE(result.status, 302);
        QCOMPARE(headerValue(result.headers, "Location"), QByteArray("/elsewhere"));
        QCOMPARE(server.receivedCount(), 1);
    }

    void refusedConnectionSaysSo()
    {
        const quint16 port = test::composeClosedPort();
        HttpSender sender;
        const SendResult result
            = sender.sendAndWait(request(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port))));
        QCOMPARE(result.error, SendError::ConnectionRefused);
        QVERIFY(!result.gotResponse());
        QVERIFY2(result.message.contains(u"refused"), qPrintable(result.message));
        QVERIFY(result.message.contains(QString::number(port)));
    }

    void invalidUrlsAreRefusedBeforeSending_data()
    {
        QTest::addColumn<QString>("url");
        QTest::newRow("no scheme") << QStringLiteral("localhost:8787/x");
        QTest::newRow("ftp") << QStringLiteral("ftp://127.0.0.1/x");
        QTest::newRow("no host") << QStringLiteral("http:///x");
        QTest::newRow("garbage") << QStringLiteral("http://[::1/x");
        QTest::newRow("empty") << QString();
    }

    void invalidUrlsAreRefusedBeforeSending()
    {
        QFETCH(QString, url);
        HttpSender sender;
        const SendResult result = sender.sendAndWait(request(QUrl(url, QUrl::StrictMode)));
        QCOMPARE(result.error, SendError::InvalidUrl);
        QVERIFY2(result.message.contains(u"invalid URL"), qPrintable(result.message));
    }

    void headerInjectionIsRefused_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("LF in value") << QByteArray("X-A") << QByteArray("1\nX-Injected: 1");
        QTest::newRow("CRLF in value") << QByteArray("X-A") << QByteArray("1\r\nX-Injected: 1");
        QTest::newRow("CR in value") << QByteArray("X-A") << QByteArray("1\rX");
        QTest::newRow("NUL in value") << QByteArray("X-A") << QByteArray("1\0X", 3);
        QTest::newRow("space in name") << QByteArray("X A") << QByteArray("1");
        QTest::newRow("colon in name") << QByteArray("X:A") << QByteArray("1");
    }

    void headerInjectionIsRefused()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        ComposeTestServer server;
        HttpSender sender;
        OutgoingRequest r = request(server.url());
        r.headers.append(HeaderField {name, value});
        const SendResult result = sender.sendAndWait(r);
        QCOMPARE(result.error, SendError::InvalidHeader);
        QVERIFY(!result.message.isEmpty());
        QTest::qWait(50);
        QCOMPARE(server.receivedCount(), 0);
    }

    void invalidMethodIsRefused()
    {
        HttpSender sender;
        OutgoingRequest r = request(QUrl(QStringLiteral("http://127.0.0.1:1/")));
        r.method = "PO ST";
        QCOMPARE(sender.sendAndWait(r).error, SendError::InvalidMethod);
    }

    void silentServerTimesOut()
    {
        ComposeTestServer server;
        server.setSilent(true);
        HttpSender sender;
        OutgoingRequest r = request(server.url());
        r.timeoutMs = 300;
        const SendResult result = sender.sendAndWait(r);
        QCOMPARE(result.error, SendError::Timeout);
        QVERIFY2(result.message.contains(u"timed out"), qPrintable(result.message));
        QCOMPARE(server.receivedCount(), 1);
    }

    void sendNeverBlocksTheCaller()
    {
        ComposeTestServer server;
        HttpSender sender;
        bool called = false;
        SendResult result;
        sender.send(request(server.url()), [&](const SendResult &r) {
            called = true;
            result = r;
        });
        QVERIFY(!called);
        // Invalid input is also reported later, from the event loop.
        bool invalidCalled = false;
        sender.send(request(QUrl()), [&](const SendResult &) { invalidCalled = true; });
        QVERIFY(!invalidCalled);
        QTRY_VERIFY(called && invalidCalled);
        QVERIFY(result.succeeded());
    }

    void manyInFlightAtOnce()
    {
        ComposeTestServer server;
        HttpSender sender;
        int done = 0;
        for (int i = 0; i < 20; ++i) {
            OutgoingRequest r = request(server.url());
            r.body = QByteArray::number(i);
            sender.send(r, [&](const SendResult &result) { done += result.succeeded() ? 1 : 0; });
        }
        QTRY_COMPARE_WITH_TIMEOUT(done, 20, 20000);
        QCOMPARE(server.receivedCount(), 20);
    }

    void selfSignedCertificateNeedsExplicitConsent()
    {
        ComposeTestServer server(true);
        if (!server.isListening())
            QSKIP("the openssl tool could not make a test certificate");
        HttpSender sender;
        OutgoingRequest r = request(server.url());
        r.url.setHost(QStringLiteral("localhost"));
        const SendResult refused = sender.sendAndWait(r);
        QCOMPARE(refused.error, SendError::Tls);
        QVERIFY2(refused.message.contains(u"--insecure"), qPrintable(refused.message));
        QVERIFY2(refused.message.contains(u"self", Qt::CaseInsensitive),
                 qPrintable(refused.message));
        QCOMPARE(server.receivedCount(), 0);

        r.insecure = true;
        const SendResult accepted = sender.sendAndWait(r);
        QVERIFY2(accepted.succeeded(), qPrintable(accepted.message));
        QCOMPARE(server.receivedCount(), 1);

        // The consent was for that send only.
        r.insecure = false;
        QCOMPARE(sender.sendAndWait(r).error, SendError::Tls);
        QCOMPARE(server.receivedCount(), 1);
    }

    void capturesLookLikeReceivedRequests()
    {
        ComposeTestServer server;
        HttpSender sender;
        const OutgoingRequest r = request(server.url(QStringLiteral("/a/b?c=d")));
        const Capture capture = toCapture(r, sender.sendAndWait(r));
        QCOMPARE(capture.method, QByteArray("POST"));
        QCOMPARE(capture.target, QByteArray("/a/b?c=d"));
        QCOMPARE(capture.headers, r.headers);
        QCOMPARE(capture.body, r.body);
        QCOMPARE(capture.responseStatus, 200);
        QCOMPARE(capture.remotePort, server.port());
    }

    void headerHelpers()
    {
        HeaderList headers {{"A", "1"}, {"b", "2"}, {"B", "3"}};
        setHeader(headers, "B", "9");
        QCOMPARE(headers, (HeaderList {{"A", "1"}, {"B", "9"}}));
        setHeader(headers, "C", "");
        QCOMPARE(headers.size(), 3);
        HeaderField field;
        QString error;
        QVERIFY(parseHeaderLine(QStringLiteral("X-Name:  a: b "), &field, &error));
        QCOMPARE(field.name, QByteArray("X-Name"));
        QCOMPARE(field.value, QByteArray("a: b "));
        QVERIFY(!parseHeaderLine(QStringLiteral("no colon"), &field, &error));
    }
};

QTEST_GUILESS_MAIN(TestSender)
#include "TestSender.moc"
