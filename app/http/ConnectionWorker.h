#pragma once

#include "http/PassThrough.h"
#include "store/RequestStore.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <list>
#include <memory>
#include <mutex>
#include <vector>

namespace hookscope::http {

struct ServerContext;
class HttpConnection;

// One server thread's share of the connections: it owns them, sweeps them for timeouts and
// routes the store's answers back to them.
class ConnectionWorker final : public QObject
{
    Q_OBJECT

public:
    explicit ConnectionWorker(ServerContext &context);
    ~ConnectionWorker() override;

    // On this worker's thread: wraps an accepted socket descriptor in a connection.
    void adopt(qintptr descriptor);
    // On this worker's thread: queues a connection's capture for the store. What is queued
    // while the thread handles one round of socket events goes to the store in one hand-off,
    // just before the thread waits again, so one commit covers the whole round.
    void submitCapture(quint64 connection, quint64 seq, Capture capture);
    // Any thread (the store's writer): hands a commit result to the connection, if still open.
    void deliverOutcome(quint64 connection, quint64 seq, const store::StoreOutcome &outcome);
    // On this worker's thread: a reply for request `seq` of `connection`, callable from any
    // thread and after this worker is gone (the answer is then dropped).
    PassThroughReply passThroughReply(quint64 connection, quint64 seq);
    // On this worker's thread: stop reading requests; connections without answers close.
    void stopReading();
    // On this worker's thread: close everything; graceful first sends what is already answered.
    void closeAll(bool graceful = false);
    int connectionCount() const { return int(m_connections.size()); }

    // --- making room at the connection cap ---
    // Any thread: true when this worker has an idle connection (no request bytes in progress,
    // no answer pending) not yet claimed for replacement, with when its longest idle one went
    // idle (steady clock, µs) in *idleSinceUs.
    bool hasUnclaimedIdle(qint64 *idleSinceUs) const;
    // The acceptor's thread: reserves one idle connection for replaceIdle().
    void claimIdle() { ++m_claims; }
    // On this worker's thread, after claimIdle(): closes the connection idle longest and adopts
    // descriptor in its place; when none is idle any more, closes descriptor instead.
    void replaceIdle(qintptr descriptor);
    // On this worker's thread, from a connection whose idle state changed.
    void setIdle(HttpConnection *connection, bool idle);

private:
    struct Outcome {
        quint64 connection;
        quint64 seq;
        store::StoreOutcome outcome;
    };

    // What replies reach this worker through; emptied when the worker goes.
    struct Mailbox {
        std::mutex mutex;
        ConnectionWorker *worker = nullptr;
    };

    void submitQueued();
    void drainOutcomes();
    void sweep();
    void forget(quint64 id);

    ServerContext &m_context;
    QHash<quint64, HttpConnection *> m_connections;
    quint64 m_nextId = 1;
    QTimer m_sweepTimer;
    std::vector<store::Submission> m_toStore;
    bool m_hookedToEventLoop = false;
    std::mutex m_outcomesMutex;
    std::vector<Outcome> m_outcomes; // guarded by m_outcomesMutex
    std::shared_ptr<Mailbox> m_mailbox = std::make_shared<Mailbox>();

    // Idle connections, longest idle first: one becoming idle joins at the back.
    std::list<HttpConnection *> m_idle;
    // Published for the acceptor's thread.
    std::atomic<int> m_idleCount {0};
    std::atomic<qint64> m_oldestIdleUs {0};
    std::atomic<int> m_claims {0};
};

} // namespace hookscope::http
