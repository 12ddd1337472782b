#include "signing/schemes/SingleHeaderScheme.h"

#include <algorithm>
#include <cctype>

namespace hookscope::signing {

namespace {

// "sha256=" in "sha256=ab12…": a name and '=' ahead of a value. Base64 has '=' only as
// padding at the end, so a signature of any encoding never looks like this by itself.
QByteArray algorithmPrefix(const QByteArray &value)
{
    const qsizetype equals = value.indexOf('=');
    if (equals <= 0 || equals + 1 >= value.size() || value.at(equals + 1) == '=')
        return {};
    for (const char c : value.first(equals)) {
        if (!std::isalnum(uchar(c)) && c != '-' && c != '_')
            return {};
    }
    return value.first(equals + 1);
}

QString valueWord(const QByteArray &value)
{
    const bool hex = !value.isEmpty() && std::all_of(value.cbegin(), value.cend(), [](char c) {
        return std::isxdigit(uchar(c));
    });
    return hex ? QStringLiteral("hex") : QStringLiteral("signature");
}

} // namespace

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
    // A prefix the scheme does not use, or a missing one, is the usual copy-paste mistake
    // between schemes (GitHub's "sha256=" on a bare X-Signature): said in those words.
    const QByteArray foreign = algorithmPrefix(parsed.received);
    if (!prefix.isEmpty() && !parsed.received.startsWith(prefix)) {
        parsed.verdict = verdicts::malformedHeader;
        if (!foreign.isEmpty())
            parsed.detail = QStringLiteral("The signature in %1 starts with \"%2\", but this "
                                           "scheme expects \"%3\" before the %4.")
                                .arg(name, QString::fromUtf8(foreign), QString::fromUtf8(prefix),
                                     valueWord(parsed.received.mid(foreign.size())));
        else
            parsed.detail = QStringLiteral("The signature in %1 has no \"%2\" prefix: expected "
                                           "\"%2\" before the %3.")
                                .arg(name, QString::fromUtf8(prefix), valueWord(parsed.received));
        return parsed;
    }
    if (prefix.isEmpty() && !foreign.isEmpty()) {
        parsed.verdict = verdicts::malformedHeader;
        parsed.detail = QStringLiteral("The signature in %1 has a \"%2\" prefix this scheme does "
                                       "not use: %1 holds the bare signature.")
                            .arg(name, QString::fromUtf8(foreign));
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
