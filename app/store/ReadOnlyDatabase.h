#pragma once

#include <QSqlDatabase>
#include <QString>

namespace hookscope::store {

// Whether the open connection can write its file: SQLite opens a file it may not write (its
// permissions, a read-only file system) read-only without a word, and only the first write
// fails.
bool isReadOnlyConnection(const QSqlDatabase &db, const QString &path);

// Why a WAL database cannot be read without writing beside it: SQLite needs PATH-shm (and
// PATH-wal) to read one, and creates them when they are missing, which a read-only folder
// refuses. Empty when that is not the problem.
QString walFolderProblem(const QString &path);

// A read-only connection has SQLite create PATH-wal and PATH-shm but cannot remove them when it
// closes. Call after it closed: a plain connection then removes them as SQLite does, when it is
// the last one; where the file cannot be written, they are removed if empty and used by no
// process (left with the file's read-only mode, they would stand in its owner's next listen).
void removeWalLeftByReading(const QString &path);

} // namespace hookscope::store
