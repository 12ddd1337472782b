#pragma once

#include "http/HttpResponse.h"
#include "http/RequestParser.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QSocketNotifier>
#include <QTcpSocket>

#include <deque>
#include <list>
#include <optional>

namespace hookscope::store {
struct StoreOutcome;
}

namespace hookscope::http {

struct ServerContext;
class ConnectionWorker;

// One client connection: feeds bytes to the parser, hands each request to the store and
// answers in request order once its capture is committed (pipelined answers wait their turn).
class HttpConnection final : public QObject
{
    Q_OBJECT

public:
    HttpConnection(quint64 id, QTcpSocket *socket, ServerContext &context,
                   ConnectionWorker *worker);
    ~HttpConnection() override;

    quint64 id() const { return m_id; }
    // Called on this connection's thread when the store committed (or failed) request `seq`.
    void onStored(quint64 seq, const store::StoreOutcome &outcome);
    // Closes the connection when a timeout passed; nowMs is a steady clock.
    void sweep(qint64 nowMs);
    // A pass-through answer for request `seq` (see PassThroughHooks); dropped when the request
    // is no longer waiting for one.
    void onPassThroughAnswer(quint64 seq, const HttpResponse &response);
    // Server shutdown: read no further requests; answer the ones already stored. A request
    // half received is stored as malformed and answered 503.
    void stopReading();
    // Server shutdown: stored requests are answered now, without their configured delay.
    void answerWithoutDelay();
    bool hasPendingAnswers() const { return !m_answers.empty(); }
    void closeNow();
    // Shutdown: waits briefly until the answers already written have left.
    void finishWrites();
    // True when input has arrived that no request has consumed yet (in Qt's buffer or still
    // in the kernel's), or a TLS handshake is under way: a request may be starting.
    bool hasInputWaiting() const;

Q_SIGNALS:
    void finished(quint64 id);

private:
    friend class ConnectionWorker; // keeps the idle list's bookkeeping below

    // The answer to one request, kept in arrival order until it may be written.
    struct Answer {
        quint64 seq = 0;
        HttpResponse response; // body may hold the capture-id placeholder until stored
        bool failureStatus = false; // 4xx refusals: the status stands whatever the store says
        bool closeAfter = false;
        bool keepAlive10 = false;
        bool head = false;
        int delayMs = 0;
        bool ready = false;
        QByteArray bytes;
        // Pass-through: answered with what the forward target answers, once stored.
        bool passThrough = false;
        bool awaitingPassThrough = false; // sent on, the target's answer not back yet
        qint64 passThroughSinceMs = 0;
        qint64 captureId = 0;
        std::optional<Capture> toPassOn; // until it is stored and handed on
        qint64 requestEndMs = 0; // steady clock, when the request was complete
        bool senderLeftNoted = false;
    };

    void readIncoming();
    // A peer that spoke plain HTTP to the HTTPS port: told so in plain HTTP (PlainHttpOnTls.h).
    void answerPlainHttp();
    void process();
    void dispatch(Capture capture, int failStatus, const QString &failError);
    void writeReadyAnswers();
    // Makes `response` the answer of a request that waited for a pass-through answer.
    void finishPassThrough(Answer &answer, HttpResponse response);
    // Writes bytes to the peer, straight to the kernel when nothing is queued before them.
    void send(const QByteArray &bytes);
    void markReady(quint64 seq);
    // The peer closed while `answer` was held back (a delay, a forward target's answer): stored
    // with the capture and told to the user, since a sender that timed out never saw it.
    void noteSenderLeft(Answer &answer);
    void fillConnectionFields(Capture &capture) const;
    // Ends the unfinished request as malformed, with its bytes so far; reads no more.
    Capture abandonRequest(const QString &reason);
    // The peer closed: a request it left unfinished is stored as malformed, unanswered. One
    // that only shut its sending side still gets the answers to its complete requests.
    void onPeerClosed();
    // Closing after an answer over plain TCP: shuts the sending side once the answer is out,
    // then drops what the peer still sends until it closes, within time and byte bounds.
    void beginLingeringClose();
    void shutdownWriteWhenSent();
    void discardInput();
    // After a half-close: writes through the spare descriptor, then closes when done.
    void sendAfterPeerClosed(const QByteArray &bytes);
    void flushAfterPeerClosed();
    // Taken when a request is dispatched, within the server's budget; let go once idle.
    void acquireSpareDescriptor();
    void closeSpareDescriptor();
    void announceFinished();
    // Tells the worker whether this connection is idle: open, no request bytes in progress,
    // no answer pending. Only idle connections may be closed to make room at the cap.
    void updateIdle();

    quint64 m_id;
    QTcpSocket *m_socket;
    // A second descriptor for the same plain TCP socket, held while answers are pending. Qt
    // closes its own at the end of the peer's input, yet a peer that only shut down its sending
    // side (`nc -N`, some HTTP/1.0 clients) still waits for its answers: they go through this.
    int m_spareDescriptor = -1;
    bool m_peerClosed = false; // Qt's socket is closed; answers go through the spare
    qint64 m_peerClosedMs = 0; // steady clock
    QByteArray m_unsentAfterClose;
    QSocketNotifier *m_spareWritable = nullptr;
    ServerContext &m_context;
    ConnectionWorker *m_worker;
    RequestParser m_parser;
    QByteArray m_input;
    std::deque<Answer> m_answers;
    quint64 m_nextSeq = 1;
    bool m_readingStopped = false; // no more requests on this connection
    bool m_closing = false;
    bool m_lingering = false; // closing: input is read and dropped (beginLingeringClose)
    bool m_writeShut = false; // the sending side is shut down
    qint64 m_lingerDiscardedBytes = 0;
    bool m_finished = false;
    bool m_processing = false; // process() is on the stack
    QString m_remoteAddress;
    quint16 m_remotePort = 0;
    bool m_tls = false;
    qint64 m_requestStartUs = 0; // wall clock of the current request's first byte
    qint64 m_requestStartSteadyUs = 0;
    qint64 m_lastActivityMs = 0;
    qint64 m_closingSinceMs = 0;
    // Owned by the worker's idle list (see ConnectionWorker::setIdle).
    bool m_idle = false;
    qint64 m_idleSinceUs = 0;
    std::list<HttpConnection *>::iterator m_idleEntry;
};

} // namespace hookscope::http
