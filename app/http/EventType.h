#pragma once

#include "http/Capture.h"

namespace hookscope::http {

// The provider's name for what happened ("push", "members:pledge:create", "invoice.paid"):
// from the first event header a provider is known to send, else the JSON body's top-level
// "type" or "event" string. Empty when neither says.
QString deriveEventType(const HeaderList &headers, const QByteArray &body);

} // namespace hookscope::http
