#include "cli/StoredDatabase.h"

#include "store/RequestStore.h"

#include <QFile>

namespace hookscope::cli {

QString openStoredDatabase(store::RequestStore &store, const QString &path)
{
    if (!QFile::exists(path))
        return QStringLiteral("no database at %1").arg(path);
    store::StoreOptions readOnly;
    readOnly.exclusive = false;
    return store.open(path, readOnly);
}

} // namespace hookscope::cli
