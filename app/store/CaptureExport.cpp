#include "store/CaptureExport.h"

#include "compose/SendTypes.h"
#include "core/Version.h"
#include "http/FieldSyntax.h"
#include "http/HttpResponse.h"
#include "store/RequestStore.h"
#include "store/Utf8Text.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

#include <algorithm>
#include <optional>
#include <string_view>

namespace hookscope::store {

namespace {

QString base64(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

bool allUtf8(const HeaderList &headers)
{
    return std::all_of(headers.cbegin(), headers.cend(), [](const HeaderField &field) {
        return strictUtf8(field.name) && strictUtf8(field.value);
    });
}

QJsonArray headerPairs(const HeaderList &headers)
{
    QJsonArray pairs;
    for (const HeaderField &field : headers)
        pairs.append(QJsonArray {lossyUtf8(field.name), lossyUtf8(field.value)});
    return pairs;
}

QJsonArray base64HeaderPairs(const HeaderList &headers)
{
    QJsonArray pairs;
    for (const HeaderField &field : headers)
        pairs.append(QJsonArray {base64(field.name), base64(field.value)});
    return pairs;
}

QJsonArray harHeaders(const HeaderList &headers)
{
    QJsonArray list;
    for (const HeaderField &field : headers) {
        QJsonObject entry {{QStringLiteral("name"), lossyUtf8(field.name)},
                           {QStringLiteral("value"), lossyUtf8(field.value)}};
        // HAR text is Unicode; bytes that are not UTF-8 also go in custom fields (HAR allows
        // "_"-prefixed ones), so importing the file gives back the exact bytes.
        if (!strictUtf8(field.name))
            entry.insert(QStringLiteral("_nameBase64"), base64(field.name));
        if (!strictUtf8(field.value))
            entry.insert(QStringLiteral("_valueBase64"), base64(field.value));
        list.append(entry);
    }
    return list;
}

// HAR's request.cookies: every name=value pair of every Cookie header, in order.
QJsonArray harCookies(const HeaderList &headers)
{
    QJsonArray cookies;
    for (const HeaderField &field : headers) {
        if (field.name.compare("cookie", Qt::CaseInsensitive) != 0)
            continue;
        for (const QByteArray &pair : field.value.split(';')) {
            const QByteArray trimmed = pair.trimmed();
            const qsizetype equals = trimmed.indexOf('=');
            if (equals <= 0)
                continue; // RFC 6265 has no nameless cookie
            cookies.append(QJsonObject {
                {QStringLiteral("name"), lossyUtf8(trimmed.first(equals).trimmed())},
                {QStringLiteral("value"), lossyUtf8(trimmed.sliced(equals + 1).trimmed())}});
        }
    }
    return cookies;
}

// "[::1]:53944": an IPv6 address in brackets, so its last group is not taken for the port.
QString remoteText(const Capture &capture)
{
    const QString port = QString::number(capture.remotePort);
    if (capture.remoteAddress.contains(u':'))
        return u'[' + capture.remoteAddress + QStringLiteral("]:") + port;
    return capture.remoteAddress + u':' + port;
}

qint64 headerBlockSize(const QByteArray &firstLine, const HeaderList &headers)
{
    qint64 size = firstLine.size() + 2;
    for (const HeaderField &field : headers)
        size += field.name.size() + 2 + field.value.size() + 2;
    return size + 2;
}

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

// RFC 3986: unreserved bytes, the delimiters in `keep` and escapes already valid stay as they
// are; every other byte (controls, space, '"', '<', '>', '\', '^', '`', '{', '|', '}', '%'
// without two hex digits, non-ASCII) becomes %XX, so the URL is a valid URI.
QString percentEncoded(const QByteArray &bytes, std::string_view keep)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    QByteArray encoded;
    encoded.reserve(bytes.size());
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes.at(i);
        const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
        const bool escape = c == '%' && i + 2 < bytes.size() && isHexDigit(bytes.at(i + 1))
            && isHexDigit(bytes.at(i + 2));
        if (unreserved || escape || keep.find(c) != std::string_view::npos) {
            encoded += c;
        } else {
            encoded += '%';
            encoded += hex[uchar(c) >> 4];
            encoded += hex[uchar(c) & 0xf];
        }
    }
    return QString::fromLatin1(encoded);
}

// The gen-delims and sub-delims a target keeps; a host keeps only what an authority may hold.
constexpr std::string_view kTargetDelimiters = ":/?#[]@!$&'()*+,;=";
constexpr std::string_view kHostDelimiters = ":[]!$&'()*+,;=";

QString absoluteUrl(const Capture &capture)
{
    if (capture.target.startsWith("http://") || capture.target.startsWith("https://"))
        return percentEncoded(capture.target, kTargetDelimiters);
    QByteArray host = headerValue(capture.headers, "host");
    if (host.isEmpty())
        host = "localhost";
    QByteArray target = capture.target;
    // "*" (OPTIONS *) or a malformed target would otherwise run on into the host name.
    if (!target.isEmpty() && !target.startsWith('/'))
        target.prepend('/');
    return (capture.tls ? QStringLiteral("https://") : QStringLiteral("http://"))
        + percentEncoded(host, kHostDelimiters) + percentEncoded(target, kTargetDelimiters);
}

// HAR needs a method. A malformed capture may have none parsed: its raw bytes' first token
// then stands in (as a request line would start), else a placeholder.
QString harMethod(const Capture &capture)
{
    if (!capture.method.isEmpty() || !capture.malformed)
        return QString::fromLatin1(capture.method);
    QByteArrayView raw(capture.body);
    while (raw.startsWith('\r') || raw.startsWith('\n'))
        raw = raw.sliced(1);
    const qsizetype space = raw.indexOf(' ');
    if (space > 0 && http::isToken(raw.first(space)))
        return QString::fromLatin1(raw.first(space));
    return QStringLiteral("MALFORMED");
}

// What each forward target answered, as stored: the password of a target URL is always "***"
// (stores from before it was redacted on the way in may still hold one). Timing is in ms.
QJsonArray forwardsJson(const QList<ForwardResult> &forwards)
{
    QJsonArray list;
    for (const ForwardResult &forward : forwards) {
        QJsonObject object {
            {QStringLiteral("target"), compose::redactedUrlText(forward.target)},
            {QStringLiteral("sent_at"), isoTimestamp(forward.sentAtUs)},
            {QStringLiteral("status"), forward.status},
            {QStringLiteral("duration_ms"), double(forward.durationUs) / 1000.0},
            {QStringLiteral("headers"), headerPairs(forward.headers)},
        };
        if (!allUtf8(forward.headers))
            object.insert(QStringLiteral("headers_base64"), base64HeaderPairs(forward.headers));
        if (auto text = strictUtf8(forward.body))
            object.insert(QStringLiteral("body"), *text);
        else
            object.insert(QStringLiteral("body_base64"), base64(forward.body));
        // null when an answer arrived, so "error" is there to test on every record.
        object.insert(QStringLiteral("error"),
                      forward.error.isEmpty() ? QJsonValue(QJsonValue::Null)
                                              : QJsonValue(forward.error));
        list.append(object);
    }
    return list;
}

} // namespace

QString isoTimestamp(qint64 unixUs)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(unixUs / 1000, Qt::UTC);
    return time.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss."))
        + QStringLiteral("%1Z").arg(unixUs % 1000000, 6, 10, QLatin1Char('0'));
}

QJsonObject captureToJson(const Capture &capture)
{
    QJsonObject object {
        {QStringLiteral("id"), capture.id},
        {QStringLiteral("received_at"), isoTimestamp(capture.receivedAtUs)},
        {QStringLiteral("method"), QString::fromLatin1(capture.method)},
        {QStringLiteral("target"), lossyUtf8(capture.target)},
        {QStringLiteral("http_version"), QString::fromLatin1(capture.httpVersion)},
        {QStringLiteral("headers"), headerPairs(capture.headers)},
        {QStringLiteral("remote"), remoteText(capture)},
        {QStringLiteral("tls"), capture.tls},
        {QStringLiteral("endpoint"), capture.endpoint},
        {QStringLiteral("event"), capture.eventType},
        {QStringLiteral("malformed"), capture.malformed},
        {QStringLiteral("response_status"), capture.responseStatus},
        {QStringLiteral("response_delay_ms"), capture.responseDelayMs},
        {QStringLiteral("signature"),
         QJsonObject {{QStringLiteral("scheme"), capture.signature.scheme},
                      {QStringLiteral("verdict"), capture.signature.verdict},
                      {QStringLiteral("detail"), capture.signature.detail}}},
    };
    if (capture.malformed)
        object.insert(QStringLiteral("parse_error"), capture.parseError);
    if (capture.senderLeftAfterMs >= 0)
        object.insert(QStringLiteral("sender_left_after_ms"), capture.senderLeftAfterMs);
    // "target" and "headers" stay readable; the exact bytes go beside them when they are not
    // UTF-8.
    if (!strictUtf8(capture.target))
        object.insert(QStringLiteral("target_base64"), base64(capture.target));
    if (!allUtf8(capture.headers))
        object.insert(QStringLiteral("headers_base64"), base64HeaderPairs(capture.headers));
    if (auto text = strictUtf8(capture.body))
        object.insert(QStringLiteral("body"), *text);
    else
        object.insert(QStringLiteral("body_base64"), base64(capture.body));
    object.insert(QStringLiteral("forwards"), forwardsJson(capture.forwards));
    return object;
}

QJsonObject captureToHarEntry(const Capture &capture)
{
    const QString url = absoluteUrl(capture);
    QJsonArray queryString;
    const qsizetype queryAt = capture.target.indexOf('?');
    if (queryAt >= 0) {
        const QUrlQuery query(lossyUtf8(capture.target.mid(queryAt + 1)));
        for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded))
            queryString.append(
                QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("value"), value}});
    }
    const QString httpVersion = QStringLiteral("HTTP/") + QString::fromLatin1(capture.httpVersion);
    const QString method = harMethod(capture);
    QJsonObject request {
        {QStringLiteral("method"), method},
        {QStringLiteral("url"), url},
        {QStringLiteral("httpVersion"), httpVersion},
        {QStringLiteral("cookies"), harCookies(capture.headers)},
        {QStringLiteral("headers"), harHeaders(capture.headers)},
        {QStringLiteral("queryString"), queryString},
        {QStringLiteral("headersSize"),
         capture.malformed ? -1
                           : headerBlockSize(capture.method + ' ' + capture.target + " HTTP/"
                                                 + capture.httpVersion,
                                             capture.headers)},
        {QStringLiteral("bodySize"), capture.body.size()},
        // The url is percent-encoded; the target as received stays here (underscore: our
        // extension), with its exact bytes as base64 when they are not UTF-8.
        {QStringLiteral("_target"), lossyUtf8(capture.target)},
    };
    if (!strictUtf8(capture.target))
        request.insert(QStringLiteral("_targetBase64"), base64(capture.target));
    // A stand-in method: the one stored (none) goes beside it, so an import gives it back.
    if (method.toLatin1() != capture.method)
        request.insert(QStringLiteral("_method"), QString::fromLatin1(capture.method));
    if (!capture.body.isEmpty()) {
        QString mimeType = lossyUtf8(headerValue(capture.headers, "content-type"));
        QJsonObject postData {{QStringLiteral("mimeType"), mimeType}};
        if (auto text = strictUtf8(capture.body)) {
            postData.insert(QStringLiteral("text"), *text);
        } else {
            // HAR has no encoding field for requests; the underscore marks our extension.
            postData.insert(QStringLiteral("text"), base64(capture.body));
            postData.insert(QStringLiteral("_encoding"), QStringLiteral("base64"));
        }
        request.insert(QStringLiteral("postData"), postData);
    }
    QJsonObject content {
        {QStringLiteral("size"), capture.responseBody.size()},
        {QStringLiteral("mimeType"),
         headerValue(capture.responseHeaders, "content-type").isEmpty()
                 && !capture.responseBody.isEmpty()
             ? QStringLiteral("application/json")
             : lossyUtf8(headerValue(capture.responseHeaders, "content-type"))},
    };
    if (auto text = strictUtf8(capture.responseBody)) {
        content.insert(QStringLiteral("text"), *text);
    } else {
        content.insert(QStringLiteral("text"), base64(capture.responseBody));
        content.insert(QStringLiteral("encoding"), QStringLiteral("base64"));
    }
    QJsonObject response {
        {QStringLiteral("status"), capture.responseStatus},
        {QStringLiteral("statusText"),
         QString::fromLatin1(http::reasonPhrase(capture.responseStatus))},
        {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
        {QStringLiteral("cookies"), QJsonArray {}},
        {QStringLiteral("headers"), harHeaders(capture.responseHeaders)},
        {QStringLiteral("content"), content},
        {QStringLiteral("redirectURL"), QString()},
        {QStringLiteral("headersSize"), -1},
        {QStringLiteral("bodySize"), capture.responseBody.size()},
    };
    // What the sender saw: its request's bytes, then the endpoint's delay before the answer.
    const double sendMs = double(capture.durationUs) / 1000.0;
    const double waitMs = double(capture.responseDelayMs);
    QJsonObject entry {
        {QStringLiteral("startedDateTime"), isoTimestamp(capture.receivedAtUs)},
        {QStringLiteral("time"), sendMs + waitMs},
        {QStringLiteral("request"), request},
        {QStringLiteral("response"), response},
        {QStringLiteral("cache"), QJsonObject {}},
        {QStringLiteral("timings"),
         QJsonObject {{QStringLiteral("send"), sendMs},
                      {QStringLiteral("wait"), waitMs},
                      {QStringLiteral("receive"), 0}}},
        {QStringLiteral("_hookscopeId"), capture.id},
        {QStringLiteral("_endpoint"), capture.endpoint},
        {QStringLiteral("_malformed"), capture.malformed},
        {QStringLiteral("_signature"), capture.signature.verdict},
    };
    // The scheme that judged and why, as JSON lines has them in "signature".
    if (!capture.signature.scheme.isEmpty())
        entry.insert(QStringLiteral("_signatureScheme"), capture.signature.scheme);
    if (!capture.signature.detail.isEmpty())
        entry.insert(QStringLiteral("_signatureDetail"), capture.signature.detail);
    if (!capture.remoteAddress.isEmpty())
        entry.insert(QStringLiteral("_remote"), remoteText(capture));
    // HAR has no slot for requests passed on; custom fields may hold anything.
    if (!capture.forwards.isEmpty())
        entry.insert(QStringLiteral("_forwards"), forwardsJson(capture.forwards));
    if (capture.senderLeftAfterMs >= 0) {
        entry.insert(QStringLiteral("_senderLeftAfterMs"), capture.senderLeftAfterMs);
        entry.insert(QStringLiteral("comment"), senderLeftText(capture));
    }
    if (capture.malformed) {
        // JSON lines say "parse_error"; in HAR, a custom field for tools and a comment for people.
        entry.insert(QStringLiteral("_parseError"), capture.parseError);
        entry.insert(QStringLiteral("comment"),
                     capture.parseError.isEmpty()
                         ? QStringLiteral("Malformed request")
                         : QStringLiteral("Malformed request: ") + capture.parseError);
    }
    return entry;
}

QByteArray exportJson(const QJsonObject &record)
{
    QByteArray json = QJsonDocument(record).toJson(QJsonDocument::Compact);
    // Outside strings JSON is ASCII, and in UTF-8 these three bytes are always U+FEFF.
    if (json.contains("\xef\xbb\xbf"))
        json.replace("\xef\xbb\xbf", "\\ufeff");
    return json;
}

QString exportJsonLines(RequestStore &store, QIODevice &out)
{
    bool writeOk = true;
    const bool ok = store.forEach({}, SortOrder::OldestFirst, [&](const Capture &capture) {
        writeOk = out.write(exportJson(captureToJson(capture)) + '\n') >= 0;
        return writeOk;
    });
    if (!ok)
        return store.lastError();
    return writeOk ? QString() : out.errorString();
}

QString exportHar(RequestStore &store, QIODevice &out)
{
    const QJsonObject creator {{QStringLiteral("name"), QStringLiteral("Hookscope")},
                               {QStringLiteral("version"), QString::fromLatin1(kVersion)}};
    QByteArray head = "{\"log\":{\"version\":\"1.2\",\"creator\":"
        + QJsonDocument(creator).toJson(QJsonDocument::Compact) + ",\"entries\":[\n";
    bool writeOk = out.write(head) >= 0;
    bool first = true;
    const bool ok = store.forEach({}, SortOrder::OldestFirst, [&](const Capture &capture) {
        QByteArray entry = exportJson(captureToHarEntry(capture));
        if (!first)
            entry.prepend(",\n");
        first = false;
        writeOk = out.write(entry) >= 0;
        return writeOk;
    });
    if (!ok)
        return store.lastError();
    writeOk = writeOk && out.write("\n]}}\n") >= 0;
    return writeOk ? QString() : out.errorString();
}

} // namespace hookscope::store
