#pragma once

#include "compose/SendTypes.h"

namespace hookscope::compose {

// The request that sends `capture` again to `url`: the same method, headers (less the
// connection's own: Host, Content-Length, Transfer-Encoding...) and body bytes. A URL without a
// path gets the captured path and query; one with a path ("/" too) keeps it, and gets the
// captured query unless it has its own. Shared by `replay` and forwarding.
OutgoingRequest replayRequest(const Capture &capture, const QUrl &url);

// Why `capture` cannot be sent again, or empty when it can: a malformed capture keeps the raw
// bytes that arrived, not a method, headers and body that could be sent as a request.
QString replayProblem(const Capture &capture);

} // namespace hookscope::compose
