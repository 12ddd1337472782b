#include "http/HttpResponse.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <http_parser.h>

namespace hookscope::http {

QByteArray reasonPhrase(int status)
{
    const char *phrase = http_status_str(http_status(status));
    if (!phrase || qstrcmp(phrase, "<unknown>") == 0)
        return QByteArrayLiteral("Status");
    return QByteArray(phrase);
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
    bool hasContentType = false;
    for (const HeaderField &field : response.headers) {
        const QByteArrayView name(field.name);
        if (name.compare("content-length", Qt::CaseInsensitive) == 0
            || name.compare("transfer-encoding", Qt::CaseInsensitive) == 0
            || name.compare("connection", Qt::CaseInsensitive) == 0)
            continue;
        if (name.compare("content-type", Qt::CaseInsensitive) == 0)
            hasContentType = true;
        out += field.name;
        out += ": ";
        out += field.value;
        out += "\r\n";
    }
    if (!hasContentType && !response.body.isEmpty())
        out += "Content-Type: application/json\r\n";
    out += "Content-Length: ";
    out += QByteArray::number(response.body.size());
    out += "\r\n";
    if (closeAfter)
        out += "Connection: close\r\n";
    else if (keepAlive10)
        out += "Connection: keep-alive\r\n";
    out += "\r\n";
    if (!headRequest)
        out += response.body;
    return out;
}

QByteArray jsonError(const QString &message)
{
    return QJsonDocument(QJsonObject {{QStringLiteral("error"), message}})
        .toJson(QJsonDocument::Compact);
}

} // namespace hookscope::http
