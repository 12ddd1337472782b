#include "history/SendHistoryDatabase.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace hookscope::history {

namespace {

QAtomicInteger<quint64> connectionCounter;

QSqlDatabase database(const QString &connection)
{
    return QSqlDatabase::database(connection, false);
}

constexpr const char *kColumns
    = "id, sent_at_us, template, scheme, method, url, status, reason, duration_us, error, "
      "attempt, event_id, delivery_group";

SendRecord readRow(const QSqlQuery &query)
{
    SendRecord record;
    record.id = query.value(0).toLongLong();
    record.sentAtUs = query.value(1).toLongLong();
    record.templateName = query.value(2).toString();
    record.scheme = query.value(3).toString();
    record.method = query.value(4).toByteArray();
    record.url = query.value(5).toString();
    record.status = query.value(6).toInt();
    record.reason = query.value(7).toByteArray();
    record.durationUs = query.value(8).toLongLong();
    record.error = query.value(9).toString();
    record.attempt = query.value(10).toInt();
    record.eventId = query.value(11).toString();
    record.deliveryGroup = query.value(12).toString();
    record.hasBodies = false;
    return record;
}

} // namespace

QByteArray encodeHeaders(const HeaderList &headers)
{
    QByteArray out;
    for (const HeaderField &field : headers) {
        if (!out.isEmpty())
            out += "\r\n";
        out += field.name + ": " + field.value;
    }
    return out;
}

HeaderList decodeHeaders(const QByteArray &text)
{
    HeaderList headers;
    if (text.isEmpty())
        return headers;
    for (const QByteArray &line : text.split('\n')) {
        const QByteArray trimmed = line.endsWith('\r') ? line.chopped(1) : line;
        const qsizetype colon = trimmed.indexOf(": ");
        if (colon < 0)
            headers.append({trimmed, {}});
        else
            headers.append({trimmed.left(colon), trimmed.mid(colon + 2)});
    }
    return headers;
}

SendHistoryDatabase::SendHistoryDatabase()
    : m_connection(QStringLiteral("hookscope-sends-%1").arg(++connectionCounter))
{ }

SendHistoryDatabase::~SendHistoryDatabase()
{
    close();
}

QString SendHistoryDatabase::open(const QString &path)
{
    close();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(path);
        if (!db.open())
            return QStringLiteral("cannot open %1: %2").arg(path, db.lastError().text());
        QSqlQuery query(db);
        for (const char *pragma :
             {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA busy_timeout=5000"}) {
            if (!query.exec(QString::fromLatin1(pragma))) {
                const QString error = query.lastError().text();
                db.close();
                return QStringLiteral("cannot set up %1: %2").arg(path, error);
            }
        }
        m_open = true;
    }
    QString error;
    if (!migrate(&error)) {
        close();
        return QStringLiteral("cannot prepare %1: %2").arg(path, error);
    }
    return {};
}

void SendHistoryDatabase::close()
{
    if (!QSqlDatabase::contains(m_connection))
        return;
    {
        QSqlDatabase db = database(m_connection);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
    m_open = false;
}

bool SendHistoryDatabase::migrate(QString *error)
{
    QSqlDatabase db = database(m_connection);
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
        *error = query.lastError().text();
        return false;
    }
    const int version = query.value(0).toInt();
    if (version > kSchemaVersion) {
        *error
            = QStringLiteral("the file was written by a newer Hookscope (schema %1)").arg(version);
        return false;
    }
    if (version == kSchemaVersion)
        return true;
    // Version 0 -> 1: the first schema. Qt binds an empty string or byte array as NULL, so the
    // optional columns allow NULL (read back as empty).
    db.transaction();
    const QStringList statements {
        QStringLiteral("CREATE TABLE sends ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " sent_at_us INTEGER NOT NULL,"
                       " template TEXT DEFAULT '',"
                       " scheme TEXT DEFAULT '',"
                       " method TEXT NOT NULL,"
                       " url TEXT NOT NULL,"
                       " request_headers BLOB,"
                       " request_body BLOB,"
                       " status INTEGER NOT NULL DEFAULT 0,"
                       " reason TEXT DEFAULT '',"
                       " response_headers BLOB,"
                       " response_body BLOB,"
                       " duration_us INTEGER NOT NULL DEFAULT 0,"
                       " error TEXT DEFAULT '',"
                       " attempt INTEGER NOT NULL DEFAULT 1,"
                       " event_id TEXT DEFAULT '',"
                       " delivery_group TEXT DEFAULT '')"),
        QStringLiteral("CREATE INDEX sends_group ON sends(delivery_group)"),
        QStringLiteral("PRAGMA user_version = 1"),
    };
    for (const QString &statement : statements) {
        if (!query.exec(statement)) {
            *error = query.lastError().text();
            db.rollback();
            return false;
        }
    }
    return db.commit();
}

qint64 SendHistoryDatabase::add(const SendRecord &record, QString *error)
{
    QSqlQuery query(database(m_connection));
    query.prepare(QStringLiteral(
        "INSERT INTO sends (sent_at_us, template, scheme, method, url, request_headers, "
        "request_body, status, reason, response_headers, response_body, duration_us, error, "
        "attempt, event_id, delivery_group) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?)"));
    query.addBindValue(record.sentAtUs);
    query.addBindValue(record.templateName);
    query.addBindValue(record.scheme);
    query.addBindValue(QString::fromLatin1(record.method));
    query.addBindValue(record.url);
    query.addBindValue(encodeHeaders(record.requestHeaders));
    // (An empty QByteArray binds as NULL, which reads back as empty.)
    query.addBindValue(record.requestBody);
    query.addBindValue(record.status);
    query.addBindValue(QString::fromLatin1(record.reason));
    query.addBindValue(encodeHeaders(record.responseHeaders));
    query.addBindValue(record.responseBody);
    query.addBindValue(record.durationUs);
    query.addBindValue(record.error);
    query.addBindValue(record.attempt);
    query.addBindValue(record.eventId);
    query.addBindValue(record.deliveryGroup);
    if (!query.exec()) {
        if (error)
            *error = query.lastError().text();
        return 0;
    }
    return query.lastInsertId().toLongLong();
}

QList<SendRecord> SendHistoryDatabase::list(int limit, qint64 beforeId)
{
    QList<SendRecord> records;
    QSqlQuery query(database(m_connection));
    query.prepare(QStringLiteral("SELECT %1 FROM sends WHERE (? = 0 OR id < ?) ORDER BY id DESC "
                                 "LIMIT ?")
                      .arg(QString::fromLatin1(kColumns)));
    query.addBindValue(beforeId);
    query.addBindValue(beforeId);
    query.addBindValue(limit);
    if (!query.exec())
        return records;
    while (query.next())
        records.append(readRow(query));
    return records;
}

std::optional<SendRecord> SendHistoryDatabase::load(qint64 id)
{
    QSqlQuery query(database(m_connection));
    query.prepare(QStringLiteral("SELECT %1, request_headers, request_body, response_headers, "
                                 "response_body FROM sends WHERE id = ?")
                      .arg(QString::fromLatin1(kColumns)));
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return std::nullopt;
    SendRecord record = readRow(query);
    record.requestHeaders = decodeHeaders(query.value(13).toByteArray());
    record.requestBody = query.value(14).toByteArray();
    record.responseHeaders = decodeHeaders(query.value(15).toByteArray());
    record.responseBody = query.value(16).toByteArray();
    record.hasBodies = true;
    return record;
}

qint64 SendHistoryDatabase::count()
{
    QSqlQuery query(database(m_connection));
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM sends")) || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

bool SendHistoryDatabase::clear()
{
    QSqlQuery query(database(m_connection));
    return query.exec(QStringLiteral("DELETE FROM sends"));
}

} // namespace hookscope::history
