#include "http/CaptureServer.h"

#include "http/ConnectionAcceptor.h"
#include "http/ConnectionWorker.h"
#include "http/TlsCertificate.h"
#include "http/UrlHost.h"
#include "store/RequestStore.h"

#include <sys/resource.h>

namespace hookscope::http {

CaptureServer::CaptureServer(QObject *parent)
    : QObject(parent)
{ }

CaptureServer::~CaptureServer()
{
    stop();
}

static bool isLoopback(const QHostAddress &address)
{
    return address.isLoopback();
}

// The descriptors a server may use: its connection cap, and how many spare descriptors its
// connections may hold besides (see HttpConnection's spare one).
struct DescriptorBudget {
    int connections = 0;
    int spares = 0;
};

// Raises the descriptor limit towards what the connection cap needs, two per connection at
// most, and fits the cap under it, keeping room for the database, TLS files and the event loop.
static DescriptorBudget fitDescriptorBudget(int wanted)
{
    constexpr rlim_t reserve = 128;
    rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return {wanted, 0};
    const rlim_t needed = 2 * rlim_t(wanted) + reserve;
    if (limit.rlim_cur < needed && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = qMin(needed, limit.rlim_max);
        ::setrlimit(RLIMIT_NOFILE, &limit);
        ::getrlimit(RLIMIT_NOFILE, &limit);
    }
    if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= needed)
        return {wanted, wanted};
    const rlim_t usable = limit.rlim_cur > reserve ? limit.rlim_cur - reserve : 1;
    const int connections = int(qBound<rlim_t>(1, usable, rlim_t(wanted)));
    return {connections, int(qMin<rlim_t>(usable - rlim_t(connections), rlim_t(connections)))};
}

QString CaptureServer::url() const
{
    const QString scheme
        = m_context && m_context->config.tls ? QStringLiteral("https") : QStringLiteral("http");
    return QStringLiteral("%1://%2:%3").arg(scheme, urlHost(m_address)).arg(m_port);
}

bool CaptureServer::start(const ReceiverConfig &config, store::RequestStore *store,
                          const QString &tlsDirectory)
{
    stop();
    m_error.clear();
    if (!store || !store->isOpen()) {
        m_error = QStringLiteral("no open store to keep requests in");
        return false;
    }
    if (!isLoopback(config.address) && !config.allowNonLoopback) {
        m_error = QStringLiteral("refusing to listen on %1: it is not a loopback address (binding "
                                 "beyond this machine must be asked for explicitly)")
                      .arg(config.address.toString());
        return false;
    }
    for (const EndpointConfig &endpoint : config.endpoints) {
        for (const HeaderField &field : endpoint.response.headers) {
            if (!isSafeHeaderText(field.name) || !isSafeHeaderText(field.value)) {
                m_error = QStringLiteral("endpoint %1: a response header contains CR, LF or NUL")
                              .arg(endpoint.name);
                return false;
            }
        }
    }
    for (const HeaderField &field : config.defaultResponse.headers) {
        if (!isSafeHeaderText(field.name) || !isSafeHeaderText(field.value)) {
            m_error = QStringLiteral("a response header contains CR, LF or NUL");
            return false;
        }
    }

    auto context = std::make_unique<ServerContext>();
    context->config = config;
    const DescriptorBudget budget = fitDescriptorBudget(qMax(1, config.maxConnections));
    context->config.maxConnections = budget.connections;
    context->spareDescriptorBudget = budget.spares;
    context->store = store;
    context->verdictHook = m_verdictHook;
    context->secretHook = m_secretHook;
    context->passThrough = m_passThrough;
    context->notice = m_notice;
    if (config.tls) {
        QString certificate = config.certificatePath;
        QString key = config.privateKeyPath;
        if (certificate.isEmpty() || key.isEmpty()) {
            const QString error = ensureSelfSignedCertificate(tlsDirectory, &certificate, &key);
            if (!error.isEmpty()) {
                m_error = QStringLiteral("cannot create a self-signed certificate: %1").arg(error);
                return false;
            }
        }
        const QString error = loadServerTls(certificate, key, &context->ssl);
        if (!error.isEmpty()) {
            m_error = error;
            return false;
        }
    }
    m_context = std::move(context);

    const int workerCount = qMax(1, config.workerThreads);
    for (int i = 0; i < workerCount; ++i) {
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(QStringLiteral("hookscope-server-%1").arg(i));
        auto *worker = new ConnectionWorker(*m_context);
        worker->moveToThread(thread.get());
        thread->start();
        m_workers.push_back(worker);
        m_threads.push_back(std::move(thread));
    }

    const QString error = listenOnFirstWorker();
    if (!error.isEmpty()) {
        m_error = error;
        stop();
        m_error = error;
        return false;
    }
    m_listening = true;
    return true;
}

QString CaptureServer::listenOnFirstWorker()
{
    const ReceiverConfig &config = m_context->config;
    QString error;
    quint16 port = 0;
    QList<ConnectionWorker *> workers(m_workers.begin(), m_workers.end());
    QMetaObject::invokeMethod(
        m_workers.front(),
        [&] {
            m_acceptor = new ConnectionAcceptor(*m_context, workers);
            m_acceptor->setMaxPendingConnections(qMax(64, config.maxConnections));
            // A burst of clients waits in the kernel's queue instead of in SYN retries.
            m_acceptor->setListenBacklogSize(1024);
            // "::" means every address, IPv4 too, as it does for Node; Qt's AnyIPv6 would
            // take IPv6 only.
            const QHostAddress address = config.address == QHostAddress(QHostAddress::AnyIPv6)
                ? QHostAddress(QHostAddress::Any)
                : config.address;
            if (!m_acceptor->listen(address, config.port)) {
                if (m_acceptor->serverError() == QAbstractSocket::AddressInUseError)
                    error = QStringLiteral("port %1 on %2 is already in use")
                                .arg(config.port)
                                .arg(config.address.toString());
                else
                    error = QStringLiteral("cannot listen on %1 port %2: %3")
                                .arg(config.address.toString())
                                .arg(config.port)
                                .arg(m_acceptor->errorString());
                delete m_acceptor;
                m_acceptor = nullptr;
                return;
            }
            port = m_acceptor->serverPort();
        },
        Qt::BlockingQueuedConnection);
    m_address = config.address;
    m_port = port;
    return error;
}

void CaptureServer::stop()
{
    if (m_workers.empty())
        return;
    // 1. No new connections, no new requests.
    if (m_acceptor) {
        QMetaObject::invokeMethod(
            m_workers.front(),
            [this] {
                delete m_acceptor;
                m_acceptor = nullptr;
            },
            Qt::BlockingQueuedConnection);
    }
    for (ConnectionWorker *worker : m_workers)
        QMetaObject::invokeMethod(worker, &ConnectionWorker::stopReading,
                                  Qt::BlockingQueuedConnection);
    // 2. Everything received is committed; the answers are queued on the workers.
    if (m_context && m_context->store)
        m_context->store->flush();
    // 3. Send those answers (queued events run in order), then close and end the threads.
    for (size_t i = 0; i < m_workers.size(); ++i) {
        ConnectionWorker *worker = m_workers[i];
        QMetaObject::invokeMethod(
            worker, [worker] { worker->closeAll(/*graceful=*/true); },
            Qt::BlockingQueuedConnection);
        m_threads[i]->quit();
        m_threads[i]->wait();
        delete worker;
    }
    m_workers.clear();
    m_threads.clear();
    m_listening = false;
}

} // namespace hookscope::http
