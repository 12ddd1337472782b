#include "compose/HttpExchange.h"

#include "compose/HttpWire.h"
#include "compose/OwnCertificates.h"

#include <QSslError>
#include <QSslSocket>

namespace hookscope::compose {

HttpExchange::HttpExchange(const OutgoingRequest &request, QTcpSocket *reused, QObject *parent)
    : QObject(parent)
    , m_request(request)
    , m_socket(reused)
    , m_reused(reused != nullptr)
    , m_reader(request.method == "HEAD")
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpExchange::onTimeout);
}

void HttpExchange::start(const QElapsedTimer &clock, int timeoutMs, Done done)
{
    m_clock = clock;
    m_onDone = std::move(done);
    m_timer.start(qMax(1, timeoutMs));
    if (!m_socket) {
        connectSocket();
        return;
    }
    m_socket->setParent(this);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpExchange::readAnswer);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpExchange::onClosed);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &HttpExchange::onSocketError);
    writeRequest();
}

void HttpExchange::connectSocket()
{
    const QUrl &url = m_request.url;
    QTcpSocket *socket = nullptr;
    if (isHttps(url)) {
        auto *tls = new QSslSocket(this);
        if (m_request.insecure)
            tls->setPeerVerifyMode(QSslSocket::VerifyNone); // consent for this send only
        connect(tls, &QSslSocket::sslErrors, this, [this, tls](const QList<QSslError> &errors) {
            if (isOwnCertificate(tls->peerCertificate())) {
                tls->ignoreSslErrors(errors); // our own receiver: see OwnCertificates.h
                return;
            }
            for (const QSslError &error : errors)
                m_tlsErrors.append(error.errorString());
        });
        connect(tls, &QSslSocket::encrypted, this, &HttpExchange::writeRequest);
        socket = tls;
    } else {
        socket = new QTcpSocket(this);
        connect(socket, &QTcpSocket::connected, this, &HttpExchange::writeRequest);
    }
    m_socket = socket;
    connect(socket, &QTcpSocket::readyRead, this, &HttpExchange::readAnswer);
    connect(socket, &QTcpSocket::disconnected, this, &HttpExchange::onClosed);
    connect(socket, &QTcpSocket::errorOccurred, this, &HttpExchange::onSocketError);
    if (auto *tls = qobject_cast<QSslSocket *>(socket))
        tls->connectToHostEncrypted(url.host(), portOf(url));
    else
        socket->connectToHost(url.host(), portOf(url));
}

void HttpExchange::writeRequest()
{
    if (m_written || m_done)
        return;
    m_written = true;
    m_socket->write(serializeRequest(m_request));
}

void HttpExchange::readAnswer()
{
    if (m_done)
        return;
    const ResponseReader::State state = m_reader.feed(m_socket->readAll());
    if (m_firstByteAtNs == 0 && m_reader.headersComplete())
        m_firstByteAtNs = qMax<qint64>(1, m_clock.nsecsElapsed());
    if (state == ResponseReader::State::Complete) {
        Outcome outcome;
        outcome.result.status = m_reader.status();
        outcome.result.reason = m_reader.reason();
        outcome.result.headers = m_reader.headers();
        outcome.result.body = m_reader.body();
        outcome.firstByteAtNs = m_firstByteAtNs;
        finish(outcome);
    } else if (state == ResponseReader::State::Error) {
        finishWithError(SendError::Network,
                        QStringLiteral("%1: %2").arg(hostAndPort(), m_reader.error()));
    }
}

void HttpExchange::onClosed()
{
    if (m_done)
        return;
    if (m_socket && m_socket->bytesAvailable() > 0)
        readAnswer();
    if (m_done)
        return;
    if (m_reused && !m_reader.receivedAnything()) {
        Outcome outcome;
        outcome.retryOnNewConnection = true;
        finish(outcome);
        return;
    }
    if (m_reader.finish() == ResponseReader::State::Complete) {
        readAnswer(); // reports the answer the close completed
        return;
    }
    QString message = QStringLiteral("%1: %2").arg(hostAndPort(), m_reader.error());
    if (!m_reader.receivedAnything() && !isHttps(m_request.url))
        message += QStringLiteral(" (if it only speaks HTTPS, use an https:// URL)");
    finishWithError(SendError::Network, message);
}

void HttpExchange::onSocketError(QAbstractSocket::SocketError error)
{
    if (m_done)
        return;
    switch (error) {
    case QAbstractSocket::RemoteHostClosedError:
        onClosed();
        return;
    case QAbstractSocket::ConnectionRefusedError:
        finishWithError(SendError::ConnectionRefused,
                        QStringLiteral("connection refused by %1: nothing is listening there")
                            .arg(hostAndPort()));
        return;
    case QAbstractSocket::HostNotFoundError:
        finishWithError(SendError::HostNotFound,
                        QStringLiteral("host not found: %1").arg(m_request.url.host()));
        return;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError: {
        const QString reason
            = m_tlsErrors.isEmpty() ? m_socket->errorString() : m_tlsErrors.join(u"; ");
        QString message = QStringLiteral("TLS error with %1: %2").arg(hostAndPort(), reason);
        if (!m_tlsErrors.isEmpty())
            message += QStringLiteral(". If you trust this server (e.g. a self-signed "
                                      "certificate), send again with --insecure");
        else if (reason.contains(u"wrong version number") || reason.contains(u"packet length"))
            message += QStringLiteral(". The server does not speak TLS there: try http://");
        finishWithError(SendError::Tls, message);
        return;
    }
    default:
        break;
    }
    if (m_reused && !m_reader.receivedAnything()) {
        Outcome outcome;
        outcome.retryOnNewConnection = true; // reset by a server that had let it go
        finish(outcome);
        return;
    }
    finishWithError(SendError::Network,
                    QStringLiteral("%1: %2").arg(hostAndPort(), m_socket->errorString()));
}

void HttpExchange::onTimeout()
{
    finishWithError(SendError::Timeout,
                    QStringLiteral("timed out after %1 ms waiting for %2")
                        .arg(m_request.timeoutMs)
                        .arg(m_request.url.toString(QUrl::RemovePassword)));
}

void HttpExchange::finishWithError(SendError error, const QString &message)
{
    Outcome outcome;
    outcome.result.error = error;
    outcome.result.message = message;
    outcome.firstByteAtNs = m_firstByteAtNs;
    finish(outcome);
    // After finish(): the close this causes must not report a second outcome.
    if (m_socket && m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->abort();
}

void HttpExchange::finish(Outcome outcome)
{
    if (m_done)
        return;
    m_done = true;
    m_timer.stop();
    if (m_onDone)
        m_onDone(outcome);
}

QTcpSocket *HttpExchange::takeOpenConnection()
{
    if (!m_done || !m_socket || m_request.insecure || !m_reader.keepAlive()
        || m_reader.state() != ResponseReader::State::Complete
        || m_socket->state() != QAbstractSocket::ConnectedState || m_socket->bytesAvailable() > 0)
        return nullptr;
    QTcpSocket *socket = m_socket;
    disconnect(socket, nullptr, this, nullptr);
    socket->setParent(nullptr);
    m_socket = nullptr;
    return socket;
}

QString HttpExchange::hostAndPort() const
{
    const QUrl &url = m_request.url;
    return url.host() + (url.port() > 0 ? u':' + QString::number(url.port()) : QString());
}

} // namespace hookscope::compose
