#include "signing/Scheme.h"

#include <QRandomGenerator>

namespace hookscope::signing {

std::optional<SignResult> Scheme::signOther(const QByteArray &, const SignedParts &,
                                            const SignOptions &) const
{
    return std::nullopt;
}

std::optional<Verdict> Scheme::verifyOther(const QByteArray &, const ParsedRequest &,
                                           const SignedParts &) const
{
    return std::nullopt;
}

QString Scheme::signatureKind() const
{
    return algorithmName(algorithm());
}

QStringList Scheme::summary() const
{
    // Made by formatSignature, so a prefix ("sha256=") or a timestamp around the MAC reads as a
    // receiver must parse it.
    const QByteArray mac = QStringLiteral("<%1 of %2, %3>")
                               .arg(signatureKind(), contentDescription(), encodingName(encoding()))
                               .toUtf8();
    SignedParts parts;
    parts.timestamp = "<t>";
    parts.id = "<id>";
    QStringList headers;
    for (const QByteArray &header : detectionHeaders())
        headers << QString::fromLatin1(header);
    return {QStringLiteral("%1: %2").arg(headers.join(QStringLiteral(" or ")),
                                         QString::fromUtf8(formatSignature(mac, parts)))};
}

QString Scheme::description() const
{
    return QStringLiteral("%1's %2 of %3, %4")
        .arg(title(), signatureKind(), contentDescription(), encodingName(encoding()));
}

std::optional<qint64> parseUnixTimestamp(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 18)
        return std::nullopt;
    qint64 value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

QString describeDuration(qint64 seconds)
{
    seconds = qAbs(seconds);
    if (seconds < 60)
        return QStringLiteral("%1 s").arg(seconds);
    if (seconds < 3600)
        return seconds % 60 == 0
            ? QStringLiteral("%1 min").arg(seconds / 60)
            : QStringLiteral("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    if (seconds < 86400 * 2)
        return QStringLiteral("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
    return QStringLiteral("%1 days").arg(seconds / 86400);
}

QByteArray Scheme::newId() const
{
    return generateWebhookId();
}

QByteArray generateWebhookId()
{
    static constexpr char alphabet[]
        = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QByteArray id("msg_");
    for (int i = 0; i < 24; ++i)
        id += alphabet[QRandomGenerator::system()->bounded(int(sizeof(alphabet) - 1))];
    return id;
}

QByteArray abbreviated(const QByteArray &value, int limit)
{
    if (value.size() <= limit)
        return value;
    return value.left(limit) + "… (" + QByteArray::number(value.size()) + " bytes)";
}

} // namespace hookscope::signing
