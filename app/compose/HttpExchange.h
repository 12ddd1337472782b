#pragma once

#include "compose/ResponseReader.h"
#include "compose/SendTypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTcpSocket>
#include <QTimer>

#include <functional>

namespace hookscope::compose {

// One request and its answer over one connection: a new one, or one the sender kept open from
// an earlier answer. Writes the exact bytes of serializeRequest() and reads the answer with
// ResponseReader; reports once, on this object's thread.
class HttpExchange final : public QObject
{
    Q_OBJECT

public:
    struct Outcome {
        SendResult result; // without the timing, which the sender keeps across retries
        qint64 firstByteAtNs = 0; // on the clock given to start(); 0 if no answer began
        // A kept-open connection the server had already closed: nothing was read, so the
        // request may go again on a new connection, as browsers and curl do.
        bool retryOnNewConnection = false;
    };
    using Done = std::function<void(const Outcome &)>;

    // reused: an open connection from the sender's pool (this object takes it), or null.
    HttpExchange(const OutgoingRequest &request, QTcpSocket *reused, QObject *parent);
    void start(const QElapsedTimer &clock, int timeoutMs, Done done);
    // After an answer that leaves the connection open: the connection, for the next send.
    QTcpSocket *takeOpenConnection();

private:
    void connectSocket();
    void writeRequest();
    void readAnswer();
    void onClosed();
    void onSocketError(QAbstractSocket::SocketError error);
    void onTimeout();
    void finish(Outcome outcome);
    void finishWithError(SendError error, const QString &message);
    QString hostAndPort() const;

    OutgoingRequest m_request;
    QPointer<QTcpSocket> m_socket;
    bool m_reused = false;
    bool m_written = false;
    bool m_done = false;
    ResponseReader m_reader;
    QStringList m_tlsErrors;
    QTimer m_timer;
    QElapsedTimer m_clock; // the send's, started before any retry
    qint64 m_firstByteAtNs = 0;
    Done m_onDone;
};

} // namespace hookscope::compose
