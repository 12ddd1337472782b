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
    // For SQL functions of our own (HeaderLinesFunction).
    decltype(&sqlite3_create_function_v2) createFunction = nullptr;
    decltype(&sqlite3_value_blob) valueBlob = nullptr;
    decltype(&sqlite3_value_bytes) valueBytes = nullptr;
    decltype(&sqlite3_result_text) resultText = nullptr;

    // Resolves the functions and the raw handle of an open QSQLITE connection; false (and the
    // caller stays on QtSql) when the driver does not use the system libsqlite3.
    bool resolve(const QSqlDatabase &db, sqlite3 **handle);
};

} // namespace hookscope::store
