#pragma once

#include "http/Capture.h"

namespace hookscope::store {

// Headers are stored as one blob of netstrings ("4:Host,9:localhost,") that keeps order, case,
// duplicates and any byte exactly, and stays text so the free-text filter can search it.
QByteArray encodeHeaders(const HeaderList &headers);
// Returns an empty list for a blob that is cut short (a damaged row shows no headers).
HeaderList decodeHeaders(QByteArrayView blob);
// The headers as the window shows them, "Name: value" per line, for the free-text filter: the
// blob's length prefixes must not match a search for "3", and "Host: a" must.
QByteArray headerLines(QByteArrayView blob);

} // namespace hookscope::store
