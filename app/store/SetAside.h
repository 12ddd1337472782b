#pragma once

#include <QDateTime>
#include <QString>

namespace hookscope::store {

// Moves a database Hookscope cannot read out of the way as `<name>.unreadable-<yyyyMMdd-HHmmss>`
// (with its -wal and -shm files, so the set stays consistent), so a new one can start at the
// same path. Never deletes or overwrites anything: an existing name gets a -2, -3... suffix.
// Holds the database's lock while moving. Returns an error message, empty on success, with the
// new name of the main file in *movedTo.
QString setAsideUnreadable(const QString &path, QString *movedTo,
                           const QDateTime &now = QDateTime::currentDateTime());

} // namespace hookscope::store
