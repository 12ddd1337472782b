#include "session/Forwarder.h"

#include "compose/ReplayRequest.h"

#include <QHostAddress>
#include <QTimer>

namespace hookscope::session {

namespace {

// Not reached, or a proxy in front of a server that is (re)starting: worth another try.
bool worthRetrying(const compose::SendResult &sent)
{
    if (sent.gotResponse())
        return sent.status == 502 || sent.status == 503 || sent.status == 504;
    return sent.error == compose::SendError::ConnectionRefused
        || sent.error == compose::SendError::Timeout || sent.error == compose::SendError::Network;
}

} // namespace

Forwarder::Forwarder(QList<QUrl> targets, QObject *parent)
    : QObject(parent)
    , m_targets(std::move(targets))
{ }

void Forwarder::setTargets(QList<QUrl> targets)
{
    if (targets != m_targets)
        dropWaitingRetries();
    m_targets = std::move(targets);
    updateActive();
}

void Forwarder::setPassThrough(bool on)
{
    m_passThrough = on;
    updateActive();
}

void Forwarder::updateActive()
{
    m_passingThrough = m_passThrough && !m_targets.isEmpty();
}

http::PassThroughHooks
Forwarder::passThroughHooks(std::function<void(qint64, const ForwardResult &)> forwarded,
                            std::function<void(qint64, const http::HttpResponse &)> answered)
{
    http::PassThroughHooks hooks;
    hooks.active = [this] { return m_passingThrough.load(); };
    hooks.ask = [this, forwarded](const Capture &stored, http::PassThroughReply reply) {
        QMetaObject::invokeMethod(
            this, [this, stored, reply, forwarded] { passOn(stored, reply, forwarded); },
            Qt::QueuedConnection);
    };
    hooks.answered = [this, answered](qint64 id, const http::HttpResponse &sent) {
        QMetaObject::invokeMethod(
            this, [answered, id, sent] { answered(id, sent); }, Qt::QueuedConnection);
    };
    return hooks;
}

void Forwarder::passOn(const Capture &capture, const http::PassThroughReply &reply,
                       const std::function<void(qint64, const ForwardResult &)> &forwarded)
{
    if (m_targets.isEmpty()) {
        // Turned off between the request and now: nobody is left to answer it but us.
        ForwardResult none;
        none.target = tr("the first forward target");
        none.error = tr("no forward target is set any more");
        reply(http::passThroughResponse(none, capture.id));
        return;
    }
    const qint64 id = capture.id;
    attempt(capture, m_targets.first(), 1, false,
            [reply, forwarded, id](const ForwardResult &result) {
                reply(http::passThroughResponse(result, id));
                forwarded(id, result);
            });
}

QList<int> Forwarder::defaultRetryDelaysMs()
{
    return retryDelaysMs(3);
}

QList<int> Forwarder::retryDelaysMs(int retries)
{
    static constexpr int kFirst[] = {1000, 5000, 30000};
    QList<int> delays;
    for (int i = 0; i < retries; ++i)
        delays << (i < 3 ? kFirst[i] : 60000);
    return delays;
}

int Forwarder::dropWaitingRetries()
{
    const int dropped = int(m_retryTimers.size());
    // Deleting a timer frees the capture its retry holds.
    qDeleteAll(m_retryTimers.keys());
    m_retryTimers.clear();
    m_waitingBytes = 0;
    return dropped;
}

int Forwarder::stopRetrying()
{
    m_retryDelaysMs.clear();
    return dropWaitingRetries();
}

bool Forwarder::loopsBack(const QUrl &target, quint16 port)
{
    const QString host = target.host();
    const bool loopbackHost
        = host.compare(u"localhost", Qt::CaseInsensitive) == 0 || QHostAddress(host).isLoopback();
    return loopbackHost && target.port(target.scheme() == u"https" ? 443 : 80) == port;
}

void Forwarder::forward(const Capture &capture, std::function<void(const ForwardResult &)> done)
{
    // A request the receiver refused as malformed (smuggling shapes, broken framing, oversized
    // parts) is kept for inspection but never relayed to the user's own server.
    if (capture.malformed)
        return;
    // With pass-through, the first target has the request from passThroughHooks().
    for (qsizetype i = m_passThrough ? 1 : 0; i < m_targets.size(); ++i)
        attempt(capture, m_targets.at(i), 1, true, done);
}

void Forwarder::attempt(const Capture &capture, const QUrl &target, int number, bool mayRetry,
                        const std::function<void(const ForwardResult &)> &done)
{
    compose::OutgoingRequest request = compose::replayRequest(capture, target);
    request.timeoutMs = 30000;
    request.insecure = m_insecure;
    ++m_inFlight;
    const QUrl sentTo = request.url;
    m_sender.send(
        request,
        [this, capture, target, sentTo, number, mayRetry, done](const compose::SendResult &sent) {
            --m_inFlight;
            // The target's password is used to send, never shown or stored.
            ForwardResult result;
            result.target = compose::redactedUrl(target);
            result.sentAtUs = sent.startedAtUs;
            result.durationUs = sent.durationUs;
            result.attempt = number;
            if (sent.gotResponse()) {
                result.status = sent.status;
                result.headers = sent.headers;
                result.body = sent.body;
            } else {
                result.error = compose::withoutUrlPassword(sent.message, sentTo);
                // The sender's advice names `send`'s option.
                result.error.replace(QStringLiteral("send again with --insecure"), m_trustAdvice);
                result.timedOut = sent.error == compose::SendError::Timeout;
            }
            // Bodies waiting to be sent again stay in memory: a target down under a flood
            // of large requests must not take all of it.
            const qint64 bytes = capture.body.size();
            const bool retry = mayRetry && worthRetrying(sent) && number <= m_retryDelaysMs.size()
                && m_waitingBytes + bytes <= kMaxWaitingBytes;
            if (retry) {
                const int delay = m_retryDelaysMs.at(number - 1);
                result.retryInMs = delay;
                auto *timer = new QTimer(this);
                timer->setSingleShot(true);
                m_retryTimers.insert(timer, bytes);
                m_waitingBytes += bytes;
                connect(timer, &QTimer::timeout, this,
                        [this, timer, capture, target, number, done] {
                            m_waitingBytes -= m_retryTimers.take(timer);
                            timer->deleteLater();
                            attempt(capture, target, number + 1, true, done);
                        });
                timer->start(delay);
            }
            done(result);
        });
}

} // namespace hookscope::session
