#pragma once

#include <QSqlDatabase>

#include <sqlite3.h>

namespace hookscope::store {

// The few SQLite C functions the writer's hot path calls directly: binding through QtSql costs
// more than the insert itself (QVariant per value, UTF-16 text). They are looked up in the
// libsqlite3 that Qt's SQLite driver already loaded, so the build needs no extra library.
struct SqliteApi {
    decltype(&sqlite3_prepare_v2) prepare = nullptr;
    decltype(&sqlite3_bind_int64) bindInt64 = nullptr;
    decltype(&sqlite3_bind_text) bindText = nullptr;
    decltype(&sqlite3_bind_blob) bindBlob = nullptr;
    decltype(&sqlite3_step) step = nullptr;
    decltype(&sqlite3_reset) reset = nullptr;
    decltype(&sqlite3_column_int64) columnInt64 = nullptr;
    decltype(&sqlite3_finalize) finalize = nullptr;
    decltype(&sqlite3_errmsg) errmsg = nullptr;
    decltype(&sqlite3_exec) exec = nullptr;

    // Resolves the functions and the raw handle of an open QSQLITE connection; false (and the
    // caller stays on QtSql) when the driver does not use the system libsqlite3.
    bool resolve(const QSqlDatabase &db, sqlite3 **handle);
};

// The raw handle of an open QSQLITE connection; null when the driver is not SQLite's.
sqlite3 *sqliteHandle(const QSqlDatabase &db);
// The SQLite C function `name`, looked up only in the libsqlite3 already in the process (the
// one the driver opened the file with); null when it is not there.
void *sqliteSymbol(const char *name);
template<typename Function> bool loadSqliteFunction(Function &function, const char *name)
{
    function = reinterpret_cast<Function>(sqliteSymbol(name));
    return function != nullptr;
}

} // namespace hookscope::store
