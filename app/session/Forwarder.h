#pragma once

#include "compose/HttpSender.h"
#include "http/Capture.h"

#include <QObject>
#include <QUrl>

#include <functional>

namespace hookscope::session {

// Sends every capture on to one or more targets (e.g. http://localhost:3000/webhooks) with its
// original method, headers and body bytes, and reports each target's answer. Nothing is
// re-serialized, so signatures stay valid. Malformed requests are not forwarded. Works on this
// object's thread without blocking it.
class Forwarder final : public QObject
{
    Q_OBJECT

public:
    explicit Forwarder(QList<QUrl> targets, QObject *parent = nullptr);

    const QList<QUrl> &targets() const { return m_targets; }
    void setTargets(QList<QUrl> targets) { m_targets = std::move(targets); }
    void forward(const Capture &capture, std::function<void(const ForwardResult &)> done);
    int pending() const { return m_pending; }

    // True when target is a loopback URL on `port`: forwarding there would send every request
    // round and round through the receiver listening on it.
    static bool loopsBack(const QUrl &target, quint16 port);

private:
    QList<QUrl> m_targets;
    compose::HttpSender m_sender;
    int m_pending = 0;
};

} // namespace hookscope::session
