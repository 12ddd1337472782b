#include "http/PlainHttpOnTls.h"

#include "http/HttpResponse.h"

namespace hookscope::http {

bool isPlainHttpHandshakeError(const QString &handshakeError)
{
    return handshakeError.contains(u"http request", Qt::CaseInsensitive)
        || handshakeError.contains(u"wrong version number", Qt::CaseInsensitive);
}

QByteArray plainHttpOnTlsAnswer(const QString &httpsUrl)
{
    HttpResponse response;
    response.status = 400;
    response.headers = {{"Content-Type", "text/plain; charset=utf-8"}};
    response.body = QStringLiteral("This Hookscope receiver speaks HTTPS, and the request came in "
                                   "plain HTTP. Send it to %1 followed by the same path.\n")
                        .arg(httpsUrl)
                        .toUtf8();
    return serializeResponse(response, /*closeAfter=*/true, /*keepAlive10=*/false,
                             /*headRequest=*/false);
}

} // namespace hookscope::http
