#pragma once

#include "http/ReceiverConfig.h"
#include "http/ServerContext.h"

#include <QHostAddress>
#include <QObject>
#include <QThread>

#include <memory>
#include <vector>

namespace hookscope::store {
class RequestStore;
}

namespace hookscope::http {

class ConnectionAcceptor;
class ConnectionWorker;

// The receiving server: accepts HTTP (or HTTPS) connections on its own threads, captures every
// request, stores it through the RequestStore and answers only once it is committed.
// The store must stay open until stop() returns (stop() waits for its last commits).
class CaptureServer final : public QObject
{
    Q_OBJECT

public:
    explicit CaptureServer(QObject *parent = nullptr);
    ~CaptureServer() override; // stop()

    // Set before start(); called on server threads.
    void setVerdictHook(VerdictHook hook) { m_verdictHook = std::move(hook); }
    void setSecretHook(SecretHook hook) { m_secretHook = std::move(hook); }
    void setPassThroughHooks(PassThroughHooks hooks) { m_passThrough = std::move(hooks); }
    void setNoticeHook(NoticeHook hook) { m_notice = std::move(hook); }

    // Starts listening; returns false with errorString() set (e.g. the port is taken).
    // tlsDirectory is where a generated self-signed certificate is kept (beside the database).
    bool start(const ReceiverConfig &config, store::RequestStore *store,
               const QString &tlsDirectory = {});
    // Stops accepting, answers every request already received once stored, then closes.
    void stop();
    bool isListening() const { return m_listening; }

    QString errorString() const { return m_error; }
    QHostAddress address() const { return m_address; }
    quint16 port() const { return m_port; }
    // "http://127.0.0.1:8787" (brackets around IPv6 addresses).
    QString url() const;

private:
    QString listenOnFirstWorker();

    VerdictHook m_verdictHook;
    SecretHook m_secretHook;
    PassThroughHooks m_passThrough;
    NoticeHook m_notice;
    std::unique_ptr<ServerContext> m_context;
    std::vector<std::unique_ptr<QThread>> m_threads;
    std::vector<ConnectionWorker *> m_workers;
    ConnectionAcceptor *m_acceptor = nullptr;
    bool m_listening = false;
    QString m_error;
    QHostAddress m_address;
    quint16 m_port = 0;
};

} // namespace hookscope::http
