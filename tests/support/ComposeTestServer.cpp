#include "ComposeTestServer.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QHostAddress>
#include <QMutexLocker>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <chrono>

namespace hookscope::test {

class ComposeServerWorker final : public QObject
{
public:
    explicit ComposeServerWorker(std::shared_ptr<ComposeTestServer::State> state)
        : m_state(std::move(state))
    { }

    quint16 listen(bool tls)
    {
        if (tls) {
            QTemporaryDir dir;
            const QString key = dir.filePath(QStringLiteral("key.pem"));
            const QString cert = dir.filePath(QStringLiteral("cert.pem"));
            const int rc = QProcess::execute(
                QStringLiteral("openssl"),
                {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                 QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                 key, QStringLiteral("-out"), cert, QStringLiteral("-days"), QStringLiteral("1"),
                 QStringLiteral("-subj"), QStringLiteral("/CN=localhost")});
            QFile keyFile(key);
            QFile certFile(cert);
            if (rc != 0 || !keyFile.open(QIODevice::ReadOnly)
                || !certFile.open(QIODevice::ReadOnly))
                return 0;
            QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
            configuration.setLocalCertificate(QSslCertificate(&certFile));
            configuration.setPrivateKey(QSslKey(&keyFile, QSsl::Rsa));
            auto *sslServer = new QSslServer(this);
            sslServer->setSslConfiguration(configuration);
            m_server = sslServer;
        } else {
            m_server = new QTcpServer(this);
        }
        const auto drain = [this] {
            // Over TLS, connections become pending once the handshake is done.
            while (QTcpSocket *socket = m_server->nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::readyRead, this,
                                 [this, socket] { onReadyRead(socket); });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        };
        QObject::connect(m_server, &QTcpServer::newConnection, this, drain);
        QObject::connect(m_server, &QTcpServer::pendingConnectionAvailable, this, drain);
        m_server->listen(QHostAddress::LocalHost, 0);
        return m_server->serverPort();
    }

private:
    void onReadyRead(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        while (true) {
            const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            ComposeReceived request;
            const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
            const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
            request.method = requestLine.value(0);
            request.target = requestLine.value(1);
            qsizetype contentLength = 0;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line
                    = lines.at(i).endsWith('\r') ? lines.at(i).chopped(1) : lines.at(i);
                const qsizetype colon = line.indexOf(':');
                if (colon <= 0)
                    continue;
                HeaderField field {line.left(colon), line.mid(colon + 1).trimmed()};
                if (field.name.compare("content-length", Qt::CaseInsensitive) == 0)
                    contentLength = field.value.toLongLong();
                request.headers.append(field);
            }
            if (buffer.size() < headerEnd + 4 + contentLength)
                return;
            request.body = buffer.mid(headerEnd + 4, contentLength);
            buffer.remove(0, headerEnd + 4 + contentLength);
            request.arrivedNs = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                    std::chrono::steady_clock::now().time_since_epoch())
                                    .count();
            answer(socket, request);
        }
    }

    void answer(QTcpSocket *socket, const ComposeReceived &request)
    {
        QByteArray response;
        {
            QMutexLocker lock(&m_state->mutex);
            m_state->received.append(request);
            if (m_state->silent)
                return;
            const int index = qMin<int>(m_state->answered, int(m_state->statuses.size()) - 1);
            const int status = m_state->statuses.value(index, 200);
            ++m_state->answered;
            response = "HTTP/1.1 " + QByteArray::number(status) + ' '
                + (status < 300       ? "OK"
                       : status < 500 ? "Client Error"
                                      : "Server Error")
                + "\r\n";
            for (const HeaderField &field : m_state->responseHeaders)
                response += field.name + ": " + field.value + "\r\n";
            response += "Content-Length: " + QByteArray::number(m_state->responseBody.size())
                + "\r\n\r\n" + m_state->responseBody;
        }
        socket->write(response);
    }

    std::shared_ptr<ComposeTestServer::State> m_state;
    QTcpServer *m_server = nullptr;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

ComposeTestServer::ComposeTestServer(bool tls)
    : m_tls(tls)
{
    m_worker = new ComposeServerWorker(m_state);
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(
        m_worker, [this, tls] { return m_worker->listen(tls); }, Qt::BlockingQueuedConnection,
        &m_port);
}

ComposeTestServer::~ComposeTestServer()
{
    m_thread.quit();
    m_thread.wait();
}

QUrl ComposeTestServer::url(const QString &path) const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2%3")
                    .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"))
                    .arg(m_port)
                    .arg(path));
}

void ComposeTestServer::setStatuses(const QList<int> &statuses)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->statuses = statuses;
    m_state->answered = 0;
}

void ComposeTestServer::setSilent(bool silent)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->silent = silent;
}

void ComposeTestServer::setResponse(const HeaderList &headers, const QByteArray &body)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->responseHeaders = headers;
    m_state->responseBody = body;
}

QList<ComposeReceived> ComposeTestServer::received() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->received;
}

int ComposeTestServer::receivedCount() const
{
    QMutexLocker lock(&m_state->mutex);
    return int(m_state->received.size());
}

bool ComposeTestServer::waitForRequests(int n, int timeoutMs) const
{
    QDeadlineTimer deadline(timeoutMs);
    while (receivedCount() < n) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
    return true;
}

quint16 composeClosedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

} // namespace hookscope::test
