#include "compose/ReplayRequest.h"

namespace hookscope::compose {

namespace {

// Hop-by-hop headers describe the original connection, not the request, and Host names the
// server it went to: the sender writes its own. Content-Length keeps its place; the sender sets
// its value (the body is sent de-chunked, with a length).
bool isConnectionHeader(const QByteArray &name)
{
    static const QByteArrayList names {
        "host", "transfer-encoding", "connection", "keep-alive", "expect", "te", "upgrade"};
    return names.contains(name.toLower());
}

} // namespace

QString replayProblem(const Capture &capture)
{
    if (!capture.malformed && !capture.method.isEmpty())
        return {};
    const QString why
        = capture.parseError.isEmpty() ? QStringLiteral("no request line") : capture.parseError;
    return QStringLiteral("request %1 is malformed (%2) and cannot be replayed as HTTP: what was "
                          "kept are the raw bytes that arrived, not a request to send again")
        .arg(capture.id)
        .arg(capture.responseStatus > 0
                 ? QStringLiteral("%1: %2").arg(capture.responseStatus).arg(why)
                 : why);
}

OutgoingRequest replayRequest(const Capture &capture, const QUrl &url)
{
    OutgoingRequest request;
    request.url = url;
    // A bare base URL gets the captured path and query, so `replay ... http://localhost:3000`
    // sends /webhooks/patreon?x=1 where the provider sent it. A URL with a path ("/" too) is
    // where the user wants it; the captured query goes along unless the URL has its own, since
    // tokens and URL-signed schemes (Twilio) live there.
    const QUrl target = QUrl::fromEncoded(capture.target);
    if (url.path().isEmpty()) {
        request.url.setPath(target.path(QUrl::FullyEncoded), QUrl::TolerantMode);
        request.url.setQuery(target.query(QUrl::FullyEncoded), QUrl::TolerantMode);
        request.target = capture.target; // on the wire exactly, bytes that are not UTF-8 too
    } else if (!url.hasQuery() && target.hasQuery()) {
        request.url.setQuery(target.query(QUrl::FullyEncoded), QUrl::TolerantMode);
    }
    request.method = capture.method;
    for (const HeaderField &field : capture.headers) {
        if (!isConnectionHeader(field.name))
            request.headers << field;
    }
    request.body = capture.body;
    return request;
}

} // namespace hookscope::compose
