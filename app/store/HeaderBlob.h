#pragma once

#include "http/Capture.h"

namespace hookscope::store {

// Headers are stored as one blob that keeps order, case, duplicates and any byte exactly:
// for each field, a 4-byte little-endian length and the name, then the same for the value.
QByteArray encodeHeaders(const HeaderList &headers);
// Returns an empty list for a blob that is cut short (a damaged row shows no headers).
HeaderList decodeHeaders(QByteArrayView blob);

} // namespace hookscope::store
