#include "store/SqliteApi.h"

#include <QSqlDriver>
#include <QVariant>

#include <dlfcn.h>

namespace hookscope::store {

bool SqliteApi::resolve(const QSqlDatabase &db, sqlite3 **handle)
{
    const QVariant value = db.driver() ? db.driver()->handle() : QVariant();
    if (!value.isValid() || qstrcmp(value.typeName(), "sqlite3*") != 0)
        return false;
    *handle = *static_cast<sqlite3 *const *>(value.constData());
    if (!*handle)
        return false;
    // Only the library already in the process: the same one the driver opened the file with.
    void *library = ::dlopen("libsqlite3.so.0", RTLD_NOW | RTLD_NOLOAD);
    if (!library)
        return false;
    auto load = [library](auto &function, const char *name) {
        function
            = reinterpret_cast<std::remove_reference_t<decltype(function)>>(::dlsym(library, name));
        return function != nullptr;
    };
    const bool ok = load(prepare, "sqlite3_prepare_v2") && load(bindInt64, "sqlite3_bind_int64")
        && load(bindText, "sqlite3_bind_text") && load(bindBlob, "sqlite3_bind_blob")
        && load(step, "sqlite3_step") && load(reset, "sqlite3_reset")
        && load(columnInt64, "sqlite3_column_int64") && load(finalize, "sqlite3_finalize")
        && load(errmsg, "sqlite3_errmsg") && load(exec, "sqlite3_exec")
        && load(createFunction, "sqlite3_create_function_v2")
        && load(valueBlob, "sqlite3_value_blob") && load(valueBytes, "sqlite3_value_bytes")
        && load(resultText, "sqlite3_result_text");
    ::dlclose(library); // still loaded by the driver; this only drops our reference
    return ok;
}

} // namespace hookscope::store
