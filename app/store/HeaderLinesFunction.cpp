#include "store/HeaderLinesFunction.h"

#include "store/HeaderBlob.h"
#include "store/SqliteApi.h"

namespace hookscope::store {

namespace {

// The C functions a SQL function of our own needs, apart from the writer's (SqliteApi), so
// that neither falls back to QtSql for want of the other's.
struct FunctionApi {
    decltype(&sqlite3_create_function_v2) createFunction = nullptr;
    decltype(&sqlite3_value_blob) valueBlob = nullptr;
    decltype(&sqlite3_value_bytes) valueBytes = nullptr;
    decltype(&sqlite3_result_text) resultText = nullptr;

    bool resolve()
    {
        return loadSqliteFunction(createFunction, "sqlite3_create_function_v2")
            && loadSqliteFunction(valueBlob, "sqlite3_value_blob")
            && loadSqliteFunction(valueBytes, "sqlite3_value_bytes")
            && loadSqliteFunction(resultText, "sqlite3_result_text");
    }
};

// The same for every connection of the process: resolved once (a thread-safe static), at the
// first registration, which comes before any call of the function.
const FunctionApi &sharedApi()
{
    static const FunctionApi shared = [] {
        FunctionApi api;
        if (!api.resolve())
            api = {};
        return api;
    }();
    return shared;
}

void headerLinesOf(sqlite3_context *context, int, sqlite3_value **arguments)
{
    const FunctionApi &api = sharedApi();
    const auto *data = static_cast<const char *>(api.valueBlob(arguments[0]));
    const QByteArray lines = headerLines(QByteArrayView(data, api.valueBytes(arguments[0])));
    api.resultText(context, lines.constData(), int(lines.size()), SQLITE_TRANSIENT);
}

} // namespace

bool registerHeaderLinesFunction(const QSqlDatabase &db)
{
    sqlite3 *handle = sqliteHandle(db);
    const FunctionApi &api = sharedApi();
    if (!handle || !api.createFunction)
        return false;
    return api.createFunction(handle, "header_lines", 1,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                              headerLinesOf, nullptr, nullptr, nullptr)
        == SQLITE_OK;
}

} // namespace hookscope::store
