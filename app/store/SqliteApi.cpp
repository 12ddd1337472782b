#include "store/SqliteApi.h"

#include <QSqlDriver>
#include <QVariant>

#include <dlfcn.h>

namespace hookscope::store {

sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    const QVariant value = db.driver() ? db.driver()->handle() : QVariant();
    if (!value.isValid() || qstrcmp(value.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(value.constData());
}

void *sqliteSymbol(const char *name)
{
    void *library = ::dlopen("libsqlite3.so.0", RTLD_NOW | RTLD_NOLOAD);
    if (!library)
        return nullptr;
    void *symbol = ::dlsym(library, name);
    ::dlclose(library); // still loaded by the driver; this only drops our reference
    return symbol;
}

bool SqliteApi::resolve(const QSqlDatabase &db, sqlite3 **handle)
{
    *handle = sqliteHandle(db);
    return *handle && loadSqliteFunction(prepare, "sqlite3_prepare_v2")
        && loadSqliteFunction(bindInt64, "sqlite3_bind_int64")
        && loadSqliteFunction(bindText, "sqlite3_bind_text")
        && loadSqliteFunction(bindBlob, "sqlite3_bind_blob")
        && loadSqliteFunction(step, "sqlite3_step") && loadSqliteFunction(reset, "sqlite3_reset")
        && loadSqliteFunction(columnInt64, "sqlite3_column_int64")
        && loadSqliteFunction(finalize, "sqlite3_finalize")
        && loadSqliteFunction(errmsg, "sqlite3_errmsg") && loadSqliteFunction(exec, "sqlite3_exec");
}

} // namespace hookscope::store
