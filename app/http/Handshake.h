#pragma once

#include "http/Capture.h"
#include "http/HttpResponse.h"

#include <optional>

namespace hookscope::http {

// Some providers confirm a URL before they send events to it, and refuse the URL unless the
// answer echoes their challenge. The receiver answers these so that a provider can be pointed
// at Hookscope at all; the request is still captured like any other.
struct HandshakeAnswer {
    QString provider; // "Slack", "Meta", "Microsoft Graph", "Dropbox"
    HttpResponse response;
};

// The answer `capture` asks for, or nothing when it is not a known handshake. Cheap for every
// other request: it looks at the body only when it is small and names url_verification.
std::optional<HandshakeAnswer> answerHandshake(const Capture &capture);

} // namespace hookscope::http
