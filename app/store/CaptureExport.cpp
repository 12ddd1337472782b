#include "store/CaptureExport.h"

#include "core/Version.h"
#include "http/HttpResponse.h"
#include "store/RequestStore.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStringDecoder>
#include <QUrlQuery>

namespace hookscope::store {

namespace {

// The text of bytes that are valid UTF-8, or nothing.
std::optional<QString> strictUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

QString latin1OrUtf8(const QByteArray &bytes)
{
    if (auto text = strictUtf8(bytes))
        return *text;
    return QString::fromLatin1(bytes);
}

QJsonArray headerPairs(const HeaderList &headers)
{
    QJsonArray pairs;
    for (const HeaderField &field : headers)
        pairs.append(QJsonArray {latin1OrUtf8(field.name), latin1OrUtf8(field.value)});
    return pairs;
}

QJsonArray harHeaders(const HeaderList &headers)
{
    QJsonArray list;
    for (const HeaderField &field : headers) {
        QJsonObject entry {{QStringLiteral("name"), latin1OrUtf8(field.name)},
                           {QStringLiteral("value"), latin1OrUtf8(field.value)}};
        // HAR text is Unicode; bytes that are not UTF-8 also go in custom fields (HAR allows
        // "_"-prefixed ones), so importing the file gives back the exact bytes.
        if (!strictUtf8(field.name))
            entry.insert(QStringLiteral("_nameBase64"), QString::fromLatin1(field.name.toBase64()));
        if (!strictUtf8(field.value))
            entry.insert(QStringLiteral("_valueBase64"),
                         QString::fromLatin1(field.value.toBase64()));
        list.append(entry);
    }
    return list;
}

qint64 headerBlockSize(const QByteArray &firstLine, const HeaderList &headers)
{
    qint64 size = firstLine.size() + 2;
    for (const HeaderField &field : headers)
        size += field.name.size() + 2 + field.value.size() + 2;
    return size + 2;
}

QString absoluteUrl(const Capture &capture)
{
    if (capture.target.startsWith("http://") || capture.target.startsWith("https://"))
        return latin1OrUtf8(capture.target);
    QByteArray host = headerValue(capture.headers, "host");
    if (host.isEmpty())
        host = "localhost";
    return (capture.tls ? QStringLiteral("https://") : QStringLiteral("http://"))
        + latin1OrUtf8(host) + latin1OrUtf8(capture.target);
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
        {QStringLiteral("target"), latin1OrUtf8(capture.target)},
        {QStringLiteral("http_version"), QString::fromLatin1(capture.httpVersion)},
        {QStringLiteral("headers"), headerPairs(capture.headers)},
        {QStringLiteral("remote"),
         capture.remoteAddress + u':' + QString::number(capture.remotePort)},
        {QStringLiteral("tls"), capture.tls},
        {QStringLiteral("endpoint"), capture.endpoint},
        {QStringLiteral("event"), capture.eventType},
        {QStringLiteral("malformed"), capture.malformed},
        {QStringLiteral("response_status"), capture.responseStatus},
        {QStringLiteral("signature"),
         QJsonObject {{QStringLiteral("scheme"), capture.signature.scheme},
                      {QStringLiteral("verdict"), capture.signature.verdict},
                      {QStringLiteral("detail"), capture.signature.detail}}},
    };
    if (capture.malformed)
        object.insert(QStringLiteral("parse_error"), capture.parseError);
    if (auto text = strictUtf8(capture.body))
        object.insert(QStringLiteral("body"), *text);
    else
        object.insert(QStringLiteral("body_base64"), QString::fromLatin1(capture.body.toBase64()));
    return object;
}

QJsonObject captureToHarEntry(const Capture &capture)
{
    const QString url = absoluteUrl(capture);
    QJsonArray queryString;
    const qsizetype queryAt = capture.target.indexOf('?');
    if (queryAt >= 0) {
        const QUrlQuery query(latin1OrUtf8(capture.target.mid(queryAt + 1)));
        for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded))
            queryString.append(
                QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("value"), value}});
    }
    const QString httpVersion = QStringLiteral("HTTP/") + QString::fromLatin1(capture.httpVersion);
    QJsonObject request {
        {QStringLiteral("method"), QString::fromLatin1(capture.method)},
        {QStringLiteral("url"), url},
        {QStringLiteral("httpVersion"), httpVersion},
        {QStringLiteral("cookies"), QJsonArray {}},
        {QStringLiteral("headers"), harHeaders(capture.headers)},
        {QStringLiteral("queryString"), queryString},
        {QStringLiteral("headersSize"),
         capture.malformed ? -1
                           : headerBlockSize(capture.method + ' ' + capture.target + " HTTP/"
                                                 + capture.httpVersion,
                                             capture.headers)},
        {QStringLiteral("bodySize"), capture.body.size()},
    };
    if (!capture.body.isEmpty()) {
        QString mimeType = latin1OrUtf8(headerValue(capture.headers, "content-type"));
        QJsonObject postData {{QStringLiteral("mimeType"), mimeType}};
        if (auto text = strictUtf8(capture.body)) {
            postData.insert(QStringLiteral("text"), *text);
        } else {
            // HAR has no encoding field for requests; the underscore marks our extension.
            postData.insert(QStringLiteral("text"), QString::fromLatin1(capture.body.toBase64()));
            postData.insert(QStringLiteral("_encoding"), QStringLiteral("base64"));
        }
        request.insert(QStringLiteral("postData"), postData);
    }
    QJsonObject content {
        {QStringLiteral("size"), capture.responseBody.size()},
        {QStringLiteral("mimeType"),
         latin1OrUtf8(headerValue(capture.responseHeaders, "content-type")).isEmpty()
                 && !capture.responseBody.isEmpty()
             ? QStringLiteral("application/json")
             : latin1OrUtf8(headerValue(capture.responseHeaders, "content-type"))},
    };
    if (auto text = strictUtf8(capture.responseBody)) {
        content.insert(QStringLiteral("text"), *text);
    } else {
        content.insert(QStringLiteral("text"),
                       QString::fromLatin1(capture.responseBody.toBase64()));
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
    const double totalMs = double(capture.durationUs) / 1000.0;
    QJsonObject entry {
        {QStringLiteral("startedDateTime"), isoTimestamp(capture.receivedAtUs)},
        {QStringLiteral("time"), totalMs},
        {QStringLiteral("request"), request},
        {QStringLiteral("response"), response},
        {QStringLiteral("cache"), QJsonObject {}},
        {QStringLiteral("timings"),
         QJsonObject {{QStringLiteral("send"), totalMs},
                      {QStringLiteral("wait"), 0},
                      {QStringLiteral("receive"), 0}}},
        {QStringLiteral("_hookscopeId"), capture.id},
        {QStringLiteral("_endpoint"), capture.endpoint},
        {QStringLiteral("_malformed"), capture.malformed},
        {QStringLiteral("_signature"), capture.signature.verdict},
    };
    if (!capture.remoteAddress.isEmpty())
        entry.insert(QStringLiteral("_remote"),
                     capture.remoteAddress + u':' + QString::number(capture.remotePort));
    return entry;
}

QString exportJsonLines(RequestStore &store, QIODevice &out)
{
    bool writeOk = true;
    const bool ok = store.forEach({}, SortOrder::OldestFirst, [&](const Capture &capture) {
        writeOk
            = out.write(QJsonDocument(captureToJson(capture)).toJson(QJsonDocument::Compact) + '\n')
            >= 0;
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
        QByteArray entry = QJsonDocument(captureToHarEntry(capture)).toJson(QJsonDocument::Compact);
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
