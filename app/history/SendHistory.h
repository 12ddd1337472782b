#pragma once

#include "history/SendRecord.h"

#include <QObject>
#include <QThread>

#include <functional>
#include <optional>

namespace hookscope::history {

class SendHistoryDatabase;

// Every send the composer made, kept in <data folder>/sends.sqlite. The database lives on a
// thread of its own: every call returns at once and its callback runs later on the caller's
// thread, so the window never waits on the disk.
class SendHistory final : public QObject
{
    Q_OBJECT

public:
    explicit SendHistory(QObject *parent = nullptr);
    ~SendHistory() override; // finishes queued writes, closes the file, joins the thread

    static QString defaultPath(); // <dataDirectory()>/sends.sqlite

    void open(const QString &path, std::function<void(const QString &error)> done = {});
    // Stores a record; `added` announces it (without bodies) once it is committed.
    void add(const SendRecord &record, std::function<void(qint64 id)> done = {});
    void list(int limit, qint64 beforeId, std::function<void(const QList<SendRecord> &)> done);
    void load(qint64 id, std::function<void(const std::optional<SendRecord> &)> done);
    void clear(std::function<void(bool)> done = {});

Q_SIGNALS:
    void added(const hookscope::history::SendRecord &record);
    void cleared();
    void writeFailed(const QString &message);

private:
    template<typename Result>
    void call(std::function<Result(SendHistoryDatabase &)> work, std::function<void(Result)> then);

    QThread m_thread;
    QObject *m_worker = nullptr; // lives on m_thread; owns nothing, runs the queued calls
    SendHistoryDatabase *m_database = nullptr; // used on m_thread only
};

} // namespace hookscope::history
