#include "http/ConnectionWorker.h"

#include "http/HttpConnection.h"
#include "http/ServerContext.h"
#include "store/RequestStore.h"

#include <QAbstractEventDispatcher>
#include <QSslSocket>

#include <chrono>
#include <unistd.h>

namespace hookscope::http {

ConnectionWorker::ConnectionWorker(ServerContext &context)
    : m_context(context)
{
    m_sweepTimer.setParent(this); // so moveToThread takes the timer along
    // Coarse enough to cost nothing, fine enough for the shortest timeout configured.
    const int shortest = qMin(context.config.idleTimeoutMs, context.config.requestTimeoutMs);
    m_sweepTimer.setInterval(qBound(20, shortest / 4, 1000));
    connect(&m_sweepTimer, &QTimer::timeout, this, &ConnectionWorker::sweep);
    m_mailbox->worker = this;
}

ConnectionWorker::~ConnectionWorker()
{
    {
        std::lock_guard lock(m_mailbox->mutex);
        m_mailbox->worker = nullptr;
    }
    closeAll();
}

PassThroughReply ConnectionWorker::passThroughReply(quint64 connection, quint64 seq)
{
    return [mailbox = m_mailbox, connection, seq](const HttpResponse &response) {
        // Held while posting, so the worker cannot be deleted in between; an event posted to
        // it is discarded if it goes before the event is handled.
        std::lock_guard lock(mailbox->mutex);
        ConnectionWorker *worker = mailbox->worker;
        if (!worker)
            return;
        QMetaObject::invokeMethod(
            worker,
            [worker, connection, seq, response] {
                if (HttpConnection *target = worker->m_connections.value(connection))
                    target->onPassThroughAnswer(seq, response);
            },
            Qt::QueuedConnection);
    };
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

bool ConnectionWorker::hasUnclaimedIdle(qint64 *idleSinceUs) const
{
    if (m_idleCount.load(std::memory_order_acquire) - m_claims.load() <= 0)
        return false;
    *idleSinceUs = m_oldestIdleUs.load(std::memory_order_acquire);
    return true;
}

void ConnectionWorker::setIdle(HttpConnection *connection, bool idle)
{
    if (idle == connection->m_idle)
        return;
    if (idle) {
        connection->m_idleSinceUs = std::chrono::duration_cast<std::chrono::microseconds>(
                                        std::chrono::steady_clock::now().time_since_epoch())
                                        .count();
        connection->m_idleEntry = m_idle.insert(m_idle.end(), connection);
    } else {
        m_idle.erase(connection->m_idleEntry);
    }
    connection->m_idle = idle;
    m_oldestIdleUs.store(m_idle.empty() ? 0 : m_idle.front()->m_idleSinceUs,
                         std::memory_order_release);
    m_idleCount.store(int(m_idle.size()), std::memory_order_release);
}

void ConnectionWorker::replaceIdle(qintptr descriptor)
{
    // Bytes already waiting mean a request is starting: that connection is not idle after all.
    HttpConnection *victim = nullptr;
    for (HttpConnection *candidate : m_idle) {
        if (!candidate->hasInputWaiting()) {
            victim = candidate;
            break;
        }
    }
    if (victim) {
        victim->closeNow(); // its slot is free once this returns (finished -> forget)
        ++m_context.openConnections;
        adopt(descriptor);
    } else {
        ::close(int(descriptor));
    }
    --m_claims;
}

void ConnectionWorker::submitCapture(quint64 connection, quint64 seq, Capture capture)
{
    if (!m_hookedToEventLoop) {
        // aboutToBlock: this thread has handled every socket that was ready.
        connect(QAbstractEventDispatcher::instance(), &QAbstractEventDispatcher::aboutToBlock, this,
                &ConnectionWorker::submitQueued, Qt::DirectConnection);
        m_hookedToEventLoop = true;
    }
    m_toStore.push_back(
        {std::move(capture), [this, connection, seq](const store::StoreOutcome &outcome) {
             deliverOutcome(connection, seq, outcome);
         }});
}

void ConnectionWorker::submitQueued()
{
    if (!m_toStore.empty())
        m_context.store->submit(std::exchange(m_toStore, {}));
}

void ConnectionWorker::deliverOutcome(quint64 connection, quint64 seq,
                                      const store::StoreOutcome &outcome)
{
    // A commit completes many requests at once: queue them and wake this thread once.
    bool wake = false;
    {
        std::lock_guard lock(m_outcomesMutex);
        wake = m_outcomes.empty();
        m_outcomes.push_back({connection, seq, outcome});
    }
    if (wake)
        QMetaObject::invokeMethod(this, &ConnectionWorker::drainOutcomes, Qt::QueuedConnection);
}

void ConnectionWorker::drainOutcomes()
{
    std::vector<Outcome> outcomes;
    {
        std::lock_guard lock(m_outcomesMutex);
        outcomes.swap(m_outcomes);
    }
    for (const Outcome &item : outcomes) {
        if (HttpConnection *target = m_connections.value(item.connection))
            target->onStored(item.seq, item.outcome);
    }
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
    submitQueued(); // the server's stop() flushes the store next and must find these there
}

void ConnectionWorker::closeAll(bool graceful)
{
    m_sweepTimer.stop();
    // Anything still queued is stored all the same; nobody is left to answer.
    for (store::Submission &submission : m_toStore)
        submission.done = {};
    submitQueued();
    const QHash<quint64, HttpConnection *> connections = std::exchange(m_connections, {});
    for (HttpConnection *connection : connections) {
        disconnect(connection, nullptr, this, nullptr);
        if (graceful) {
            connection->answerWithoutDelay();
            connection->finishWrites();
        }
        connection->closeNow();
        --m_context.openConnections;
        delete connection;
    }
}

} // namespace hookscope::http
