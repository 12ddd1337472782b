#include "store/HeaderLinesFunction.h"

#include "store/HeaderBlob.h"
#include "store/SqliteApi.h"

namespace hookscope::store {

namespace {

// The C functions, the same for every connection of the process: kept from the first
// registration (a thread-safe static), which happens before any call of the function.
const SqliteApi &sharedApi(const SqliteApi *first = nullptr)
{
    static const SqliteApi shared = *first;
    return shared;
}

void headerLinesOf(sqlite3_context *context, int, sqlite3_value **arguments)
{
    const SqliteApi &api = sharedApi();
    const auto *data = static_cast<const char *>(api.valueBlob(arguments[0]));
    const QByteArray lines = headerLines(QByteArrayView(data, api.valueBytes(arguments[0])));
    api.resultText(context, lines.constData(), int(lines.size()), SQLITE_TRANSIENT);
}

} // namespace

bool registerHeaderLinesFunction(const QSqlDatabase &db)
{
    SqliteApi api;
    sqlite3 *handle = nullptr;
    if (!api.resolve(db, &handle))
        return false;
    const SqliteApi &shared = sharedApi(&api);
    return shared.createFunction(handle, "header_lines", 1,
                                 SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                 headerLinesOf, nullptr, nullptr, nullptr)
        == SQLITE_OK;
}

} // namespace hookscope::store
