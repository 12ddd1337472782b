#include "cli/StoredDatabase.h"

#include "store/RequestStore.h"

#include <QFile>

namespace hookscope::cli {

QString openStoredDatabase(store::RequestStore &store, const QString &path)
{
    if (!QFile::exists(path))
        return QStringLiteral("no database at %1").arg(path);
    store::StoreOptions reading;
    reading.exclusive = false;
    reading.readOnly = true;
    return store.open(path, reading);
}

} // namespace hookscope::cli
