#include "http/EventType.h"

#include <simdjson.h>

namespace hookscope::http {

namespace {

// Longest event name kept; anything longer is a sender's mistake, not an event type.
constexpr qsizetype kMaxEventLength = 200;

QString fromJsonBody(const QByteArray &body)
{
    qsizetype first = 0;
    while (first < body.size()
           && (body[first] == ' ' || body[first] == '\t' || body[first] == '\r'
               || body[first] == '\n'))
        ++first;
    if (first == body.size() || body[first] != '{')
        return {};

    thread_local simdjson::ondemand::parser parser;
    const simdjson::padded_string padded(body.constData(), size_t(body.size()));
    simdjson::ondemand::document document;
    if (parser.iterate(padded).get(document) != simdjson::SUCCESS)
        return {};
    simdjson::ondemand::object object;
    if (document.get_object().get(object) != simdjson::SUCCESS)
        return {};
    QString event;
    // Slack's Events API wraps every event in {"type":"event_callback","event":{"type":...}}:
    // the inner type is the one a user looks for ("message", "app_mention").
    QString inner;
    // X's Account Activity API names the event by its array: {"for_user_id":…,
    // "tweet_create_events":[…]}; used when the body has no "type" or "event".
    QString activityArray;
    bool forUser = false;
    for (auto field : object) {
        std::string_view key;
        if (field.unescaped_key().get(key) != simdjson::SUCCESS)
            return event;
        if (key == "for_user_id")
            forUser = true;
        simdjson::ondemand::json_type fieldType;
        if (key.size() > 7 && key.ends_with("_events") && activityArray.isEmpty()
            && field.value().type().get(fieldType) == simdjson::SUCCESS
            && fieldType == simdjson::ondemand::json_type::array)
            activityArray = QString::fromUtf8(key.data(), qsizetype(key.size()));
        if (key != "type" && key != "event")
            continue;
        simdjson::ondemand::value value;
        simdjson::ondemand::json_type valueType;
        if (field.value().get(value) != simdjson::SUCCESS
            || value.type().get(valueType) != simdjson::SUCCESS)
            return event;
        if (key == "event" && valueType == simdjson::ondemand::json_type::object) {
            std::string_view innerType;
            if (value.find_field_unordered("type").get_string().get(innerType) == simdjson::SUCCESS)
                inner = QString::fromUtf8(innerType.data(), qsizetype(innerType.size()));
            continue;
        }
        std::string_view text;
        if (valueType != simdjson::ondemand::json_type::string
            || value.get_string().get(text) != simdjson::SUCCESS)
            continue;
        // "type" wins over "event" when a body has both (Stripe has only "type").
        if (key == "type" || event.isEmpty())
            event = QString::fromUtf8(text.data(), qsizetype(text.size()));
        if (key == "type" && event != u"event_callback")
            break;
    }
    if (event.isEmpty() && forUser)
        return activityArray;
    return event == u"event_callback" && !inner.isEmpty() ? inner : event;
}

} // namespace

QString deriveEventType(const HeaderList &headers, const QByteArray &body)
{
    static const char *const eventHeaders[] = {
        "X-GitHub-Event",  "X-Patreon-Event", "X-Shopify-Topic", "X-Gitlab-Event",
        "X-Event-Key", // Bitbucket
        "X-Webhook-Event", "webhook-event",   "X-Event-Type",    "X-Twilio-Event",
    };
    for (const char *name : eventHeaders) {
        const QByteArray value = headerValue(headers, name).trimmed();
        if (!value.isEmpty())
            return QString::fromUtf8(value.left(kMaxEventLength));
    }
    return fromJsonBody(body).left(kMaxEventLength);
}

} // namespace hookscope::http
