#include "history/SendHistory.h"

#include "core/Application.h"
#include "core/ThreadCall.h"
#include "history/SendHistoryDatabase.h"

#include <QDir>

namespace hookscope::history {

SendHistory::SendHistory(QObject *parent)
    : QObject(parent)
    , m_database(new SendHistoryDatabase)
{
    qRegisterMetaType<hookscope::history::SendRecord>();
    m_thread.setObjectName(QStringLiteral("hookscope-send-history"));
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

SendHistory::~SendHistory()
{
    // Queued calls run first (the queue is ordered), then the file is closed on its own thread.
    QMetaObject::invokeMethod(
        m_worker, [database = m_database] { delete database; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QString SendHistory::defaultPath()
{
    return QDir(dataDirectory()).filePath(QStringLiteral("sends.sqlite"));
}

template<typename Result>
void SendHistory::call(std::function<Result(SendHistoryDatabase &)> work,
                       std::function<void(Result)> then)
{
    callOnThread(m_worker, m_database, this, std::move(work), std::move(then));
}

void SendHistory::open(const QString &path, std::function<void(const QString &)> done)
{
    call<QString>([path](SendHistoryDatabase &database) { return database.open(path); },
                  [done](const QString &error) {
                      if (done)
                          done(error);
                  });
}

void SendHistory::add(const SendRecord &record, std::function<void(qint64)> done)
{
    struct Outcome {
        qint64 id = 0;
        QString error;
    };
    call<Outcome>(
        [record](SendHistoryDatabase &database) {
            Outcome outcome;
            if (!database.isOpen())
                outcome.error = QStringLiteral("the send history is not open");
            else
                outcome.id = database.add(record, &outcome.error);
            return outcome;
        },
        [this, record, done](const Outcome &outcome) {
            if (outcome.id == 0) {
                Q_EMIT writeFailed(outcome.error);
            } else {
                SendRecord summary = record;
                summary.id = outcome.id;
                summary.requestHeaders.clear();
                summary.requestBody.clear();
                summary.responseHeaders.clear();
                summary.responseBody.clear();
                summary.hasBodies = false;
                Q_EMIT added(summary);
            }
            if (done)
                done(outcome.id);
        });
}

void SendHistory::list(int limit, qint64 beforeId,
                       std::function<void(const QList<SendRecord> &)> done)
{
    call<QList<SendRecord>>(
        [limit, beforeId](SendHistoryDatabase &database) {
            return database.isOpen() ? database.list(limit, beforeId) : QList<SendRecord> {};
        },
        [done](const QList<SendRecord> &records) { done(records); });
}

void SendHistory::load(qint64 id, std::function<void(const std::optional<SendRecord> &)> done)
{
    call<std::optional<SendRecord>>(
        [id](SendHistoryDatabase &database) {
            return database.isOpen() ? database.load(id) : std::nullopt;
        },
        [done](const std::optional<SendRecord> &record) { done(record); });
}

void SendHistory::clear(std::function<void(bool)> done)
{
    call<bool>([](SendHistoryDatabase &database) { return database.isOpen() && database.clear(); },
               [this, done](bool ok) {
                   if (ok)
                       Q_EMIT cleared();
                   if (done)
                       done(ok);
               });
}

} // namespace hookscope::history
