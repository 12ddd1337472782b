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

} // namespace hookscope::http
