#include "ComposeTestServer.h"
#include "ReceiverFixture.h"
#include "compose/HttpSender.h"
#include "compose/HttpWire.h"
#include "compose/OwnCertificates.h"
#include "compose/ReplayRequest.h"
#include "compose/ResponseReader.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <functional>
#include <memory>

using namespace hookscope;
using namespace hookscope::compose;
using hookscope::test::ComposeTestServer;
using hookscope::test::ReceiverFixture;

namespace {

// A server on the test's own thread (sendAndWait() runs its event loop) that answers each
// complete request as `answer` says, given the connection's number and the request's number on
// that connection, both from 1. An empty reply closes without answering.
class ScriptedServer final : public QObject
{
public:
    struct Reply {
        QByteArray bytes;
        bool closeAfter = false;
    };
    std::function<Reply(int connection, int request)> answer;
    int connections = 0;
    QByteArrayList requests; // every request's head, in arrival order

    ScriptedServer()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                const int number = ++connections;
                auto buffer = std::make_shared<QByteArray>();
                auto served = std::make_shared<int>(0);
                connect(socket, &QTcpSocket::readyRead, socket, [=, this] {
                    *buffer += socket->readAll();
                    for (;;) {
                        const qsizetype end = buffer->indexOf("\r\n\r\n");
                        if (end < 0)
                            return;
                        const QByteArray head = buffer->left(end);
                        const qsizetype at = head.toLower().indexOf("content-length: ");
                        const qsizetype length
                            = at < 0 ? 0 : head.mid(at + 16).split('\r').first().toLongLong();
                        if (buffer->size() < end + 4 + length)
                            return;
                        buffer->remove(0, end + 4 + length);
                        requests << head;
                        const Reply reply = answer(number, ++*served);
                        socket->write(reply.bytes);
                        if (reply.bytes.isEmpty() || reply.closeAfter) {
                            socket->disconnectFromHost();
                            return;
                        }
                    }
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    QUrl url() const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1/s").arg(m_server.serverPort()));
    }

private:
    QTcpServer m_server;
};

const QByteArray kOk = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

} // namespace

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
        // Exactly our headers, in our order, with only the framing HTTP/1.1 needs around them.
        // (The server drops the leading spaces of a value, as HTTP says.)
        const HeaderList expected {{"Host", "127.0.0.1:" + QByteArray::number(server.port())},
                                   {"Content-Type", "application/json"},
                                   {"X-Patreon-Event", "pledges:create"},
                                   {"X-Zeta", "last"},
                                   {"X-Alpha", "spaced value"},
                                   {"Content-Length", "13"}};
        QCOMPARE(received.headers, expected);
    }

    // A replay must arrive as it was captured, even a target that is not UTF-8.
    void exactTargetBytes()
    {
        ComposeTestServer server;
        HttpSender sender;
        OutgoingRequest r = request(server.url());
        r.target = "/fw/\xe9%zz?q=1&q=2";
        QVERIFY(sender.sendAndWait(r).succeeded());
        QCOMPARE(server.received().first().target, QByteArray("/fw/\xe9%zz?q=1&q=2"));
        r.target = "/a b";
        const SendResult refused = sender.sendAndWait(r);
        QCOMPARE(refused.error, SendError::InvalidUrl);
        QVERIFY2(refused.message.contains(u"target"), qPrintable(refused.message));
    }

    void framingHeadersAreTheTrueOnes()
    {
        OutgoingRequest r;
        r.url = QUrl(QStringLiteral("https://user:p%40ss@example.com/x"));
        r.headers = {{"content-length", "999"},
                     {"Transfer-Encoding", "chunked"},
                     {"X-A", "1"},
                     {"Content-Length", "5"}};
        r.body = "hello";
        QCOMPARE(wireHeaders(r),
                 (HeaderList {{"Host", "example.com"},
                              {"content-length", "5"},
                              {"X-A", "1"},
                              {"Authorization", "Basic dXNlcjpwQHNz"}}));
        // What is kept of the send (history, the window) never holds the password, even encoded.
        const Capture kept = toCapture(r, SendResult {});
        QCOMPARE(headerValue(kept.headers, "Authorization"), QByteArray("Basic ***"));
        OutgoingRequest get;
        get.url = QUrl(QStringLiteral("http://[::1]:8080"));
        get.method = "GET";
        get.headers = {{"host", "given"}};
        QCOMPARE(wireHeaders(get), (HeaderList {{"host", "given"}}));
        QCOMPARE(serializeRequest(get), QByteArray("GET / HTTP/1.1\r\nhost: given\r\n\r\n"));
        get.headers.clear();
        QCOMPARE(wireHeaders(get), (HeaderList {{"Host", "[::1]:8080"}}));
        OutgoingRequest emptyPost;
        emptyPost.url = QUrl(QStringLiteral("http://h/"));
        QCOMPARE(headerValue(wireHeaders(emptyPost), "Content-Length"), QByteArray("0"));
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
        // Repeated headers go as separate lines, in order.
        QByteArrayList zetas;
        for (const HeaderField &field : received.headers) {
            if (field.name == "X-Zeta")
                zetas << field.value;
        }
        QCOMPARE(zetas, (QByteArrayList {"last", "again"}));
    }

    // What `replay` and `listen --forward-to` send: the captured request, byte for byte, but for
    // the Host of the server it now goes to.
    void aReplayArrivesAsItWasCaptured()
    {
        ScriptedServer server;
        server.answer = [](int, int) { return ScriptedServer::Reply {kOk}; };
        Capture capture;
        capture.method = "PUT";
        capture.target = "/fw/\xe9?q=1";
        capture.headers = {{"Host", "provider.example"}, {"x-dup", "1"},
                           {"Connection", "keep-alive"}, {"X-Dup", "2"},
                           {"Content-Length", "2"},      {"X-Last", "z"}};
        capture.body = "hi";
        QUrl base = server.url();
        base.setPath(QString());
        HttpSender sender;
        QVERIFY(sender.sendAndWait(replayRequest(capture, base)).succeeded());
        QCOMPARE(server.requests.size(), 1);
        QCOMPARE(server.requests.first(),
                 "PUT /fw/\xe9?q=1 HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(base.port())
                     + "\r\nx-dup: 1\r\nX-Dup: 2\r\nContent-Length: 2\r\nX-Last: z");
    }

    // Where a replay or forward goes: a bare base URL takes the captured path and query; a URL
    // with a path ("/" too) keeps it, with the captured query unless it has its own.
    void replayUrlRules_data()
    {
        QTest::addColumn<QByteArray>("captured");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("sentTo");
        QTest::newRow("base") << QByteArray("/fw/x?q=1") << u"http://h:1"_qs
                              << u"http://h:1/fw/x?q=1"_qs;
        QTest::newRow("root") << QByteArray("/fw/x?q=1") << u"http://h:1/"_qs
                              << u"http://h:1/?q=1"_qs;
        QTest::newRow("a path") << QByteArray("/fw/x?token=a%20b") << u"http://h:1/hooks"_qs
                                << u"http://h:1/hooks?token=a%20b"_qs;
        QTest::newRow("a path and a query")
            << QByteArray("/fw/x?q=1") << u"http://h:1/hooks?k=v"_qs << u"http://h:1/hooks?k=v"_qs;
        QTest::newRow("nothing to add")
            << QByteArray("/fw/x") << u"http://h:1/hooks"_qs << u"http://h:1/hooks"_qs;
    }

    void replayUrlRules()
    {
        QFETCH(QByteArray, captured);
        QFETCH(QString, url);
        QFETCH(QString, sentTo);
        Capture capture;
        capture.method = "POST";
        capture.target = captured;
        const OutgoingRequest request = replayRequest(capture, QUrl(url));
        QCOMPARE(request.url.toString(QUrl::FullyEncoded), sentTo);
    }

    void keepsTheConnectionForTheNextSend()
    {
        ScriptedServer server;
        server.answer = [](int, int) { return ScriptedServer::Reply {kOk}; };
        HttpSender sender;
        for (int i = 0; i < 3; ++i)
            QVERIFY(sender.sendAndWait(request(server.url())).succeeded());
        QCOMPARE(server.connections, 1);
        QCOMPARE(server.requests.size(), 3);
    }

    // The race every HTTP client meets: the server lets a kept connection go just as the next
    // request is written. Nothing came back on it, so the request goes again on a new one.
    void aKeptConnectionTheServerClosedIsRetriedOnce()
    {
        ScriptedServer server;
        server.answer = [](int connection, int request) {
            return connection == 1 && request == 2 ? ScriptedServer::Reply {}
                                                   : ScriptedServer::Reply {kOk};
        };
        HttpSender sender;
        QVERIFY(sender.sendAndWait(request(server.url())).succeeded());
        const SendResult second = sender.sendAndWait(request(server.url()));
        QVERIFY2(second.succeeded(), qPrintable(second.message));
        QCOMPARE(server.connections, 2);
        // A new connection that closes unanswered is an error, not retried.
        ScriptedServer mute;
        mute.answer = [](int, int) { return ScriptedServer::Reply {}; };
        const SendResult unanswered = sender.sendAndWait(request(mute.url()));
        QCOMPARE(unanswered.error, SendError::Network);
        QVERIFY2(unanswered.message.contains(u"without an answer")
                     && unanswered.message.contains(u"https://"),
                 qPrintable(unanswered.message));
        QCOMPARE(mute.connections, 1);
    }

    void readsEveryShapeOfAnswer_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("reply");
        QTest::addColumn<bool>("closeAfter");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("chunked") << QByteArray("POST")
                                 << QByteArray("HTTP/1.1 202 Accepted\r\nTransfer-Encoding: "
                                               "chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")
                                 << false << 202 << QByteArray("abcde");
        QTest::newRow("interim 100 first")
            << QByteArray("POST")
            << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: "
                          "1\r\n\r\nx")
            << false << 201 << QByteArray("x");
        QTest::newRow("body to the close")
            << QByteArray("POST") << QByteArray("HTTP/1.0 200 OK\r\n\r\nuntil the end") << true
            << 200 << QByteArray("until the end");
        QTest::newRow("HEAD has no body")
            << QByteArray("HEAD") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n")
            << false << 200 << QByteArray();
        QTest::newRow("204") << QByteArray("DELETE")
                             << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << false << 204
                             << QByteArray();
    }

    void readsEveryShapeOfAnswer()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, reply);
        QFETCH(bool, closeAfter);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        ScriptedServer server;
        server.answer = [=](int, int) { return ScriptedServer::Reply {reply, closeAfter}; };
        HttpSender sender;
        OutgoingRequest r = request(server.url());
        r.method = method;
        const SendResult result = sender.sendAndWait(r);
        QVERIFY2(result.gotResponse(), qPrintable(result.message));
        QCOMPARE(result.status, status);
        QCOMPARE(result.body, body);
        // Whatever the shape, the connection is left fit for the next send.
        QVERIFY(sender.sendAndWait(r).gotResponse());
        // The same bytes one at a time read the same.
        ResponseReader reader(method == "HEAD");
        for (const char c : reply)
            reader.feed(QByteArrayView(&c, 1));
        if (closeAfter)
            reader.finish();
        QCOMPARE(reader.state(), ResponseReader::State::Complete);
        QCOMPARE(reader.body(), body);
    }

    // What answered instead of HTTP is shown, for its first bytes name it; a broken HTTP
    // answer gets the parser's reason.
    void garbageAnswerIsAnError_data()
    {
        QTest::addColumn<QByteArray>("reply");
        QTest::addColumn<QString>("said");
        QTest::newRow("ssh") << QByteArray("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n")
                             << u"the answer is not HTTP: it starts \"SSH-2.0-OpenSSH_9.2p1 "
                                "Debian-2+d…\"; is an HTTP server listening on that port?"_qs;
        QTest::newRow("tls alert")
            << QByteArray("\x15\x03\x03\x00\x02\x02\x46", 7)
            << u"the answer is not HTTP: it starts \"\\x15\\x03\\x03\\x00\\x02\\x02F\"; "
               "that is TLS: the server speaks HTTPS, so send to https://"_qs;
        QTest::newRow("broken http")
            << QByteArray("HTTP/1.1 200 OK\r\nBad Header\r\n\r\n")
            << u"the answer is not valid HTTP (invalid character in header)"_qs;
    }

    void garbageAnswerIsAnError()
    {
        QFETCH(QByteArray, reply);
        QFETCH(QString, said);
        ScriptedServer server;
        server.answer = [reply](int, int) { return ScriptedServer::Reply {reply}; };
        HttpSender sender;
        const SendResult result = sender.sendAndWait(request(server.url()));
        QCOMPARE(result.error, SendError::Network);
        QVERIFY2(result.message.contains(said), qPrintable(result.message));
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

    // Hookscope's own HTTPS receiver is trusted once its certificate is registered; any other
    // self-signed server still needs the consent above.
    void theOwnReceiversCertificateNeedsNoConsent()
    {
        ReceiverFixture rx;
        const quint16 port = rx.startTls();
        HttpSender sender;
        const OutgoingRequest r
            = request(QUrl(QStringLiteral("https://127.0.0.1:%1/own").arg(port)));
        QCOMPARE(sender.sendAndWait(r).error, SendError::Tls); // not registered yet

        QVERIFY(!trustOwnCertificate(rx.dir().filePath(QStringLiteral("absent.pem"))).isEmpty());
        const QString trusted = trustOwnCertificate(rx.certificatePath());
        QVERIFY2(trusted.isEmpty(), qPrintable(trusted));
        const SendResult accepted = sender.sendAndWait(r);
        QVERIFY2(accepted.succeeded(), qPrintable(accepted.message));
        QTRY_COMPARE(rx.store()->count(), 1);

        ComposeTestServer stranger(true);
        if (!stranger.isListening())
            QSKIP("the openssl tool could not make a test certificate");
        OutgoingRequest toStranger = request(stranger.url());
        toStranger.url.setHost(QStringLiteral("localhost"));
        QCOMPARE(sender.sendAndWait(toStranger).error, SendError::Tls);
        QCOMPARE(stranger.receivedCount(), 0);
    }

    void capturesLookLikeReceivedRequests()
    {
        ComposeTestServer server;
        HttpSender sender;
        const OutgoingRequest r = request(server.url(QStringLiteral("/a/b?c=d")));
        const Capture capture = toCapture(r, sender.sendAndWait(r));
        QCOMPARE(capture.method, QByteArray("POST"));
        QCOMPARE(capture.target, QByteArray("/a/b?c=d"));
        QCOMPARE(capture.headers, wireHeaders(r)); // as they went out
        QCOMPARE(capture.headers.size(), server.received().first().headers.size());
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
