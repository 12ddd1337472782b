#include "signing/Ed25519.h"
#include "signing/schemes/BuiltinSchemes.h"

namespace hookscope::signing {

namespace {

constexpr QByteArrayView kSignatureHeader = "X-Signature-Ed25519";
constexpr QByteArrayView kTimestampHeader = "X-Signature-Timestamp";

// 64 hex digits: a 32-byte key (Discord shows the public one in the developer portal).
std::optional<QByteArray> hexKey(const QByteArray &text)
{
    const QByteArray trimmed = text.trimmed();
    if (trimmed.size() != 64 && trimmed.size() != 128)
        return std::nullopt;
    for (const char c : trimmed) {
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return std::nullopt;
    }
    return QByteArray::fromHex(trimmed);
}

// Discord interactions: X-Signature-Ed25519 is the hex Ed25519 signature of
// X-Signature-Timestamp followed by the raw body, made with the application's private key and
// checked with its public key (hex, from the developer portal). Not an HMAC: verifying takes the
// public key, signing a test event takes a private key (a 32-byte hex seed) of the user's own.
class DiscordScheme final : public Scheme
{
public:
    QString name() const override { return QStringLiteral("discord"); }
    QString title() const override { return QStringLiteral("Discord"); }
    QList<QByteArray> detectionHeaders() const override { return {kSignatureHeader.toByteArray()}; }
    QList<QByteArray> senderHeaders() const override { return {"X-Signature-Timestamp"}; }
    HashAlgorithm algorithm() const override { return HashAlgorithm::Sha256; } // unused
    Encoding encoding() const override { return Encoding::Hex; }
    QString signatureKind() const override { return QStringLiteral("Ed25519 signature"); }
    QString contentDescription() const override { return QStringLiteral("\"<timestamp><body>\""); }
    // Discord names no window; its libraries check none.
    bool usesTimestamp() const override { return true; }
    QString keyDescription() const override
    {
        return QStringLiteral("the application's public key (64 hex digits) to verify; a "
                              "private key (64 hex digits) of your own to sign");
    }
    QString keyProblem(const QByteArray &secret) const override
    {
        return hexKey(secret) ? QString()
                              : QStringLiteral("Discord signs with an Ed25519 private key: give "
                                               "its 32-byte seed as 64 hex digits.");
    }

    QByteArray signedContent(const SignedParts &parts) const override
    {
        return parts.timestamp + parts.body;
    }

    ParsedRequest parse(const HeaderList &headers) const override
    {
        ParsedRequest parsed;
        const auto fail = [&](const QString &verdict, const QString &detail) {
            parsed.verdict = verdict;
            parsed.detail = detail;
            return parsed;
        };
        if (!hasHeader(headers, kSignatureHeader.toByteArray()))
            return fail(verdicts::missingHeader, QStringLiteral("No X-Signature-Ed25519 header."));
        parsed.received = headerValue(headers, kSignatureHeader.toByteArray()).trimmed();
        parsed.timestamp = headerValue(headers, kTimestampHeader.toByteArray()).trimmed();
        if (parsed.received.size() > kMaxSignatureHeaderLength)
            return fail(verdicts::malformedHeader,
                        QStringLiteral("X-Signature-Ed25519 is %1 bytes long.")
                            .arg(parsed.received.size()));
        if (!hasHeader(headers, kTimestampHeader.toByteArray()))
            return fail(verdicts::missingHeader,
                        QStringLiteral("No X-Signature-Timestamp header: Discord signs the "
                                       "timestamp followed by the body."));
        parsed.otherSignatures.append({parsed.received, {}, 0});
        parsed.entryCount = 1;
        return parsed;
    }

    QByteArray formatSignature(const QByteArray &encodedMac, const SignedParts &) const override
    {
        return encodedMac;
    }

    HeaderList signedHeaders(const QByteArray &encodedMac, const SignedParts &parts,
                             const SignOptions &) const override
    {
        return {{kSignatureHeader.toByteArray(), encodedMac},
                {kTimestampHeader.toByteArray(), parts.timestamp}};
    }

    std::optional<SignResult> signOther(const QByteArray &secret, const SignedParts &parts,
                                        const SignOptions &options) const override
    {
        SignResult result;
        const auto key = hexKey(secret);
        const auto signature = key ? ed25519::sign(*key, signedContent(parts)) : std::nullopt;
        if (!signature) {
            result.error = keyProblem(QByteArray());
            return result;
        }
        result.ok = true;
        result.headers = signedHeaders(signature->toHex(), parts, options);
        return result;
    }

    std::optional<Verdict> verifyOther(const QByteArray &secret, const ParsedRequest &parsed,
                                       const SignedParts &parts) const override
    {
        Verdict verdict;
        verdict.verdict = verdicts::invalid;
        const auto key = hexKey(secret);
        if (!key || key->size() != 32) {
            verdict.detail = QStringLiteral("Discord is verified with the application's public "
                                            "key: 64 hex digits, from the developer portal.");
            verdict.explained = true;
            return verdict;
        }
        const QByteArray signature = QByteArray::fromHex(parsed.received);
        if (signature.size() != 64 || signature.toHex() != parsed.received.toLower()) {
            verdict.verdict = verdicts::malformedHeader;
            verdict.detail = QStringLiteral("X-Signature-Ed25519 is not 128 hex digits (a "
                                            "64-byte Ed25519 signature).");
            return verdict;
        }
        if (ed25519::verify(*key, signedContent(parts), signature)) {
            verdict.verdict = verdicts::valid;
            verdict.matchedIndex = 0;
            verdict.detail = QStringLiteral("The Discord (Ed25519) signature is valid.");
            return verdict;
        }
        verdict.detail = QStringLiteral("With this public key, the signature does not match "
                                        "\"<timestamp><body>\".");
        // A private key pasted where the public one belongs is the usual slip.
        if (const auto derived = ed25519::publicKeyOf(*key);
            derived && ed25519::verify(*derived, signedContent(parts), signature)) {
            verdict.diagnosis = QStringLiteral("The key given is the private key that made this "
                                               "signature; verify with its public key, %1.")
                                    .arg(QString::fromLatin1(derived->toHex()));
            verdict.explained = true;
        } else {
            verdict.diagnosis = QStringLiteral("Check that this is the public key of the "
                                               "application that sent it, and that the body and "
                                               "X-Signature-Timestamp are exactly as sent.");
        }
        return verdict;
    }
};

} // namespace

std::unique_ptr<Scheme> makeDiscordScheme()
{
    return std::make_unique<DiscordScheme>();
}

} // namespace hookscope::signing
