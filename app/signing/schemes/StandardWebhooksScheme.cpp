#include "signing/Ed25519.h"
#include "signing/Secret.h"
#include "signing/schemes/BuiltinSchemes.h"

namespace hookscope::signing {

namespace {

// Standard Webhooks (Svix, Resend, Clerk, ...): webhook-id, webhook-timestamp and
// webhook-signature, a space-separated list of "v1,<base64 HMAC-SHA256>" and
// "v1a,<base64 Ed25519>" entries over "<id>.<timestamp>.<body>". The HMAC key is the base64
// after "whsec_"; Ed25519 keys are "whpk_" (public) and "whsk_" (private). Svix's own svix-*
// header names are read too.
class StandardWebhooksScheme final : public Scheme
{
public:
    QString name() const override { return QStringLiteral("standard-webhooks"); }
    QString title() const override { return QStringLiteral("Standard Webhooks"); }
    QList<QByteArray> detectionHeaders() const override
    {
        return {"webhook-signature", "svix-signature"};
    }
    QList<QByteArray> senderHeaders() const override { return {"webhook-id", "svix-id"}; }
    HashAlgorithm algorithm() const override { return HashAlgorithm::Sha256; }
    Encoding encoding() const override { return Encoding::Base64; }
    QString contentDescription() const override
    {
        return QStringLiteral("\"<id>.<timestamp>.<body>\"");
    }
    std::optional<int> defaultTolerance() const override { return 300; }
    bool usesTimestamp() const override { return true; }
    bool usesId() const override { return true; }

    QByteArray macKey(const QByteArray &secret) const override
    {
        // A secret that is not base64 cannot be decoded; it is then used as typed, and the
        // diagnosis and describeSecret() say so.
        return standardWebhooksKey(secret).value_or(secret);
    }

    QString keyDescription() const override
    {
        return QStringLiteral("the base64-decoded bytes after whsec_");
    }

    QString keyProblem(const QByteArray &secret) const override
    {
        // Ed25519 keys are signed with (or refused) by signOther.
        return isEd25519Secret(secret) ? QString() : whsecProblem(secret, name());
    }

    QByteArray signedContent(const SignedParts &parts) const override
    {
        return parts.id + '.' + parts.timestamp + '.' + parts.body;
    }

    ParsedRequest parse(const HeaderList &headers) const override
    {
        const QByteArray prefix
            = !hasHeader(headers, "webhook-signature") && hasHeader(headers, "svix-signature")
            ? "svix-"
            : "webhook-";
        const QByteArray signatureHeader = prefix + "signature";
        ParsedRequest parsed;
        auto fail = [&parsed](const QString &verdict, const QString &detail) {
            parsed.verdict = verdict;
            parsed.detail = detail;
            parsed.signatures.clear();
            parsed.otherSignatures.clear();
            return parsed;
        };
        for (const QByteArray &suffix :
             {QByteArray("signature"), QByteArray("id"), QByteArray("timestamp")}) {
            if (!hasHeader(headers, prefix + suffix))
                return fail(
                    verdicts::missingHeader,
                    QStringLiteral("No %1 header.").arg(QString::fromLatin1(prefix + suffix)));
        }
        parsed.received = headerValue(headers, signatureHeader).trimmed();
        parsed.id = headerValue(headers, prefix + "id").trimmed();
        parsed.timestamp = headerValue(headers, prefix + "timestamp").trimmed();
        const QString name = QString::fromLatin1(signatureHeader);
        if (parsed.received.isEmpty())
            return fail(verdicts::malformedHeader, QStringLiteral("%1 is empty.").arg(name));
        if (parsed.received.size() > kMaxSignatureHeaderLength)
            return fail(verdicts::malformedHeader,
                        QStringLiteral("%1 is %2 bytes long, far more than any signature.")
                            .arg(name)
                            .arg(parsed.received.size()));
        if (parsed.id.isEmpty())
            return fail(verdicts::malformedHeader,
                        QStringLiteral("%1id is empty.").arg(QString::fromLatin1(prefix)));
        if (!parseUnixTimestamp(parsed.timestamp))
            return fail(verdicts::malformedHeader,
                        QStringLiteral("%1timestamp \"%2\" is not a Unix time.")
                            .arg(QString::fromLatin1(prefix),
                                 QString::fromLatin1(abbreviated(parsed.timestamp, 40))));
        int position = 0;
        for (const QByteArray &entry : parsed.received.split(' ')) {
            if (entry.isEmpty())
                continue;
            const qsizetype comma = entry.indexOf(',');
            if (comma <= 0 || comma == entry.size() - 1)
                return fail(verdicts::malformedHeader,
                            QStringLiteral("%1 entry \"%2\" is not \"v1,<base64>\".")
                                .arg(name, QString::fromLatin1(abbreviated(entry, 40))));
            const QByteArray version = entry.left(comma);
            const ReceivedSignature signature {entry.mid(comma + 1), version, position++};
            if (version == "v1")
                parsed.signatures.append(signature);
            else if (version == "v1a")
                parsed.otherSignatures.append(signature);
        }
        parsed.entryCount = position;
        if (parsed.signatures.isEmpty() && parsed.otherSignatures.isEmpty())
            return fail(verdicts::malformedHeader,
                        QStringLiteral("%1 has no v1 or v1a signature.").arg(name));
        return parsed;
    }

    QByteArray formatSignature(const QByteArray &encodedMac, const SignedParts &) const override
    {
        return "v1," + encodedMac;
    }

    HeaderList signedHeaders(const QByteArray &encodedMac, const SignedParts &parts,
                             const SignOptions &) const override
    {
        return {{"webhook-id", parts.id},
                {"webhook-timestamp", parts.timestamp},
                {"webhook-signature", formatSignature(encodedMac, parts)}};
    }

    std::optional<SignResult> signOther(const QByteArray &secret, const SignedParts &parts,
                                        const SignOptions &options) const override
    {
        if (!isEd25519Secret(secret))
            return std::nullopt;
        SignResult result;
        const auto key = decodePrefixedKey(secret, "whsk_");
        if (!key) {
            result.error = secret.startsWith("whpk_")
                ? QStringLiteral("A whpk_ public key can only verify; sign with the whsk_ key.")
                : QStringLiteral("The whsk_ key is not valid base64.");
            return result;
        }
        const auto signature = ed25519::sign(*key, signedContent(parts));
        if (!signature) {
            result.error = QStringLiteral("The whsk_ key is not a 32-byte Ed25519 seed.");
            return result;
        }
        result.ok = true;
        result.headers = signedHeaders({}, parts, options);
        result.headers.last().value = "v1a," + signature->toBase64();
        return result;
    }

    std::optional<Verdict> verifyOther(const QByteArray &secret, const ParsedRequest &parsed,
                                       const SignedParts &parts) const override
    {
        Verdict verdict;
        verdict.verdict = verdicts::invalid;
        if (!isEd25519Secret(secret)) {
            if (!parsed.signatures.isEmpty())
                return std::nullopt; // the shared HMAC path checks the v1 entries
            verdict.detail = QStringLiteral("The header has only v1a (Ed25519) signatures, and "
                                            "the secret is not an Ed25519 key.");
            verdict.diagnosis = QStringLiteral("Verify with the sender's whpk_ public key; a "
                                               "whsec_ secret checks only v1 (HMAC) signatures.");
            verdict.explained = true;
            return verdict;
        }
        const QByteArray content = signedContent(parts);
        QByteArray publicKey;
        if (const auto key = decodePrefixedKey(secret, "whpk_")) {
            publicKey = *key;
        } else if (const auto privateKey = decodePrefixedKey(secret, "whsk_")) {
            publicKey = ed25519::publicKeyOf(*privateKey).value_or(QByteArray());
            // Ed25519 signatures are deterministic, so the private key can show the expected one.
            if (const auto expected = ed25519::sign(*privateKey, content))
                verdict.expected = "v1a," + expected->toBase64();
        }
        if (publicKey.size() != 32) {
            verdict.detail = QStringLiteral("The Ed25519 key is not base64 of a 32-byte key.");
            return verdict;
        }
        if (parsed.otherSignatures.isEmpty()) {
            verdict.detail = QStringLiteral("The header has only v1 (HMAC) signatures, and the "
                                            "secret is an Ed25519 key.");
            verdict.diagnosis = QStringLiteral("Verify with the whsec_ secret; Ed25519 keys check "
                                               "only v1a signatures.");
            verdict.explained = true;
            return verdict;
        }
        bool decodable = false;
        for (const ReceivedSignature &signature : parsed.otherSignatures) {
            const auto bytes = decodeBase64(signature.value);
            decodable = decodable || (bytes && bytes->size() == 64);
            if (bytes && ed25519::verify(publicKey, content, *bytes)) {
                verdict.verdict = verdicts::valid;
                verdict.matchedIndex = signature.position;
                verdict.detail = QStringLiteral("Standard Webhooks v1a (Ed25519) signature is "
                                                "valid.");
                return verdict;
            }
        }
        if (!decodable) {
            verdict.verdict = verdicts::malformedHeader;
            verdict.detail = QStringLiteral("No v1a entry is base64 of a 64-byte Ed25519 "
                                            "signature.");
            return verdict;
        }
        verdict.detail = QStringLiteral("No v1a signature verifies with this Ed25519 key over "
                                        "\"<id>.<timestamp>.<body>\".");
        return verdict;
    }
};

} // namespace

std::unique_ptr<Scheme> makeStandardWebhooksScheme()
{
    return std::make_unique<StandardWebhooksScheme>();
}

} // namespace hookscope::signing
