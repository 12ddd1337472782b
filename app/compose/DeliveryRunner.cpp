#include "compose/DeliveryRunner.h"

#include "compose/HttpSender.h"
#include "compose/LoadSummary.h"
#include "compose/Placeholders.h"
#include "core/Version.h"
#include "signing/Signing.h"

#include <QDateTime>
#include <QEventLoop>

#include <algorithm>
#include <cmath>

namespace hookscope::compose {

struct DeliveryRunner::Delivery {
    int eventIndex = 0;
    int delivery = 1;
    RenderedEvent event;
    QString signingId; // the event id, or one made up once, so every attempt signs the same id
    int nextAttempt = 1;
    HeaderList retryHeaders; // what marks the next attempt as a retry (Slack), if anything
};

double DeliveryReport::attemptsPerSecond() const
{
    return elapsedUs > 0 ? double(attempts.size()) * 1e6 / double(elapsedUs) : 0.0;
}

qint64 DeliveryReport::latencyPercentileUs(double percentile) const
{
    LatencyStats latencies;
    for (const AttemptRecord &record : attempts) {
        if (record.result.gotResponse())
            latencies.add(record.result.durationUs);
    }
    return latencies.percentileUs(percentile);
}

DeliveryRunner::DeliveryRunner(DeliveryOptions options, EventSource source, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_source(std::move(source))
{
    m_options.count = qMax(1, m_options.count);
    m_options.concurrency = qBound(1, m_options.concurrency, 1024);
    if (!(m_options.timeScale > 0))
        m_options.timeScale = 1.0;
    if (m_options.schedule.delaysMs.isEmpty())
        m_options.schedule.delaysMs = {0};
    m_releaseTimer.setSingleShot(true);
    m_releaseTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_releaseTimer, &QTimer::timeout, this, &DeliveryRunner::pump);
}

DeliveryRunner::~DeliveryRunner() = default;

void DeliveryRunner::start()
{
    if (m_started)
        return;
    m_started = true;
    for (int i = 0; i < m_options.concurrency; ++i) {
        // One sender (and so one connection pool) per slot: exactly `concurrency` connections.
        m_senders.push_back(new HttpSender(this));
        m_busy.push_back(false);
    }
    m_report.deliveries = m_options.count * (m_options.deliverTwice ? 2 : 1);
    if (m_options.outOfOrder) {
        for (int i = 0; i < m_options.count; ++i) {
            RenderedEvent event;
            QString error;
            if (!m_source(i + 1, &event, &error)) {
                m_clock.start();
                fail(error);
                return;
            }
            m_prepared.append(event);
        }
    }
    m_clock.start();
    QTimer::singleShot(0, this, &DeliveryRunner::pump);
}

void DeliveryRunner::cancel()
{
    if (m_finished)
        return;
    m_report.cancelled = true;
    m_finished = true;
    m_releaseTimer.stop();
    m_report.elapsedUs = m_clock.isValid() ? m_clock.nsecsElapsed() / 1000 : 0;
    // Each sender owns its connections: deleting it aborts what it has in flight, and its
    // callbacks (which capture this runner) go with it.
    for (HttpSender *sender : m_senders)
        sender->deleteLater();
    m_senders.clear();
    QTimer::singleShot(0, this, &DeliveryRunner::finished);
}

const DeliveryReport &DeliveryRunner::run()
{
    QEventLoop loop;
    connect(this, &DeliveryRunner::finished, &loop, &QEventLoop::quit);
    start();
    if (!m_finished)
        loop.exec();
    return m_report;
}

bool DeliveryRunner::releaseNext()
{
    if (m_released >= m_options.count || m_finished)
        return false;
    if (m_options.rate > 0) {
        const auto dueMs = qint64(double(m_released) * 1000.0 / m_options.rate);
        const qint64 now = m_clock.elapsed();
        if (dueMs > now) {
            if (!m_releaseTimer.isActive())
                m_releaseTimer.start(int(qMin<qint64>(dueMs - now, 1 << 30)));
            return false;
        }
    }
    auto delivery = std::make_shared<Delivery>();
    // Out of order: the newest event goes first.
    delivery->eventIndex = m_options.outOfOrder ? m_options.count - 1 - m_released : m_released;
    if (m_options.outOfOrder) {
        delivery->event = m_prepared.at(delivery->eventIndex);
    } else {
        QString error;
        if (!m_source(delivery->eventIndex + 1, &delivery->event, &error)) {
            fail(error);
            return false;
        }
    }
    delivery->signingId = delivery->event.eventId.isEmpty()
        ? QString::fromLatin1(signing::newEventId(delivery->event.scheme))
        : delivery->event.eventId;
    ++m_released;
    ++m_outstanding;
    m_ready.push_back(delivery);
    return true;
}

void DeliveryRunner::pump()
{
    if (m_finished)
        return;
    for (size_t slot = 0; slot < m_senders.size(); ++slot) {
        if (m_busy[slot])
            continue;
        if (m_ready.empty() && !releaseNext())
            break;
        if (m_finished || m_ready.empty())
            return;
        auto delivery = m_ready.front();
        m_ready.pop_front();
        startAttempt(int(slot), delivery);
        if (m_finished)
            return;
    }
    finishIfDone();
}

void DeliveryRunner::startAttempt(int slot, const std::shared_ptr<Delivery> &delivery)
{
    const RenderedEvent &event = delivery->event;
    AttemptRecord record;
    record.eventIndex = delivery->eventIndex;
    record.delivery = delivery->delivery;
    record.attempt = delivery->nextAttempt;
    record.attemptsPlanned = m_options.schedule.attempts();
    record.eventId = event.eventId;
    record.startedAtMs = m_clock.elapsed();

    OutgoingRequest &request = record.request;
    request.url = m_options.url;
    request.method = m_options.method.isEmpty() ? event.method : m_options.method;
    request.headers = event.headers;
    for (const HeaderField &field : m_options.extraHeaders)
        setHeader(request.headers, field.name, field.value);
    for (const HeaderField &field : delivery->retryHeaders)
        setHeader(request.headers, field.name, field.value);
    // A composed event says who sent it when its template does not (a replay adds nothing).
    if (!hasHeader(request.headers, "User-Agent"))
        request.headers.append({"User-Agent", QByteArray("Hookscope/") + kVersion});
    request.body = event.body;
    request.timeoutMs = m_options.timeoutMs;
    request.insecure = m_options.insecure;
    if (m_options.signer) {
        const SignContext context {event.scheme, delivery->signingId,
                                   QDateTime::currentSecsSinceEpoch(), m_options.url};
        const SignOutcome signature = m_options.signer(request.body, context);
        if (!signature.ok) {
            fail(QStringLiteral("signing failed: %1").arg(signature.error));
            return;
        }
        // A signature header the template placed keeps its place; others go last. One the
        // user set (send --header) wins: that is how a forged signature is sent on purpose.
        // The scheme's other signature headers are then left out, or the request would still
        // verify through one of them (GitHub's legacy X-Hub-Signature).
        const HeaderList generated = signing::inFamilyOf(request.headers, signature.headers);
        const auto signsFor = [&event](const HeaderField &field) {
            return signing::detectSchemes({field}).contains(event.scheme);
        };
        const bool forged = std::any_of(
            generated.cbegin(), generated.cend(), [this, &signsFor](const HeaderField &field) {
                return signsFor(field) && hasHeader(m_options.extraHeaders, field.name);
            });
        QStringList dropped;
        for (const HeaderField &field : generated) {
            if (hasHeader(m_options.extraHeaders, field.name))
                continue;
            if (forged && signsFor(field)) {
                request.headers.removeIf([&field](const HeaderField &placed) {
                    return placed.name.compare(field.name, Qt::CaseInsensitive) == 0;
                });
                dropped << QString::fromLatin1(field.name);
                continue;
            }
            setHeader(request.headers, field.name, field.value);
        }
        if (!dropped.isEmpty() && !m_droppedSaid) {
            m_droppedSaid = true;
            Q_EMIT signatureHeadersDropped(dropped);
        }
    }
    dropSignatureSlots(request.headers);
    m_busy[size_t(slot)] = true;
    Q_EMIT attemptStarted(delivery->eventIndex);
    const OutgoingRequest sent = request;
    m_senders[size_t(slot)]->send(sent, [this, slot, delivery, record](const SendResult &result) {
        AttemptRecord done = record;
        done.result = result;
        attemptDone(slot, delivery, done);
    });
}

void DeliveryRunner::attemptDone(int slot, const std::shared_ptr<Delivery> &delivery,
                                 AttemptRecord record)
{
    m_busy[size_t(slot)] = false;
    if (m_finished)
        return;
    const bool succeeded = record.result.succeeded();
    record.final = succeeded || record.attempt >= m_options.schedule.attempts();
    if (!record.final) {
        const qint64 wait = m_options.schedule.delaysMs.at(record.attempt);
        record.scheduledDelayMs = wait;
        record.nextDelayMs = qint64(std::llround(double(wait) / m_options.timeScale));
        delivery->nextAttempt = record.attempt + 1;
        delivery->retryHeaders
            = m_options.schedule.retryHeaders(delivery->nextAttempt, record.result);
        ++m_waiting;
        QTimer::singleShot(std::chrono::milliseconds(record.nextDelayMs), Qt::PreciseTimer, this,
                           [this, delivery] {
                               --m_waiting;
                               // Retries go ahead of new events, as a provider's queue would.
                               m_ready.push_front(delivery);
                               pump();
                           });
    } else {
        --m_outstanding;
        if (succeeded)
            ++m_report.delivered;
        else
            ++m_report.failed;
        if (m_options.deliverTwice && delivery->delivery == 1) {
            auto duplicate = std::make_shared<Delivery>(*delivery);
            duplicate->delivery = 2;
            duplicate->nextAttempt = 1;
            duplicate->retryHeaders.clear();
            ++m_outstanding;
            m_ready.push_front(duplicate);
        }
    }
    Q_EMIT attemptFinished(record);
    if (!m_options.keepBodies) {
        record.request.body.clear();
        record.result.body.clear();
    }
    m_report.attempts.append(record);
    pump();
}

void DeliveryRunner::fail(const QString &error)
{
    if (m_finished)
        return;
    m_report.error = error;
    m_finished = true;
    m_releaseTimer.stop();
    m_report.elapsedUs = m_clock.nsecsElapsed() / 1000;
    QTimer::singleShot(0, this, &DeliveryRunner::finished);
}

void DeliveryRunner::finishIfDone()
{
    if (m_finished || m_released < m_options.count || m_outstanding > 0 || m_waiting > 0)
        return;
    if (std::any_of(m_busy.begin(), m_busy.end(), [](bool busy) { return busy; }))
        return;
    m_finished = true;
    m_report.elapsedUs = m_clock.nsecsElapsed() / 1000;
    Q_EMIT finished();
}

} // namespace hookscope::compose
