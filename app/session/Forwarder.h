#pragma once

#include "compose/HttpSender.h"
#include "http/Capture.h"
#include "http/PassThrough.h"

#include <QHash>
#include <QObject>
#include <QUrl>

#include <atomic>
#include <functional>

class QTimer;

namespace hookscope::session {

// Sends every capture on to one or more targets (e.g. http://localhost:3000/webhooks) with its
// original method, headers and body bytes, and reports each target's answer. Nothing is
// re-serialized, so signatures stay valid. Malformed requests are not forwarded. Works on this
// object's thread without blocking it.
//
// A target that was not reached (refused, reset, timed out) or answered 502, 503 or 504 (a
// server restarting behind a proxy) is tried again after each of retryDelaysMs(), as providers
// retry; every attempt is reported. Other answers, 500 included, are the server's own and are
// not retried: the user sees them and can replay. Retries wait in memory, at most 256 MiB of
// bodies; beyond that a failed attempt is reported without one.
class Forwarder final : public QObject
{
    Q_OBJECT

public:
    explicit Forwarder(QList<QUrl> targets, QObject *parent = nullptr);

    const QList<QUrl> &targets() const { return m_targets; }
    // A change drops every retry waiting (their failed attempts were reported).
    void setTargets(QList<QUrl> targets);
    void forward(const Capture &capture, std::function<void(const ForwardResult &)> done);

    // Pass-through (http::PassThroughHooks): the first target's answer goes back to the
    // sender. That target is then sent each request by passThroughHooks(), once, since the
    // sender retries on a failure itself, and forward() sends to the other targets only.
    void setPassThrough(bool on);
    bool passesThrough() const { return m_passThrough; }
    // Whether forward() has any target to send to: with pass-through, the first target was
    // sent each request already.
    bool forwardsToOthers() const { return m_targets.size() > (m_passThrough ? 1 : 0); }
    // Hooks for CaptureServer, working on this object's thread (which must outlive the server
    // they are given to): `forwarded` gets the first target's result as forward()'s `done`
    // would; `answered` what the sender got, to store in place of the receiver's own answer.
    http::PassThroughHooks
    passThroughHooks(std::function<void(qint64 captureId, const ForwardResult &)> forwarded,
                     std::function<void(qint64 captureId, const http::HttpResponse &)> answered);

    // Accept any TLS certificate from the targets (a local HTTPS server's self-signed one).
    void setInsecure(bool insecure) { m_insecure = insecure; }
    // What a TLS error's message advises, for a certificate the user may choose to trust.
    void setTrustAdvice(QString advice) { m_trustAdvice = std::move(advice); }

    // 1 s, 5 s, 30 s by default; empty: no retries.
    static QList<int> defaultRetryDelaysMs();
    // `retries` waits: 1 s, 5 s, 30 s, then 60 s each.
    static QList<int> retryDelaysMs(int retries);
    void setRetryDelaysMs(QList<int> delays) { m_retryDelaysMs = std::move(delays); }
    const QList<int> &retryDelaysMs() const { return m_retryDelaysMs; }

    // Sending or waiting to retry.
    int pending() const { return m_inFlight + int(m_retryTimers.size()); }
    int waitingRetries() const { return int(m_retryTimers.size()); }
    // Drops every retry still waiting (their failed attempts were reported); returns how many.
    int dropWaitingRetries();
    // From now on no attempt is retried, and the waiting retries are dropped (returns how
    // many): for a receiver that is stopping or about to use another database.
    int stopRetrying();

    // True when target is a loopback URL on `port`: forwarding there would send every request
    // round and round through the receiver listening on it.
    static bool loopsBack(const QUrl &target, quint16 port);

private:
    void attempt(const Capture &capture, const QUrl &target, int number, bool mayRetry,
                 const std::function<void(const ForwardResult &)> &done);
    void passOn(const Capture &capture, const http::PassThroughReply &reply,
                const std::function<void(qint64, const ForwardResult &)> &forwarded);
    void updateActive();

    QList<QUrl> m_targets;
    bool m_passThrough = false;
    bool m_insecure = false;
    QString m_trustAdvice = tr("forward to it over http:// instead, or with "
                               "`hookscope listen --forward-insecure`");
    std::atomic<bool> m_passingThrough {false}; // on, with a target: read on server threads
    QList<int> m_retryDelaysMs = defaultRetryDelaysMs();
    compose::HttpSender m_sender;
    int m_inFlight = 0;
    // Each waiting retry is a timer holding its capture; deleting it frees the body.
    QHash<QTimer *, qint64> m_retryTimers; // timer -> body bytes it holds
    qint64 m_waitingBytes = 0;
    static constexpr qint64 kMaxWaitingBytes = 256 * 1024 * 1024;
};

} // namespace hookscope::session
