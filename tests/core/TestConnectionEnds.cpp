#include "ReceiverFixture.h"
#include "http/CaptureServer.h"
#include "store/RequestStore.h"

#include <QDir>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <optional>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

using namespace hookscope;
using namespace hookscope::http;

namespace {

// What a raw client sent and read, and how each side ended: errno of the call that failed,
// 0 when everything went (for reading: the peer's FIN ended it, not a reset or a timeout).
struct Exchange {
    qint64 sent = 0;
    int sendError = 0;
    QByteArray received;
    int receiveError = 0;
};

// A blocking loopback client with generous timeouts, so no case can hang the suite.
class RawClient final
{
public:
    explicit RawClient(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const timeval timeout {20, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        ::setsockopt(m_fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    ~RawClient()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    RawClient(const RawClient &) = delete;
    RawClient &operator=(const RawClient &) = delete;

    int fd() const { return m_fd; }

    // Sends all of bytes unless a send fails; returns false then.
    bool send(QByteArrayView bytes, Exchange &exchange)
    {
        qsizetype offset = 0;
        while (offset < bytes.size()) {
            const ssize_t n
                = ::send(m_fd, bytes.data() + offset, size_t(bytes.size() - offset), MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                exchange.sendError = errno;
                return false;
            }
            offset += n;
            exchange.sent += n;
        }
        return true;
    }

    // Reads until the peer ends the connection (or a read fails).
    void receiveAll(Exchange &exchange)
    {
        char buffer[16 * 1024];
        for (;;) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n > 0) {
                exchange.received.append(buffer, n);
            } else if (n == 0) {
                return;
            } else if (errno != EINTR) {
                exchange.receiveError = errno;
                return;
            }
        }
    }

private:
    int m_fd = -1;
};

qsizetype openDescriptors()
{
    return QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System).size();
}

QByteArray chunkedBody(int chunks, int chunkSize)
{
    QByteArray body;
    const QByteArray chunk
        = QByteArray::number(chunkSize, 16) + "\r\n" + QByteArray(chunkSize, 'c') + "\r\n";
    for (int i = 0; i < chunks; ++i)
        body += chunk;
    return body + "0\r\n\r\n";
}

// A TLS client that sends one request and then shuts down its sending side: with
// closeNotify, as socat does (TLS close_notify, then the TCP FIN), else with the FIN alone.
// OpenSSL lets it read on after its own close_notify.
Exchange tlsHalfClose(quint16 port, const QByteArray &request, bool closeNotify)
{
    Exchange exchange;
    RawClient client(port);
    SSL_CTX *context = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nullptr); // the receiver's is self-signed
    // The receiver's FIN without close_notify ends the reading like close_notify does.
    SSL_CTX_set_options(context, SSL_OP_IGNORE_UNEXPECTED_EOF);
    SSL *ssl = SSL_new(context);
    SSL_set_fd(ssl, client.fd());
    if (SSL_connect(ssl) == 1 && SSL_write(ssl, request.constData(), int(request.size())) > 0) {
        exchange.sent = request.size();
        if (closeNotify)
            SSL_shutdown(ssl);
        ::shutdown(client.fd(), SHUT_WR);
        char buffer[4096];
        int n = 0;
        do {
            errno = 0;
            n = SSL_read(ssl, buffer, sizeof buffer);
            if (n > 0)
                exchange.received.append(buffer, n);
        } while (n > 0);
        // The receiver's close_notify or its FIN end it cleanly; a timeout does not.
        if (SSL_get_error(ssl, n) != SSL_ERROR_ZERO_RETURN)
            exchange.receiveError = errno != 0 ? errno : EIO;
    } else {
        exchange.sendError = EPROTO;
    }
    SSL_free(ssl);
    SSL_CTX_free(context);
    return exchange;
}

} // namespace

// How the receiver ends connections the peer is still using: a half-closed peer (plain and
// TLS), and a peer still sending when its request is refused (the lingering close).
class TestConnectionEnds final : public QObject
{
    Q_OBJECT

private:
    std::optional<test::ReceiverFixture> m_rx;

private Q_SLOTS:
    void init() { m_rx.emplace(); }

    void cleanup() { m_rx.reset(); }

    void aHalfClosedClientsRequestIsStored_data()
    {
        QTest::addColumn<bool>("tls");
        QTest::addColumn<bool>("closeNotify");
        QTest::newRow("plain") << false << false;
        QTest::newRow("tls, FIN alone") << true << false;
        QTest::newRow("tls, close_notify then FIN") << true << true;
    }

    // The request is captured and stored either way. Over plain TCP the answer reaches the
    // client too; over TLS it cannot (README, Reliability: QSslSocket frees the TLS session
    // when it reads the peer's FIN), and the receiver must still end the connection.
    void aHalfClosedClientsRequestIsStored()
    {
        QFETCH(bool, tls);
        QFETCH(bool, closeNotify);
        ReceiverConfig config;
        config.tls = tls;
        const quint16 port = m_rx->start(config);
        const QByteArray request
            = "POST /half-closed HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello";
        Exchange exchange;
        if (tls) {
            exchange = tlsHalfClose(port, request, closeNotify);
        } else {
            RawClient client(port);
            QVERIFY(client.send(request, exchange));
            QCOMPARE(::shutdown(client.fd(), SHUT_WR), 0);
            client.receiveAll(exchange);
        }
        QCOMPARE(exchange.sendError, 0);
        // Ended by the receiver, not by the client's timeout.
        QVERIFY2(exchange.receiveError == 0, std::strerror(exchange.receiveError));

        QTRY_COMPARE(m_rx->store()->count(), 1);
        const auto capture = m_rx->store()->load(m_rx->store()->page({}, 0, 1).first().id);
        QVERIFY(capture);
        QVERIFY(!capture->malformed);
        QCOMPARE(capture->tls, tls);
        QCOMPARE(capture->target, QByteArray("/half-closed"));
        QCOMPARE(capture->body, QByteArray("hello"));

        // Over TLS the answer is lost when QSslSocket reads the FIN before the request is
        // answered (README, Reliability: it frees the TLS session); when the answer goes out
        // first, it arrives. Which one happens is a race, so either is accepted; anything
        // received is the 200.
        if (tls && exchange.received.isEmpty())
            return;
        QVERIFY2(exchange.received.startsWith("HTTP/1.1 200 "), exchange.received.left(64));
    }

    void aRefusedClientStillSendingReadsItsAnswer_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        const QByteArray big(4 * 1024 * 1024, 'b');
        QTest::newRow("Content-Length over the limit, refused at the headers")
            << "POST /big HTTP/1.1\r\nHost: a\r\nContent-Length: " + QByteArray::number(big.size())
                + "\r\n\r\n" + big
            << 413;
        QTest::newRow("chunked body over the limit, refused mid-body")
            << "POST /big HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + chunkedBody(64, 64 * 1024)
            << 413;
        QTest::newRow("headers over the limit")
            << "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + big << 431;
        QTest::newRow("malformed, then more bytes") << "GET / HTTP/1.1\r\n\r\n" + big << 400;
    }

    // A client that sends its whole request fast must read the refusal: bytes arriving after
    // the receiver stopped reading must not turn its close into a reset that destroys the
    // answer ("connection reset by peer").
    void aRefusedClientStillSendingReadsItsAnswer()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        ReceiverConfig config;
        config.limits = {8 * 1024, 1024};
        const quint16 port = m_rx->start(config);
        Exchange exchange;
        {
            RawClient client(port);
            client.send(request, exchange);
            client.receiveAll(exchange);
        }
        QVERIFY2(exchange.sendError == 0, std::strerror(exchange.sendError));
        QCOMPARE(exchange.sent, request.size());
        QVERIFY2(exchange.received.startsWith("HTTP/1.1 " + QByteArray::number(status) + ' '),
                 exchange.received.left(64));
        QVERIFY2(exchange.receiveError == 0, std::strerror(exchange.receiveError));
        QTRY_COMPARE(m_rx->store()->count(), 1);
        const store::CaptureSummary row = m_rx->store()->page({}, 0, 1).first();
        QVERIFY(row.malformed);
        QCOMPARE(row.responseStatus, status);
    }

    // The receiver reads and drops at most 8 MiB after a refusal: a client that never stops
    // sending is reset, not read for ever.
    void aLingeringCloseDropsABoundedNumberOfBytes()
    {
        ReceiverConfig config;
        config.limits = {8 * 1024, 1024};
        const quint16 port = m_rx->start(config);
        RawClient client(port);
        Exchange exchange;
        QVERIFY(client.send(
            "POST /endless HTTP/1.1\r\nHost: a\r\nContent-Length: 1073741824\r\n\r\n", exchange));
        const QByteArray block(64 * 1024, 'e');
        constexpr qint64 kGiveUp = 256 * 1024 * 1024;
        while (exchange.sent < kGiveUp && client.send(block, exchange)) { }
        QVERIFY2(exchange.sendError == ECONNRESET || exchange.sendError == EPIPE,
                 std::strerror(exchange.sendError));
        QVERIFY(exchange.sent < kGiveUp);
        QTRY_COMPARE(m_rx->store()->count(), 1);
        QCOMPARE(m_rx->store()->page({}, 0, 1).first().responseStatus, 413);
    }

    // A client that reads its refusal and then neither sends nor closes is let go after the
    // linger time (5 s): the connection and its descriptors do not stay.
    void aLingeringCloseEndsWhenThePeerStaysSilent()
    {
        const quint16 port = m_rx->start();
        {
            // The store has its files open once it has committed a request.
            RawClient warm(port);
            Exchange exchange;
            QVERIFY(
                warm.send("GET /warm HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", exchange));
            warm.receiveAll(exchange);
            QVERIFY(exchange.received.startsWith("HTTP/1.1 200 "));
        }
        QTest::qWait(100);
        const qsizetype before = openDescriptors();
        RawClient client(port);
        Exchange exchange;
        QVERIFY(client.send("GET / HTTP/1.1\r\n\r\n", exchange)); // no Host: 400
        client.receiveAll(exchange); // ends at the receiver's FIN; this side stays open
        QVERIFY2(exchange.received.startsWith("HTTP/1.1 400 "), exchange.received.left(64));
        QCOMPARE(exchange.receiveError, 0);
        // All but the client's own; at most, in case the warm-up's were still open before.
        QTRY_VERIFY_WITH_TIMEOUT(openDescriptors() <= before + 1, 20000);
    }
};

QTEST_GUILESS_MAIN(TestConnectionEnds)
#include "TestConnectionEnds.moc"
