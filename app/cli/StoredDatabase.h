#pragma once

#include <QString>

namespace hookscope::store {
class RequestStore;
}

namespace hookscope::cli {

// Opens the database at path to read what a receiver stored, beside a running listener (which
// holds its lock), writing nothing: a read-only file or folder is read as it is. A database
// from an older Hookscope is upgraded where it can be written, else refused saying so. Returns why
// not, empty on success: "no database at PATH" where there is none, since opening would create
// an empty one there (a mistyped --db would be left behind).
QString openStoredDatabase(store::RequestStore &store, const QString &path);

} // namespace hookscope::cli
