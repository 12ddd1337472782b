#include "http/ConnectionWorker.h"

#include "http/HttpConnection.h"
#include "http/ServerContext.h"
#include "store/RequestStore.h"

#include <QSslSocket>

#include <chrono>

namespace hookscope::http {

ConnectionWorker::ConnectionWorker(ServerContext &context)
    : m_context(context)
{
    m_sweepTimer.setParent(this); // so moveToThread takes the timer along
    // Coarse enough to cost nothing, fine enough for the shortest timeout configured.
    const int shortest = qMin(context.config.idleTimeoutMs, context.config.requestTimeoutMs);
    m_sweepTimer.setInterval(qBound(20, shortest / 4, 1000));
    connect(&m_sweepTimer, &QTimer::timeout, this, &ConnectionWorker::sweep);
}

ConnectionWorker::~ConnectionWorker()
{
    closeAll();
}

void ConnectionWorker::adopt(qintptr descriptor)
{
    QTcpSocket *socket = nullptr;
    if (m_context.config.tls) {
        auto *ssl = new QSslSocket;
        ssl->setSslConfiguration(m_context.ssl);
        socket = ssl;
    } else {
        socket = new QTcpSocket;
    }
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        --m_context.openConnections;
        return;
    }
    if (auto *ssl = qobject_cast<QSslSocket *>(socket))
        ssl->startServerEncryption();
    const quint64 id = m_nextId++;
    auto *connection = new HttpConnection(id, socket, m_context, this);
    connect(connection, &HttpConnection::finished, this, &ConnectionWorker::forget);
    m_connections.insert(id, connection);
    if (!m_sweepTimer.isActive())
        m_sweepTimer.start();
}

void ConnectionWorker::deliverOutcome(quint64 connection, quint64 seq,
                                      const store::StoreOutcome &outcome)
{
    QMetaObject::invokeMethod(
        this,
        [this, connection, seq, outcome] {
            if (HttpConnection *target = m_connections.value(connection))
                target->onStored(seq, outcome);
        },
        Qt::QueuedConnection);
}

void ConnectionWorker::forget(quint64 id)
{
    HttpConnection *connection = m_connections.take(id);
    if (!connection)
        return;
    --m_context.openConnections;
    connection->deleteLater();
}

void ConnectionWorker::sweep()
{
    using namespace std::chrono;
    const qint64 now = duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
    // sweep() may close connections, which edits the hash: walk a copy of the keys.
    const QList<quint64> ids = m_connections.keys();
    for (quint64 id : ids) {
        if (HttpConnection *connection = m_connections.value(id))
            connection->sweep(now);
    }
}

void ConnectionWorker::stopReading()
{
    const QList<quint64> ids = m_connections.keys();
    for (quint64 id : ids) {
        if (HttpConnection *connection = m_connections.value(id))
            connection->stopReading();
    }
}

void ConnectionWorker::closeAll(bool graceful)
{
    m_sweepTimer.stop();
    const QHash<quint64, HttpConnection *> connections = std::exchange(m_connections, {});
    for (HttpConnection *connection : connections) {
        disconnect(connection, nullptr, this, nullptr);
        if (graceful)
            connection->finishWrites();
        connection->closeNow();
        --m_context.openConnections;
        delete connection;
    }
}

} // namespace hookscope::http
