#include "compose/HttpSender.h"

#include "compose/HttpExchange.h"
#include "compose/HttpWire.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

namespace hookscope::compose {

namespace {

// An open connection unused this long is closed rather than reused: servers commonly drop idle
// keep-alive connections after 5 to 60 seconds.
constexpr qint64 kIdleReuseMs = 4000;
constexpr int kMaxIdlePerServer = 64;

QString originOf(const QUrl &url)
{
    return url.scheme().toLower() + QStringLiteral("://") + url.host().toLower() + u':'
        + QString::number(url.port(-1));
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

struct HttpSender::InFlight {
    OutgoingRequest request;
    Callback callback;
    QElapsedTimer clock;
    qint64 startedAtUs = 0;
    bool retried = false;
};

HttpSender::HttpSender(QObject *parent)
    : QObject(parent)
{ }

HttpSender::~HttpSender() = default;

void HttpSender::send(const OutgoingRequest &request, Callback callback)
{
    SendResult invalid;
    invalid.startedAtUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    bool valid = validateRequest(request, &invalid.error, &invalid.message);
    if (valid) {
        const QString problem = targetProblem(wireTarget(request));
        if (!problem.isEmpty()) {
            invalid.error = SendError::InvalidUrl;
            invalid.message = QStringLiteral("invalid request target: %1").arg(problem);
            valid = false;
        }
    }
    if (!valid) {
        QTimer::singleShot(0, this, [callback, invalid] { callback(invalid); });
        return;
    }
    auto state = std::make_shared<InFlight>();
    state->request = request;
    state->callback = std::move(callback);
    state->startedAtUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    state->clock.start();
    startExchange(state, true);
}

void HttpSender::startExchange(const std::shared_ptr<InFlight> &state, bool mayReuse)
{
    const QString origin = originOf(state->request.url);
    QTcpSocket *reused
        = mayReuse && !state->request.insecure ? takeIdleConnection(origin) : nullptr;
    auto *exchange = new HttpExchange(state->request, reused, this);
    const int remainingMs = int(qMax<qint64>(1, state->request.timeoutMs - state->clock.elapsed()));
    exchange->start(state->clock, remainingMs,
                    [this, state, exchange, origin](const HttpExchange::Outcome &outcome) {
                        exchange->deleteLater();
                        if (outcome.retryOnNewConnection && !state->retried) {
                            state->retried = true;
                            startExchange(state, false);
                            return;
                        }
                        if (QTcpSocket *open = exchange->takeOpenConnection())
                            keepIdleConnection(origin, open);
                        SendResult result = outcome.result;
                        if (outcome.retryOnNewConnection) {
                            result.error = SendError::Network;
                            result.message = QStringLiteral("the connection was closed twice "
                                                            "before an answer");
                        }
                        result.startedAtUs = state->startedAtUs;
                        result.durationUs = qMax<qint64>(1, state->clock.nsecsElapsed() / 1000);
                        result.firstByteUs = outcome.firstByteAtNs / 1000;
                        state->callback(result);
                    });
}

QTcpSocket *HttpSender::takeIdleConnection(const QString &origin)
{
    auto found = m_idle.find(origin);
    if (found == m_idle.end())
        return nullptr;
    QList<IdleConnection> &idle = found.value();
    while (!idle.isEmpty()) {
        const IdleConnection candidate = idle.takeLast(); // the most recently used
        QTcpSocket *socket = candidate.socket;
        if (!socket)
            continue;
        disconnect(socket, nullptr, this, nullptr);
        if (socket->state() == QAbstractSocket::ConnectedState && socket->bytesAvailable() == 0
            && nowMs() - candidate.sinceMs < kIdleReuseMs)
            return socket;
        socket->deleteLater();
    }
    return nullptr;
}

void HttpSender::keepIdleConnection(const QString &origin, QTcpSocket *socket)
{
    QList<IdleConnection> &idle = m_idle[origin];
    if (idle.size() >= kMaxIdlePerServer) {
        socket->deleteLater();
        return;
    }
    socket->setParent(this);
    // Closed by the server, or sending what nobody asked for: not reusable.
    connect(socket, &QTcpSocket::disconnected, this, [socket] { socket->deleteLater(); });
    connect(socket, &QTcpSocket::readyRead, this, [socket] { socket->abort(); });
    idle.append({socket, nowMs()});
}

SendResult HttpSender::sendAndWait(const OutgoingRequest &request)
{
    SendResult result;
    QEventLoop loop;
    send(request, [&](const SendResult &r) {
        result = r;
        loop.quit();
    });
    loop.exec();
    return result;
}

} // namespace hookscope::compose
