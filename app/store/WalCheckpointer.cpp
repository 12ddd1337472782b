#include "store/WalCheckpointer.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>

#include <chrono>

namespace hookscope::store {

namespace {

constexpr auto kInterval = std::chrono::milliseconds(100);
// About 64 MiB of 4 KiB pages: beyond this the writer truncates the WAL itself.
constexpr int kRestartFrames = 16384;

} // namespace

WalCheckpointer::WalCheckpointer(QString path)
    : m_path(std::move(path))
    , m_connection(QStringLiteral("hookscope-checkpoint-")
                   + QUuid::createUuid().toString(QUuid::Id128))
{ }

WalCheckpointer::~WalCheckpointer()
{
    if (!m_thread)
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread->wait();
}

void WalCheckpointer::start()
{
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("hookscope-store-checkpoint"));
    m_thread->start(QThread::LowPriority);
}

void WalCheckpointer::run()
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(m_path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=1000"));
        if (db.open()) {
            QSqlQuery query(db);
            std::unique_lock lock(m_mutex);
            while (!m_stopping) {
                m_wake.wait_for(lock, kInterval, [this] { return m_stopping; });
                if (m_stopping)
                    break;
                lock.unlock();
                // Row: busy, frames in the WAL, frames copied back.
                if (query.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")) && query.next()
                    && query.value(1).toInt() > kRestartFrames)
                    m_restartRequested = true;
                query.finish();
                lock.lock();
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

} // namespace hookscope::store
