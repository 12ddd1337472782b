#include "HttpTestClient.h"
#include "ReceiverFixture.h"
#include "http/CaptureServer.h"
#include "http/TlsCertificate.h"
#include "store/RequestStore.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <cerrno>
#include <dlfcn.h>
#include <memory>
#include <mutex>
#include <optional>
#include <sqlite3.h>
#include <sys/socket.h>

using namespace hookscope;
using namespace hookscope::http;
using test::HttpTestClient;
using test::RawResponse;

namespace {

qint64 receiptId(const RawResponse &response)
{
    return QJsonDocument::fromJson(response.body)
        .object()
        .value(QStringLiteral("received"))
        .toString()
        .toLongLong();
}

// Makes SQLite's file writes fail as on a full disk (ENOSPC) through the unix VFS's own hook
// for replacing system calls: SQLite's real error path, where maxPageCount only imitates it.
class DiskFullInjector final
{
public:
    DiskFullInjector()
    {
        void *library = ::dlopen("libsqlite3.so.0", RTLD_NOW | RTLD_NOLOAD);
        if (!library)
            return;
        const auto find
            = reinterpret_cast<decltype(&sqlite3_vfs_find)>(::dlsym(library, "sqlite3_vfs_find"));
        m_vfs = find ? find(nullptr) : nullptr;
        ::dlclose(library); // the QSQLITE driver keeps it loaded
        if (!m_vfs || m_vfs->iVersion < 3 || !m_vfs->xSetSystemCall)
            return;
        for (const char *name : {"pwrite64", "pwrite"}) {
            s_original = reinterpret_cast<Pwrite>(m_vfs->xGetSystemCall(m_vfs, name));
            if (s_original
                && m_vfs->xSetSystemCall(m_vfs, name,
                                         reinterpret_cast<sqlite3_syscall_ptr>(&pwriteOrFail))
                    == SQLITE_OK) {
                m_name = name;
                return;
            }
        }
    }
    ~DiskFullInjector()
    {
        if (m_name)
            m_vfs->xSetSystemCall(m_vfs, m_name, nullptr); // back to the real one
        s_full = false;
    }
    bool installed() const { return m_name != nullptr; }
    static void setFull(bool full) { s_full = full; }

private:
    using Pwrite = ssize_t (*)(int, const void *, size_t, off_t);
    static ssize_t pwriteOrFail(int fd, const void *data, size_t size, off_t offset)
    {
        if (s_full.load()) {
            errno = ENOSPC;
            return -1;
        }
        return s_original(fd, data, size, offset);
    }
    static inline std::atomic<bool> s_full {false};
    static inline Pwrite s_original = nullptr;
    sqlite3_vfs *m_vfs = nullptr;
    const char *m_name = nullptr;
};

} // namespace

class TestCaptureServer final : public QObject
{
    Q_OBJECT

private:
    std::optional<test::ReceiverFixture> m_rx;

    // The header lines of a response as read off the wire, in order.
    static HeaderList headersOf(const RawResponse &response)
    {
        HeaderList headers;
        const QList<QByteArray> lines = response.head.split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
        }
        return headers;
    }

    quint16 start(ReceiverConfig config = {}) { return m_rx->start(std::move(config)); }

private Q_SLOTS:
    void init() { m_rx.emplace(); }

    void cleanup() { m_rx.reset(); }

    void plainRequestIsStoredExactlyBeforeTheAnswer()
    {
        const quint16 port = start();
        QVERIFY(port != 0); // port 0 picked a free port and reports it
        const QByteArray request = "POST /hooks/a?b=1 HTTP/1.1\r\nHost: localhost\r\n"
                                   "X-GitHub-Event: push\r\nx-dup: 1\r\nX-Dup: 2\r\n"
                                   "Content-Type: application/json\r\nContent-Length: 11\r\n\r\n"
                                   "{\"ok\":true}";
        const RawResponse response = test::roundTrip(port, request);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.header("content-type"), QByteArray("application/json"));
        const qint64 id = receiptId(response);
        QVERIFY(id > 0);
        QCOMPARE(response.body, "{\"received\":\"" + QByteArray::number(id) + "\"}");

        // The 200 means stored: the row is there without waiting.
        const auto capture = m_rx->store()->load(id);
        QVERIFY(capture);
        QCOMPARE(capture->method, QByteArray("POST"));
        QCOMPARE(capture->target, QByteArray("/hooks/a?b=1"));
        QCOMPARE(capture->body, QByteArray("{\"ok\":true}"));
        QCOMPARE(capture->headers.size(), 6);
        QCOMPARE(capture->headers.at(2), (HeaderField {"x-dup", "1"}));
        QCOMPARE(capture->headers.at(3), (HeaderField {"X-Dup", "2"}));
        QCOMPARE(capture->eventType, QStringLiteral("push"));
        QCOMPARE(capture->remoteAddress, QStringLiteral("127.0.0.1"));
        QVERIFY(capture->remotePort != 0);
        QVERIFY(!capture->tls);
        QVERIFY(capture->receivedAtUs > 1'600'000'000'000'000);
        QVERIFY(capture->durationUs >= 0);
        QCOMPARE(capture->responseStatus, 200);
        QCOMPARE(capture->responseBody, response.body);
        QCOMPARE(capture->signature.verdict, QStringLiteral("unsigned"));
        // The answer's headers are stored exactly as they went out, length included.
        QCOMPARE(capture->responseHeaders, headersOf(response));
        QCOMPARE(headerValue(capture->responseHeaders, "Content-Length"),
                 QByteArray::number(response.body.size()));
    }

    void keepAliveAndPipelinedRequestsAnswerInOrder()
    {
        const quint16 port = start();
        HttpTestClient client(port);
        client.send("GET /one HTTP/1.1\r\nHost: a\r\n\r\n");
        QList<RawResponse> responses = client.read(1);
        QCOMPARE(responses.size(), 1);
        QByteArray pipelined;
        for (int i = 0; i < 20; ++i)
            pipelined += "POST /p" + QByteArray::number(i)
                + " HTTP/1.1\r\nHost: a\r\nContent-Length: 1"
                  "\r\n\r\n"
                + QByteArray::number(i % 10);
        client.send(pipelined);
        responses = client.read(20);
        QCOMPARE(responses.size(), 20);
        qint64 previous = 0;
        for (int i = 0; i < 20; ++i) {
            QCOMPARE(responses.at(i).status, 200);
            const qint64 id = receiptId(responses.at(i));
            QVERIFY(id > previous);
            previous = id;
            QCOMPARE(m_rx->store()->load(id)->target, "/p" + QByteArray::number(i));
        }
        QVERIFY(client.isConnected());
    }

    void deepPipelineIsAnsweredCompletely()
    {
        // More than the per-connection cap of waiting answers: reading pauses, then resumes.
        const quint16 port = start();
        HttpTestClient client(port);
        QByteArray requests;
        for (int i = 0; i < 700; ++i)
            requests += "GET /deep/" + QByteArray::number(i) + " HTTP/1.1\r\nHost: a\r\n\r\n";
        client.send(requests);
        const QList<RawResponse> responses = client.read(700, 30000);
        QCOMPARE(responses.size(), 700);
        QCOMPARE(m_rx->store()->count(), 700);
        QCOMPARE(m_rx->store()->load(receiptId(responses.last()))->target, QByteArray("/deep/699"));
    }

    void answersLargerThanTheSocketBuffersArriveWholeAndInOrder()
    {
        // While the client reads nothing, the first answer fills the kernel's buffers and the
        // rest of it waits in the connection; the answers after it must queue behind, not pass.
        ReceiverConfig config;
        const QByteArray padding(6 * 1024 * 1024, 'x');
        config.defaultResponse.body = "{{id}}:" + padding;
        const quint16 port = start(config);
        HttpTestClient client(port);
        client.send("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n"
                    "GET /3 HTTP/1.1\r\nHost: a\r\n\r\n");
        QTRY_COMPARE(m_rx->store()->count(), 3);
        QTest::qWait(200); // the server writes what the kernel takes, then waits for room
        const QList<RawResponse> responses = client.read(3, 30000);
        QCOMPARE(responses.size(), 3);
        for (int i = 0; i < 3; ++i) {
            const QByteArray &body = responses.at(i).body;
            const qsizetype colon = body.indexOf(':');
            QVERIFY(colon > 0);
            QCOMPARE(m_rx->store()->load(body.left(colon).toLongLong())->target,
                     "/" + QByteArray::number(i + 1));
            QCOMPARE(body.size() - colon - 1, padding.size());
            QVERIFY(body.endsWith("xxxx"));
        }
        QVERIFY(client.isConnected());
    }

    void chunkedBodyIsStoredDechunked()
    {
        const quint16 port = start();
        const RawResponse response
            = test::roundTrip(port,
                              "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
        QCOMPARE(response.status, 200);
        QCOMPARE(m_rx->store()->load(receiptId(response))->body, QByteArray("abcde"));
    }

    void expectContinueGetsAnInterimAnswer()
    {
        const quint16 port = start();
        HttpTestClient client(port);
        client.send(
            "PUT /big HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
        QTRY_VERIFY(client.socket().waitForReadyRead(100) || client.socket().bytesAvailable() > 0
                    || !client.pending().isEmpty());
        const QByteArray interim = client.socket().readAll();
        QCOMPARE(interim, QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
        client.send("body");
        const QList<RawResponse> responses = client.read(1);
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses.first().status, 200);
        QCOMPARE(m_rx->store()->load(receiptId(responses.first()))->body, QByteArray("body"));
    }

    void headRequestGetsNoBody()
    {
        const quint16 port = start();
        HttpTestClient client(port);
        client.send("HEAD / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n");
        client.socket().waitForReadyRead(5000);
        QTRY_VERIFY(client.socket().bytesAvailable() > 0);
        QByteArray all;
        for (int i = 0; i < 50 && all.count("HTTP/1.1 200") < 2; ++i) {
            client.socket().waitForReadyRead(100);
            all += client.socket().readAll();
        }
        QCOMPARE(all.count("HTTP/1.1 200"), 2);
        const qsizetype second = all.indexOf("HTTP/1.1 200", 1);
        QVERIFY(all.left(second).endsWith("\r\n\r\n")); // no body after the HEAD answer
    }

    void brokenRequestsAreAnsweredAndCapturedAsMalformed_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<int>("status");
        QTest::newRow("garbage") << QByteArray("\x01\x02 not http\r\n\r\n") << 400;
        QTest::newRow("content-length and chunked")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: "
                          "chunked\r\n\r\n0\r\n\r\n")
            << 400;
        QTest::newRow("two content-lengths")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n"
                          "\r\nab")
            << 400;
        QTest::newRow("headers too large") << QByteArray(
            "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + QByteArray(3000, 'h') + "\r\n\r\n")
                                           << 431;
        QTest::newRow("target too long")
            << QByteArray("GET /" + QByteArray(3000, 't') + " HTTP/1.1\r\nHost: a\r\n\r\n") << 414;
        QTest::newRow("body too large") << QByteArray(
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5000\r\n\r\n" + QByteArray(5000, 'b'))
                                        << 413;
    }

    void brokenRequestsAreAnsweredAndCapturedAsMalformed()
    {
        QFETCH(QByteArray, raw);
        QFETCH(int, status);
        ReceiverConfig config;
        config.limits = {2048, 4096};
        const quint16 port = start(config);
        HttpTestClient client(port);
        client.send(raw);
        const QList<RawResponse> responses = client.read(1);
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses.first().status, status);
        QCOMPARE(responses.first().header("connection"), QByteArray("close"));
        QVERIFY(client.waitForClose(5000));
        QCOMPARE(m_rx->store()->count(), 1);
        const store::CaptureSummary row = m_rx->store()->page({}, 0, 1).first();
        QVERIFY(row.malformed);
        QCOMPARE(row.responseStatus, status);
        const auto capture = m_rx->store()->load(row.id);
        QVERIFY(!capture->parseError.isEmpty());
        QVERIFY(raw.startsWith(capture->body.left(64))); // the bytes seen so far
    }

    void slowClientIsCutOffAndItsBytesKept()
    {
        ReceiverConfig config;
        config.requestTimeoutMs = 400;
        const quint16 port = start(config);
        HttpTestClient client(port);
        const QByteArray slow = "POST /slow HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n";
        bool closed = false;
        for (int i = 0; i < slow.size() && !closed; ++i) {
            client.send(slow.mid(i, 1));
            closed = client.waitForClose(50);
        }
        QVERIFY(closed || client.waitForClose(5000));
        QVERIFY(client.pending().startsWith("HTTP/1.1 408"));
        QTRY_COMPARE(m_rx->store()->count(), 1);
        const auto capture = m_rx->store()->load(m_rx->store()->page({}, 0, 1).first().id);
        QVERIFY(capture->malformed);
        QVERIFY(slow.startsWith(capture->body));
    }

    void idleConnectionIsClosed()
    {
        ReceiverConfig config;
        config.idleTimeoutMs = 300;
        const quint16 port = start(config);
        HttpTestClient client(port);
        QVERIFY(client.isConnected());
        QVERIFY(client.waitForClose(5000));
        QCOMPARE(m_rx->store()->count(), 0);
    }

    void connectionCapClosesTheLongestIdleToMakeRoom()
    {
        // At the cap a newcomer takes the place of the connection idle longest; when every
        // one is busy it is refused instead (TestHardeningReceiver).
        ReceiverConfig config;
        config.maxConnections = 2;
        const quint16 port = start(config);
        HttpTestClient first(port);
        first.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        QCOMPARE(first.read(1).size(), 1); // answered, then idle: the longest idle one
        HttpTestClient second(port);
        HttpTestClient third(port);
        third.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        QCOMPARE(third.read(1).value(0).status, 200);
        QVERIFY(first.waitForClose(5000));
        second.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        QCOMPARE(second.read(1).value(0).status, 200);
    }

    void aFloodOfIdleConnectionsDoesNotSilenceTheServer()
    {
        ReceiverConfig config;
        config.maxConnections = 300;
        config.idleTimeoutMs = 600;
        const quint16 port = start(config);
        std::vector<std::unique_ptr<QTcpSocket>> idle;
        for (int i = 0; i < 1000; ++i) {
            idle.push_back(std::make_unique<QTcpSocket>());
            idle.back()->connectToHost(QHostAddress::LocalHost, port);
        }
        int established = 0;
        for (auto &socket : idle)
            established += socket->waitForConnected(5000) ? 1 : 0;
        QVERIFY2(established >= 300, qPrintable(QString::number(established)));
        auto connectedCount = [&idle] {
            int connected = 0;
            for (auto &socket : idle) {
                socket->waitForReadyRead(0);
                if (socket->state() != QAbstractSocket::UnconnectedState)
                    ++connected;
            }
            return connected;
        };
        // The cap turns the extra ones away and the idle ones time out; then it serves again.
        QTRY_COMPARE_WITH_TIMEOUT(connectedCount(), 0, 20000);
        QCOMPARE(test::roundTrip(port, "GET /after HTTP/1.1\r\nHost: a\r\n\r\n").status, 200);
    }

    void manyConcurrentClientsAreAllStored()
    {
        ReceiverConfig config;
        config.workerThreads = 2;
        const quint16 port = start(config);
        constexpr int clients = 40;
        constexpr int perClient = 10;
        std::vector<std::unique_ptr<HttpTestClient>> sockets;
        for (int c = 0; c < clients; ++c) {
            sockets.push_back(std::make_unique<HttpTestClient>(port));
            QByteArray requests;
            for (int i = 0; i < perClient; ++i)
                requests += "POST /c" + QByteArray::number(c)
                    + " HTTP/1.1\r\nHost: a\r\n"
                      "Content-Length: 2\r\n\r\nhi";
            sockets.back()->send(requests);
        }
        QSet<qint64> ids;
        for (auto &socket : sockets) {
            const QList<RawResponse> responses = socket->read(perClient);
            QCOMPARE(responses.size(), perClient);
            for (const RawResponse &response : responses) {
                QCOMPARE(response.status, 200);
                ids.insert(receiptId(response));
            }
        }
        QCOMPARE(ids.size(), clients * perClient);
        QCOMPARE(m_rx->store()->count(), qint64(clients * perClient));
    }

    void anyIpv6AddressTakesIpv4Too()
    {
        ReceiverConfig config;
        config.address = QHostAddress(QStringLiteral("::"));
        config.allowNonLoopback = true;
        const quint16 port = start(config);
        QCOMPARE(test::roundTrip(port, "GET /v4 HTTP/1.1\r\nHost: a\r\n\r\n").status, 200);
    }

    void portInUseNamesThePort()
    {
        const quint16 port = start();
        ReceiverConfig config;
        config.port = port;
        CaptureServer second;
        QVERIFY(!second.start(config, m_rx->store()));
        QVERIFY2(second.errorString().contains(QString::number(port)),
                 qPrintable(second.errorString()));
        QVERIFY(second.errorString().contains(QStringLiteral("in use")));
    }

    void nonLoopbackIsRefusedUnlessAsked()
    {
        start();
        QCOMPARE(ReceiverConfig {}.address, QHostAddress(QHostAddress::LocalHost));
        ReceiverConfig config;
        config.address = QHostAddress(QHostAddress::AnyIPv4);
        config.port = 0;
        CaptureServer server;
        QVERIFY(!server.start(config, m_rx->store()));
        QVERIFY(server.errorString().contains(QStringLiteral("loopback")));
        QVERIFY(!server.isListening());
    }

    void endpointsAnswerAsConfigured()
    {
        ReceiverConfig config;
        EndpointConfig github;
        github.name = QStringLiteral("github");
        github.pathPrefix = "/github";
        github.response = {202, {{"X-Test", "yes"}}, "stored {{id}}", 50};
        config.endpoints = {github};
        config.defaultResponse.status = 201;
        const quint16 port = start(config);

        const RawResponse hit = test::roundTrip(port,
                                                "POST /github/x HTTP/1.1\r\nHost: a\r\n"
                                                "Content-Length: 0\r\n\r\n");
        QCOMPARE(hit.status, 202);
        QCOMPARE(hit.header("x-test"), QByteArray("yes"));
        QVERIFY(hit.body.startsWith("stored "));
        const auto capture = m_rx->store()->load(hit.body.mid(7).toLongLong());
        QVERIFY(capture);
        QCOMPARE(capture->endpoint, QStringLiteral("github"));
        QCOMPARE(capture->responseBody, hit.body);
        // "{{id}}" became the id in the body, and the recorded length followed it.
        QCOMPARE(capture->responseHeaders, headersOf(hit));

        const RawResponse miss
            = test::roundTrip(port, "GET /githubber HTTP/1.1\r\nHost: a\r\n\r\n");
        QCOMPARE(miss.status, 201);
        QCOMPARE(m_rx->store()->load(receiptId(miss))->endpoint, QString());
    }

    void statusesWithoutABodyGoOutBareAndKeepTheConnectionInStep_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("contentLengths"); // "Content-Length: 0" lines expected
        QTest::newRow("204") << 204 << 0;
        QTest::newRow("205") << 205 << 2; // it has no body, and must say so
        QTest::newRow("304") << 304 << 0;
    }

    void statusesWithoutABodyGoOutBareAndKeepTheConnectionInStep()
    {
        QFETCH(int, status);
        QFETCH(int, contentLengths);
        ReceiverConfig config;
        config.defaultResponse.status = status;
        config.defaultResponse.body = "configured {{id}}";
        const quint16 port = start(config);
        HttpTestClient client(port);
        client.send("POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nx"
                    "GET /b HTTP/1.1\r\nHost: a\r\n\r\n");
        QTRY_COMPARE(m_rx->store()->count(), 2);
        QTest::qWait(100);
        QByteArray wire;
        for (int i = 0; i < 20 && wire.count("HTTP/1.1 ") < 2; ++i) {
            client.socket().waitForReadyRead(100);
            wire += client.socket().readAll();
        }
        // Two bare heads back to back: no Content-Type, no body between.
        const QByteArray head = "HTTP/1.1 " + QByteArray::number(status);
        QCOMPARE(wire.count(head), 2);
        QCOMPARE(wire.count("Content-Length"), contentLengths);
        QCOMPARE(wire.count("Content-Length: 0\r\n"), contentLengths);
        QVERIFY2(!wire.contains("Content-Type") && !wire.contains("configured"), wire.constData());
        QVERIFY(wire.endsWith("\r\n\r\n"));
        const auto rows = m_rx->store()->page({}, 0, 2);
        QCOMPARE(m_rx->store()->load(rows.first().id)->responseBody, QByteArray());
        QCOMPARE(m_rx->store()->load(rows.first().id)->responseStatus, status);
    }

    void responseHeadersWithNewlinesAreRefused()
    {
        start();
        ReceiverConfig config;
        config.defaultResponse.headers = {{"X-Evil", "a\r\nSet-Cookie: x=1"}};
        CaptureServer server;
        QVERIFY(!server.start(config, m_rx->store()));
        QVERIFY(server.errorString().contains(QStringLiteral("CR, LF")));
    }

    void verdictHookIsStoredAndCanReject()
    {
        ReceiverConfig config;
        EndpointConfig strict;
        strict.name = QStringLiteral("strict");
        strict.pathPrefix = "/strict";
        strict.rejectInvalidSignature = true;
        config.endpoints = {strict};
        const quint16 port = m_rx->start(config, [](CaptureServer &server) {
            server.setVerdictHook([](const Capture &capture) {
                const bool good = headerValue(capture.headers, "x-sig") == "good";
                return StoredVerdict {QStringLiteral("test"),
                                      good ? QStringLiteral("valid") : QStringLiteral("invalid"),
                                      QStringLiteral("checked")};
            });
        });

        const RawResponse good
            = test::roundTrip(port,
                              "POST /strict HTTP/1.1\r\nHost: a\r\nX-Sig: good\r\n"
                              "Content-Length: 0\r\n\r\n");
        QCOMPARE(good.status, 200);
        QCOMPARE(m_rx->store()->load(receiptId(good))->signature.verdict, QStringLiteral("valid"));
        const RawResponse bad = test::roundTrip(port,
                                                "POST /strict HTTP/1.1\r\nHost: a\r\nX-Sig: bad\r\n"
                                                "Content-Length: 0\r\n\r\n");
        QCOMPARE(bad.status, 401);
        store::CaptureFilter filter;
        filter.verdict = QStringLiteral("invalid");
        QTRY_COMPARE(m_rx->store()->count(filter), 1); // stored even though refused
        QCOMPARE(m_rx->store()->page(filter, 0, 1).first().responseStatus, 401);
    }

    // A receiver that checks signatures refuses every failed check, not only a wrong one: a
    // missing, unreadable or stale signature too. Nothing set to check (no-secret, unsigned) is
    // not a failure.
    void everyFailedCheckIsRefusedWithItsReason_data()
    {
        QTest::addColumn<QString>("verdict");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("reason");
        QTest::newRow("valid") << u"valid"_qs << 200 << QByteArray();
        QTest::newRow("no secret") << u"no-secret"_qs << 200 << QByteArray();
        QTest::newRow("unsigned") << u"unsigned"_qs << 200 << QByteArray();
        QTest::newRow("invalid") << u"invalid"_qs << 401 << QByteArray("invalid signature: ");
        QTest::newRow("missing") << u"missing-header"_qs << 401
                                 << QByteArray("missing signature: ");
        QTest::newRow("malformed")
            << u"malformed-header"_qs << 401 << QByteArray("malformed signature: ");
        QTest::newRow("too old") << u"outside-tolerance"_qs << 401
                                 << QByteArray("signature outside the time tolerance: ");
    }

    void everyFailedCheckIsRefusedWithItsReason()
    {
        QFETCH(QString, verdict);
        QFETCH(int, status);
        QFETCH(QByteArray, reason);
        ReceiverConfig config;
        config.defaultRejectInvalidSignature = true; // the catch-all, as `listen --reject-invalid`
        const quint16 port = m_rx->start(config, [verdict](CaptureServer &server) {
            server.setVerdictHook([verdict](const Capture &) {
                return StoredVerdict {QStringLiteral("test"), verdict,
                                      QStringLiteral("the detail")};
            });
        });
        const RawResponse answer
            = test::roundTrip(port, "POST /any HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}");
        QCOMPARE(answer.status, status);
        if (!reason.isEmpty())
            QCOMPARE(answer.body, "{\"error\":\"" + reason + "the detail\"}");
        QTRY_COMPARE(m_rx->store()->count(), 1); // stored either way
        QCOMPARE(m_rx->store()->page({}, 0, 1).first().responseStatus, status);
    }

    void refusedWritesAnswer503AndNeverClaimAReceipt()
    {
        const quint16 port = start();
        QSignalSpy failures(m_rx->store(), &store::RequestStore::writeFailed);
        m_rx->store()->setWritesRefusedForTesting(true);
        const RawResponse refused
            = test::roundTrip(port, "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nx");
        QCOMPARE(refused.status, 503);
        QVERIFY(refused.body.contains("not stored"));
        QVERIFY(refused.body.contains("readonly"));
        // The sender, who may be anyone with --bind, is not told where the database is; the
        // receiver's own log is.
        QVERIFY2(!refused.body.contains(m_rx->store()->path().toUtf8()), refused.body.constData());
        QTRY_COMPARE(failures.size(), 1);
        QVERIFY(failures.constFirst().constFirst().toString().contains(m_rx->store()->path()));
        QCOMPARE(m_rx->store()->count(), 0);

        m_rx->store()->setWritesRefusedForTesting(false);
        QCOMPARE(test::roundTrip(port, "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nx")
                     .status,
                 200);
        QCOMPARE(m_rx->store()->count(), 1);
    }

    void fullDiskAnswers503()
    {
        store::StoreOptions options;
        options.maxPageCount = 40; // a tiny "disk"
        m_rx->openStore(options);
        const quint16 port = start();
        HttpTestClient client(port);
        int stored = 0;
        int unavailable = 0;
        const QByteArray body(3000, 'z');
        for (int i = 0; i < 60 && unavailable == 0; ++i) {
            client.send("POST /f HTTP/1.1\r\nHost: a\r\nContent-Length: 3000\r\n\r\n" + body);
            const QList<RawResponse> responses = client.read(1);
            QCOMPARE(responses.size(), 1);
            if (responses.first().status == 200)
                ++stored;
            else if (responses.first().status == 503) {
                ++unavailable;
                QVERIFY(responses.first().body.contains("full"));
            }
        }
        QVERIFY(stored > 0);
        QCOMPARE(unavailable, 1);
        QCOMPARE(m_rx->store()->count(), qint64(stored));
    }

    void aRealDiskFullAnswers503AndLosesNothingOnceThereIsRoom()
    {
        const QString path = m_rx->databasePath();
        const quint16 port = start();
        DiskFullInjector disk;
        QVERIFY2(disk.installed(), "SQLite's unix VFS offers no pwrite to replace");
        const QByteArray body(3000, 'b');
        const auto post = [&](const QByteArray &target) {
            return test::roundTrip(
                port,
                "POST " + target + " HTTP/1.1\r\nHost: a\r\nContent-Length: 3000\r\n\r\n" + body);
        };
        QCOMPARE(post("/before").status, 200);

        QSignalSpy failures(m_rx->store(), &store::RequestStore::writeFailed);
        DiskFullInjector::setFull(true);
        for (int i = 0; i < 3; ++i) {
            const RawResponse refused = post("/during");
            QCOMPARE(refused.status, 503);
            QVERIFY2(refused.body.contains("full"), refused.body.constData());
        }
        QVERIFY(!failures.isEmpty());
        QVERIFY(failures.first().first().toString().contains(QStringLiteral("full")));

        DiskFullInjector::setFull(false);
        const RawResponse after = post("/after");
        QCOMPARE(after.status, 200);
        QCOMPARE(m_rx->store()->count(), 2);
        QCOMPARE(m_rx->store()->load(receiptId(after))->body, body);

        // What was acknowledged is in the file, readable after a restart; what failed is not.
        m_rx->close();
        store::RequestStore reopened;
        QCOMPARE(reopened.open(path), QString());
        QCOMPARE(reopened.count(), 2);
        store::CaptureFilter filter;
        filter.text = QStringLiteral("/during");
        QVERIFY(reopened.page(filter, 0, 10).isEmpty());
    }

    void tlsWithAGeneratedCertificate()
    {
        ReceiverConfig config;
        config.tls = true;
        const quint16 port = start(config);
        QVERIFY(m_rx->server()->url().startsWith(QStringLiteral("https://127.0.0.1:")));
        const QString keyPath = m_rx->dir().filePath(QStringLiteral("localhost-key.pem"));
        QVERIFY(QFile::exists(keyPath));
        const QFileDevice::Permissions permissions = QFile::permissions(keyPath);
        QVERIFY(permissions & QFileDevice::ReadOwner);
        QVERIFY(!(permissions
                  & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther
                     | QFileDevice::WriteOther))); // mode 0600

        const RawResponse response = test::roundTrip(
            port, "POST /tls HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\nok", true);
        QCOMPARE(response.status, 200);
        const auto capture = m_rx->store()->load(receiptId(response));
        QVERIFY(capture->tls);
        QCOMPARE(capture->body, QByteArray("ok"));

        QCOMPARE(test::roundTrip(port, "GET /again HTTP/1.1\r\nHost: a\r\n\r\n", true).status, 200);
        QCOMPARE(m_rx->store()->count(), 2);
    }

    // An http:// URL for an HTTPS receiver: the sender is told in plain HTTP which URL to use
    // (not an empty reply), the user hears of it, and nothing is stored.
    void plainHttpOnTheTlsPortIsToldTheHttpsUrl_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::newRow("POST") << QByteArray("POST /hook HTTP/1.1\r\nHost: a\r\nContent-Length: "
                                            "7\r\n\r\n{\"a\":1}");
        QTest::newRow("PATCH, unknown to OpenSSL")
            << QByteArray("PATCH /hook HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}");
    }

    void plainHttpOnTheTlsPortIsToldTheHttpsUrl()
    {
        QFETCH(QByteArray, request);
        ReceiverConfig config;
        config.tls = true;
        QStringList notices;
        std::mutex noticesMutex;
        const quint16 port = m_rx->start(config, [&](http::CaptureServer &server) {
            server.setNoticeHook([&](const QString &notice) {
                std::lock_guard lock(noticesMutex);
                notices << notice;
            });
        });
        HttpTestClient plain(port);
        plain.send(request);
        QVERIFY(plain.waitForClose(5000));
        QByteArray received = plain.pending();
        const QList<RawResponse> answers = test::takeResponses(received);
        QCOMPARE(answers.size(), 1);
        QCOMPARE(answers.first().status, 400);
        const QByteArray https = "https://127.0.0.1:" + QByteArray::number(port) + '/';
        QVERIFY2(answers.first().body.contains("speaks HTTPS")
                     && answers.first().body.contains(https + " followed by the same path"),
                 answers.first().body.constData());
        {
            std::lock_guard lock(noticesMutex);
            QCOMPARE(notices.size(), 1); // said before the answer went out
            QVERIFY2(notices.first().startsWith(u"plain HTTP from 127.0.0.1:"),
                     qPrintable(notices.first()));
        }
        QCOMPARE(m_rx->store()->count(), 0);
        QCOMPARE(test::roundTrip(port, "GET /after HTTP/1.1\r\nHost: a\r\n\r\n", true).status, 200);
    }

    // A certificate with another certificate's key would fail every handshake without a word:
    // it is refused at start, saying which files do not belong together.
    void aKeyThatIsNotTheCertificatesIsRefused()
    {
        QTemporaryDir first;
        QTemporaryDir second;
        QString certificateA, keyA, certificateB, keyB;
        QCOMPARE(http::ensureSelfSignedCertificate(first.path(), &certificateA, &keyA), QString());
        QCOMPARE(http::ensureSelfSignedCertificate(second.path(), &certificateB, &keyB), QString());
        QSslConfiguration tls;
        QCOMPARE(http::loadServerTls(certificateA, keyA, &tls), QString());
        const QString error = http::loadServerTls(certificateA, keyB, &tls);
        QVERIFY2(error.contains(u"is not the key of the certificate"), qPrintable(error));

        test::ReceiverFixture receiver;
        receiver.openStore();
        http::CaptureServer server;
        ReceiverConfig config;
        config.port = 0;
        config.tls = true;
        config.certificatePath = certificateA;
        config.privateKeyPath = keyB;
        QVERIFY(!server.start(config, receiver.store()));
        QVERIFY2(server.errorString().contains(keyB), qPrintable(server.errorString()));
    }

    void aRequestTheClientCutOffIsKeptAsMalformed_data()
    {
        QTest::addColumn<QByteArray>("sent");
        QTest::newRow("body cut short")
            << QByteArray("POST /cut HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nabc");
        QTest::newRow("headers cut short") << QByteArray("POST /eofhdr HTTP/1.1\r\nHost: x\r\n");
        QTest::newRow("chunk cut short") << QByteArray(
            "POST /ch HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel");
    }

    void aRequestTheClientCutOffIsKeptAsMalformed()
    {
        QFETCH(QByteArray, sent);
        const quint16 port = start();
        {
            HttpTestClient client(port);
            client.send("GET /whole HTTP/1.1\r\nHost: a\r\n\r\n" + sent);
            QCOMPARE(client.read(1).value(0).status, 200);
            QTest::qWait(50); // the server has the partial request too
        } // closed here, the request unfinished
        QTRY_COMPARE(m_rx->store()->count(), 2);
        const auto rows = m_rx->store()->page({}, 0, 2);
        const auto cut = m_rx->store()->load(rows.first().id);
        QVERIFY(cut->malformed);
        QVERIFY2(cut->parseError.contains(QStringLiteral("closed the connection")),
                 qPrintable(cut->parseError));
        QCOMPARE(cut->body, sent);
        QCOMPARE(cut->responseStatus, 0);
        QCOMPARE(m_rx->store()->load(rows.last().id)->target, QByteArray("/whole"));
    }

    // `nc -N` and some HTTP/1.0 clients shut their sending side once the request is out and
    // then wait for the answer: it must reach them, as the stored row says it did.
    void aHalfClosedClientStillGetsItsAnswers_data()
    {
        QTest::addColumn<int>("delayMs");
        QTest::newRow("answer at once") << 0;
        QTest::newRow("answer well after the half-close") << 300;
    }

    void aHalfClosedClientStillGetsItsAnswers()
    {
        QFETCH(int, delayMs);
        ReceiverConfig config;
        config.defaultResponse.delayMs = delayMs;
        const quint16 port = start(config);
        HttpTestClient client(port);
        client.send("POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nx"
                    "POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\ny");
        QCOMPARE(::shutdown(int(client.socket().socketDescriptor()), SHUT_WR), 0);
        const QList<RawResponse> responses = client.read(2);
        QCOMPARE(responses.size(), 2);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(responses.at(i).status, 200);
            const auto row = m_rx->store()->load(receiptId(responses.at(i)));
            QVERIFY(row);
            QCOMPARE(row->target, i == 0 ? QByteArray("/a") : QByteArray("/b"));
            QCOMPARE(row->responseStatus, 200);
        }
        // Then the receiver ends the connection; nothing is left open.
        QVERIFY(client.waitForClose(5000));
    }

    // Each plain connection holds a second descriptor for the case above: every way a
    // connection can end must give both back.
    void everyWayAConnectionEndsGivesItsDescriptorsBack()
    {
        const auto openDescriptors = [] {
            return QDir(QStringLiteral("/proc/self/fd"))
                .entryList(QDir::Files | QDir::System)
                .size();
        };
        ReceiverConfig config;
        config.idleTimeoutMs = 300;
        const quint16 port = start(config);
        QCOMPARE(test::roundTrip(port, "GET /warm HTTP/1.1\r\nHost: a\r\n\r\n").status, 200);
        QTest::qWait(100);
        const qsizetype before = openDescriptors();
        for (int i = 0; i < 10; ++i) {
            // The client closes after its answer.
            QCOMPARE(test::roundTrip(port, "GET /1 HTTP/1.1\r\nHost: a\r\n\r\n").status, 200);
            {
                // The server closes after its answer.
                HttpTestClient client(port);
                client.send("GET /2 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
                QCOMPARE(client.read(1).value(0).status, 200);
                QVERIFY(client.waitForClose(5000));
            }
            {
                // A half-close.
                HttpTestClient client(port);
                client.send("GET /3 HTTP/1.1\r\nHost: a\r\n\r\n");
                ::shutdown(int(client.socket().socketDescriptor()), SHUT_WR);
                QCOMPARE(client.read(1).value(0).status, 200);
                QVERIFY(client.waitForClose(5000));
            }
            {
                // Malformed: answered 400 and closed.
                HttpTestClient client(port);
                client.send("GET / HTTP/1.1\r\n\r\n");
                QCOMPARE(client.read(1).value(0).status, 400);
                QVERIFY(client.waitForClose(5000));
            }
            {
                // The client vanishes mid-request.
                HttpTestClient client(port);
                client.send("POST /4 HTTP/1.1\r\nHost: a\r\nContent-Length: 9\r\n\r\nab");
            }
            // Idle until the server's timeout.
            HttpTestClient idle(port);
            QVERIFY(idle.waitForClose(5000));
        }
        QTRY_COMPARE_WITH_TIMEOUT(openDescriptors(), before, 10000);
        QTRY_COMPARE(m_rx->store()->count(), 1 + 10 * 5);
    }

    // Testing a provider's timeout is what a delay is for: a sender that gives up while its
    // answer is held is recorded as having left, and the user hears of it, instead of the row
    // saying only that it was answered.
    void aSenderThatLeavesWhileTheAnswerIsHeldIsRecorded()
    {
        ReceiverConfig config;
        config.defaultResponse.delayMs = 1500;
        QStringList notices;
        std::mutex noticesMutex;
        const quint16 port = m_rx->start(config, [&](http::CaptureServer &server) {
            server.setNoticeHook([&](const QString &notice) {
                std::lock_guard lock(noticesMutex);
                notices << notice;
            });
        });
        HttpTestClient patient(port);
        patient.send("POST /waits HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nw");
        HttpTestClient impatient(port);
        impatient.send("POST /leaves HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nl");
        QTRY_COMPARE(m_rx->store()->count(), 2);
        QTest::qWait(200);
        impatient.socket().abort(); // a timeout: the sender closes and reads nothing more
        const QList<RawResponse> answered = patient.read(1, 5000);
        QCOMPARE(answered.size(), 1);
        QCOMPARE(answered.first().status, 200);

        const auto byTarget = [this](const QByteArray &target) {
            for (const store::CaptureSummary &row : m_rx->store()->page({}, 0, 10)) {
                if (row.target == target)
                    return m_rx->store()->load(row.id);
            }
            return std::optional<Capture>();
        };
        QTRY_VERIFY(byTarget("/leaves")->senderLeftAfterMs >= 0);
        const Capture left = *byTarget("/leaves");
        QVERIFY2(left.senderLeftAfterMs >= 150 && left.senderLeftAfterMs < 1500,
                 QByteArray::number(left.senderLeftAfterMs).constData());
        QCOMPARE(left.responseStatus, 200); // what it would have got
        QVERIFY2(senderLeftText(left).contains(u"held by the endpoint's 1500 ms delay"),
                 qPrintable(senderLeftText(left)));
        QCOMPARE(byTarget("/waits")->senderLeftAfterMs, -1);
        {
            std::lock_guard lock(noticesMutex);
            QCOMPARE(notices.size(), 1);
            QVERIFY2(notices.first().startsWith(
                         u"request #%1: The sender closed the connection "_qs.arg(left.id)),
                     qPrintable(notices.first()));
        }
    }

    void stopAnswersADelayedAnswerAtOnce()
    {
        ReceiverConfig config;
        config.defaultResponse.delayMs = 60000;
        const quint16 port = start(config);
        HttpTestClient client(port);
        client.send("POST /slow HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nz");
        QTRY_COMPARE(m_rx->store()->count(), 1);
        m_rx->server()->stop(); // must not drop an answer the store already records as 200
        const QList<RawResponse> responses = client.read(1, 5000);
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses.first().status, 200);
        QCOMPARE(m_rx->store()->load(receiptId(responses.first()))->responseStatus, 200);
    }

    // A client that sent more than the server had read when it stopped still gets every answer
    // to what was stored: the unread bytes must not turn the close into a reset, which would
    // throw away answers already on their way.
    void stopAnswersWhatWasStoredThoughMoreWasSent()
    {
        ReceiverConfig config;
        config.defaultResponse.delayMs = 60000; // answers wait, so the pipeline fills up
        const quint16 port = start(config);
        HttpTestClient client(port);
        QByteArray pipeline;
        for (int i = 0; i < 300; ++i)
            pipeline += "POST /p" + QByteArray::number(i)
                + " HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nz";
        client.send(pipeline);
        // 256 answers may wait at once; the rest stays unread in the socket.
        QTRY_COMPARE(m_rx->store()->count(), 256);
        QTest::qWait(100);
        QCOMPARE(m_rx->store()->count(), 256);
        m_rx->server()->stop();
        const QList<RawResponse> responses = client.read(256, 5000);
        QCOMPARE(responses.size(), 256);
        for (const RawResponse &response : responses)
            QCOMPARE(response.status, 200);
        QVERIFY(client.waitForClose(5000));
    }

    void stopKeepsARequestUnderWayAndAnswers503()
    {
        const quint16 port = start();
        HttpTestClient client(port);
        const QByteArray partial = "POST /half HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nab";
        client.send(partial);
        QTest::qWait(100);
        m_rx->server()->stop();
        const QList<RawResponse> responses = client.read(1, 5000);
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses.first().status, 503);
        QCOMPARE(m_rx->store()->count(), 1);
        const auto capture = m_rx->store()->load(m_rx->store()->page({}, 0, 1).first().id);
        QVERIFY(capture->malformed);
        QCOMPARE(capture->body, partial);
        QCOMPARE(capture->responseStatus, 503);
    }

    void stopAnswersWhatWasReceived()
    {
        const quint16 port = start();
        HttpTestClient client(port);
        client.send("POST /last HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nz");
        QCOMPARE(client.read(1).size(), 1);
        m_rx->server()->stop();
        QVERIFY(!m_rx->server()->isListening());
        HttpTestClient late(port);
        QVERIFY(!late.isConnected() || late.waitForClose(2000));
        QCOMPARE(m_rx->store()->count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCaptureServer)
#include "TestCaptureServer.moc"
