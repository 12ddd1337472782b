#include "signing/SchemeVerifier.h"

#include "signing/Diagnosis.h"

#include <QDateTime>

namespace hookscope::signing {

namespace {

qint64 currentUnixTime()
{
    return QDateTime::currentSecsSinceEpoch();
}

QString matchedNote(const ParsedRequest &parsed, int position)
{
    if (parsed.entryCount <= 1)
        return {};
    return QStringLiteral(" (signature %1 of %2 matched)").arg(position + 1).arg(parsed.entryCount);
}

// A matching signature is still refused when its timestamp is too far from now (for a stored
// capture: from when it arrived).
void applyTolerance(Verdict &verdict, const Scheme &scheme, const ParsedRequest &parsed,
                    const VerifyOptions &options)
{
    const std::optional<int> tolerance
        = options.toleranceSeconds ? options.toleranceSeconds : scheme.defaultTolerance();
    const auto timestamp = parseUnixTimestamp(parsed.timestamp);
    if (!scheme.usesTimestamp() || !tolerance || !timestamp)
        return;
    const qint64 now = options.now.value_or(currentUnixTime());
    const qint64 age = now - *timestamp;
    if (qAbs(age) <= *tolerance)
        return;
    // Unix seconds reach 100,000,000,000 in the year 5138; milliseconds passed it in 1973.
    const QString milliseconds
        = *timestamp >= 100'000'000'000LL && qAbs(now - *timestamp / 1000) <= *tolerance
        ? QStringLiteral("; it looks like milliseconds, not seconds")
        : QString();
    if (age < 0 && !scheme.refusesFutureTimestamps()) {
        // Valid all the same, but a sender stamping milliseconds is a bug worth a word.
        verdict.detail += QStringLiteral(" The timestamp is %1 in the future%2; %3 accepts that "
                                         "(only timestamps older than the tolerance are refused).")
                              .arg(describeDuration(-age), milliseconds, scheme.title());
        return;
    }
    QString when = age > 0 ? QStringLiteral("%1 old").arg(describeDuration(age))
                           : QStringLiteral("%1 in the future").arg(describeDuration(-age));
    if (options.nowIsArrival)
        when += QStringLiteral(" when the request arrived");
    when += milliseconds;
    if (options.ignoreTolerance) {
        verdict.detail += QStringLiteral(" The timestamp is %1 (tolerance ignored).").arg(when);
        return;
    }
    verdict.verdict = verdicts::outsideTolerance;
    verdict.detail
        = QStringLiteral("The signature matches, but the timestamp is %1 (tolerance %2).")
              .arg(when, describeDuration(*tolerance));
}

// Which of the user's other secrets (if any) makes the signature valid, by name or "#n".
std::optional<QString> matchingOtherSecret(const Scheme &scheme, const ParsedRequest &parsed,
                                           const QByteArray &body, const VerifyOptions &options)
{
    const SignedParts parts {body, parsed.timestamp, parsed.id, options.url};
    if (scheme.usesUrl() && parts.url.isEmpty())
        return std::nullopt;
    const HashAlgorithm algorithm = parsed.algorithm.value_or(scheme.algorithm());
    for (qsizetype i = 0; i < options.otherSecrets.size(); ++i) {
        const QByteArray &other = options.otherSecrets.at(i);
        if (other.isEmpty())
            continue;
        const QByteArray mac = hmac(algorithm, scheme.macKey(other), scheme.signedContent(parts));
        for (const ReceivedSignature &signature : parsed.signatures) {
            const auto bytes = decode(scheme.encoding(), signature.value);
            if (bytes && macEquals(*bytes, mac))
                return options.otherSecretNames.value(i).isEmpty()
                    ? QStringLiteral("#%1").arg(i + 1)
                    : QStringLiteral("\"%1\"").arg(options.otherSecretNames.at(i));
        }
    }
    return std::nullopt;
}

} // namespace

Verdict verifyWithScheme(const Scheme &scheme, const QByteArray &secret, const HeaderList &headers,
                         const QByteArray &body, const VerifyOptions &options)
{
    Verdict verdict;
    verdict.scheme = scheme.name();
    const ParsedRequest parsed = scheme.parse(headers);
    verdict.received = parsed.received;
    if (!parsed.verdict.isEmpty()) {
        verdict.verdict = parsed.verdict;
        verdict.detail = parsed.detail;
        return verdict;
    }
    if (secret.isEmpty()) {
        verdict.verdict = verdicts::noSecret;
        verdict.detail = QStringLiteral("The request carries a %1 signature, but no secret is "
                                        "set to check it.")
                             .arg(scheme.title());
        // Helps the user pick the right one: the verdict stays no-secret.
        if (const auto name = matchingOtherSecret(scheme, parsed, body, options))
            verdict.diagnosis = QStringLiteral("It verifies with another secret you configured "
                                               "(%1).")
                                    .arg(*name);
        return verdict;
    }
    const SignedParts parts {body, parsed.timestamp, parsed.id, options.url};
    if (scheme.usesUrl() && parts.url.isEmpty()) {
        verdict.verdict = verdicts::invalid;
        verdict.detail = QStringLiteral("%1 signs the full URL the request was sent to; no URL "
                                        "was given.")
                             .arg(scheme.title());
        return verdict;
    }

    if (auto other = scheme.verifyOther(secret, parsed, parts)) {
        other->scheme = verdict.scheme;
        other->received = verdict.received;
        if (other->isValid()) {
            other->detail += matchedNote(parsed, other->matchedIndex);
            applyTolerance(*other, scheme, parsed, options);
        }
        return *other;
    }

    const HashAlgorithm algorithm = parsed.algorithm.value_or(scheme.algorithm());
    const QByteArray mac = hmac(algorithm, scheme.macKey(secret), scheme.signedContent(parts));
    verdict.expected = scheme.formatSignature(encode(scheme.encoding(), mac), parts);
    bool decodable = false;
    for (const ReceivedSignature &signature : parsed.signatures) {
        const auto bytes = decode(scheme.encoding(), signature.value);
        decodable = decodable || bytes.has_value();
        if (bytes && macEquals(*bytes, mac)) {
            verdict.matchedIndex = signature.position;
            break;
        }
    }
    if (verdict.matchedIndex >= 0) {
        verdict.verdict = verdicts::valid;
        verdict.detail = QStringLiteral("The %1 signature is valid%2.")
                             .arg(scheme.title(), matchedNote(parsed, verdict.matchedIndex));
        applyTolerance(verdict, scheme, parsed, options);
        return verdict;
    }

    // Without a decodable signature the diagnosis also decides malformed versus invalid, so
    // it runs even when the caller turned it off.
    Diagnosis diagnosis;
    if (options.diagnose || !decodable)
        diagnosis = diagnose({&scheme, secret, parsed, parts, algorithm, options.otherSecrets,
                              options.otherSecretNames});
    if (!decodable && !diagnosis.explained) {
        verdict.verdict = verdicts::malformedHeader;
        verdict.detail = QStringLiteral("The signature in %1 is not valid %2.")
                             .arg(QString::fromLatin1(scheme.primaryHeader()),
                                  encodingName(scheme.encoding()));
        return verdict;
    }
    verdict.verdict = verdicts::invalid;
    verdict.detail = QStringLiteral("With this secret, the signature does not match %1.")
                         .arg(scheme.description());
    if (options.diagnose) {
        verdict.diagnosis = diagnosis.text;
        verdict.explained = diagnosis.explained;
    }
    return verdict;
}

SignResult signWithScheme(const Scheme &scheme, const QByteArray &secret, const QByteArray &body,
                          const SignOptions &options)
{
    SignResult result;
    if (secret.isEmpty()) {
        result.error = QStringLiteral("No secret given.");
        return result;
    }
    SignedParts parts {body, {}, options.id, options.url};
    if (scheme.usesTimestamp())
        parts.timestamp = QByteArray::number(options.timestamp.value_or(currentUnixTime()));
    if (scheme.usesId() && parts.id.isEmpty())
        parts.id = scheme.newId();
    if (scheme.usesUrl() && parts.url.isEmpty()) {
        result.error
            = QStringLiteral("%1 signs the full URL: give it with --url.").arg(scheme.title());
        result.needsUrl = true;
        return result;
    }
    if (auto other = scheme.signOther(secret, parts, options))
        return *other;
    if (const QString problem = scheme.keyProblem(secret); !problem.isEmpty()) {
        result.error = problem;
        return result;
    }
    const QByteArray mac
        = hmac(scheme.algorithm(), scheme.macKey(secret), scheme.signedContent(parts));
    result.ok = true;
    result.headers = scheme.signedHeaders(encode(scheme.encoding(), mac), parts, options);
    return result;
}

} // namespace hookscope::signing
