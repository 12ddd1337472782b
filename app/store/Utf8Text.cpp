#include "store/Utf8Text.h"

#include <QStringDecoder>

namespace hookscope::store {

namespace {

QStringDecoder utf8Decoder()
{
    return QStringDecoder(QStringDecoder::Utf8,
                          QStringDecoder::Flag::Stateless
                              | QStringDecoder::Flag::ConvertInitialBom);
}

} // namespace

std::optional<QString> strictUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder = utf8Decoder();
    QString text = decoder.decode(bytes);
    if (decoder.hasError() || text.toUtf8() != bytes)
        return std::nullopt;
    return text;
}

QString lossyUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder = utf8Decoder();
    return decoder.decode(bytes);
}

} // namespace hookscope::store
