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
    QString provider; // "Slack", "Meta", "Microsoft Graph", "Dropbox", "Zoom", "X", "Discord"
    HttpResponse response;
};

// What `capture`'s endpoint verifies signatures with: its scheme as configured ("auto" or empty
// when detected) and its secret (empty when none is set). Zoom's URL check and X's CRC check
// must be answered with an HMAC keyed by it. Called on a server thread.
struct HandshakeSecret {
    QString scheme;
    QByteArray secret;
};
using SecretHook = std::function<HandshakeSecret(const Capture &)>;

// The answer `capture` asks for, or nothing when it is not a known handshake. Cheap for every
// other request: it looks at the body only when it is small and names url_verification or
// endpoint.url_validation. Zoom's check is answered only when its signature was found valid
// with `secretFor`'s secret, so nobody else can have that secret's HMAC of a token computed.
// X's CRC check is not signed, so it is answered only on an endpoint the user set to the
// `twitter` scheme, where answering it to anyone is what X requires. Discord's PING is answered
// when its signature verified; on an endpoint set to `discord` with a key, any POST that does
// not verify gets 401, as Discord's checks require.
std::optional<HandshakeAnswer> answerHandshake(const Capture &capture,
                                               const SecretHook &secretFor = {});

} // namespace hookscope::http
