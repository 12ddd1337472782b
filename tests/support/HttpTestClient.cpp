#include "HttpTestClient.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QHostAddress>

namespace hookscope::test {

QByteArray RawResponse::header(const QByteArray &name) const
{
    const QList<QByteArray> lines = head.split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

QList<RawResponse> takeResponses(QByteArray &buffer)
{
    QList<RawResponse> responses;
    for (;;) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            break;
        RawResponse response;
        response.head = buffer.left(end);
        response.status = response.head.mid(9, 3).toInt();
        if (response.status == 100) { // interim: skip
            buffer.remove(0, end + 4);
            continue;
        }
        const qsizetype length = response.header("content-length").toLongLong();
        if (buffer.size() < end + 4 + length)
            break;
        response.body = buffer.mid(end + 4, length);
        buffer.remove(0, end + 4 + length);
        responses.append(response);
    }
    return responses;
}

HttpTestClient::HttpTestClient(quint16 port, bool tls)
{
    if (tls) {
        auto *ssl = new QSslSocket;
        ssl->setPeerVerifyMode(QSslSocket::VerifyNone);
        ssl->connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
        ssl->waitForEncrypted(10000);
        m_socket.reset(ssl);
    } else {
        m_socket = std::make_unique<QTcpSocket>();
        m_socket->connectToHost(QHostAddress::LocalHost, port);
        m_socket->waitForConnected(10000);
    }
}

bool HttpTestClient::isConnected() const
{
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpTestClient::send(const QByteArray &bytes)
{
    m_socket->write(bytes);
    m_socket->flush();
    m_socket->waitForBytesWritten(1000);
}

QList<RawResponse> HttpTestClient::read(int count, int timeoutMs)
{
    QList<RawResponse> responses;
    QDeadlineTimer deadline(timeoutMs);
    while (responses.size() < count && !deadline.hasExpired()) {
        m_buffer += m_socket->readAll();
        responses += takeResponses(m_buffer);
        if (responses.size() >= count)
            break;
        if (m_socket->state() != QAbstractSocket::ConnectedState && m_socket->bytesAvailable() == 0)
            break;
        m_socket->waitForReadyRead(
            int(qMax<qint64>(1, qMin<qint64>(200, deadline.remainingTime()))));
    }
    m_buffer += m_socket->readAll();
    responses += takeResponses(m_buffer);
    return responses;
}

bool HttpTestClient::waitForClose(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            return true;
        m_socket->waitForReadyRead(50);
        m_buffer += m_socket->readAll();
    }
    return m_socket->state() == QAbstractSocket::UnconnectedState;
}

RawResponse roundTrip(quint16 port, const QByteArray &request, bool tls)
{
    HttpTestClient client(port, tls);
    client.send(request);
    const QList<RawResponse> responses = client.read(1);
    return responses.isEmpty() ? RawResponse {} : responses.first();
}

RawResponse roundTripTurningEvents(quint16 port, const QByteArray &request, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    socket.write(request);
    QByteArray buffer;
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 10);
        buffer += socket.readAll();
        if (const QList<RawResponse> responses = takeResponses(buffer); !responses.isEmpty())
            return responses.first();
    }
    return {};
}

} // namespace hookscope::test
