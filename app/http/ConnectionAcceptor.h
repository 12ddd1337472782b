#pragma once

#include <QList>
#include <QTcpServer>

namespace hookscope::http {

struct ServerContext;
class ConnectionWorker;

// Accepts sockets and deals them out to the workers in turn. At the connection cap a new socket
// replaces the connection idle longest, or is closed at once when none is idle, so a flood of
// clients cannot exhaust descriptors or memory, nor idle ones lock senders out.
class ConnectionAcceptor final : public QTcpServer
{
    Q_OBJECT

public:
    ConnectionAcceptor(ServerContext &context, QList<ConnectionWorker *> workers);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    // The worker holding the connection idle longest, with one of its idle connections claimed;
    // null when no worker has one left to claim.
    ConnectionWorker *claimLongestIdle();

    ServerContext &m_context;
    QList<ConnectionWorker *> m_workers;
    qsizetype m_next = 0;
};

} // namespace hookscope::http
