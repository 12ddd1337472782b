#pragma once

#include "compose/EventTemplate.h"
#include "compose/RetrySchedule.h"
#include "compose/SendTypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <deque>
#include <functional>
#include <memory>
#include <vector>

namespace hookscope::compose {

class HttpSender;

// What a signer needs besides the body (timestamped and id-carrying schemes).
struct SignContext {
    QString scheme;
    QString eventId;
    qint64 timestamp = 0; // Unix seconds of this attempt
    QUrl url;
};
struct SignOutcome {
    bool ok = true;
    QString error;
    HeaderList headers; // set over the request's headers (same name replaced in place)
};
// Signing is one call that adds headers; the signature engine plugs in here. Called again for
// every attempt, so timestamped schemes get a fresh timestamp while the body stays the same.
using BodySigner = std::function<SignOutcome(const QByteArray &body, const SignContext &context)>;

// Makes event number `sequence` (1, 2, 3...): usually a template rendered with a fresh context.
using EventSource = std::function<bool(qint64 sequence, RenderedEvent *out, QString *error)>;

struct DeliveryOptions {
    QUrl url;
    QByteArray method; // empty: the event's own
    HeaderList extraHeaders; // set over the event's headers
    int timeoutMs = 30000;
    bool insecure = false;
    RetrySchedule schedule; // default: one attempt
    double timeScale = 1.0; // every retry wait is divided by this
    int count = 1; // events
    double rate = 0; // events started per second; 0 means as fast as the connections allow
    int concurrency = 1; // connections (requests in flight)
    bool deliverTwice = false; // each event is delivered a second time after the first delivery
    bool outOfOrder = false; // all events are made first, then delivered newest first
    BodySigner signer; // empty: unsigned
    bool keepBodies = true; // false: attempts keep headers and timings only (long load runs)
};

struct AttemptRecord {
    int eventIndex = 0; // creation order, from 0
    int delivery = 1; // 2 for the duplicate of --deliver-twice
    int attempt = 1;
    int attemptsPlanned = 1;
    QString eventId;
    qint64 startedAtMs = 0; // since the run started
    OutgoingRequest request; // as sent, signature headers included
    SendResult result;
    bool final = false; // no further attempt follows for this delivery
    qint64 nextDelayMs = -1; // scaled wait before the next attempt
    qint64 scheduledDelayMs = -1; // the provider's own wait before it, before --time-scale
};

struct DeliveryReport {
    QList<AttemptRecord> attempts; // in the order they finished
    int deliveries = 0; // events, doubled with --deliver-twice
    int delivered = 0; // deliveries whose final attempt got a 2xx
    int failed = 0;
    qint64 elapsedUs = 0;
    QString error; // a render or signing failure that stopped the run
    bool cancelled = false; // cancel() stopped the run; attempts in flight were dropped

    bool allDelivered() const
    {
        return error.isEmpty() && failed == 0 && delivered == deliveries && deliveries > 0;
    }
    double attemptsPerSecond() const;
    // Nearest-rank percentile of the attempts that got a response; -1 when none did.
    qint64 latencyPercentileUs(double percentile) const;
};

// Delivers events to one URL the way a provider would: retry schedule (time-scaled), the same
// event id on every attempt, duplicate and out-of-order modes, and load (count, rate,
// concurrency). Runs on the event loop; never blocks.
class DeliveryRunner final : public QObject
{
    Q_OBJECT

public:
    DeliveryRunner(DeliveryOptions options, EventSource source, QObject *parent = nullptr);
    ~DeliveryRunner() override;

    void start();
    // Stops the run: nothing more is released, requests in flight are aborted and not counted,
    // and finished() follows with the report so far.
    void cancel();
    // Starts and runs a local event loop until finished (command line, tests).
    const DeliveryReport &run();
    const DeliveryReport &report() const { return m_report; }
    bool isFinished() const { return m_finished; }

Q_SIGNALS:
    void attemptStarted(int eventIndex); // its request goes on the wire
    void attemptFinished(const hookscope::compose::AttemptRecord &record);
    // Once per run: the signature headers left out because the user set another of the
    // scheme's own (DeliveryOptions::extraHeaders), so a forged signature is the only one.
    void signatureHeadersDropped(const QStringList &names);
    void finished();

private:
    struct Delivery;

    void pump();
    bool releaseNext();
    void startAttempt(int slot, const std::shared_ptr<Delivery> &delivery);
    void attemptDone(int slot, const std::shared_ptr<Delivery> &delivery, AttemptRecord record);
    void fail(const QString &error);
    void finishIfDone();

    DeliveryOptions m_options;
    EventSource m_source;
    DeliveryReport m_report;
    std::vector<HttpSender *> m_senders;
    std::vector<bool> m_busy;
    std::deque<std::shared_ptr<Delivery>> m_ready;
    QList<RenderedEvent> m_prepared; // out-of-order mode: every event, made up front
    int m_released = 0;
    int m_outstanding = 0; // deliveries released and not final yet
    int m_waiting = 0; // deliveries waiting for a retry timer
    QElapsedTimer m_clock;
    QTimer m_releaseTimer;
    bool m_started = false;
    bool m_finished = false;
    bool m_droppedSaid = false;
};

} // namespace hookscope::compose
