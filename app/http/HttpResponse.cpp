#include "http/HttpResponse.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <http_parser.h>

namespace hookscope::http {

bool statusAllowsBody(int status)
{
    // 205 (RFC 9110 15.3.6) too, though unlike the others it says so with Content-Length: 0.
    return status >= 200 && status != 204 && status != 205 && status != 304;
}

namespace {

// For a configured body without a Content-Type: JSON when it looks like JSON (the default
// receipt and every error are), else plain text. A guess, never a parse: this runs per answer.
QByteArray defaultContentType(const QByteArray &body)
{
    for (const char c : body) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        return c == '{' || c == '[' ? QByteArrayLiteral("application/json")
                                    : QByteArrayLiteral("text/plain; charset=utf-8");
    }
    return QByteArrayLiteral("text/plain; charset=utf-8");
}

} // namespace

QByteArray standardReasonPhrase(int status)
{
    const char *phrase = http_status_str(http_status(status));
    if (!phrase || qstrcmp(phrase, "<unknown>") == 0)
        return {};
    return QByteArray(phrase);
}

QByteArray reasonPhrase(int status)
{
    const QByteArray phrase = standardReasonPhrase(status);
    return phrase.isEmpty() ? QByteArrayLiteral("Status") : phrase;
}

HeaderList headersAsSent(const HttpResponse &response, bool closeAfter, bool keepAlive10)
{
    HeaderList headers;
    headers.reserve(response.headers.size() + 3);
    bool hasContentType = false;
    for (const HeaderField &field : response.headers) {
        const QByteArrayView name(field.name);
        if (name.compare("content-length", Qt::CaseInsensitive) == 0
            || name.compare("transfer-encoding", Qt::CaseInsensitive) == 0
            || name.compare("connection", Qt::CaseInsensitive) == 0)
            continue;
        if (name.compare("content-type", Qt::CaseInsensitive) == 0)
            hasContentType = true;
        headers.append(field);
    }
    const bool body = statusAllowsBody(response.status);
    if (!hasContentType && body && !response.body.isEmpty())
        headers.append(HeaderField {"Content-Type", defaultContentType(response.body)});
    // RFC 9110 8.6: no Content-Length in a 204; a 304's would describe the cached body. A 205
    // needs its 0, or the client would read until the connection closes.
    if (body)
        headers.append(HeaderField {"Content-Length", QByteArray::number(response.body.size())});
    else if (response.status == 205)
        headers.append(HeaderField {"Content-Length", "0"});
    if (closeAfter)
        headers.append(HeaderField {"Connection", "close"});
    else if (keepAlive10)
        headers.append(HeaderField {"Connection", "keep-alive"});
    return headers;
}

QByteArray serializeResponse(const HttpResponse &response, bool closeAfter, bool keepAlive10,
                             bool headRequest)
{
    QByteArray out;
    out.reserve(128 + response.body.size());
    out += "HTTP/1.1 ";
    out += QByteArray::number(response.status);
    out += ' ';
    out += reasonPhrase(response.status);
    out += "\r\n";
    for (const HeaderField &field : headersAsSent(response, closeAfter, keepAlive10)) {
        out += field.name;
        out += ": ";
        out += field.value;
        out += "\r\n";
    }
    out += "\r\n";
    if (!headRequest && statusAllowsBody(response.status))
        out += response.body;
    return out;
}

QByteArray jsonError(const QString &message)
{
    return QJsonDocument(QJsonObject {{QStringLiteral("error"), message}})
        .toJson(QJsonDocument::Compact);
}

} // namespace hookscope::http
