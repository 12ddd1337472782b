#include "exchange/HarImport.h"

#include "http/EventType.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

namespace hookscope::exchange {

namespace {

// HAR text is JSON text; its bytes are the UTF-8 of that text. Text that was not UTF-8 is not
// reversible (Hookscope writes U+FFFD for such bytes), so those bytes travel as base64 too.
QByteArray textBytes(const QJsonValue &value)
{
    return value.toString().toUtf8();
}

// A header's name or value: Hookscope's own export keeps bytes that are not UTF-8 in
// "_<key>Base64" beside the readable text; other tools only have the text.
QByteArray exactBytes(const QJsonObject &field, const QString &key)
{
    const QJsonValue exact = field.value(QLatin1Char('_') + key + QStringLiteral("Base64"));
    if (exact.isString()) {
        if (const auto decoded = QByteArray::fromBase64Encoding(
                exact.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors))
            return *decoded;
    }
    return textBytes(field.value(key));
}

// Hookscope's own export percent-encodes the url and keeps the target as received in "_target",
// and in "_targetBase64" when it is not UTF-8; other tools only have the url.
std::optional<QByteArray> exportedTarget(const QJsonObject &request)
{
    const QJsonValue exact = request.value(QStringLiteral("_targetBase64"));
    if (exact.isString()) {
        if (const auto decoded = QByteArray::fromBase64Encoding(
                exact.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors))
            return *decoded;
    }
    const QJsonValue text = request.value(QStringLiteral("_target"));
    if (text.isString())
        return textBytes(text);
    return std::nullopt;
}

std::optional<QByteArray> decodeBody(const QJsonObject &holder, const QString &encoding,
                                     QString *error)
{
    const QJsonValue text = holder.value(QStringLiteral("text"));
    if (text.isUndefined() || text.isNull())
        return QByteArray();
    if (!text.isString()) {
        *error = QStringLiteral("text is not a string");
        return std::nullopt;
    }
    if (encoding.isEmpty())
        return textBytes(text);
    if (encoding.compare(u"base64", Qt::CaseInsensitive) != 0) {
        *error = QStringLiteral("unknown encoding \"%1\"").arg(encoding);
        return std::nullopt;
    }
    const auto decoded = QByteArray::fromBase64Encoding(text.toString().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        *error = QStringLiteral("text is not valid base64");
        return std::nullopt;
    }
    return *decoded;
}

std::optional<HeaderList> readHeaders(const QJsonValue &value, const QString &where, QString *error)
{
    HeaderList headers;
    if (value.isUndefined() || value.isNull())
        return headers;
    if (!value.isArray()) {
        *error = where + QStringLiteral(" is not an array");
        return std::nullopt;
    }
    const QJsonArray list = value.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject field = list.at(i).toObject();
        const QJsonValue name = field.value(QStringLiteral("name"));
        if (!name.isString() || name.toString().isEmpty()) {
            *error = QStringLiteral("%1[%2].name is missing").arg(where).arg(i);
            return std::nullopt;
        }
        // HTTP/2 and HTTP/3 pseudo-headers (:authority, :path...) are not headers of the request
        // Hookscope would receive; the request line already says what they say.
        if (name.toString().startsWith(u':'))
            continue;
        headers.append({exactBytes(field, QStringLiteral("name")),
                        exactBytes(field, QStringLiteral("value"))});
    }
    return headers;
}

QByteArray httpVersionOf(const QString &harVersion)
{
    // "HTTP/1.1", "http/2.0", "h2", "HTTP/2", "" (Firefox for cached entries)
    static const QRegularExpression pattern(QStringLiteral("^(?:HTTP/)?([0-9](?:\\.[0-9])?)$"),
                                            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(harVersion.trimmed());
    if (match.hasMatch())
        return match.captured(1).toLatin1();
    if (harVersion.compare(u"h2", Qt::CaseInsensitive) == 0)
        return "2";
    if (harVersion.compare(u"h3", Qt::CaseInsensitive) == 0)
        return "3";
    return "1.1";
}

// Hookscope's own export writes "_remote": "address:port", "[v6]:port" (older exports wrote
// v6 without brackets: there the last colon splits).
void readRemote(const QJsonObject &entry, Capture &capture)
{
    const QString remote = entry.value(QStringLiteral("_remote")).toString();
    if (!remote.isEmpty()) {
        QString address = remote;
        QString port;
        if (const qsizetype close = remote.indexOf(u']'); remote.startsWith(u'[') && close > 0) {
            address = remote.mid(1, close - 1);
            if (remote.mid(close + 1).startsWith(u':'))
                port = remote.mid(close + 2);
        } else if (const qsizetype colon = remote.lastIndexOf(u':'); colon > 0) {
            address = remote.left(colon);
            port = remote.mid(colon + 1);
        }
        bool ok = false;
        const uint number = port.toUInt(&ok);
        if (ok && number <= 65535) {
            capture.remoteAddress = address;
            capture.remotePort = quint16(number);
            return;
        }
        capture.remoteAddress = remote.startsWith(u'[') ? address : remote;
        return;
    }
    QString address = entry.value(QStringLiteral("serverIPAddress")).toString();
    if (address.startsWith(u'[') && address.endsWith(u']'))
        address = address.mid(1, address.size() - 2);
    capture.remoteAddress = address;
    // Chrome's "connection" is a connection id, not a port, so no port is taken from it.
}

// "time" is the whole exchange; with "timings", its "send" is the request's own time (our
// first to last byte) and "wait" the server's before answering (an endpoint's delay).
void readTimings(const QJsonObject &entry, Capture &capture)
{
    const auto positiveMs = [](const QJsonValue &value) {
        const double ms = value.toDouble(0);
        return ms > 0 ? ms : 0.0;
    };
    const QJsonObject timings = entry.value(QStringLiteral("timings")).toObject();
    const bool split = timings.contains(QStringLiteral("send"));
    const double requestMs = positiveMs(split ? timings.value(QStringLiteral("send"))
                                              : entry.value(QStringLiteral("time")));
    capture.durationUs = qint64(requestMs * 1000.0 + 0.5);
    capture.responseDelayMs = qint64(positiveMs(timings.value(QStringLiteral("wait"))) + 0.5);
}

std::optional<Capture> readEntry(const QJsonObject &entry, const HarImportOptions &options,
                                 QString *error)
{
    const QJsonValue requestValue = entry.value(QStringLiteral("request"));
    if (!requestValue.isObject()) {
        *error = QStringLiteral("request is missing");
        return std::nullopt;
    }
    const QJsonObject request = requestValue.toObject();
    const QJsonValue urlValue = request.value(QStringLiteral("url"));
    if (!urlValue.isString() || urlValue.toString().isEmpty()) {
        *error = QStringLiteral("request.url is missing");
        return std::nullopt;
    }
    const QString urlText = urlValue.toString();
    // Tolerant: a webhook's query may hold bytes a browser would escape ("{", "|", "\"").
    const QUrl url(urlText, QUrl::TolerantMode);
    const bool malformed = entry.value(QStringLiteral("_malformed")).toBool(false);
    const std::optional<QByteArray> exactTarget = exportedTarget(request);
    // Hookscope's export of a malformed capture puts its Host in the url as received, which may
    // be no host at all; the target kept beside it and the scheme are all that is needed then.
    const bool urlUsable = url.isValid() && !url.scheme().isEmpty();
    const qsizetype schemeEnd = urlText.indexOf(QStringLiteral("://"));
    if (!urlUsable && !(malformed && exactTarget && schemeEnd > 0)) {
        *error = QStringLiteral("request.url \"%1\" is not an absolute URL").arg(urlText.left(200));
        return std::nullopt;
    }
    const QString scheme = urlUsable ? url.scheme() : urlText.left(schemeEnd);
    const QJsonValue method = request.value(QStringLiteral("method"));
    if (!method.isString() || method.toString().isEmpty()) {
        *error = QStringLiteral("request.method is missing");
        return std::nullopt;
    }

    Capture capture;
    capture.malformed = malformed;
    // Hookscope's export writes a stand-in method for a malformed capture that had none, and the
    // stored one (empty) in "_method".
    const QJsonValue storedMethod = request.value(QStringLiteral("_method"));
    capture.method = (capture.malformed && storedMethod.isString() ? storedMethod : method)
                         .toString()
                         .toLatin1();
    // The target is the URL's own text after the authority, so its escapes stay as written.
    const qsizetype authorityAt = urlText.indexOf(QStringLiteral("//"));
    const qsizetype pathAt = authorityAt < 0 ? -1 : urlText.indexOf(u'/', authorityAt + 2);
    QString target = pathAt < 0 ? QString() : urlText.mid(pathAt);
    if (pathAt < 0) {
        const qsizetype queryAt = urlText.indexOf(u'?', authorityAt + 2);
        target = queryAt < 0 ? QStringLiteral("/") : u'/' + urlText.mid(queryAt);
    }
    if (const qsizetype fragmentAt = target.indexOf(u'#'); fragmentAt >= 0)
        target.truncate(fragmentAt);
    capture.target = exactTarget.value_or(target.toUtf8());
    capture.tls = scheme.compare(u"https", Qt::CaseInsensitive) == 0
        || scheme.compare(u"wss", Qt::CaseInsensitive) == 0;
    capture.httpVersion = httpVersionOf(request.value(QStringLiteral("httpVersion")).toString());

    auto headers = readHeaders(request.value(QStringLiteral("headers")),
                               QStringLiteral("request.headers"), error);
    if (!headers)
        return std::nullopt;
    capture.headers = std::move(*headers);

    const QJsonValue postData = request.value(QStringLiteral("postData"));
    if (postData.isObject()) {
        const QJsonObject post = postData.toObject();
        // HAR 1.2 has no encoding for requests; Hookscope writes "_encoding", and some tools
        // (and HAR 1.3 drafts) write "encoding".
        QString encoding = post.value(QStringLiteral("encoding")).toString();
        if (encoding.isEmpty())
            encoding = post.value(QStringLiteral("_encoding")).toString();
        QString bodyError;
        auto body = decodeBody(post, encoding, &bodyError);
        if (!body) {
            *error = QStringLiteral("request.postData.") + bodyError;
            return std::nullopt;
        }
        capture.body = std::move(*body);
        if (capture.body.isEmpty() && post.value(QStringLiteral("params")).isArray()) {
            // Form posts from some tools carry only params: rebuild the urlencoded body.
            QByteArrayList pairs;
            for (const QJsonValue &param : post.value(QStringLiteral("params")).toArray()) {
                const QJsonObject p = param.toObject();
                pairs << QUrl::toPercentEncoding(p.value(QStringLiteral("name")).toString()) + '='
                        + QUrl::toPercentEncoding(p.value(QStringLiteral("value")).toString());
            }
            capture.body = pairs.join('&');
        }
    } else if (!postData.isUndefined() && !postData.isNull()) {
        *error = QStringLiteral("request.postData is not an object");
        return std::nullopt;
    }

    const QJsonValue started = entry.value(QStringLiteral("startedDateTime"));
    if (started.isString()) {
        const auto time = parseIsoTimestampUs(started.toString());
        if (!time) {
            *error = QStringLiteral("startedDateTime \"%1\" is not an ISO 8601 time")
                         .arg(started.toString().left(60));
            return std::nullopt;
        }
        capture.receivedAtUs = *time;
    }
    readTimings(entry, capture);
    readRemote(entry, capture);
    // Not the entry's own "_endpoint": that endpoint's secret here may not be the one it had.
    capture.endpoint = options.endpoint;
    capture.parseError = entry.value(QStringLiteral("_parseError")).toString();

    const QJsonObject response = entry.value(QStringLiteral("response")).toObject();
    capture.responseStatus = response.value(QStringLiteral("status")).toInt(0);
    auto responseHeaders = readHeaders(response.value(QStringLiteral("headers")),
                                       QStringLiteral("response.headers"), error);
    if (!responseHeaders)
        return std::nullopt;
    capture.responseHeaders = std::move(*responseHeaders);
    const QJsonObject content = response.value(QStringLiteral("content")).toObject();
    QString bodyError;
    auto responseBody
        = decodeBody(content, content.value(QStringLiteral("encoding")).toString(), &bodyError);
    if (!responseBody) {
        *error = QStringLiteral("response.content.") + bodyError;
        return std::nullopt;
    }
    capture.responseBody = std::move(*responseBody);
    // As the receiver does, so the list's event column and filter work for imports too.
    capture.eventType = http::deriveEventType(capture.headers, capture.body);
    return capture;
}

} // namespace

std::optional<qint64> parseIsoTimestampUs(const QString &text)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(\\d{4}-\\d{2}-\\d{2})[T "
                       "](\\d{2}:\\d{2}:\\d{2})(?:[.,](\\d+))?(Z|[+-]\\d{2}:?\\d{2})?$"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const QDate date = QDate::fromString(match.captured(1), Qt::ISODate);
    const QTime clock = QTime::fromString(match.captured(2), Qt::ISODate);
    if (!date.isValid() || !clock.isValid())
        return std::nullopt;
    const QDateTime time(date, clock, Qt::UTC);
    const QString zone = match.captured(4);
    int offsetSeconds = 0;
    if (!zone.isEmpty() && zone != u"Z") {
        const QString digits = QString(zone).remove(u':');
        offsetSeconds = (digits.mid(1, 2).toInt() * 3600 + digits.mid(3, 2).toInt() * 60)
            * (digits.startsWith(u'-') ? -1 : 1);
    }
    const QString fraction = (match.captured(3) + QStringLiteral("000000")).left(6);
    return (time.toSecsSinceEpoch() - offsetSeconds) * 1000000 + fraction.toLongLong();
}

HarImportResult importHar(const QByteArray &data, const HarImportOptions &options)
{
    HarImportResult result;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.fatalError = QStringLiteral("not a HAR file: invalid JSON at byte %1 (%2)")
                                .arg(parseError.offset)
                                .arg(parseError.errorString());
        return result;
    }
    const QJsonValue log = document.object().value(QStringLiteral("log"));
    if (!log.isObject()) {
        result.fatalError = QStringLiteral("not a HAR file: no \"log\" object");
        return result;
    }
    const QJsonValue entries = log.toObject().value(QStringLiteral("entries"));
    if (!entries.isArray()) {
        result.fatalError = QStringLiteral("not a HAR file: no \"log.entries\" array");
        return result;
    }
    const QJsonArray list = entries.toArray();
    result.entryCount = int(list.size());
    for (qsizetype i = 0; i < list.size(); ++i) {
        QString error;
        std::optional<Capture> capture;
        if (!list.at(i).isObject())
            error = QStringLiteral("not an object");
        else
            capture = readEntry(list.at(i).toObject(), options, &error);
        if (capture)
            result.captures.append(std::move(*capture));
        else
            result.entryErrors.append(QStringLiteral("entry %1: %2").arg(i + 1).arg(error));
    }
    return result;
}

HarImportResult importHarFile(const QString &path, const HarImportOptions &options)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        HarImportResult result;
        result.fatalError = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return result;
    }
    HarImportResult result = importHar(file.readAll(), options);
    if (!result.fatalError.isEmpty())
        result.fatalError = path + QStringLiteral(": ") + result.fatalError;
    return result;
}

} // namespace hookscope::exchange
