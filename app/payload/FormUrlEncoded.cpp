#include "payload/FormUrlEncoded.h"

#include "json/JsonTreeParser.h"
#include "json/PayloadTreeBuilder.h"

namespace hookscope::payload {

static int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

QByteArray decodeFormComponent(QByteArrayView encoded)
{
    QByteArray out;
    out.reserve(encoded.size());
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        const char c = encoded[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%' && i + 2 < encoded.size() && hexDigit(encoded[i + 1]) >= 0
                   && hexDigit(encoded[i + 2]) >= 0) {
            out += char(hexDigit(encoded[i + 1]) * 16 + hexDigit(encoded[i + 2]));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

// Providers such as GitHub (form content type) and Slack put a JSON document in one field;
// show it as a tree rather than one long string.
static void addFormValue(json::PayloadTreeBuilder &builder, const QByteArray &key,
                         const QByteArray &value)
{
    const QByteArrayView trimmed = QByteArrayView(value).trimmed();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        const json::JsonParseResult parsed = json::JsonTreeParser::parse(value);
        if (parsed.ok()) {
            builder.addTree(key, parsed.tree);
            return;
        }
    }
    builder.addString(key, value);
}

json::PayloadTree parseFormUrlEncoded(QByteArrayView body)
{
    json::PayloadTreeBuilder builder;
    qsizetype start = 0;
    while (start <= body.size()) {
        qsizetype end = body.indexOf('&', start);
        if (end < 0)
            end = body.size();
        const QByteArrayView pair = body.sliced(start, end - start);
        if (!pair.isEmpty()) {
            const qsizetype equals = pair.indexOf('=');
            const QByteArrayView key = equals < 0 ? pair : pair.first(equals);
            const QByteArrayView value = equals < 0 ? QByteArrayView() : pair.sliced(equals + 1);
            const QByteArray decoded = decodeFormComponent(value);
            addFormValue(builder, decodeFormComponent(key), decoded);
        }
        start = end + 1;
    }
    return builder.finish();
}

QByteArrayView queryOfTarget(QByteArrayView target, bool *hasQuery)
{
    const qsizetype fragment = target.indexOf('#');
    if (fragment >= 0)
        target = target.first(fragment);
    const qsizetype question = target.indexOf('?');
    if (hasQuery)
        *hasQuery = question >= 0;
    return question < 0 ? QByteArrayView() : target.sliced(question + 1);
}

} // namespace hookscope::payload
