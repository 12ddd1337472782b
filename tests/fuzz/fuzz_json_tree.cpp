// libFuzzer target: a request body into the JSON tree builder. The tree must be well formed, and
// the fast parser and the error locator must agree on whether the body is JSON.
#include "FuzzTreeWalk.h"
#include "json/JsonLexer.h"
#include "json/JsonParseError.h"
#include "json/JsonTreeParser.h"

#include <cstdint>
#include <cstdlib>

using namespace hookscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    const json::JsonParseResult result = json::JsonTreeParser::parse(body);
    const std::optional<json::JsonParseError> located = json::locateJsonError(body);
    if (result.ok()) {
        if (located.has_value())
            std::abort(); // the locator names an error in a body the parser accepted
        if (result.tree.isEmpty() && !body.trimmed().isEmpty())
            std::abort();
        fuzz::walkTree(result.tree);
    } else {
        if (!located.has_value())
            std::abort(); // the parser refused a body the locator calls valid
        if (located->offset < 0 || located->offset > body.size() || located->line < 1
            || located->column < 1)
            std::abort();
        (void)result.error->toString();
    }
    (void)json::firstInvalidUtf8(body);
    (void)json::unescapeJsonString(body);
    return 0;
}
