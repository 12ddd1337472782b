#pragma once

#include <QSqlDatabase>
#include <QString>

namespace hookscope::store {

// The schema version this build writes; PRAGMA user_version holds the version of a file.
constexpr int kSchemaVersion = 5;

// Brings a database up to kSchemaVersion, one numbered migration per transaction. A file from
// a newer Hookscope is refused (and left untouched); returns an empty string on success.
QString migrate(QSqlDatabase &db);

// The user_version of an open database, or -1 when it cannot be read (not a database), with
// SQLite's reason in *error when given.
int schemaVersion(QSqlDatabase &db, QString *error = nullptr);

} // namespace hookscope::store
