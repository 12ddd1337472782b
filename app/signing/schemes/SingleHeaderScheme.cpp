#include "signing/schemes/SingleHeaderScheme.h"

namespace hookscope::signing {

ParsedRequest parsePrefixedHeader(const HeaderList &headers, const QByteArray &header,
                                  const QByteArray &prefix)
{
    ParsedRequest parsed;
    const QString name = QString::fromLatin1(header);
    if (!hasHeader(headers, header)) {
        parsed.verdict = verdicts::missingHeader;
        parsed.detail = QStringLiteral("No %1 header.").arg(name);
        return parsed;
    }
    parsed.received = headerValue(headers, header).trimmed();
    if (parsed.received.isEmpty()) {
        parsed.verdict = verdicts::malformedHeader;
        parsed.detail = QStringLiteral("%1 is empty.").arg(name);
        return parsed;
    }
    if (parsed.received.size() > kMaxSignatureHeaderLength) {
        parsed.verdict = verdicts::malformedHeader;
        parsed.detail = QStringLiteral("%1 is %2 bytes long, far more than any signature.")
                            .arg(name)
                            .arg(parsed.received.size());
        return parsed;
    }
    if (!prefix.isEmpty() && !parsed.received.startsWith(prefix)) {
        parsed.verdict = verdicts::malformedHeader;
        parsed.detail
            = QStringLiteral("%1 does not start with \"%2\".").arg(name, QString::fromUtf8(prefix));
        return parsed;
    }
    const QByteArray value = parsed.received.mid(prefix.size());
    if (value.isEmpty()) {
        parsed.verdict = verdicts::malformedHeader;
        parsed.detail
            = QStringLiteral("%1 has nothing after \"%2\".").arg(name, QString::fromUtf8(prefix));
        return parsed;
    }
    parsed.signatures.append({value, {}, 0});
    parsed.entryCount = 1;
    return parsed;
}

ParsedRequest SingleHeaderScheme::parse(const HeaderList &headers) const
{
    return parsePrefixedHeader(headers, primaryHeader(), valuePrefix());
}

QByteArray SingleHeaderScheme::formatSignature(const QByteArray &encodedMac,
                                               const SignedParts &) const
{
    return valuePrefix() + encodedMac;
}

HeaderList SingleHeaderScheme::signedHeaders(const QByteArray &encodedMac, const SignedParts &parts,
                                             const SignOptions &options) const
{
    HeaderList headers {{primaryHeader(), formatSignature(encodedMac, parts)}};
    if (!eventHeader().isEmpty() && !options.event.isEmpty())
        headers.append({eventHeader(), options.event});
    if (!idHeader().isEmpty() && !parts.id.isEmpty())
        headers.append({idHeader(), parts.id});
    return headers;
}

} // namespace hookscope::signing
