#pragma once

#include "http/ReceiverConfig.h"
#include "session/SignatureVerifier.h"
#include "store/RequestStore.h"

#include <QObject>
#include <QUrl>

#include <atomic>
#include <functional>
#include <memory>

namespace hookscope::http {
class CaptureServer;
}
namespace hookscope::store {
class StoreClient;
}

namespace hookscope::session {

class Forwarder;

// What the window runs: the store on its thread, the receiver on its threads, and the verifier
// that gives each capture its verdict. Starting and stopping never block on the disk; the
// server answers a request only once the store has committed it.
class ReceiverSession final : public QObject
{
    Q_OBJECT

public:
    explicit ReceiverSession(QObject *parent = nullptr);
    ~ReceiverSession() override; // stops the receiver before the store closes

    // Opens the database (async); `done` gets an error message, empty on success. The window's
    // store holds the database's lock: no second Hookscope writes the same file.
    void openStore(const QString &path, std::function<void(const QString &error)> done);
    // Why the last openStore() failed (None when it succeeded).
    store::OpenFailure storeFailure() const { return m_storeFailure; }
    // Moves an unreadable database aside and opens a new one at its path (async); `done` gets
    // the old file's new name (empty when nothing was moved) and an error, empty on success.
    void startStoreOver(const QString &path,
                        std::function<void(const QString &movedTo, const QString &error)> done);
    bool isStoreOpen() const { return m_storeOpen; }
    QString storePath() const { return m_storePath; }

    // Returns false with lastError() set (e.g. "port 8787 on 127.0.0.1 is already in use").
    bool startReceiver(const http::ReceiverConfig &config);
    void stopReceiver();
    bool isListening() const;
    QString url() const; // e.g. http://127.0.0.1:8787, empty when stopped
    http::ReceiverConfig config() const { return m_config; }
    QString lastError() const { return m_lastError; }

    store::StoreClient &store() const { return *m_store; }
    SignatureVerifier &verifier() { return m_verifier; }

    // Recomputes, in the background with the verifier's current secrets, the verdicts of every
    // stored request of `endpoint`; for the catch-all (""), of every request, since the other
    // endpoints fall back on its secrets. progress(done) on this thread, then finished(total),
    // or finished(-1) when the verdicts could not be written.
    void reverify(const QString &endpoint, std::function<void(qint64 done)> progress,
                  std::function<void(qint64 total)> finished);

    // Every request the receiver stores from now on is also sent, byte for byte, to each target,
    // and each answer is stored beside it (forwardAdded). Returns an error, and changes nothing,
    // when a target is not an http(s) URL or is this receiver itself.
    QString setForwardTargets(const QList<QUrl> &targets);
    QList<QUrl> forwardTargets() const;
    // Pass-through: the sender gets the first target's answer (http::PassThroughHooks), which
    // is stored as the request's answer.
    void setPassThrough(bool on);
    bool passesThrough() const;

Q_SIGNALS:
    void forwarded(qint64 captureId, const hookscope::ForwardResult &result);
    void listeningChanged(bool listening, const QString &url);
    void errorOccurred(const QString &message);
    // About a peer, not a stored request: plain HTTP on the HTTPS port.
    void noticed(const QString &message);

private:
    void forwardStored(const QList<qint64> &ids);
    void forgetForwardsInFlight();
    void keepForwardResult(qint64 captureId, const ForwardResult &result);
    QString loopProblem(const QList<QUrl> &targets) const;

    std::unique_ptr<store::StoreClient> m_store;
    std::unique_ptr<http::CaptureServer> m_server;
    SignatureVerifier m_verifier;
    Forwarder *m_forwarder = nullptr;
    http::ReceiverConfig m_config;
    QString m_storePath;
    QString m_lastError;
    bool m_storeOpen = false;
    quint64 m_storeGeneration = 0; // bumped when another database is opened
    store::OpenFailure m_storeFailure = store::OpenFailure::None;
    std::shared_ptr<std::atomic<bool>> m_closing = std::make_shared<std::atomic<bool>>(false);
};

} // namespace hookscope::session
