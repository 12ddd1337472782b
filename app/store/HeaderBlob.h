#pragma once

#include "http/Capture.h"

namespace hookscope::store {

// Headers are stored as one blob of netstrings ("4:Host,9:localhost,") that keeps order, case,
// duplicates and any byte exactly, and stays text so the free-text filter can search it.
QByteArray encodeHeaders(const HeaderList &headers);
// Returns an empty list for a blob that is cut short (a damaged row shows no headers).
HeaderList decodeHeaders(QByteArrayView blob);

} // namespace hookscope::store
