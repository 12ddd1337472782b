#include "http/PassThrough.h"

namespace hookscope::http {

namespace {

// RFC 9110 §7.6.1's hop-by-hop fields, and the framing the receiver writes itself.
bool belongsToOneConnection(QByteArrayView name)
{
    static constexpr QByteArrayView kNames[] = {
        "connection", "keep-alive",        "proxy-connection", "te",
        "trailer",    "transfer-encoding", "upgrade",          "content-length",
    };
    for (const QByteArrayView hop : kNames) {
        if (name.compare(hop, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

HttpResponse passThroughResponse(const ForwardResult &result, qint64 captureId)
{
    HttpResponse response;
    if (result.status > 0) {
        response.status = result.status;
        for (const HeaderField &field : result.headers) {
            if (!belongsToOneConnection(field.name))
                response.headers.append(field);
        }
        response.body = result.body;
        return response;
    }
    response.status = result.timedOut ? 504 : 502;
    response.body = jsonError(
        QStringLiteral("no answer from %1 to pass on (%2); the request is stored as #%3")
            .arg(result.target, result.error)
            .arg(captureId));
    return response;
}

} // namespace hookscope::http
