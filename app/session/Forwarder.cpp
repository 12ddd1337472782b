#include "session/Forwarder.h"

#include "compose/ReplayRequest.h"

#include <QHostAddress>

namespace hookscope::session {

Forwarder::Forwarder(QList<QUrl> targets, QObject *parent)
    : QObject(parent)
    , m_targets(std::move(targets))
{ }

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
    for (const QUrl &target : std::as_const(m_targets)) {
        compose::OutgoingRequest request = compose::replayRequest(capture, target);
        request.timeoutMs = 30000;
        ++m_pending;
        const QUrl sentTo = request.url;
        m_sender.send(request, [this, target, sentTo, done](const compose::SendResult &sent) {
            --m_pending;
            // The target's password is used to send, never shown or stored.
            ForwardResult result;
            result.target = compose::redactedUrl(target);
            result.sentAtUs = sent.startedAtUs;
            result.durationUs = sent.durationUs;
            if (sent.gotResponse()) {
                result.status = sent.status;
                result.headers = sent.headers;
                result.body = sent.body;
            } else {
                result.error = compose::withoutUrlPassword(sent.message, sentTo);
            }
            done(result);
        });
    }
}

} // namespace hookscope::session
