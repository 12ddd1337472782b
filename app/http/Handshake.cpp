#include "http/Handshake.h"

#include "signing/Hmac.h"
#include "signing/Signing.h"

#include <QUrlQuery>

#include <algorithm>
#include <cctype>
#include <simdjson.h>

namespace hookscope::http {

namespace {

// Challenges are short tokens; anything longer, or not printable ASCII, is not echoed (the
// answer must never become a way to reflect arbitrary content).
constexpr qsizetype kMaxChallenge = 1024;
constexpr qsizetype kMaxJsonHandshake = 16 * 1024;

// Slack's, Meta's and Dropbox's challenges are letters, digits and URL-safe marks.
bool isToken(const QByteArray &text)
{
    if (text.isEmpty() || text.size() > kMaxChallenge)
        return false;
    return std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || QByteArrayView("-._~+/=").contains(c);
    });
}

// Microsoft Graph's is a sentence ("Validation: Testing client application reachability…"):
// printable ASCII with spaces, but none of the characters markup is made of.
bool isSentence(const QByteArray &text)
{
    if (text.isEmpty() || text.size() > kMaxChallenge)
        return false;
    return std::all_of(text.begin(), text.end(), [](char c) {
        return c >= 0x20 && c < 0x7f && !QByteArrayView("<>&\"'").contains(c);
    });
}

HandshakeAnswer echo(const QString &provider, const QByteArray &challenge)
{
    return {provider,
            {200,
             {{"Content-Type", "text/plain; charset=utf-8"}, {"X-Content-Type-Options", "nosniff"}},
             challenge}};
}

// The query's value for `name`, decoded (Meta writes hub.challenge, Graph validationToken).
QByteArray queryValue(const QUrlQuery &query, const QString &name)
{
    if (!query.hasQueryItem(name))
        return {};
    return query.queryItemValue(name, QUrl::FullyDecoded).toUtf8();
}

// Calls visit(key, value) for each top-level field of a small JSON object body that names
// `marker`; false when the body is not one. The values are valid only during the call.
template<typename Visit> bool forEachField(const QByteArray &body, const char *marker, Visit visit)
{
    if (body.size() > kMaxJsonHandshake || !body.contains(marker))
        return false;
    thread_local simdjson::ondemand::parser parser;
    const simdjson::padded_string padded(body.constData(), size_t(body.size()));
    simdjson::ondemand::document document;
    simdjson::ondemand::object object;
    if (parser.iterate(padded).get(document) != simdjson::SUCCESS
        || document.get_object().get(object) != simdjson::SUCCESS)
        return false;
    for (auto field : object) {
        std::string_view key;
        if (field.unescaped_key().get(key) != simdjson::SUCCESS)
            return false;
        visit(key, field.value());
    }
    return true;
}

QByteArray toBytes(std::string_view text)
{
    return QByteArray(text.data(), qsizetype(text.size()));
}

// Slack's Events API: POST {"token":…, "challenge":…, "type":"url_verification"}.
std::optional<QByteArray> slackChallenge(const QByteArray &body)
{
    std::optional<std::string_view> type;
    std::optional<std::string_view> challenge;
    const bool object = forEachField(body, "url_verification", [&](auto key, auto value) {
        std::string_view text;
        if ((key == "type" || key == "challenge")
            && value.get_string().get(text) == simdjson::SUCCESS)
            (key == "type" ? type : challenge) = text;
    });
    if (!object || type != "url_verification" || !challenge)
        return std::nullopt;
    return toBytes(*challenge);
}

// Zoom: POST {"payload":{"plainToken":…},"event_ts":…,"event":"endpoint.url_validation"}.
std::optional<QByteArray> zoomPlainToken(const QByteArray &body)
{
    std::optional<std::string_view> event;
    std::optional<std::string_view> token;
    const bool object = forEachField(body, "endpoint.url_validation", [&](auto key, auto value) {
        std::string_view text;
        simdjson::ondemand::object payload;
        if (key == "event" && value.get_string().get(text) == simdjson::SUCCESS)
            event = text;
        if (key == "payload" && value.get_object().get(payload) == simdjson::SUCCESS
            && payload["plainToken"].get_string().get(text) == simdjson::SUCCESS)
            token = text;
    });
    if (!object || event != "endpoint.url_validation" || !token)
        return std::nullopt;
    return toBytes(*token);
}

// Zoom's answer: the token and its hex HMAC-SHA256 keyed by the endpoint's secret token, as JSON.
HandshakeAnswer zoomAnswer(const QByteArray &token, const QByteArray &secret)
{
    const QByteArray encrypted
        = signing::hmac(signing::HashAlgorithm::Sha256, secret, token).toHex();
    return {QStringLiteral("Zoom"),
            {200,
             {{"Content-Type", "application/json"}},
             R"({"plainToken":")" + token + R"(","encryptedToken":")" + encrypted + R"("})"}};
}

// Discord's interaction PING: {"type":1,...}, answered {"type":1} (a PONG).
bool isDiscordPing(const QByteArray &body)
{
    std::optional<int64_t> type;
    const bool object = forEachField(body, "type", [&](auto key, auto value) {
        int64_t number = 0;
        if (key == "type" && value.get_int64().get(number) == simdjson::SUCCESS)
            type = number;
    });
    return object && type == 1;
}

// X's CRC answer: "sha256=" and the base64 HMAC-SHA256 of crc_token keyed by the consumer secret.
HandshakeAnswer xCrcAnswer(const QByteArray &token, const QByteArray &secret)
{
    const QByteArray mac = signing::hmac(signing::HashAlgorithm::Sha256, secret, token).toBase64();
    return {QStringLiteral("X"),
            {200,
             {{"Content-Type", "application/json"}},
             R"({"response_token":"sha256=)" + mac + R"("})"}};
}

} // namespace

std::optional<HandshakeAnswer> answerHandshake(const Capture &capture, const SecretHook &secretFor)
{
    if (capture.malformed)
        return std::nullopt;
    const qsizetype question = capture.target.indexOf('?');
    if (question >= 0) {
        const QByteArray rawQuery = capture.target.mid(question + 1);
        // Meta (Facebook, Instagram, WhatsApp): GET ?hub.mode=subscribe&hub.challenge=…
        // Microsoft Graph: POST ?validationToken=… ; Dropbox: GET ?challenge=…
        // X: GET ?crc_token=… ; its token goes into the HMAC, so it must be a plain token that
        // can never be a signed body (no braces), and the endpoint must be X's.
        if (capture.method == "GET" && rawQuery.contains("crc_token=") && secretFor) {
            const QByteArray token
                = queryValue(QUrlQuery(QString::fromUtf8(rawQuery)), QStringLiteral("crc_token"));
            if (isToken(token)) {
                const QByteArray secret = secretFor(capture, QStringLiteral("twitter"), true);
                if (!secret.isEmpty())
                    return xCrcAnswer(token, secret);
            }
        }
        if (rawQuery.contains("challenge=") || rawQuery.contains("validationToken=")) {
            const QUrlQuery query(QString::fromUtf8(rawQuery));
            const QByteArray hub = queryValue(query, QStringLiteral("hub.challenge"));
            if (capture.method == "GET"
                && queryValue(query, QStringLiteral("hub.mode")) == "subscribe" && isToken(hub))
                return echo(QStringLiteral("Meta"), hub);
            const QByteArray graph = queryValue(query, QStringLiteral("validationToken"));
            if (capture.method == "POST" && isSentence(graph))
                return echo(QStringLiteral("Microsoft Graph"), graph);
            const QByteArray dropbox = queryValue(query, QStringLiteral("challenge"));
            if (capture.method == "GET" && isToken(dropbox))
                return echo(QStringLiteral("Dropbox"), dropbox);
        }
    }
    if (capture.method == "POST") {
        if (const auto challenge = slackChallenge(capture.body); challenge && isToken(*challenge))
            return echo(QStringLiteral("Slack"), *challenge);
        // Discord checks an interactions URL with a signed PING, and keeps probing it with bad
        // signatures that must get 401: an endpoint set to Discord with its public key refuses
        // every request that does not verify.
        const bool discord = capture.signature.scheme == u"discord";
        const bool discordValid = discord && capture.signature.verdict == u"valid";
        if (discord && !discordValid && secretFor) {
            if (!secretFor(capture, QStringLiteral("discord"), true).isEmpty())
                return HandshakeAnswer {QStringLiteral("Discord"),
                                        {401,
                                         {{"Content-Type", "application/json"}},
                                         R"({"error":"invalid request signature"})"}};
        }
        if (discordValid && isDiscordPing(capture.body))
            return HandshakeAnswer {QStringLiteral("Discord"),
                                    {200, {{"Content-Type", "application/json"}}, R"({"type":1})"}};
        // The token goes into JSON unescaped and must not let a caller choose what is signed:
        // a token (no ':' or braces) can never be a v0 signature's message.
        if (secretFor && capture.signature.scheme == u"zoom"
            && capture.signature.verdict == u"valid") {
            if (const auto token = zoomPlainToken(capture.body); token && isToken(*token)) {
                // Answered with the very secret that verified it: Zoom's own first, then one
                // an endpoint on auto tries on any scheme.
                for (const bool dedicated : {true, false}) {
                    const QByteArray secret = secretFor(capture, QStringLiteral("zoom"), dedicated);
                    if (!secret.isEmpty()
                        && signing::verifyCapture(QStringLiteral("zoom"), secret, capture)
                               .isValid())
                        return zoomAnswer(*token, secret);
                }
            }
        }
    }
    return std::nullopt;
}

} // namespace hookscope::http
