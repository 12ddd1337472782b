// Faults a hostile or broken peer can cause at the receiver, beyond the receiver's own tests:
// addresses beyond loopback, garbage on the TLS port, thousands of idle connections, a client
// that trickles one byte per second, and the key file's mode under a permissive umask.
#include "HttpTestClient.h"
#include "ReceiverFixture.h"
#include "http/CaptureServer.h"
#include "store/RequestStore.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <arpa/inet.h>
#include <memory>
#include <netinet/in.h>
#include <optional>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using namespace hookscope;
using namespace hookscope::http;
using test::HttpTestClient;
using test::RawResponse;

namespace {

// A plain loopback TCP connection that never sends anything, closed when destroyed. Raw
// descriptors, so ten thousand of them cost no event-loop work in the test.
class IdleConnection final
{
public:
    explicit IdleConnection(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (m_fd < 0)
            return;
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    ~IdleConnection()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    IdleConnection(const IdleConnection &) = delete;
    IdleConnection &operator=(const IdleConnection &) = delete;

    bool isOpen() const { return m_fd >= 0; }
    // True when the server closed its end (a read returns end of stream).
    bool closedByPeer() const
    {
        char byte = 0;
        return m_fd >= 0 && ::recv(m_fd, &byte, 1, MSG_DONTWAIT) == 0;
    }

private:
    int m_fd = -1;
};

// Raises the soft descriptor limit to the hard one and returns it.
rlim_t raiseDescriptorLimit()
{
    rlimit limit {};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
    ::getrlimit(RLIMIT_NOFILE, &limit);
    return limit.rlim_cur;
}

} // namespace

class TestHardeningReceiver final : public QObject
{
    Q_OBJECT

private:
    std::optional<test::ReceiverFixture> m_rx;

    quint16 start(ReceiverConfig config = {}) { return m_rx->start(std::move(config)); }

    void openStore() { m_rx->openStore(); }

private Q_SLOTS:
    void init() { m_rx.emplace(); }

    void cleanup() { m_rx.reset(); }

    void everyAddressBeyondLoopbackIsRefusedUnlessAsked_data()
    {
        QTest::addColumn<QHostAddress>("address");
        QTest::newRow("0.0.0.0") << QHostAddress(QHostAddress::AnyIPv4);
        QTest::newRow("::") << QHostAddress(QHostAddress::AnyIPv6);
        QTest::newRow("any") << QHostAddress(QHostAddress::Any);
        QTest::newRow("TEST-NET-1") << QHostAddress(QStringLiteral("192.0.2.1"));
        QTest::newRow("v4-mapped TEST-NET-1") << QHostAddress(QStringLiteral("::ffff:192.0.2.1"));
        QTest::newRow("link-local v6") << QHostAddress(QStringLiteral("fe80::1"));
    }

    void everyAddressBeyondLoopbackIsRefusedUnlessAsked()
    {
        QFETCH(QHostAddress, address);
        openStore();
        ReceiverConfig config;
        config.address = address;
        config.port = 0;
        CaptureServer server;
        QVERIFY(!server.start(config, m_rx->store()));
        QVERIFY2(server.errorString().contains(QStringLiteral("loopback")),
                 qPrintable(server.errorString()));
        QVERIFY(!server.isListening());
    }

    void askingForANonLoopbackAddressLiftsOnlyTheLoopbackCheck()
    {
        // 192.0.2.1 (TEST-NET-1) is on no interface here: with the flag, the loopback check
        // passes and the bind itself fails, so nothing ever listens beyond loopback.
        openStore();
        ReceiverConfig config;
        config.address = QHostAddress(QStringLiteral("192.0.2.1"));
        config.port = 0;
        config.allowNonLoopback = true;
        CaptureServer server;
        QVERIFY(!server.start(config, m_rx->store()));
        QVERIFY2(!server.errorString().contains(QStringLiteral("loopback")),
                 qPrintable(server.errorString()));
        QVERIFY(!server.isListening());
    }

    void tlsGarbageLeavesTheServerServing_data()
    {
        QTest::addColumn<QByteArray>("garbage");
        QByteArray random(4096, Qt::Uninitialized);
        QRandomGenerator generator(8);
        for (char &c : random)
            c = char(generator.bounded(256));
        QTest::newRow("random bytes") << random;
        // A TLS record header that promises a 16 KiB ClientHello and then stops.
        QTest::newRow("truncated ClientHello")
            << QByteArray::fromHex("16030140000100fffc0303") + QByteArray(40, '\0');
        // A record claiming the maximum length with an impossible handshake length inside.
        QTest::newRow("oversized handshake length") << QByteArray::fromHex("1603034000"
                                                                           "01ffffff0303")
                + QByteArray(200, 'A');
        QTest::newRow("SSLv2 hello") << QByteArray::fromHex("802b0103010012000000100000");
        QTest::newRow("alert then junk") << QByteArray::fromHex("15030300020228") + "junk";
        QTest::newRow("plain HTTP") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\n\r\nx");
        QTest::newRow("NULs") << QByteArray(1000, '\0');
    }

    void tlsGarbageLeavesTheServerServing()
    {
        QFETCH(QByteArray, garbage);
        ReceiverConfig config;
        config.tls = true;
        // A handshake that stalls half way is cut off by the timeouts, not held forever.
        config.idleTimeoutMs = 1500;
        config.requestTimeoutMs = 1500;
        const quint16 port = start(config);
        {
            HttpTestClient client(port);
            QVERIFY(client.isConnected());
            client.send(garbage);
            // The server may answer with a TLS alert; it must close, never capture.
            QVERIFY(client.waitForClose(10000));
        }
        {
            // A client that connects, sends half the garbage and vanishes mid-handshake.
            HttpTestClient client(port);
            client.send(garbage.left(garbage.size() / 2));
        }
        const RawResponse response = test::roundTrip(
            port, "POST /after HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\nok", true);
        QCOMPARE(response.status, 200);
        QCOMPARE(m_rx->store()->count(), 1);
        const auto capture = m_rx->store()->load(m_rx->store()->page({}, 0, 1).first().id);
        QVERIFY(capture->tls);
        QCOMPARE(capture->target, QByteArray("/after"));
    }

    void thousandsOfIdleConnectionsStillLetAFreshClientIn()
    {
        // Each connection costs two descriptors here (client and server end in one process).
        const rlim_t limit = raiseDescriptorLimit();
        const int wanted = int(qMin<rlim_t>(10000, (limit - 400) / 2));
        QVERIFY2(wanted >= 1000, qPrintable(QString::number(qulonglong(limit))));
        ReceiverConfig config;
        config.maxConnections = wanted + 50;
        config.idleTimeoutMs = 600000; // they stay for the whole test
        const quint16 port = start(config);

        std::vector<std::unique_ptr<IdleConnection>> idle;
        idle.reserve(std::size_t(wanted));
        for (int i = 0; i < wanted; ++i) {
            idle.push_back(std::make_unique<IdleConnection>(port));
            QVERIFY2(idle.back()->isOpen(), qPrintable(QString::number(i)));
        }
        qInfo("%d idle connections open (descriptor limit %llu)", wanted, qulonglong(limit));

        // A fresh client is answered while every idle one is still held.
        const RawResponse response = test::roundTrip(
            port, "POST /fresh HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi");
        QCOMPARE(response.status, 200);
        QCOMPARE(m_rx->store()->count(), 1);
        int closed = 0;
        for (const auto &connection : idle)
            closed += connection->closedByPeer() ? 1 : 0;
        QCOMPARE(closed, 0);
    }

    void idleConnectionsAtTheCapDoNotLockOutAFreshClient()
    {
        // Idle sockets at the cap make room for newcomers, longest idle first, as nginx reuses
        // idle keep-alive connections; before, they held every slot for the 30 s idle timeout.
        ReceiverConfig config;
        config.maxConnections = 200;
        const quint16 port = start(config);
        std::vector<std::unique_ptr<IdleConnection>> idle;
        for (int i = 0; i < 400; ++i)
            idle.push_back(std::make_unique<IdleConnection>(port));
        QTest::qWait(200);
        const RawResponse response
            = test::roundTrip(port, "GET /fresh HTTP/1.1\r\nHost: a\r\n\r\n");
        QCOMPARE(response.status, 200);
        // The oldest ones made room; the cap still holds: at most 200 stay open.
        int open = 0;
        for (const auto &connection : idle)
            open += connection->closedByPeer() ? 0 : 1;
        QVERIFY2(open <= 200, qPrintable(QString::number(open)));
        QVERIFY(idle.front()->closedByPeer());
    }

    void aRequestInProgressIsNeverTheOneClosedToMakeRoom()
    {
        ReceiverConfig config;
        config.maxConnections = 6;
        config.workerThreads = 2;
        const quint16 port = start(config);

        // The oldest connection has half a request in; a keep-alive one was answered and is
        // waiting for its next; then idle ones fill the cap.
        HttpTestClient partial(port);
        partial.send("POST /partial HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nhello");
        HttpTestClient answered(port);
        answered.send("GET /first HTTP/1.1\r\nHost: a\r\n\r\n");
        QCOMPARE(answered.read(1).value(0).status, 200);
        QTest::qWait(20); // the server has taken in those bytes; the rest arrive later
        std::vector<std::unique_ptr<IdleConnection>> idle;
        for (int i = 0; i < 4; ++i) {
            idle.push_back(std::make_unique<IdleConnection>(port));
            QTest::qWait(20); // distinct idle-since times, in this order
        }

        // Each newcomer (kept open, so the cap stays full) replaces the longest idle one:
        // first `answered`, then idle[0], then idle[1].
        std::vector<std::unique_ptr<HttpTestClient>> fresh;
        for (int i = 0; i < 3; ++i) {
            fresh.push_back(std::make_unique<HttpTestClient>(port));
            fresh.back()->send("GET /fresh HTTP/1.1\r\nHost: a\r\n\r\n");
            QCOMPARE(fresh.back()->read(1).value(0).status, 200);
            if (i == 0)
                QVERIFY(answered.waitForClose(5000));
            else
                QTRY_VERIFY(idle.at(size_t(i - 1))->closedByPeer());
        }
        QVERIFY(!idle.at(2)->closedByPeer());
        QVERIFY(!idle.at(3)->closedByPeer());

        // The request under way was never cut: it completes and is stored whole.
        QVERIFY(partial.isConnected());
        partial.send("world");
        const QList<RawResponse> responses = partial.read(1);
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses.first().status, 200);
        QTRY_COMPARE(m_rx->store()->count(), 5);
        store::CaptureFilter filter;
        filter.text = QStringLiteral("/partial");
        const auto rows = m_rx->store()->page(filter, 0, 1);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(m_rx->store()->load(rows.first().id)->body, QByteArray("helloworld"));
    }

    void whenEveryConnectionIsBusyANewcomerIsRefused()
    {
        ReceiverConfig config;
        config.maxConnections = 2;
        const quint16 port = start(config);
        HttpTestClient first(port);
        first.send("POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nab");
        HttpTestClient second(port);
        second.send("POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\ncd");
        QTest::qWait(50); // both requests are under way at the server
        HttpTestClient third(port);
        QVERIFY(third.waitForClose(5000)); // no room, and nobody is cut for it
        first.send("ef");
        second.send("gh");
        QCOMPARE(first.read(1).value(0).status, 200);
        QCOMPARE(second.read(1).value(0).status, 200);
    }

    void aTlsHandshakeUnderWayIsNotTheOneClosedAtTheCap()
    {
        ReceiverConfig config;
        config.tls = true;
        config.maxConnections = 2;
        const quint16 port = start(config);
        // The older connection has begun its handshake: a record header promising a 16 KiB
        // ClientHello, part of it sent. The newer one has sent nothing yet.
        HttpTestClient handshaking(port);
        handshaking.send(QByteArray::fromHex("16030140000100fffc0303") + QByteArray(40, '\0'));
        QTest::qWait(100);
        HttpTestClient silent(port);
        QTest::qWait(100);
        // A newcomer at the cap takes the silent connection's place, not the handshake's.
        const RawResponse response
            = test::roundTrip(port, "GET /newcomer HTTP/1.1\r\nHost: localhost\r\n\r\n", true);
        QCOMPARE(response.status, 200);
        QVERIFY(silent.waitForClose(5000));
        QVERIFY(handshaking.isConnected());
        QVERIFY(!handshaking.waitForClose(300));
    }

    void oneBytePerSecondIsCutOffByTheRequestTimeout()
    {
        // Each byte resets no idle timer worth having: the request as a whole has a deadline.
        ReceiverConfig config;
        config.idleTimeoutMs = 600000;
        config.requestTimeoutMs = 2500;
        const quint16 port = start(config);
        HttpTestClient client(port);
        const QByteArray trickle = "POST /trickle HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n";
        int sent = 0;
        bool closed = false;
        while (sent < trickle.size() && !closed) {
            client.send(trickle.mid(sent, 1));
            ++sent;
            closed = client.waitForClose(1000); // one byte per second
        }
        QVERIFY2(closed, "a one-byte-per-second client kept its connection");
        QVERIFY2(sent < 10, qPrintable(QString::number(sent))); // cut off after ~2.5 s
        QVERIFY(client.pending().startsWith("HTTP/1.1 408"));
        QTRY_COMPARE(m_rx->store()->count(), 1);
        const auto capture = m_rx->store()->load(m_rx->store()->page({}, 0, 1).first().id);
        QVERIFY(capture->malformed);
        QVERIFY(trickle.startsWith(capture->body));
        // The server still serves others.
        QCOMPARE(test::roundTrip(port, "GET /next HTTP/1.1\r\nHost: a\r\n\r\n").status, 200);
    }

    void selfSignedKeyIsOwnerOnlyWhateverTheUmask()
    {
        const mode_t previous = ::umask(0);
        ReceiverConfig config;
        config.tls = true;
        start(config);
        ::umask(previous);
        const QString keyPath = m_rx->dir().filePath(QStringLiteral("localhost-key.pem"));
        struct stat info {
        };
        QCOMPARE(::stat(QFile::encodeName(keyPath).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0600));
        // The key is never inside the certificate file that is shared more freely.
        QFile certificate(m_rx->dir().filePath(QStringLiteral("localhost-cert.pem")));
        if (certificate.open(QIODevice::ReadOnly))
            QVERIFY(!certificate.readAll().contains("PRIVATE KEY"));
    }
};

QTEST_GUILESS_MAIN(TestHardeningReceiver)
#include "TestHardeningReceiver.moc"
