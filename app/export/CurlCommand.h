#pragma once

#include "http/Capture.h"

#include <QString>

namespace hookscope {

struct CurlOptions {
    // A certificate for curl to trust (--cacert), given only for an https URL: the receiver's
    // self-signed one, which curl refuses otherwise ("SSL certificate problem").
    QString caCertificate;
};

// A bash command that sends the capture again as it arrived: method, target, headers in order
// and the body's exact bytes. A text body is quoted in the command ($'...' when it holds bytes a
// plain '...' cannot); any other body (a NUL byte, not UTF-8) is piped in from a base64
// here-document, since bash cuts strings at NUL.
// Hop-by-hop and framing headers (Content-Length, Transfer-Encoding, Connection, Expect) are left
// for curl to write; the User-Agent, Accept and Content-Type curl would add are suppressed when
// the capture had none, and an empty header value is sent as curl's "Name;".
QString curlCommand(const Capture &capture, const QString &url, const CurlOptions &options = {});

// Whether the receiver's self-signed certificate can vouch for `url`: https on a host it names
// (localhost, 127.0.0.1, ::1). A tunnel's public URL has a certificate of its own.
bool isSelfSignedReceiverUrl(const QString &url);

// Quotes text for bash so that it arrives as exactly these bytes.
QString shellQuote(const QByteArray &bytes);

} // namespace hookscope
