#pragma once

#include "history/SendRecord.h"

#include <QList>
#include <QString>

#include <optional>

namespace hookscope::history {

// The send history's SQLite file (WAL, schema versioned by PRAGMA user_version). Synchronous:
// use it from one thread only; SendHistory runs it on a worker thread.
class SendHistoryDatabase final
{
public:
    static constexpr int kSchemaVersion = 1;

    SendHistoryDatabase();
    ~SendHistoryDatabase();
    SendHistoryDatabase(const SendHistoryDatabase &) = delete;
    SendHistoryDatabase &operator=(const SendHistoryDatabase &) = delete;

    QString open(const QString &path); // an error message, empty on success
    void close();
    bool isOpen() const { return m_open; }

    qint64 add(const SendRecord &record, QString *error); // the new id, 0 on failure
    // Newest first, without headers and bodies; rows older than beforeId (0: from the newest).
    QList<SendRecord> list(int limit, qint64 beforeId = 0);
    std::optional<SendRecord> load(qint64 id);
    qint64 count();
    bool clear();

private:
    bool migrate(QString *error);

    QString m_connection;
    bool m_open = false;
};

// Headers as stored: "Name: value" lines joined by CRLF (values never hold CR or LF).
QByteArray encodeHeaders(const HeaderList &headers);
HeaderList decodeHeaders(const QByteArray &text);

} // namespace hookscope::history
