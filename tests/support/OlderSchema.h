#pragma once

#include <QString>

namespace hookscope::test {

// Turns a database written by this Hookscope back into what an older one wrote, so tests can
// check the upgrade (and what a reader that may not write says about it). Version 4 had no
// sender_left_ms column; version 3 had no response_delay_ms either. Returns SQLite's error, or
// an empty string.
QString rewindSchema(const QString &path, int version);

// The schema version written in the file (PRAGMA user_version), or -1 if it cannot be read.
int schemaVersionOf(const QString &path);

} // namespace hookscope::test
