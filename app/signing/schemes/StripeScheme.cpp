#include "signing/schemes/BuiltinSchemes.h"

namespace hookscope::signing {

namespace {

// Stripe: Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256("<t>.<body>")>[,v1=...][,v0=...].
// Several v1 entries appear while a secret is being rolled; any one matching is enough. The
// secret (whsec_...) is used as typed, prefix included.
class StripeScheme final : public Scheme
{
public:
    QString name() const override { return QStringLiteral("stripe"); }
    QString title() const override { return QStringLiteral("Stripe"); }
    QList<QByteArray> detectionHeaders() const override { return {"Stripe-Signature"}; }
    HashAlgorithm algorithm() const override { return HashAlgorithm::Sha256; }
    Encoding encoding() const override { return Encoding::Hex; }
    QString contentDescription() const override { return QStringLiteral("\"<t>.<body>\""); }
    std::optional<int> defaultTolerance() const override { return 300; }
    bool usesTimestamp() const override { return true; }
    // stripe-node and stripe-python refuse only `timestamp < now - tolerance`.
    bool refusesFutureTimestamps() const override { return false; }

    QByteArray signedContent(const SignedParts &parts) const override
    {
        return parts.timestamp + '.' + parts.body;
    }

    ParsedRequest parse(const HeaderList &headers) const override
    {
        ParsedRequest parsed;
        if (!hasHeader(headers, "Stripe-Signature")) {
            parsed.verdict = verdicts::missingHeader;
            parsed.detail = QStringLiteral("No Stripe-Signature header.");
            return parsed;
        }
        parsed.received = headerValue(headers, "Stripe-Signature").trimmed();
        auto malformed = [&parsed](const QString &detail) {
            parsed.verdict = verdicts::malformedHeader;
            parsed.detail = detail;
            parsed.signatures.clear();
            return parsed;
        };
        if (parsed.received.isEmpty())
            return malformed(QStringLiteral("Stripe-Signature is empty."));
        if (parsed.received.size() > kMaxSignatureHeaderLength)
            return malformed(QStringLiteral("Stripe-Signature is %1 bytes long, far more than any "
                                            "signature.")
                                 .arg(parsed.received.size()));
        const QList<QByteArray> entries = parsed.received.split(',');
        int position = 0;
        for (const QByteArray &rawEntry : entries) {
            const QByteArray entry = rawEntry.trimmed();
            const qsizetype equals = entry.indexOf('=');
            if (equals <= 0)
                return malformed(QStringLiteral("Stripe-Signature entry \"%1\" is not key=value.")
                                     .arg(QString::fromLatin1(abbreviated(entry, 40))));
            const QByteArray key = entry.left(equals);
            const QByteArray value = entry.mid(equals + 1);
            if (key == "t") {
                if (!parsed.timestamp.isEmpty())
                    return malformed(QStringLiteral("Stripe-Signature has two t= entries."));
                parsed.timestamp = value;
            } else {
                if (key == "v1")
                    parsed.signatures.append({value, key, position});
                ++position;
            }
        }
        parsed.entryCount = position;
        if (parsed.timestamp.isEmpty())
            return malformed(QStringLiteral("Stripe-Signature has no t= timestamp."));
        if (!parseUnixTimestamp(parsed.timestamp))
            return malformed(QStringLiteral("Stripe-Signature's t=%1 is not a Unix time.")
                                 .arg(QString::fromLatin1(abbreviated(parsed.timestamp, 40))));
        if (parsed.signatures.isEmpty())
            return malformed(QStringLiteral("Stripe-Signature has no v1= signature."));
        return parsed;
    }

    QByteArray formatSignature(const QByteArray &encodedMac,
                               const SignedParts &parts) const override
    {
        return "t=" + parts.timestamp + ",v1=" + encodedMac;
    }

    HeaderList signedHeaders(const QByteArray &encodedMac, const SignedParts &parts,
                             const SignOptions &) const override
    {
        return {{"Stripe-Signature", formatSignature(encodedMac, parts)}};
    }
};

} // namespace

std::unique_ptr<Scheme> makeStripeScheme()
{
    return std::make_unique<StripeScheme>();
}

} // namespace hookscope::signing
