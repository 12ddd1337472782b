#include "http/HttpConnection.h"

#include "http/ConnectionWorker.h"
#include "http/EventType.h"
#include "http/Handshake.h"
#include "http/ServerContext.h"
#include "http/UrlHost.h"
#include "signing/Signing.h"
#include "store/RequestStore.h"

#include <QDateTime>
#include <QScopedValueRollback>
#include <QSslSocket>
#include <QTimer>

#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <linux/tcp.h> // struct tcp_info with tcpi_bytes_received, which glibc's lacks
#include <netinet/in.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace hookscope::http {

namespace {

// A receiver with nothing set to verify with: whether anything signed the request at all.
StoredVerdict verdictUnjudged(const Capture &capture)
{
    const QStringList detected = signing::detectSchemes(capture.headers);
    if (detected.isEmpty())
        return {QString(), signing::verdicts::unsignedRequest, QString()};
    return {detected.constFirst(), signing::verdicts::noSecret, QString()};
}

qint64 wallClockUs()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

qint64 steadyUs()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count();
}

// Pipelined requests waiting for their answers beyond this stop the reading until some are
// answered, so a client cannot queue unbounded work.
constexpr size_t kMaxPendingAnswers = 256;
// The socket buffers at most this much unread input; TCP flow control does the rest.
constexpr qint64 kReadBufferBytes = 256 * 1024;
// A connection asked to close gets this long to take its last answer (and, over plain TCP,
// for the peer to stop sending: see beginLingeringClose()).
constexpr qint64 kLingerMs = 5000;
// What a lingering close reads and throws away at most before it resets the connection.
constexpr qint64 kLingerMaxBytes = 8 * 1024 * 1024;

const QByteArray &placeholder()
{
    static const QByteArray value(store::kCaptureIdPlaceholder);
    return value;
}

const QByteArray &defaultReceipt()
{
    static const QByteArray value = "{\"received\":\"" + placeholder() + "\"}";
    return value;
}

// The receiver's own answer to a request whose pass-through answer did not come.
HttpResponse unansweredPassThrough(int status, const QString &why, qint64 captureId)
{
    return {status,
            {},
            jsonError(QStringLiteral("%1; the request is stored as #%2").arg(why).arg(captureId))};
}

} // namespace

HttpConnection::HttpConnection(quint64 id, QTcpSocket *socket, ServerContext &context,
                               ConnectionWorker *worker)
    : m_id(id)
    , m_socket(socket)
    , m_context(context)
    , m_worker(worker)
    , m_parser(context.config.limits)
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(kReadBufferBytes);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_remoteAddress = m_socket->peerAddress().toString();
    m_remotePort = m_socket->peerPort();
    m_tls = qobject_cast<QSslSocket *>(m_socket) != nullptr;
    m_lastActivityMs = steadyUs() / 1000;
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::readIncoming);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onPeerClosed);
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        m_lastActivityMs = steadyUs() / 1000;
        if (m_lingering) {
            shutdownWriteWhenSent();
            return;
        }
        if (!m_readingStopped && !m_input.isEmpty() && m_answers.size() < kMaxPendingAnswers)
            process();
    });
    if (auto *ssl = qobject_cast<QSslSocket *>(m_socket)) {
        // A finished handshake is activity: the connection goes to the back of the idle list.
        connect(ssl, &QSslSocket::encrypted, this, [this] {
            if (m_idle)
                m_worker->setIdle(this, false);
            updateIdle();
        });
        connect(ssl, &QAbstractSocket::errorOccurred, this, [this, ssl](auto error) {
            if (error == QAbstractSocket::SslHandshakeFailedError
                && isPlainHttpHandshakeError(ssl->errorString()))
                answerPlainHttp();
        });
    }
    updateIdle(); // a new connection waits for its first request
}

void HttpConnection::answerPlainHttp()
{
    // Qt closes the socket once this signal returns, so the answer goes straight to the kernel
    // now, followed by the end of our side.
    const QString local = QStringLiteral("https://%1:%2/")
                              .arg(urlHost(m_socket->localAddress()))
                              .arg(m_socket->localPort());
    if (m_context.notice)
        m_context.notice(QStringLiteral("plain HTTP from %1:%2 on this HTTPS port, answered 400: "
                                        "the sender's URL should start with %3")
                             .arg(m_remoteAddress)
                             .arg(m_remotePort)
                             .arg(local));
    const QByteArray answer = plainHttpOnTlsAnswer(local);
    const int descriptor = int(m_socket->socketDescriptor());
    if (::send(descriptor, answer.constData(), size_t(answer.size()), MSG_NOSIGNAL | MSG_DONTWAIT)
        > 0)
        ::shutdown(descriptor, SHUT_WR);
}

HttpConnection::~HttpConnection()
{
    closeSpareDescriptor();
}

void HttpConnection::readIncoming()
{
    if (m_lingering) {
        discardInput();
        return;
    }
    if (m_readingStopped || m_answers.size() >= kMaxPendingAnswers)
        return; // leave it in the socket; process() comes back for it
    process();
}

void HttpConnection::fillConnectionFields(Capture &capture) const
{
    capture.remoteAddress = m_remoteAddress;
    capture.remotePort = m_remotePort;
    capture.tls = m_tls;
    capture.receivedAtUs = m_requestStartUs;
    capture.durationUs = steadyUs() - m_requestStartSteadyUs;
}

void HttpConnection::process()
{
    // flush() in writeReadyAnswers() emits bytesWritten at once, whose handler comes back
    // here: never feed the parser the same input twice.
    if (m_processing)
        return;
    const QScopedValueRollback processing(m_processing, true);
    // Input left in the socket while reading was paused is picked up here.
    if (!m_readingStopped && m_socket->bytesAvailable() > 0)
        m_input += m_socket->readAll();
    qsizetype offset = 0;
    while (offset < m_input.size() && !m_readingStopped && m_answers.size() < kMaxPendingAnswers) {
        if (!m_parser.inRequest()) {
            m_requestStartUs = wallClockUs();
            m_requestStartSteadyUs = steadyUs();
        }
        const ParseResult result = m_parser.feed(QByteArrayView(m_input).sliced(offset));
        offset += result.consumed;
        if (result.kind == ParseResult::Kind::NeedMore) {
            if (m_parser.wantsContinue()) {
                send(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
                m_parser.markContinueSent();
            }
            break;
        }
        if (result.kind == ParseResult::Kind::Error) {
            Capture capture = m_parser.takeCapture();
            fillConnectionFields(capture);
            m_readingStopped = true;
            dispatch(std::move(capture), result.status, result.error);
            break;
        }
        const bool keepAlive = m_parser.keepAlive();
        const bool upgrade = m_parser.upgrade();
        Capture capture = m_parser.takeCapture();
        fillConnectionFields(capture);
        if (!keepAlive || upgrade)
            m_readingStopped = true;
        dispatch(std::move(capture), 0, {});
    }
    if (offset >= m_input.size())
        m_input.clear();
    else if (offset > 0)
        m_input.remove(0, offset);
    if (m_readingStopped)
        m_input.clear();
    updateIdle();
}

void HttpConnection::dispatch(Capture capture, int failStatus, const QString &failError)
{
    const ReceiverConfig &config = m_context.config;
    Answer answer;
    answer.seq = m_nextSeq++;
    answer.head = capture.method == "HEAD";
    answer.closeAfter = m_readingStopped;
    answer.keepAlive10 = !answer.closeAfter && capture.httpVersion == "1.0";

    if (failStatus != 0) {
        answer.failureStatus = true;
        answer.response.status = failStatus;
        answer.response.body = jsonError(failError);
    } else {
        const EndpointConfig *endpoint = matchEndpoint(config.endpoints, capture.target);
        const ResponseConfig &configured = endpoint ? endpoint->response : config.defaultResponse;
        capture.endpoint = endpoint ? endpoint->name : QString();
        capture.eventType = deriveEventType(capture.headers, capture.body);
        capture.signature
            = m_context.verdictHook ? m_context.verdictHook(capture) : verdictUnjudged(capture);
        answer.response.status = configured.status;
        answer.response.headers = configured.headers;
        answer.response.body = configured.body.isEmpty() ? defaultReceipt() : configured.body;
        answer.delayMs = configured.delayMs;
        if (config.answerHandshakes) {
            if (auto handshake = answerHandshake(capture, m_context.secretHook)) {
                answer.response = std::move(handshake->response);
                answer.delayMs = 0;
            }
        }
        const bool rejectInvalid
            = endpoint ? endpoint->rejectInvalidSignature : config.defaultRejectInvalidSignature;
        const QString refusal = signing::verdicts::refusalReason(capture.signature.verdict);
        if (rejectInvalid && !refusal.isEmpty()) {
            answer.failureStatus = true;
            answer.response
                = {401,
                   {},
                   jsonError(QStringLiteral("%1: %2").arg(refusal, capture.signature.detail))};
            answer.delayMs = 0;
        }
    }
    if (!answer.failureStatus && !capture.malformed && m_context.passThrough.isActive()) {
        // The target's answer is recorded once it is known (PassThroughHooks::answered).
        answer.passThrough = true;
        answer.delayMs = 0;
        capture.responseStatus = 0;
        answer.toPassOn = capture;
    } else {
        if (!statusAllowsBody(answer.response.status))
            answer.response.body.clear(); // a 204, 205 or 304 goes out bare, and is recorded so
        capture.responseStatus = answer.response.status;
        capture.responseHeaders
            = headersAsSent(answer.response, answer.closeAfter, answer.keepAlive10);
        capture.responseBody = answer.response.body;
        capture.responseDelayMs = answer.delayMs;
    }

    const quint64 seq = answer.seq;
    answer.requestEndMs = steadyUs() / 1000;
    m_answers.push_back(std::move(answer));
    acquireSpareDescriptor();
    m_worker->submitCapture(m_id, seq, std::move(capture));
}

void HttpConnection::onStored(quint64 seq, const store::StoreOutcome &outcome)
{
    auto it = std::find_if(m_answers.begin(), m_answers.end(),
                           [seq](const Answer &a) { return a.seq == seq; });
    if (it == m_answers.end())
        return;
    Answer &answer = *it;
    if (outcome.ok())
        answer.captureId = outcome.id;
    if (outcome.ok() && m_peerClosed && (answer.passThrough || answer.delayMs > 0))
        noteSenderLeft(answer);
    if (outcome.ok() && answer.passThrough) {
        answer.awaitingPassThrough = true;
        answer.passThroughSinceMs = steadyUs() / 1000;
        Capture stored = std::move(*answer.toPassOn);
        answer.toPassOn.reset();
        stored.id = outcome.id;
        m_context.passThrough.ask(stored, m_worker->passThroughReply(m_id, seq));
        return;
    }
    answer.toPassOn.reset();
    if (outcome.ok()) {
        answer.response.body.replace(placeholder(), QByteArray::number(outcome.id));
    } else if (!answer.failureStatus) {
        // Never claim a receipt that was not stored.
        answer.response
            = {503, {}, jsonError(QStringLiteral("request not stored: %1").arg(outcome.reason))};
        answer.delayMs = 0;
    }
    answer.bytes
        = serializeResponse(answer.response, answer.closeAfter, answer.keepAlive10, answer.head);
    if (answer.delayMs > 0 && outcome.ok()) {
        QTimer::singleShot(answer.delayMs, this, [this, seq] { markReady(seq); });
        return;
    }
    answer.ready = true;
    writeReadyAnswers();
}

void HttpConnection::onPassThroughAnswer(quint64 seq, const HttpResponse &response)
{
    for (Answer &answer : m_answers) {
        if (answer.seq == seq && answer.awaitingPassThrough) {
            finishPassThrough(answer, response);
            writeReadyAnswers();
            return;
        }
    }
}

void HttpConnection::finishPassThrough(Answer &answer, HttpResponse response)
{
    answer.awaitingPassThrough = false;
    if (!statusAllowsBody(response.status))
        response.body.clear();
    answer.response = std::move(response);
    answer.bytes
        = serializeResponse(answer.response, answer.closeAfter, answer.keepAlive10, answer.head);
    answer.ready = true;
    if (m_context.passThrough.answered) {
        m_context.passThrough.answered(
            answer.captureId,
            {answer.response.status,
             headersAsSent(answer.response, answer.closeAfter, answer.keepAlive10),
             answer.response.body});
    }
}

void HttpConnection::noteSenderLeft(Answer &answer)
{
    if (answer.senderLeftNoted || answer.captureId <= 0 || !m_context.store)
        return;
    answer.senderLeftNoted = true;
    const qint64 afterMs = std::max<qint64>(0, m_peerClosedMs - answer.requestEndMs);
    store::RequestStore *store = m_context.store;
    const qint64 id = answer.captureId;
    QMetaObject::invokeMethod(
        store, [store, id, afterMs] { store->recordSenderLeft(id, afterMs); },
        Qt::QueuedConnection);
    if (m_context.notice) {
        const int delayMs = answer.passThrough ? 0 : answer.delayMs;
        m_context.notice(
            QStringLiteral("request #%1: %2").arg(id).arg(senderLeftText(afterMs, delayMs)));
    }
}

void HttpConnection::markReady(quint64 seq)
{
    for (Answer &answer : m_answers) {
        if (answer.seq == seq)
            answer.ready = true;
    }
    writeReadyAnswers();
}

void HttpConnection::writeReadyAnswers()
{
    bool wrote = false;
    while (!m_answers.empty() && m_answers.front().ready && !m_closing) {
        Answer &answer = m_answers.front();
        send(answer.bytes);
        wrote = true;
        const bool close = answer.closeAfter;
        m_answers.pop_front();
        if (close) {
            m_closing = true;
            m_closingSinceMs = steadyUs() / 1000;
            m_answers.clear();
            if (!m_peerClosed)
                beginLingeringClose();
        }
    }
    if (m_peerClosed) {
        // Done once every answer is out (or the peer is gone altogether).
        if (m_unsentAfterClose.isEmpty() && (m_answers.empty() || m_closing)) {
            m_answers.clear();
            announceFinished();
        }
        return;
    }
    // What send() had to buffer goes now rather than on the next turn of the event loop.
    if (wrote && !m_closing && m_socket->bytesToWrite() > 0)
        m_socket->flush();
    m_lastActivityMs = steadyUs() / 1000;
    if (!m_closing && !m_readingStopped && m_answers.size() < kMaxPendingAnswers
        && (!m_input.isEmpty() || m_socket->bytesAvailable() > 0))
        process();
    updateIdle();
}

void HttpConnection::send(const QByteArray &bytes)
{
    if (m_peerClosed) {
        sendAfterPeerClosed(bytes);
        return;
    }
    qsizetype sent = 0;
    if (!m_tls && m_socket->bytesToWrite() == 0) {
        // QAbstractSocket::write() switches its write notifier on and flush() switches it off
        // again; under the glib event loop each switch wakes the loop (an eventfd write), two
        // extra system calls per answer. The kernel usually takes the whole answer at once.
        const ssize_t n = ::send(int(m_socket->socketDescriptor()), bytes.constData(),
                                 size_t(bytes.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        // On an error (the peer gone) the socket's own write below meets it and reports it.
        if (n > 0)
            sent = qsizetype(n);
    }
    if (sent < bytes.size())
        m_socket->write(bytes.constData() + sent, bytes.size() - sent);
    else
        m_lastActivityMs = steadyUs() / 1000;
}

void HttpConnection::beginLingeringClose()
{
    if (m_tls) {
        // QSslSocket cannot shut down only its sending side (disconnectFromHost sends
        // close_notify and closes the descriptor), so a TLS connection closes as before.
        m_socket->disconnectFromHost(); // sends what is buffered, then closes
        return;
    }
    // Closing while the peer is still sending (a body refused with 413, a pipeline after
    // "Connection: close") makes the kernel answer its next bytes with a reset, which can
    // destroy the answer before the peer reads it. So, as nginx's lingering_close: end the
    // sending side once the answer is out, then read and drop what still comes until the peer
    // closes, kLingerMs passed (sweep) or kLingerMaxBytes were dropped.
    m_lingering = true;
    closeSpareDescriptor(); // no answer is left for it to carry
    discardInput(); // what waited unread since reading stopped
    if (m_finished)
        return;
    m_socket->flush();
    shutdownWriteWhenSent();
}

void HttpConnection::shutdownWriteWhenSent()
{
    if (m_writeShut || m_socket->bytesToWrite() > 0
        || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    m_writeShut = true;
    if (::shutdown(int(m_socket->socketDescriptor()), SHUT_WR) != 0)
        closeNow(); // not connected any more: nothing left to linger for
}

void HttpConnection::discardInput()
{
    char sink[16 * 1024];
    qint64 n = 0;
    while ((n = m_socket->read(sink, sizeof sink)) > 0) {
        m_lingerDiscardedBytes += n;
        if (m_lingerDiscardedBytes > kLingerMaxBytes) {
            closeNow();
            return;
        }
    }
}

void HttpConnection::sendAfterPeerClosed(const QByteArray &bytes)
{
    m_unsentAfterClose += bytes;
    flushAfterPeerClosed();
}

void HttpConnection::flushAfterPeerClosed()
{
    while (!m_unsentAfterClose.isEmpty()) {
        const ssize_t n = ::send(m_spareDescriptor, m_unsentAfterClose.constData(),
                                 size_t(m_unsentAfterClose.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            m_unsentAfterClose.remove(0, qsizetype(n));
            m_lastActivityMs = steadyUs() / 1000;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!m_spareWritable) {
                m_spareWritable
                    = new QSocketNotifier(qintptr(m_spareDescriptor), QSocketNotifier::Write, this);
                connect(m_spareWritable, &QSocketNotifier::activated, this, [this] {
                    flushAfterPeerClosed();
                    writeReadyAnswers(); // finishes the connection when all is out
                });
            }
            m_spareWritable->setEnabled(true);
            return;
        } else {
            // The peer is gone altogether: nothing more can reach it.
            m_unsentAfterClose.clear();
            m_closing = true;
        }
    }
    if (m_spareWritable)
        m_spareWritable->setEnabled(false);
}

void HttpConnection::acquireSpareDescriptor()
{
    if (m_tls || m_spareDescriptor >= 0 || m_peerClosed)
        return;
    // Within the server's budget; without a spare, a half-closed peer goes unanswered.
    if (m_context.spareDescriptors.fetch_add(1) >= m_context.spareDescriptorBudget) {
        m_context.spareDescriptors.fetch_sub(1);
        return;
    }
    m_spareDescriptor = ::fcntl(int(m_socket->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    if (m_spareDescriptor < 0)
        m_context.spareDescriptors.fetch_sub(1);
}

void HttpConnection::closeSpareDescriptor()
{
    delete m_spareWritable;
    m_spareWritable = nullptr;
    if (m_spareDescriptor < 0)
        return;
    ::close(m_spareDescriptor); // if it was the last one, the kernel ends the connection
    m_spareDescriptor = -1;
    m_context.spareDescriptors.fetch_sub(1);
}

void HttpConnection::sweep(qint64 nowMs)
{
    const ReceiverConfig &config = m_context.config;
    if (m_closing) {
        if (nowMs - m_closingSinceMs > kLingerMs)
            closeNow();
        return;
    }
    // A half-closed peer that takes none of its answer is let go like an idle one.
    if (m_peerClosed && !m_unsentAfterClose.isEmpty()
        && nowMs - m_lastActivityMs > config.idleTimeoutMs) {
        closeNow();
        return;
    }
    bool gaveUp = false;
    for (Answer &answer : m_answers) {
        if (answer.awaitingPassThrough
            && nowMs - answer.passThroughSinceMs > config.passThroughTimeoutMs) {
            const QString why = QStringLiteral("no answer from the forward target to pass on "
                                               "within %1 ms")
                                    .arg(config.passThroughTimeoutMs);
            finishPassThrough(answer, unansweredPassThrough(504, why, answer.captureId));
            gaveUp = true;
        }
    }
    if (gaveUp) {
        writeReadyAnswers();
        return;
    }
    if (m_parser.inRequest() && !m_readingStopped
        && nowMs - m_requestStartSteadyUs / 1000 > config.requestTimeoutMs) {
        const QString reason
            = QStringLiteral("request not completed within %1 ms").arg(config.requestTimeoutMs);
        dispatch(abandonRequest(reason), 408, reason);
        updateIdle();
        return;
    }
    if (m_answers.empty() && !m_parser.inRequest()
        && nowMs - m_lastActivityMs > config.idleTimeoutMs) {
        closeNow();
        return;
    }
    // An idle connection needs no spare; a busy one keeps its own rather than take one per
    // request.
    if (m_idle)
        closeSpareDescriptor();
}

void HttpConnection::stopReading()
{
    // A request half received is kept, and told to come back: the receiver is stopping.
    if (m_parser.inRequest() && !m_readingStopped && !m_closing) {
        const QString reason = QStringLiteral("the receiver stopped before the request was "
                                              "complete");
        dispatch(abandonRequest(reason), 503, reason);
    }
    m_readingStopped = true;
    m_input.clear();
    updateIdle();
    if (m_answers.empty())
        closeNow();
}

Capture HttpConnection::abandonRequest(const QString &reason)
{
    Capture capture = m_parser.abandon(reason);
    fillConnectionFields(capture);
    m_readingStopped = true;
    m_input.clear();
    return capture;
}

void HttpConnection::answerWithoutDelay()
{
    for (Answer &answer : m_answers) {
        if (answer.awaitingPassThrough) {
            // Stored, but its answer is still on its way from the target: there is no waiting
            // for it now, so the sender is told to come back.
            finishPassThrough(
                answer,
                unansweredPassThrough(503,
                                      QStringLiteral("the receiver stopped before the "
                                                     "forward target answered"),
                                      answer.captureId));
        }
        if (!answer.bytes.isEmpty()) // stored: its answer is made
            answer.ready = true;
    }
    writeReadyAnswers();
}

void HttpConnection::onPeerClosed()
{
    m_peerClosedMs = steadyUs() / 1000;
    for (Answer &answer : m_answers) {
        if (!answer.failureStatus && (answer.passThrough || answer.delayMs > 0))
            noteSenderLeft(answer);
    }
    if (!m_closing && !m_readingStopped) {
        // The peer's last bytes may still wait in the socket's buffer.
        if (m_socket->bytesAvailable() > 0)
            process();
        if (m_parser.inRequest() && !m_readingStopped) {
            // What a sender sent before it gave up is what the inspector must show.
            Capture capture = abandonRequest(
                QStringLiteral("the client closed the connection before the request was complete"));
            capture.responseStatus = 0; // nobody is left to answer
            m_worker->submitCapture(m_id, m_nextSeq++, std::move(capture));
        }
    }
    if (!m_closing && !m_answers.empty() && m_spareDescriptor >= 0) {
        // Complete requests wait for their answers: the peer may only have shut its sending
        // side, as `nc -N` does, and is still reading.
        m_peerClosed = true;
        m_readingStopped = true;
        m_input.clear();
        updateIdle();
        writeReadyAnswers();
        return;
    }
    announceFinished();
}

void HttpConnection::finishWrites()
{
    if (m_peerClosed) {
        for (int i = 0; i < 10 && !m_unsentAfterClose.isEmpty(); ++i) {
            pollfd writable {m_spareDescriptor, POLLOUT, 0};
            if (::poll(&writable, 1, 100) <= 0)
                break;
            flushAfterPeerClosed();
        }
        return;
    }
    // Bounded: a peer that stopped reading must not hold the shutdown.
    for (int i = 0; i < 10 && m_socket->bytesToWrite() > 0; ++i) {
        if (!m_socket->waitForBytesWritten(100))
            break;
    }
}

void HttpConnection::closeNow()
{
    m_closing = true;
    m_answers.clear();
    m_socket->abort();
    announceFinished();
}

void HttpConnection::announceFinished()
{
    if (m_finished)
        return;
    m_finished = true;
    closeSpareDescriptor();
    updateIdle(); // out of the idle list before the worker lets go of this connection
    Q_EMIT finished(m_id);
}

void HttpConnection::updateIdle()
{
    const bool idle = !m_finished && !m_closing && !m_readingStopped && m_answers.empty()
        && m_input.isEmpty() && !m_parser.inRequest();
    m_worker->setIdle(this, idle);
}

bool HttpConnection::hasInputWaiting() const
{
    if (!m_input.isEmpty() || m_socket->bytesAvailable() > 0)
        return true;
    const int descriptor = int(m_socket->socketDescriptor());
    int queued = 0;
    if (::ioctl(descriptor, FIONREAD, &queued) == 0 && queued > 0)
        return true;
    // A TLS handshake the peer has begun is under way as a request is. QSslSocket has already
    // taken its bytes from the kernel; the kernel's count of bytes received still shows them.
    const auto *ssl = qobject_cast<const QSslSocket *>(m_socket);
    if (!ssl || ssl->isEncrypted())
        return false;
    tcp_info info {};
    socklen_t size = sizeof info;
    return ::getsockopt(descriptor, IPPROTO_TCP, TCP_INFO, &info, &size) == 0
        && info.tcpi_bytes_received > 0;
}

} // namespace hookscope::http
