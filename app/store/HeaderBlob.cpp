#include "store/HeaderBlob.h"

#include <QtEndian>

namespace hookscope::store {

static void appendPart(QByteArray &blob, const QByteArray &part)
{
    char length[4];
    qToLittleEndian<quint32>(quint32(part.size()), length);
    blob.append(length, 4);
    blob.append(part);
}

QByteArray encodeHeaders(const HeaderList &headers)
{
    qsizetype size = 0;
    for (const HeaderField &field : headers)
        size += 8 + field.name.size() + field.value.size();
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
    if (blob.size() - at < 4)
        return false;
    const quint32 length = qFromLittleEndian<quint32>(blob.data() + at);
    at += 4;
    if (quint64(blob.size() - at) < length)
        return false;
    part = blob.sliced(at, qsizetype(length)).toByteArray();
    at += qsizetype(length);
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

} // namespace hookscope::store
