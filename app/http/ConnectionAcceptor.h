#pragma once

#include <QList>
#include <QTcpServer>

namespace hookscope::http {

struct ServerContext;
class ConnectionWorker;

// Accepts sockets and deals them out to the workers in turn; beyond the connection cap a new
// socket is closed at once, so a flood of clients cannot exhaust descriptors or memory.
class ConnectionAcceptor final : public QTcpServer
{
    Q_OBJECT

public:
    ConnectionAcceptor(ServerContext &context, QList<ConnectionWorker *> workers);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    ServerContext &m_context;
    QList<ConnectionWorker *> m_workers;
    qsizetype m_next = 0;
};

} // namespace hookscope::http
