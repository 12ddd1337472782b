#include "store/SetAside.h"

#include "store/DatabaseLock.h"

#include <QFile>
#include <QFileInfo>

namespace hookscope::store {

namespace {

// SQLite's companion files of a database in WAL mode.
const QStringList kCompanions {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")};

bool anyExists(const QString &base)
{
    for (const QString &suffix : kCompanions) {
        if (QFileInfo::exists(base + suffix))
            return true;
    }
    return false;
}

} // namespace

QString setAsideUnreadable(const QString &path, QString *movedTo, const QDateTime &now)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (!QFileInfo::exists(absolute))
        return QStringLiteral("%1 does not exist").arg(absolute);
    DatabaseLock lock;
    if (const QString error = lock.acquire(absolute); !error.isEmpty())
        return QStringLiteral("cannot move %1 aside: %2").arg(absolute, error);

    const QString stem = absolute + QStringLiteral(".unreadable-")
        + now.toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString target = stem;
    for (int n = 2; anyExists(target); ++n)
        target = stem + QStringLiteral("-%1").arg(n);

    // The main file first: once it is gone nothing can mistake the leftovers for a database.
    QStringList moved;
    for (const QString &suffix : kCompanions) {
        if (!QFileInfo::exists(absolute + suffix))
            continue;
        // QFile::rename never replaces an existing file.
        QFile file(absolute + suffix);
        if (!file.rename(target + suffix)) {
            const QString error = QStringLiteral("cannot move %1 to %2: %3")
                                      .arg(absolute + suffix, target + suffix, file.errorString());
            // Put back what already moved, so the set is never split.
            for (const QString &done : std::as_const(moved))
                QFile::rename(target + done, absolute + done);
            return error;
        }
        moved << suffix;
    }
    if (movedTo)
        *movedTo = target;
    return {};
}

} // namespace hookscope::store
