#pragma once

#include "compose/SendTypes.h"

#include <QByteArray>
#include <QString>

namespace hookscope::compose {

// What a send puts on the wire, exactly: Hookscope's sender writes these bytes itself, so a
// replay or a forward arrives as it was captured (duplicate headers as separate lines, in their
// order and case, a target that is not UTF-8 unchanged) and nothing is added behind the user's
// back.

// Whether the URL is https (its scheme in any case), and the port it means, defaults included.
bool isHttps(const QUrl &url);
quint16 portOf(const QUrl &url);

// The request target: request.target when set, else the URL's path and query as encoded.
QByteArray wireTarget(const OutgoingRequest &request);

// The headers in their order, plus only what HTTP/1.1 framing needs: Host (from the URL) when
// there is none, Content-Length when the request has a body or a method that carries one, and
// Authorization: Basic from a URL's user and password when none is given. A Content-Length
// given is set to the body's real size in place; a Transfer-Encoding header is left out, since
// the body goes with a length.
HeaderList wireHeaders(const OutgoingRequest &request);

// The request line, headers and body.
QByteArray serializeRequest(const OutgoingRequest &request);

// Why the target cannot go on the wire (a space, CR, LF, NUL or nothing at all), or empty.
QString targetProblem(const QByteArray &target);

} // namespace hookscope::compose
