#include "payload/BodyParser.h"

#include "json/JsonTreeParser.h"
#include "payload/FormUrlEncoded.h"
#include "payload/Multipart.h"

namespace hookscope::payload {

BodyFormat bodyFormatFor(QByteArrayView contentType, QByteArrayView body)
{
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArray mime = (semicolon < 0 ? contentType : contentType.first(semicolon))
                                .trimmed()
                                .toByteArray()
                                .toLower();
    if (mime.endsWith("/json") || mime.endsWith("+json"))
        return BodyFormat::Json;
    if (mime == "application/x-www-form-urlencoded")
        return BodyFormat::FormUrlEncoded;
    if (mime == "multipart/form-data")
        return BodyFormat::Multipart;
    if (mime.isEmpty() || mime == "text/plain") {
        const QByteArrayView trimmed = body.trimmed();
        if (trimmed.startsWith('{') || trimmed.startsWith('['))
            return BodyFormat::Json;
    }
    return BodyFormat::None;
}

ParsedBody parseBody(QByteArrayView contentType, const QByteArray &body)
{
    ParsedBody parsed;
    parsed.format = bodyFormatFor(contentType, body);
    switch (parsed.format) {
    case BodyFormat::None:
        break;
    case BodyFormat::Json: {
        if (QByteArrayView(body).trimmed().isEmpty())
            break; // no body at all is not a JSON error
        json::JsonParseResult result = json::JsonTreeParser::parse(body);
        parsed.tree = std::move(result.tree);
        parsed.jsonError = std::move(result.error);
        break;
    }
    case BodyFormat::FormUrlEncoded:
        parsed.tree = parseFormUrlEncoded(body);
        break;
    case BodyFormat::Multipart: {
        MultipartResult result = parseMultipart(contentType, body);
        parsed.tree = std::move(result.tree);
        parsed.error = std::move(result.error);
        break;
    }
    }
    return parsed;
}

} // namespace hookscope::payload
