#include "store/DatabaseLock.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSysInfo>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace hookscope::store {

namespace {

// QLockFile keeps no errno: the folder the lock goes in is asked again, for the system's
// reason ("No such file or directory"), as ": REASON"; empty when it gives none.
QString systemReason(const QString &lockPath)
{
    const QByteArray folder = QFile::encodeName(QFileInfo(lockPath).absolutePath());
    if (::access(folder.constData(), W_OK | X_OK) == 0)
        return {};
    return QStringLiteral(": ") + QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

DatabaseLock::DatabaseLock() = default;

DatabaseLock::~DatabaseLock()
{
    release();
}

QString DatabaseLock::lockPathFor(const QString &databasePath)
{
    // The same file reached through a symlink or another spelling gets the same lock.
    const QFileInfo info(databasePath);
    QString resolved = info.canonicalFilePath();
    if (resolved.isEmpty()) { // not created yet
        const QString folder = info.absoluteDir().canonicalPath();
        resolved = folder.isEmpty() ? info.absoluteFilePath() : folder + u'/' + info.fileName();
    }
    return resolved + QStringLiteral(".lock");
}

QString DatabaseLock::acquire(const QString &databasePath, bool *inUse)
{
    release();
    if (inUse)
        *inUse = false;
    const QString lockPath = lockPathFor(databasePath);
    auto lock = std::make_unique<QLockFile>(lockPath);
    // Held for as long as the store is open, so age says nothing: only a dead owner's PID
    // (or its process name no longer matching) makes a lock stale.
    lock->setStaleLockTime(0);
    if (lock->tryLock(0)) {
        m_lock = std::move(lock);
        return {};
    }
    switch (lock->error()) {
    case QLockFile::LockFailedError: {
        if (inUse)
            *inUse = true;
        qint64 pid = 0;
        QString host;
        QString application;
        QString owner;
        if (lock->getLockInfo(&pid, &host, &application) && pid > 0) {
            owner = host.isEmpty() || host == QSysInfo::machineHostName()
                ? QStringLiteral(" (PID %1)").arg(pid)
                : QStringLiteral(" (PID %1 on %2)").arg(pid).arg(host);
        }
        return QStringLiteral("it is in use by another Hookscope%1. Close that Hookscope first, "
                              "or use another database file (--db PATH)")
            .arg(owner);
    }
    case QLockFile::PermissionError:
        return QStringLiteral("cannot create the lock file %1: permission denied").arg(lockPath);
    default:
        return QStringLiteral("cannot create the lock file %1%2")
            .arg(lockPath, systemReason(lockPath));
    }
}

void DatabaseLock::release()
{
    if (m_lock)
        m_lock->unlock();
    m_lock.reset();
}

} // namespace hookscope::store
