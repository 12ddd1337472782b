#include "signing/schemes/V0TimestampScheme.h"

#include "signing/schemes/SingleHeaderScheme.h"

namespace hookscope::signing {

QByteArray V0TimestampScheme::signedContent(const SignedParts &parts) const
{
    return "v0:" + parts.timestamp + ':' + parts.body;
}

ParsedRequest V0TimestampScheme::parse(const HeaderList &headers) const
{
    ParsedRequest parsed = parsePrefixedHeader(headers, signatureHeader(), "v0=");
    if (!parsed.verdict.isEmpty())
        return parsed;
    const QString timestampName = QString::fromLatin1(timestampHeader());
    if (!hasHeader(headers, timestampHeader())) {
        parsed.verdict = verdicts::missingHeader;
        parsed.detail = QStringLiteral("No %1 header.").arg(timestampName);
        return parsed;
    }
    parsed.timestamp = headerValue(headers, timestampHeader()).trimmed();
    if (!parseUnixTimestamp(parsed.timestamp)) {
        parsed.verdict = verdicts::malformedHeader;
        parsed.detail = QStringLiteral("%1 \"%2\" is not a Unix time.")
                            .arg(timestampName, QString::fromLatin1(abbreviated(parsed.timestamp)));
    }
    return parsed;
}

QByteArray V0TimestampScheme::formatSignature(const QByteArray &encodedMac,
                                              const SignedParts &) const
{
    return "v0=" + encodedMac;
}

HeaderList V0TimestampScheme::signedHeaders(const QByteArray &encodedMac, const SignedParts &parts,
                                            const SignOptions &) const
{
    return {{signatureHeader(), formatSignature(encodedMac, parts)},
            {timestampHeader(), parts.timestamp}};
}

} // namespace hookscope::signing
