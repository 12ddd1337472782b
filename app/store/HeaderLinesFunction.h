#pragma once

#include <QSqlDatabase>

namespace hookscope::store {

// Registers header_lines(headers) on an open connection: the stored header blob as
// "Name: value" lines (HeaderBlob's headerLines), so the free-text filter searches what the
// user sees. False when the driver's SQLite cannot be reached; the filter then searches the
// blob itself.
bool registerHeaderLinesFunction(const QSqlDatabase &db);

} // namespace hookscope::store
