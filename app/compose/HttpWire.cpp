#include "compose/HttpWire.h"

namespace hookscope::compose {

namespace {

bool named(const HeaderField &field, QByteArrayView name)
{
    return QByteArrayView(field.name).compare(name, Qt::CaseInsensitive) == 0;
}

QByteArray hostValue(const QUrl &url)
{
    const bool https = isHttps(url);
    QByteArray host = url.host(QUrl::FullyEncoded).toUtf8();
    if (host.contains(':'))
        host = '[' + host + ']'; // an IPv6 literal
    const int port = url.port();
    if (port > 0 && port != (https ? 443 : 80))
        host += ':' + QByteArray::number(port);
    return host;
}

// Methods whose requests carry a body by convention: they say Content-Length: 0 when empty,
// as curl and browsers do, so servers that insist on a length accept them.
bool carriesBody(const QByteArray &method)
{
    return method == "POST" || method == "PUT" || method == "PATCH";
}

} // namespace

bool isHttps(const QUrl &url)
{
    return url.scheme().compare(u"https", Qt::CaseInsensitive) == 0;
}

quint16 portOf(const QUrl &url)
{
    return quint16(url.port(isHttps(url) ? 443 : 80));
}

QByteArray wireTarget(const OutgoingRequest &request)
{
    if (!request.target.isEmpty())
        return request.target;
    QByteArray target = request.url.path(QUrl::FullyEncoded).toUtf8();
    if (target.isEmpty())
        target = "/";
    if (request.url.hasQuery())
        target += '?' + request.url.query(QUrl::FullyEncoded).toUtf8();
    return target;
}

HeaderList wireHeaders(const OutgoingRequest &request)
{
    const bool sendLength = !request.body.isEmpty() || carriesBody(request.method);
    const QByteArray length = QByteArray::number(request.body.size());
    HeaderList headers;
    headers.reserve(request.headers.size() + 3);
    if (!hasHeader(request.headers, "Host"))
        headers.append({"Host", hostValue(request.url)});
    bool lengthWritten = false;
    for (const HeaderField &field : request.headers) {
        if (named(field, "Transfer-Encoding"))
            continue;
        if (named(field, "Content-Length")) {
            if (lengthWritten || !sendLength)
                continue; // one length, and the true one
            headers.append({field.name, length});
            lengthWritten = true;
            continue;
        }
        headers.append(field);
    }
    if (!request.url.userName().isEmpty() && !hasHeader(request.headers, "Authorization")) {
        const QByteArray credentials = request.url.userName(QUrl::FullyDecoded).toUtf8() + ':'
            + request.url.password(QUrl::FullyDecoded).toUtf8();
        headers.append({"Authorization", "Basic " + credentials.toBase64()});
    }
    if (sendLength && !lengthWritten)
        headers.append({"Content-Length", length});
    return headers;
}

QByteArray serializeRequest(const OutgoingRequest &request)
{
    const HeaderList headers = wireHeaders(request);
    QByteArray bytes;
    bytes.reserve(256 + request.body.size());
    bytes += request.method + ' ' + wireTarget(request) + " HTTP/1.1\r\n";
    for (const HeaderField &field : headers)
        bytes += field.name + ": " + field.value + "\r\n";
    bytes += "\r\n";
    bytes += request.body;
    return bytes;
}

QString targetProblem(const QByteArray &target)
{
    if (target.isEmpty())
        return QStringLiteral("the request target is empty");
    for (const char c : target) {
        if (c == ' ' || c == '\r' || c == '\n' || c == '\0' || c == '\t')
            return QStringLiteral("the request target contains a space or a control character, "
                                  "which would break the request line");
    }
    return {};
}

} // namespace hookscope::compose
