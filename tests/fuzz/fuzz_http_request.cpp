// libFuzzer target: raw bytes from a peer into the HTTP request parser, as HttpConnection feeds
// them. The same bytes are parsed once whole and once split at a fuzzer-chosen point; both must
// yield the same requests, since TCP may cut a stream anywhere.
#include "http/EventType.h"
#include "http/Handshake.h"
#include "http/RequestParser.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>
#include <cstdlib>
#include <vector>

using hookscope::Capture;
using hookscope::http::ParseLimits;
using hookscope::http::ParseResult;
using hookscope::http::RequestParser;

namespace {

struct Outcome {
    ParseResult::Kind kind;
    int status;
    Capture capture;
};

// Feeds the chunks like HttpConnection::process: pipelined requests in order, stop on an error
// or on a request that ends the connection; an unfinished request is abandoned at the end.
std::vector<Outcome> parseAll(const std::vector<QByteArrayView> &chunks, ParseLimits limits)
{
    std::vector<Outcome> outcomes;
    RequestParser parser(limits);
    bool stopped = false;
    for (QByteArrayView chunk : chunks) {
        qsizetype offset = 0;
        while (!stopped && offset < chunk.size()) {
            const ParseResult result = parser.feed(chunk.sliced(offset));
            if (result.consumed <= 0 || result.consumed > chunk.size() - offset)
                std::abort(); // the parser must always make progress and stay in bounds
            offset += result.consumed;
            if (result.kind == ParseResult::Kind::NeedMore) {
                if (offset != chunk.size())
                    std::abort(); // NeedMore means every byte was taken
                if (parser.wantsContinue())
                    parser.markContinueSent();
                break;
            }
            if (result.kind == ParseResult::Kind::Error) {
                if (result.status != 400 && result.status != 413 && result.status != 414
                    && result.status != 431)
                    std::abort();
                outcomes.push_back({result.kind, result.status, parser.takeCapture()});
                stopped = true;
                break;
            }
            const bool keepAlive = parser.keepAlive();
            const bool upgrade = parser.upgrade();
            Capture capture = parser.takeCapture();
            if (capture.malformed)
                std::abort();
            outcomes.push_back({result.kind, 0, std::move(capture)});
            if (!keepAlive || upgrade)
                stopped = true;
        }
    }
    if (!stopped && parser.inRequest())
        outcomes.push_back(
            {ParseResult::Kind::Error, 408, parser.abandon(QStringLiteral("timeout"))});
    return outcomes;
}

bool sameCapture(const Capture &a, const Capture &b)
{
    return a.method == b.method && a.target == b.target && a.httpVersion == b.httpVersion
        && a.headers == b.headers && a.body == b.body && a.malformed == b.malformed;
}

// Whether two parses of the same bytes agree, whatever the reads they came in. One difference
// is allowed: a request both over the size limit and broken further on may be refused for
// either. http-parser hands a header's bytes over at the end of each read, but finds a bad
// byte where it is: read whole, the bad byte comes first (400); read in pieces, the bytes
// before it may already count past the limit (414 or 431).
bool agree(const std::vector<Outcome> &a, const std::vector<Outcome> &b)
{
    const auto overLimit = [](int status) { return status == 414 || status == 431; };
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
        if (a[i].kind != b[i].kind || a[i].status != b[i].status)
            return overLimit(a[i].status) || overLimit(b[i].status);
        // A complete request must not depend on where the stream was cut.
        if (a[i].kind == ParseResult::Kind::Request && !sameCapture(a[i].capture, b[i].capture))
            return false;
    }
    return a.size() == b.size();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    // Byte 0: the split point (as a fraction of the input); byte 1: tight or default limits.
    const std::uint8_t splitByte = data[0];
    const std::uint8_t limitByte = data[1];
    const QByteArrayView input(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));

    ParseLimits limits;
    if (limitByte & 1) {
        limits.maxHeaderBytes = 64 + (limitByte >> 1) * 4;
        limits.maxBodyBytes = limitByte >> 1;
    }
    const std::vector<Outcome> whole = parseAll({input}, limits);

    // What the connection does next with each request: name its event, and echo a provider's
    // challenge only as a short token without markup or control characters.
    for (const Outcome &outcome : whole) {
        if (outcome.kind != ParseResult::Kind::Request)
            continue;
        (void)hookscope::http::deriveEventType(outcome.capture.headers, outcome.capture.body);
        if (const auto answer = hookscope::http::answerHandshake(outcome.capture)) {
            const QByteArray &echo = answer->response.body;
            if (echo.isEmpty() || echo.size() > 1024)
                std::abort();
            for (const char c : echo) {
                if (c < 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '&')
                    std::abort();
            }
        }
        // As if its Zoom signature verified, on an endpoint set to X's scheme: Zoom's answer must
        // be JSON holding the body's token, X's one holding only a base64 HMAC.
        Capture zoom = outcome.capture;
        zoom.signature = {QStringLiteral("zoom"), QStringLiteral("valid"), QString()};
        const auto secret = [](const Capture &, const QString &scheme, bool dedicated) {
            return scheme == u"twitter" || !dedicated ? QByteArray("fuzz-secret") : QByteArray();
        };
        const auto answer = hookscope::http::answerHandshake(zoom, secret);
        if (answer && answer->provider == u"X") {
            QJsonParseError error {};
            const QJsonObject json
                = QJsonDocument::fromJson(answer->response.body, &error).object();
            const QString token = json.value(u"response_token").toString();
            if (error.error != QJsonParseError::NoError || json.size() != 1
                || !token.startsWith(u"sha256=") || token.size() != 7 + 44 || zoom.method != "GET"
                || !zoom.target.contains("crc_token="))
                std::abort();
        }
        if (answer && answer->provider == u"Zoom") {
            QJsonParseError error {};
            const QJsonObject json
                = QJsonDocument::fromJson(answer->response.body, &error).object();
            const QByteArray token = json.value(u"plainToken").toString().toUtf8();
            if (error.error != QJsonParseError::NoError || json.size() != 2 || token.isEmpty()
                || !zoom.body.contains(token)
                || json.value(u"encryptedToken").toString().size() != 64)
                std::abort();
        }
    }

    const qsizetype split = input.size() * splitByte / 255;
    const std::vector<Outcome> parts = parseAll({input.first(split), input.sliced(split)}, limits);
    if (!agree(whole, parts))
        std::abort();

    // One byte at a time is the worst case for incremental parsing; keep it to small inputs.
    if (input.size() <= 256) {
        std::vector<QByteArrayView> bytes;
        for (qsizetype i = 0; i < input.size(); ++i)
            bytes.push_back(input.sliced(i, 1));
        if (!agree(whole, parseAll(bytes, limits)))
            std::abort();
    }
    return 0;
}
