// libFuzzer target: form-urlencoded bodies, query strings and multipart bodies into the payload
// tree builders. Input: the Content-Type header value on the first line, the body after it.
#include "FuzzTreeWalk.h"
#include "payload/BodyParser.h"
#include "payload/FormUrlEncoded.h"
#include "payload/Multipart.h"

#include <cstdint>
#include <cstdlib>

using namespace hookscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype newline = input.indexOf('\n');
    const QByteArray contentType = newline < 0 ? QByteArray() : input.first(newline);
    const QByteArray body = newline < 0 ? input : input.sliced(newline + 1);

    // As the inspector does it: the Content-Type picks the parser.
    const payload::ParsedBody parsed = payload::parseBody(contentType, body);
    fuzz::walkTree(parsed.tree);

    // Every parser on the same bytes, whatever the type says.
    fuzz::walkTree(payload::parseFormUrlEncoded(body));
    (void)payload::decodeFormComponent(body);
    bool hasQuery = false;
    const QByteArrayView query = payload::queryOfTarget(body, &hasQuery);
    if (!query.isEmpty() && (query.data() < body.constData() || query.end() > body.constEnd()))
        std::abort();
    fuzz::walkTree(payload::parseFormUrlEncoded(query));

    const payload::MultipartResult multipart = payload::parseMultipart(contentType, body);
    fuzz::walkTree(multipart.tree);
    (void)payload::headerParameter(contentType, "boundary");
    (void)payload::headerParameter(contentType, "name");
    // The same body with a boundary taken from its own first line, so the fuzzer need not guess.
    if (body.startsWith("--")) {
        const qsizetype end = body.indexOf("\r\n");
        if (end > 2) {
            const QByteArray type = "multipart/form-data; boundary=" + body.sliced(2, end - 2);
            fuzz::walkTree(payload::parseMultipart(type, body).tree);
        }
    }
    return 0;
}
