#pragma once

#include "http/Capture.h"
#include "http/HttpResponse.h"

#include <functional>
#include <optional>

namespace hookscope::http {

// Some providers confirm a URL before they send events to it, and refuse the URL unless the
// answer echoes their challenge. The receiver answers these so that a provider can be pointed
// at Hookscope at all; the request is still captured like any other.
struct HandshakeAnswer {
    QString provider; // "Slack", "Meta", "Microsoft Graph", "Dropbox", "Zoom"
    HttpResponse response;
};

// The secret `capture`'s endpoint verifies signatures with (empty when none is set). Zoom's URL
// check must be answered with an HMAC keyed by it. Called on a server thread.
using SecretHook = std::function<QByteArray(const Capture &)>;

// The answer `capture` asks for, or nothing when it is not a known handshake. Cheap for every
// other request: it looks at the body only when it is small and names url_verification or
// endpoint.url_validation. Zoom's check is answered only when its signature was found valid
// with `secretFor`'s secret, so nobody else can have that secret's HMAC of a token computed.
std::optional<HandshakeAnswer> answerHandshake(const Capture &capture,
                                               const SecretHook &secretFor = {});

} // namespace hookscope::http
