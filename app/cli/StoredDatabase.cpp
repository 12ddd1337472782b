#include "cli/StoredDatabase.h"

#include "store/RequestStore.h"

#include <QFile>
#include <QFileInfo>

#include <unistd.h>

namespace hookscope::cli {

namespace {

bool canWrite(const QString &path)
{
    const QString folder = QFileInfo(path).absolutePath();
    return ::access(QFile::encodeName(path).constData(), W_OK) == 0
        && ::access(QFile::encodeName(folder).constData(), W_OK) == 0;
}

} // namespace

QString openStoredDatabase(store::RequestStore &store, const QString &path)
{
    if (!QFile::exists(path))
        return QStringLiteral("no database at %1").arg(path);
    store::StoreOptions reading;
    reading.exclusive = false;
    reading.readOnly = true;
    const QString error = store.open(path, reading);
    if (store.lastOpenFailure() != store::OpenFailure::NeedsUpgrade || !canWrite(path))
        return error;
    // A database from an older Hookscope that its owner can write is upgraded, as opening it
    // in the window or with listen would: only one that cannot be written is refused. The
    // upgrade takes the writer's lock, so it never runs under an older `listen` still writing
    // rows the migration would miss; then the file is read as any other.
    const store::StoreOptions upgrading;
    if (const QString upgradeError = store.open(path, upgrading); !upgradeError.isEmpty()) {
        if (store.lastOpenFailure() != store::OpenFailure::InUse)
            return upgradeError;
        return upgradeError
            + QStringLiteral(" (it was made by an older Hookscope and must be upgraded before "
                             "this one can read it)");
    }
    store.close();
    return store.open(path, reading);
}

} // namespace hookscope::cli
