#include "cli/ResponseOutput.h"

#include "compose/LoadSummary.h"

#include <QStringDecoder>

namespace hookscope::cli {

using compose::JsonValue;

namespace {

bool isUtf8(const QByteArray &bytes)
{
    auto decoder = QStringDecoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    return !decoder.hasError();
}

} // namespace

QString milliseconds(qint64 us)
{
    return compose::formatMilliseconds(us);
}

JsonValue millisecondsJson(qint64 us)
{
    return JsonValue::number(QByteArray::number(double(us) / 1000.0, 'f', 3));
}

JsonValue headersJson(const HeaderList &headers)
{
    JsonValue array = JsonValue::array();
    for (const HeaderField &field : headers) {
        JsonValue pair = JsonValue::array();
        pair.append(JsonValue::string(QString::fromUtf8(field.name)));
        pair.append(JsonValue::string(QString::fromUtf8(field.value)));
        array.append(pair);
    }
    return array;
}

void putBody(JsonValue &object, const QByteArray &body)
{
    if (isUtf8(body))
        object.insert(QStringLiteral("body"), JsonValue::string(QString::fromUtf8(body)));
    else
        object.insert(QStringLiteral("body_base64"),
                      JsonValue::string(QString::fromLatin1(body.toBase64())));
}

JsonValue responseJson(const compose::SendResult &result)
{
    JsonValue response = JsonValue::object();
    response.insert(QStringLiteral("status"), JsonValue::number(qint64(result.status)));
    response.insert(QStringLiteral("reason"),
                    JsonValue::string(QString::fromLatin1(result.reason)));
    response.insert(QStringLiteral("headers"), headersJson(result.headers));
    putBody(response, result.body);
    response.insert(QStringLiteral("duration_ms"), millisecondsJson(result.durationUs));
    return response;
}

void printResponse(CommandIo &io, const compose::SendResult &result)
{
    io.out << "HTTP " << result.summary() << '\n';
    for (const HeaderField &field : result.headers)
        io.out << QString::fromUtf8(field.name) << ": " << QString::fromUtf8(field.value) << '\n';
    io.out << '\n';
    io.out.flush();
    // The body goes out as bytes: it may not be text.
    const QByteArray &body = result.body;
    const bool newline = !body.isEmpty() && !body.endsWith('\n');
    if (QIODevice *device = io.out.device()) {
        device->write(body);
        if (newline)
            device->write("\n");
    } else {
        io.out << QString::fromUtf8(body) << (newline ? "\n" : "");
    }
    io.out.flush();
}

} // namespace hookscope::cli
