#include "OlderSchema.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace hookscope::test {

QString rewindSchema(const QString &path, int version)
{
    QStringList statements;
    if (version <= 4)
        statements << QStringLiteral("ALTER TABLE captures DROP COLUMN sender_left_ms");
    if (version <= 3)
        statements << QStringLiteral("ALTER TABLE captures DROP COLUMN response_delay_ms");
    statements << QStringLiteral("PRAGMA user_version = %1").arg(version);

    const QString connection = QStringLiteral("rewind-schema");
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        if (!db.open())
            error = db.lastError().text();
        for (const QString &statement : statements) {
            if (!error.isEmpty())
                break;
            if (QSqlQuery query(db); !query.exec(statement))
                error = statement + QStringLiteral(": ") + query.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}

int schemaVersionOf(const QString &path)
{
    const QString connection = QStringLiteral("schema-version-of");
    int version = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("PRAGMA user_version")) && query.next())
                version = query.value(0).toInt();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return version;
}

} // namespace hookscope::test
