#include "store/ReadOnlyDatabase.h"

#include "store/SqliteApi.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QUuid>

#include <fcntl.h>
#include <unistd.h>

namespace hookscope::store {

bool isReadOnlyConnection(const QSqlDatabase &db, const QString &path)
{
    decltype(&sqlite3_db_readonly) dbReadonly = nullptr;
    if (sqlite3 *handle = sqliteHandle(db);
        handle && loadSqliteFunction(dbReadonly, "sqlite3_db_readonly"))
        return dbReadonly(handle, "main") == 1;
    return !QFileInfo(path).isWritable(); // a driver with its own SQLite: the file's permissions
}

QString walFolderProblem(const QString &path)
{
    // Bytes 18 and 19 of the header, the read and write format versions, are 2 in WAL mode.
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray header = file.read(20);
    if (header.size() < 20 || header.at(18) != 2 || header.at(19) != 2)
        return {};
    const QFileInfo info(path);
    if (QFileInfo(info.absolutePath()).isWritable() || QFile::exists(path + QStringLiteral("-shm")))
        return {};
    return QStringLiteral("it is a WAL database and its folder %1 cannot be written: SQLite "
                          "must create %2-shm beside it to read it. Make the folder writable, or "
                          "copy the database somewhere writable and read the copy")
        .arg(info.absolutePath(), info.fileName());
}

namespace {

// Whether a process has PATH-shm open: SQLite holds a read lock on its byte 128 (the "DMS" slot)
// for as long as it uses the file. Our own locks are not reported, so the caller's connection
// must be closed.
bool sharedMemoryInUse(const QString &shmPath)
{
    const int fd = ::open(QFile::encodeName(shmPath).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return true; // unknown: leave it
    struct flock probe {
    };
    probe.l_type = F_WRLCK;
    probe.l_whence = SEEK_SET;
    probe.l_start = 128;
    probe.l_len = 1;
    const bool inUse = ::fcntl(fd, F_GETLK, &probe) != 0 || probe.l_type != F_UNLCK;
    ::close(fd);
    return inUse;
}

} // namespace

void removeWalLeftByReading(const QString &path)
{
    const QString wal = path + QStringLiteral("-wal");
    const QString shm = path + QStringLiteral("-shm");
    if (!QFile::exists(wal))
        return;
    // SQLite's own way first: the last connection to close removes them, where it may write.
    const QString name
        = QStringLiteral("hookscope-tidy-") + QUuid::createUuid().toString(QUuid::Id128);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=1000"));
        if (db.open()) {
            QSqlQuery query(db); // a read opens the WAL, so closing can remove it
            query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master"));
            query.finish();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    // A file it may not write leaves them, with its read-only mode, in the way of its owner's
    // next listen. Empty and used by no one, they hold nothing.
    if (QFileInfo(wal).exists() && QFileInfo(wal).size() == 0 && !sharedMemoryInUse(shm)) {
        QFile::remove(wal);
        QFile::remove(shm);
    }
}

} // namespace hookscope::store
