#pragma once

#include "compose/SendTypes.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>

#include <functional>
#include <memory>

namespace hookscope::compose {

// Sends one request at a time or many at once, without blocking: the callback runs later on
// this object's thread. The request goes out exactly as given (see HttpWire.h), over HTTP/1.1 as
// webhook providers send; redirects are not followed (the 3xx is the answer). Connections are
// kept open between sends to the same server, except those whose certificate was accepted with
// `insecure`, which serve that one send.
class HttpSender final : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const SendResult &)>;

    explicit HttpSender(QObject *parent = nullptr);
    ~HttpSender() override;

    // Validation errors are reported through the callback too, never synchronously.
    void send(const OutgoingRequest &request, Callback callback);
    // Runs a local event loop until the answer: for the command line and tests.
    SendResult sendAndWait(const OutgoingRequest &request);

private:
    struct InFlight;
    struct IdleConnection {
        QPointer<QTcpSocket> socket;
        qint64 sinceMs = 0;
    };

    void startExchange(const std::shared_ptr<InFlight> &state, bool mayReuse);
    QTcpSocket *takeIdleConnection(const QString &origin);
    void keepIdleConnection(const QString &origin, QTcpSocket *socket);

    QHash<QString, QList<IdleConnection>> m_idle; // by scheme://host:port
};

} // namespace hookscope::compose
