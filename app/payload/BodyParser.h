#pragma once

#include "json/JsonParseError.h"
#include "json/PayloadTree.h"

#include <QByteArray>

#include <optional>

namespace hookscope::payload {

enum class BodyFormat { None, Json, FormUrlEncoded, Multipart };

struct ParsedBody {
    BodyFormat format = BodyFormat::None;
    json::PayloadTree tree; // empty for None and for invalid JSON
    std::optional<json::JsonParseError> jsonError; // the body claimed JSON but is not
    QString error; // multipart problems (the tree keeps the parts found)
};

// The format the Content-Type names: */json and *+json are JSON, and a body with no (or a
// text/plain) type is sniffed as JSON when it starts with '{' or '['.
BodyFormat bodyFormatFor(QByteArrayView contentType, QByteArrayView body);

// Parses a request body into a tree according to its Content-Type.
ParsedBody parseBody(QByteArrayView contentType, const QByteArray &body);

} // namespace hookscope::payload
