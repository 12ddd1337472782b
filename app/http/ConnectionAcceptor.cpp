#include "http/ConnectionAcceptor.h"

#include "http/ConnectionWorker.h"
#include "http/ServerContext.h"

#include <QTimer>

#include <unistd.h>

namespace hookscope::http {

ConnectionAcceptor::ConnectionAcceptor(ServerContext &context, QList<ConnectionWorker *> workers)
    : m_context(context)
    , m_workers(std::move(workers))
{ }

void ConnectionAcceptor::incomingConnection(qintptr descriptor)
{
    if (m_context.openConnections.load() >= m_context.config.maxConnections) {
        // At the cap the connection idle longest makes room, as nginx reuses idle keep-alive
        // connections: a peer hoarding idle sockets cannot lock senders out. Connections with
        // a request in progress are never cut; when all are busy, the newcomer is refused.
        if (ConnectionWorker *worker = claimLongestIdle()) {
            if (worker->thread() == thread())
                worker->replaceIdle(descriptor);
            else
                QMetaObject::invokeMethod(
                    worker, [worker, descriptor] { worker->replaceIdle(descriptor); },
                    Qt::QueuedConnection);
            return;
        }
        ::close(int(descriptor));
        return;
    }
    ++m_context.openConnections;
    ConnectionWorker *worker = m_workers.at(m_next);
    m_next = (m_next + 1) % m_workers.size();
    if (worker->thread() == thread())
        worker->adopt(descriptor);
    else
        QMetaObject::invokeMethod(
            worker, [worker, descriptor] { worker->adopt(descriptor); }, Qt::QueuedConnection);
}

ConnectionWorker *ConnectionAcceptor::claimLongestIdle()
{
    ConnectionWorker *chosen = nullptr;
    qint64 oldest = 0;
    for (ConnectionWorker *worker : std::as_const(m_workers)) {
        qint64 since = 0;
        if (worker->hasUnclaimedIdle(&since) && (!chosen || since < oldest)) {
            chosen = worker;
            oldest = since;
        }
    }
    if (chosen)
        chosen->claimIdle();
    return chosen;
}

} // namespace hookscope::http
