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

// The secret `capture`'s endpoint keeps for `scheme`, empty when none: with `dedicated`, the
// one the user gave to that scheme (the endpoint is set to it, or the secret is kept under its
// name); without, the one an endpoint on auto tries on any scheme. Zoom's URL check and X's CRC
// check are answered with an HMAC keyed by it. Called on a server thread.
using SecretHook
    = std::function<QByteArray(const Capture &, const QString &scheme, bool dedicated)>;

// The answer `capture` asks for, or nothing when it is not a known handshake. Cheap for every
// other request: it looks at the body only when it is small and names url_verification or
// endpoint.url_validation. Zoom's check is answered only when its signature was found valid
// with `secretFor`'s secret, so nobody else can have that secret's HMAC of a token computed.
// X's CRC check is not signed, so it is answered only with a secret the user gave to the
// `twitter` scheme, where answering it to anyone is what X requires. Discord's PING is answered
// when its signature verified; where the user gave `discord` its key, any Discord POST (or, on
// an endpoint set to `discord`, any POST) that does not verify gets 401, as Discord's checks
// require.
std::optional<HandshakeAnswer> answerHandshake(const Capture &capture,
                                               const SecretHook &secretFor = {});

} // namespace hookscope::http
