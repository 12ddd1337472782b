#pragma once

#include <QByteArray>
#include <QList>
#include <QSslSocket>
#include <QTcpSocket>

#include <memory>

namespace hookscope::test {

// One HTTP response as read off the wire by the tests' tiny client.
struct RawResponse {
    int status = 0;
    QByteArray head; // status line and headers
    QByteArray body;
    QByteArray header(const QByteArray &name) const; // first value, case-insensitive
};

// Cuts complete responses (Content-Length framed, as Hookscope sends) off the front of buffer.
QList<RawResponse> takeResponses(QByteArray &buffer);

// A blocking client over a real loopback socket, for tests that run the server on its own
// threads. With tls, it trusts any certificate (the server's is self-signed).
class HttpTestClient
{
public:
    explicit HttpTestClient(quint16 port, bool tls = false);
    bool isConnected() const;
    void send(const QByteArray &bytes);
    // Reads until count responses arrived, the peer closed or timeoutMs passed.
    QList<RawResponse> read(int count, int timeoutMs = 10000);
    // True when the server closed the connection within timeoutMs.
    bool waitForClose(int timeoutMs);
    QByteArray pending() const { return m_buffer; }
    QTcpSocket &socket() { return *m_socket; }

private:
    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_buffer;
};

// One request, one response, on a fresh connection.
RawResponse roundTrip(quint16 port, const QByteArray &request, bool tls = false);
// The same while this thread's event loop turns, for a receiver whose answer needs this thread
// (a pass-through forwarder living here).
RawResponse roundTripTurningEvents(quint16 port, const QByteArray &request, int timeoutMs = 15000);

} // namespace hookscope::test
