#include "compose/EventTemplate.h"

#include "compose/Placeholders.h"
#include "http/EventType.h"
#include "signing/SchemeRegistry.h"

#include <algorithm>
#include <tuple>

namespace hookscope::compose {

std::optional<EventTemplate> EventTemplate::fromJson(QByteArrayView text, QString *error)
{
    JsonParseError parseError;
    const JsonValue root = parseJson(text, &parseError);
    if (!parseError.ok()) {
        *error = parseError.describe();
        return std::nullopt;
    }
    if (!root.isObject()) {
        *error = QStringLiteral("a template is a JSON object");
        return std::nullopt;
    }
    EventTemplate t;
    t.provider = root.stringValue(u"provider");
    t.event = root.stringValue(u"event");
    if (t.provider.isEmpty() || t.event.isEmpty() || t.provider.contains(u'/')) {
        *error = QStringLiteral("\"provider\" and \"event\" are required (no '/' in provider)");
        return std::nullopt;
    }
    t.description = root.stringValue(u"description");
    t.scheme = root.stringValue(u"scheme");
    t.retrySchedule = root.stringValue(u"retry_schedule");
    t.method = root.stringValue(u"method", QStringLiteral("POST")).toLatin1();
    t.eventId = root.stringValue(u"event_id");
    const QString format = root.stringValue(u"body_format", QStringLiteral("compact"));
    if (format != u"compact" && format != u"pretty") {
        *error = QStringLiteral("\"body_format\" is \"compact\" or \"pretty\"");
        return std::nullopt;
    }
    t.prettyBody = format == u"pretty";
    const JsonValue headers = root.value(u"headers");
    if (!headers.isNull() && !headers.isArray()) {
        *error = QStringLiteral("\"headers\" is an array of [name, value] pairs");
        return std::nullopt;
    }
    for (const JsonValue &pair : headers.elements()) {
        if (!pair.isArray() || pair.elements().size() != 2 || !pair.elements().at(0).isString()
            || !pair.elements().at(1).isString()) {
            *error = QStringLiteral("\"headers\" is an array of [name, value] pairs");
            return std::nullopt;
        }
        t.headers.append({pair.elements().at(0).toString(), pair.elements().at(1).toString()});
    }
    const JsonValue *body = root.find(u"body");
    if (!body) {
        *error = QStringLiteral("\"body\" is required");
        return std::nullopt;
    }
    t.body = *body;
    t.bodyIsText = body->isString();
    return t;
}

QByteArray EventTemplate::toJson() const
{
    JsonValue root = JsonValue::object();
    root.insert(QStringLiteral("provider"), JsonValue::string(provider));
    root.insert(QStringLiteral("event"), JsonValue::string(event));
    root.insert(QStringLiteral("description"), JsonValue::string(description));
    root.insert(QStringLiteral("scheme"), JsonValue::string(scheme));
    if (!retrySchedule.isEmpty())
        root.insert(QStringLiteral("retry_schedule"), JsonValue::string(retrySchedule));
    root.insert(QStringLiteral("method"), JsonValue::string(QString::fromLatin1(method)));
    if (!eventId.isEmpty())
        root.insert(QStringLiteral("event_id"), JsonValue::string(eventId));
    JsonValue headerArray = JsonValue::array();
    for (const auto &[name, value] : headers) {
        JsonValue pair = JsonValue::array();
        pair.append(JsonValue::string(name));
        pair.append(JsonValue::string(value));
        headerArray.append(pair);
    }
    root.insert(QStringLiteral("headers"), headerArray);
    root.insert(
        QStringLiteral("body_format"),
        JsonValue::string(prettyBody ? QStringLiteral("pretty") : QStringLiteral("compact")));
    root.insert(QStringLiteral("body"), body);
    return root.toPretty() + '\n';
}

static JsonValue escapedCopy(const JsonValue &value)
{
    switch (value.type()) {
    case JsonValue::Type::String:
        return JsonValue::string(PlaceholderContext::escaped(value.toString()));
    case JsonValue::Type::Array: {
        JsonValue copy = JsonValue::array();
        for (const JsonValue &element : value.elements())
            copy.append(escapedCopy(element));
        return copy;
    }
    case JsonValue::Type::Object: {
        JsonValue copy = JsonValue::object();
        for (const auto &[key, member] : value.members())
            copy.members().append({PlaceholderContext::escaped(key), escapedCopy(member)});
        return copy;
    }
    default:
        return value;
    }
}

EventTemplate EventTemplate::fromCapture(const Capture &capture, const QString &provider,
                                         const QString &event)
{
    // Transport headers are the sender's business; a signature header becomes a {{signature}}
    // slot, recomputed when sent.
    static const QList<QByteArrayView> transport {
        "host",   "content-length", "connection",     "transfer-encoding",
        "expect", "keep-alive",     "accept-encoding"};
    // Every built-in scheme's signature headers, so a scheme added later is covered too.
    static const QList<QByteArray> signatures = [] {
        QList<QByteArray> names;
        for (const signing::Scheme *scheme : signing::builtinSchemes())
            names.append(scheme->detectionHeaders());
        return names;
    }();
    const auto listed = [](const auto &names, const QByteArray &name) {
        return std::any_of(names.begin(), names.end(), [&](QByteArrayView n) {
            return QByteArrayView(name).compare(n, Qt::CaseInsensitive) == 0;
        });
    };
    EventTemplate t;
    t.provider = provider;
    t.event = event;
    t.description = QStringLiteral("Saved from capture #%1").arg(capture.id);
    t.scheme = capture.signature.scheme;
    t.method = capture.method.isEmpty() ? QByteArray("POST") : capture.method;
    for (const HeaderField &field : capture.headers) {
        const QString name = PlaceholderContext::escaped(QString::fromUtf8(field.name));
        if (listed(signatures, field.name))
            t.headers.append({name, QString::fromLatin1(kSignatureSlot)});
        else if (!listed(transport, field.name))
            t.headers.append({name, PlaceholderContext::escaped(QString::fromUtf8(field.value))});
    }
    JsonParseError parseError;
    const JsonValue json = parseJson(capture.body, &parseError);
    // A JSON body whose compact form is its exact bytes can be stored as JSON; anything else
    // (pretty, CRLF, trailing newline, not JSON) is kept as raw text so the bytes stay identical.
    if (parseError.ok() && json.toCompact() == capture.body) {
        t.body = escapedCopy(json);
    } else if (parseError.ok() && json.toPretty() == capture.body) {
        t.body = escapedCopy(json);
        t.prettyBody = true;
    } else {
        t.body = JsonValue::string(PlaceholderContext::escaped(QString::fromUtf8(capture.body)));
        t.bodyIsText = true;
    }
    return t;
}

QPair<QString, QString> EventTemplate::suggestedName(const Capture &capture)
{
    // Scheme -> (provider, the header naming the event; empty: the body's "type").
    static const QList<std::tuple<QString, QString, QByteArray>> known {
        {QStringLiteral("patreon"), QStringLiteral("patreon"), "X-Patreon-Event"},
        {QStringLiteral("github"), QStringLiteral("github"), "X-GitHub-Event"},
        {QStringLiteral("x-webhook-signature"), QStringLiteral("webhook-api"), "X-Webhook-Event"},
        {QStringLiteral("x-signature"), QStringLiteral("api-reference"), {}},
        {QStringLiteral("stripe"), QStringLiteral("stripe"), {}},
        {QStringLiteral("standard-webhooks"), QStringLiteral("standard-webhooks"), {}},
        {QStringLiteral("shopify"), QStringLiteral("shopify"), "X-Shopify-Topic"},
        {QStringLiteral("slack"), QStringLiteral("slack"), {}},
        {QStringLiteral("twilio"), QStringLiteral("twilio"), {}},
        {QStringLiteral("zoom"), QStringLiteral("zoom"), {}},
        {QStringLiteral("twitter"), QStringLiteral("twitter"), {}},
    };
    QString provider = QStringLiteral("captured");
    QString event;
    for (const auto &[scheme, name, header] : known) {
        const bool matches = capture.signature.scheme == scheme
            || (!header.isEmpty() && hasHeader(capture.headers, header));
        if (!matches)
            continue;
        provider = name;
        if (!header.isEmpty())
            event = QString::fromUtf8(headerValue(capture.headers, header));
        break;
    }
    if (event.isEmpty())
        event = http::deriveEventType({}, capture.body); // the body's "type" (Slack's inner one)
    // Names become file names and `--template` arguments: keep them to one plain line.
    event.replace(u'/', u'_');
    if (event.trimmed().isEmpty() || event.size() > 100)
        event = QStringLiteral("capture-%1").arg(capture.id);
    return {provider, event};
}

static bool renderValue(const JsonValue &value, PlaceholderContext &context, JsonValue *out,
                        QString *error)
{
    switch (value.type()) {
    case JsonValue::Type::String: {
        QString numberError;
        if (const auto number = context.wholeNumber(value.toString(), &numberError)) {
            *out = JsonValue::number(*number);
            return true;
        }
        if (!numberError.isEmpty()) {
            *error = numberError;
            return false;
        }
        QString text;
        if (!context.expand(value.toString(), &text, error))
            return false;
        *out = JsonValue::string(text);
        return true;
    }
    case JsonValue::Type::Array: {
        *out = JsonValue::array();
        for (const JsonValue &element : value.elements()) {
            JsonValue rendered;
            if (!renderValue(element, context, &rendered, error))
                return false;
            out->append(std::move(rendered));
        }
        return true;
    }
    case JsonValue::Type::Object: {
        *out = JsonValue::object();
        for (const auto &[key, member] : value.members()) {
            QString renderedKey;
            JsonValue rendered;
            if (!context.expand(key, &renderedKey, error)
                || !renderValue(member, context, &rendered, error))
                return false;
            out->members().append({renderedKey, std::move(rendered)});
        }
        return true;
    }
    default:
        *out = value;
        return true;
    }
}

void dropSignatureSlots(HeaderList &headers)
{
    headers.removeIf([](const HeaderField &field) { return field.value == kSignatureSlot; });
}

bool renderTemplate(const EventTemplate &t, PlaceholderContext &context, RenderedEvent *out,
                    QString *error)
{
    RenderedEvent event;
    event.templateName = t.name();
    event.scheme = t.scheme;
    event.method = t.method;
    event.timestamp = context.unixSeconds();
    QString failure;
    const auto failed = [&](const QString &where) {
        *error = QStringLiteral("%1: %2: %3").arg(t.name(), where, failure);
        return false;
    };
    if (!context.expand(t.eventId, &event.eventId, &failure))
        return failed(QStringLiteral("event_id"));
    for (const auto &[name, value] : t.headers) {
        QString renderedName;
        QString renderedValue;
        if (!context.expand(name, &renderedName, &failure)
            || !context.expand(value, &renderedValue, &failure))
            return failed(QStringLiteral("header %1").arg(name));
        event.headers.append({renderedName.toUtf8(), renderedValue.toUtf8()});
    }
    if (t.bodyIsText) {
        QString text;
        if (!context.expand(t.body.toString(), &text, &failure))
            return failed(QStringLiteral("body"));
        event.body = text.toUtf8();
    } else {
        JsonValue body;
        if (!renderValue(t.body, context, &body, &failure))
            return failed(QStringLiteral("body"));
        event.body = t.prettyBody ? body.toPretty() : body.toCompact();
    }
    *out = event;
    return true;
}

} // namespace hookscope::compose
