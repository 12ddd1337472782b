#pragma once

#include "store/RequestStore.h"
#include "store/SqliteApi.h"
#include "store/WalCheckpointer.h"

#include <QSqlQuery>
#include <QThread>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <vector>

namespace hookscope::store {

// The store's single writer: a thread that takes every capture queued since its last commit
// and commits them in one transaction, so a burst costs one disk sync, not one per request.
class CaptureWriter final
{
public:
    CaptureWriter(RequestStore *store, QString path, StoreOptions options);
    ~CaptureWriter(); // commits what is queued, then stops

    // Starts the thread and opens its connection; returns an error message, empty on success.
    QString start();
    void submit(std::vector<Submission> submissions);
    void flush();
    void setWritesRefused(bool refused) { m_refuseWrites = refused; }

private:
    void run();
    QString openConnection();
    void commit(std::vector<Submission> &batch);
    QString insertWithQtSql(QSqlDatabase &db, const Capture &capture,
                            const CaptureSummary &summary);
    QString insertWithSqlite(const Capture &capture, const CaptureSummary &summary);
    QString beginTransaction(QSqlQuery &query, qint64 *nextId);
    QString commitTransaction(QSqlQuery &query);
    void rollbackTransaction(QSqlQuery &query);
    int stepOnce(sqlite3_stmt *statement);
    void finalizeStatements();

    RequestStore *m_store;
    QString m_path;
    StoreOptions m_options;
    QString m_connection;
    std::unique_ptr<QThread> m_thread;

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_drained;
    std::vector<Submission> m_queue;
    quint64 m_submitted = 0; // guarded by m_mutex
    quint64 m_finished = 0; // guarded by m_mutex
    bool m_stopping = false;

    std::atomic<bool> m_refuseWrites {false};
    bool m_writesRefused = false; // writer thread only
    std::unique_ptr<QSqlQuery> m_insert; // prepared once, writer thread only
    WalCheckpointer *m_checkpointer = nullptr; // writer thread only, while it runs
    SqliteApi m_api;
    sqlite3 *m_handle = nullptr;
    // The fast path when m_statement is set: every statement of a commit prepared once, where
    // QtSql would parse BEGIN, SELECT and COMMIT again for each batch.
    sqlite3_stmt *m_statement = nullptr; // the INSERT
    sqlite3_stmt *m_begin = nullptr;
    sqlite3_stmt *m_maxId = nullptr;
    sqlite3_stmt *m_commit = nullptr;
    sqlite3_stmt *m_rollback = nullptr;
};

} // namespace hookscope::store
