#include "store/Schema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace hookscope::store {

namespace {

// Each entry moves the schema from version (index) to version (index + 1). Never edit a shipped
// entry: add a new one.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> steps {
        {
            // Summary columns first and the big blobs last, so paging never reads a body.
            QStringLiteral("CREATE TABLE captures ("
                           " id INTEGER PRIMARY KEY,"
                           " received_at INTEGER NOT NULL,"
                           " duration_us INTEGER NOT NULL DEFAULT 0,"
                           " method TEXT NOT NULL,"
                           " target BLOB NOT NULL,"
                           " http_version TEXT NOT NULL,"
                           " endpoint TEXT NOT NULL DEFAULT '',"
                           " event_type TEXT NOT NULL DEFAULT '',"
                           " content_type TEXT NOT NULL DEFAULT '',"
                           " body_size INTEGER NOT NULL DEFAULT 0,"
                           " remote_address TEXT NOT NULL DEFAULT '',"
                           " remote_port INTEGER NOT NULL DEFAULT 0,"
                           " tls INTEGER NOT NULL DEFAULT 0,"
                           " malformed INTEGER NOT NULL DEFAULT 0,"
                           " parse_error TEXT NOT NULL DEFAULT '',"
                           " response_status INTEGER NOT NULL DEFAULT 0,"
                           " sig_scheme TEXT NOT NULL DEFAULT '',"
                           " sig_verdict TEXT NOT NULL DEFAULT '',"
                           " sig_detail TEXT NOT NULL DEFAULT '',"
                           " response_headers BLOB NOT NULL DEFAULT x'',"
                           " response_body BLOB NOT NULL DEFAULT x'',"
                           " headers BLOB NOT NULL,"
                           " body BLOB NOT NULL)"),
            QStringLiteral("CREATE INDEX captures_by_time ON captures(received_at)"),
            QStringLiteral("CREATE INDEX captures_by_endpoint ON captures(endpoint, id)"),
            QStringLiteral("CREATE INDEX captures_by_event ON captures(event_type, id)"),
            QStringLiteral("CREATE INDEX captures_by_verdict ON captures(sig_verdict, id)"),
        },
        {
            // Version 2: what each forward target answered, beside the capture.
            QStringLiteral("CREATE TABLE forwards ("
                           " id INTEGER PRIMARY KEY,"
                           " capture_id INTEGER NOT NULL,"
                           " target TEXT NOT NULL,"
                           " sent_at INTEGER NOT NULL,"
                           " status INTEGER NOT NULL,"
                           " duration_us INTEGER NOT NULL,"
                           " error TEXT NOT NULL DEFAULT '',"
                           " headers BLOB NOT NULL,"
                           " body BLOB NOT NULL)"),
            QStringLiteral("CREATE INDEX forwards_by_capture ON forwards(capture_id, id)"),
        },
        {
            // Version 3: the malformed requests filter. Few rows are malformed, so a partial
            // index finds them without scanning the rest.
            QStringLiteral("CREATE INDEX captures_malformed ON captures(id) WHERE malformed = 1"),
        },
        {
            // Version 4: how long the receiver waited on purpose before answering (an
            // endpoint's delay), so exported timings say what the sender saw.
            QStringLiteral("ALTER TABLE captures ADD COLUMN response_delay_ms INTEGER NOT NULL "
                           "DEFAULT 0"),
        },
        {
            // Version 5: a request nothing signed has a verdict of its own, "unsigned"; it was
            // "no-secret" with no scheme, which the verdict filter could not tell apart.
            QStringLiteral("UPDATE captures SET sig_verdict = 'unsigned' "
                           "WHERE sig_verdict = 'no-secret' AND sig_scheme = ''"),
            // And whether the sender left while its answer was held (Capture::senderLeftAfterMs).
            QStringLiteral("ALTER TABLE captures ADD COLUMN sender_left_ms INTEGER NOT NULL "
                           "DEFAULT -1"),
        },
    };
    return steps;
}

} // namespace

int schemaVersion(QSqlDatabase &db, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
        // The query's error (the connection has none), in SQLite's words alone.
        if (error) {
            const QSqlError failure = query.lastError();
            *error = failure.databaseText().isEmpty() ? failure.text() : failure.databaseText();
        }
        return -1;
    }
    return query.value(0).toInt();
}

QString migrate(QSqlDatabase &db)
{
    QString error;
    const int current = schemaVersion(db, &error);
    if (current < 0) {
        return QStringLiteral("cannot read the database (%1); it may be corrupt or not a "
                              "Hookscope database")
            .arg(error.trimmed());
    }
    if (current > kSchemaVersion) {
        return QStringLiteral("the database was written by a newer Hookscope (schema version %1; "
                              "this version knows %2); it was left untouched")
            .arg(current)
            .arg(kSchemaVersion);
    }
    const auto &steps = migrations();
    for (int version = current; version < kSchemaVersion; ++version) {
        if (!db.transaction())
            return QStringLiteral("cannot start a migration: %1").arg(db.lastError().text());
        QSqlQuery query(db);
        const QStringList statements = steps.at(version);
        for (const QString &statement : statements) {
            if (!query.exec(statement)) {
                const QString error = query.lastError().text();
                db.rollback();
                return QStringLiteral("migration to schema version %1 failed: %2")
                    .arg(version + 1)
                    .arg(error);
            }
        }
        if (!query.exec(QStringLiteral("PRAGMA user_version = %1").arg(version + 1))
            || !db.commit()) {
            const QString error = db.lastError().text();
            db.rollback();
            return QStringLiteral("migration to schema version %1 failed: %2")
                .arg(version + 1)
                .arg(error);
        }
    }
    return {};
}

} // namespace hookscope::store
