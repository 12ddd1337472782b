#pragma once

#include "json/JsonParseError.h"
#include "json/PayloadTree.h"

#include <QByteArray>

#include <optional>

namespace hookscope::json {

struct JsonParseResult {
    PayloadTree tree; // empty when the body is not valid JSON
    std::optional<JsonParseError> error;

    bool ok() const { return !error.has_value(); }
};

// Builds a PayloadTree from a JSON body in one pass with simdjson's On-Demand API: it records
// each value's kind and source range (numbers keep their exact text, strings stay escaped until
// shown), so a 50 MB body costs one scan and ~32 bytes per value.
class JsonTreeParser final
{
public:
    static JsonParseResult parse(const QByteArray &body);
};

} // namespace hookscope::json
