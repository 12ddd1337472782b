#include "http/Handshake.h"

#include <QUrlQuery>

#include <algorithm>
#include <cctype>
#include <simdjson.h>

namespace hookscope::http {

namespace {

// Challenges are short tokens; anything longer, or not printable ASCII, is not echoed (the
// answer must never become a way to reflect arbitrary content).
constexpr qsizetype kMaxChallenge = 1024;
constexpr qsizetype kMaxSlackBody = 16 * 1024;

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

// Slack's Events API: POST {"token":…, "challenge":…, "type":"url_verification"}.
std::optional<QByteArray> slackChallenge(const QByteArray &body)
{
    if (body.size() > kMaxSlackBody || !body.contains("url_verification"))
        return std::nullopt;
    thread_local simdjson::ondemand::parser parser;
    const simdjson::padded_string padded(body.constData(), size_t(body.size()));
    simdjson::ondemand::document document;
    simdjson::ondemand::object object;
    if (parser.iterate(padded).get(document) != simdjson::SUCCESS
        || document.get_object().get(object) != simdjson::SUCCESS)
        return std::nullopt;
    std::string_view type;
    std::string_view challenge;
    bool sawType = false;
    bool sawChallenge = false;
    for (auto field : object) {
        std::string_view key;
        if (field.unescaped_key().get(key) != simdjson::SUCCESS)
            return std::nullopt;
        if (key == "type")
            sawType = field.value().get_string().get(type) == simdjson::SUCCESS;
        else if (key == "challenge")
            sawChallenge = field.value().get_string().get(challenge) == simdjson::SUCCESS;
    }
    if (!sawType || !sawChallenge || type != "url_verification")
        return std::nullopt;
    return QByteArray(challenge.data(), qsizetype(challenge.size()));
}

} // namespace

std::optional<HandshakeAnswer> answerHandshake(const Capture &capture)
{
    if (capture.malformed)
        return std::nullopt;
    const qsizetype question = capture.target.indexOf('?');
    if (question >= 0) {
        const QByteArray rawQuery = capture.target.mid(question + 1);
        // Meta (Facebook, Instagram, WhatsApp): GET ?hub.mode=subscribe&hub.challenge=…
        // Microsoft Graph: POST ?validationToken=… ; Dropbox: GET ?challenge=…
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
    }
    return std::nullopt;
}

} // namespace hookscope::http
