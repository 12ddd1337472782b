#pragma once

#include "http/Capture.h"

namespace hookscope::http {

// One response ready for the wire. Content-Length and Connection are always ours; configured
// headers that would break framing (Content-Length, Transfer-Encoding, Connection) are dropped.
struct HttpResponse {
    int status = 200;
    HeaderList headers;
    QByteArray body;
};

// False for the statuses that never carry a body (204, 205, 304 and the interim 1xx).
bool statusAllowsBody(int status);
// The standard reason phrase ("Accepted"); empty for a status http-parser does not know.
QByteArray standardReasonPhrase(int status);
// What goes on the status line: the standard phrase, else "Status".
QByteArray reasonPhrase(int status);
// The header lines serializeResponse writes, in order: the configured ones (less those that
// would break framing), a default Content-Type for a body, Content-Length (never for a 204 or
// 304; 0 for a 205) and Connection. The receiver stores this list, so the inspector shows the
// answer exactly as it went out.
HeaderList headersAsSent(const HttpResponse &response, bool closeAfter, bool keepAlive10);
// closeAfter adds "Connection: close"; keepAlive10 answers an HTTP/1.0 keep-alive request. A
// status that allows no body goes out without one, whatever the response holds.
QByteArray serializeResponse(const HttpResponse &response, bool closeAfter, bool keepAlive10,
                             bool headRequest);
// A small JSON error body: {"error":"..."}.
QByteArray jsonError(const QString &message);

} // namespace hookscope::http
