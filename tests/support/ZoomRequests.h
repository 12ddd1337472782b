#pragma once

#include <QByteArray>

namespace hookscope::test {

// Zoom's requests made with Qt's own HMAC, not Hookscope's, so that tests check the engine
// against Zoom's recipe rather than against itself.

// The body of Zoom's URL check: {"payload":{"plainToken":…},"event_ts":…,"event":
// "endpoint.url_validation"}.
QByteArray zoomUrlCheckBody(const QByteArray &token);
// A raw HTTP/1.1 POST of `body` to `target` signed as Zoom signs: x-zm-signature v0= hex
// HMAC-SHA256 of v0:{x-zm-request-timestamp}:{body}, with the current time.
QByteArray signedZoomRequest(const QByteArray &target, const QByteArray &body,
                             const QByteArray &secret);
// What Zoom expects back for `token`: its hex HMAC-SHA256 under the secret token.
QByteArray zoomEncryptedToken(const QByteArray &token, const QByteArray &secret);

} // namespace hookscope::test
