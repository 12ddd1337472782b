#pragma once

#include <QString>
#include <QThread>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace hookscope::store {

// Copies the WAL back into the database on its own connection and thread, so the writer never
// stalls on a checkpoint in the middle of answering requests. PASSIVE checkpoints never block
// the writer; when the WAL still grows past a bound, it asks the writer for a full one.
class WalCheckpointer final
{
public:
    explicit WalCheckpointer(QString path);
    ~WalCheckpointer();
    void start();
    // True (once) when the WAL outgrew what passive checkpoints keep up with.
    bool takeRestartRequest() { return m_restartRequested.exchange(false); }

private:
    void run();

    QString m_path;
    QString m_connection;
    std::unique_ptr<QThread> m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::atomic<bool> m_restartRequested {false};
};

} // namespace hookscope::store
