#include "signing/Secret.h"

#include "core/Counted.h"
#include "signing/Hmac.h"

namespace hookscope::signing {

std::optional<QByteArray> decodePrefixedKey(const QByteArray &secret, QByteArrayView prefix)
{
    if (!secret.startsWith(prefix))
        return std::nullopt;
    return decodeBase64(QByteArrayView(secret).sliced(prefix.size()));
}

std::optional<QByteArray> standardWebhooksKey(const QByteArray &secret)
{
    if (secret.startsWith("whsec_"))
        return decodePrefixedKey(secret, "whsec_");
    return decodeBase64(secret);
}

std::optional<QByteArray> decodePaddedBase64(QByteArrayView text)
{
    if (text.size() % 4 != 0)
        return std::nullopt;
    return decodeBase64(text);
}

static QByteArrayView whsecKeyText(const QByteArray &secret)
{
    return secret.startsWith("whsec_") ? QByteArrayView(secret).sliced(6) : QByteArrayView(secret);
}

QString whsecProblem(const QByteArray &secret, const QString &who)
{
    if (decodePaddedBase64(whsecKeyText(secret)))
        return {};
    return QStringLiteral("%1 needs a secret that is whsec_ followed by base64 (padded to a "
                          "multiple of 4 characters); %2 is not valid base64")
        .arg(who,
             secret.startsWith("whsec_") ? QStringLiteral("the part after whsec_")
                                         : QStringLiteral("this secret"));
}

bool isEd25519Secret(const QByteArray &secret)
{
    return secret.startsWith("whpk_") || secret.startsWith("whsk_");
}

static bool looksHex(const QByteArray &secret)
{
    return secret.size() >= 16 && decodeHex(secret).has_value();
}

SecretDescription describeSecret(const QByteArray &secret, const QString &scheme)
{
    SecretDescription d;
    if (secret.isEmpty()) {
        d.formatName = QStringLiteral("empty");
        d.usage = QStringLiteral("No secret: signatures can be detected but not checked.");
        return d;
    }
    if (secret != secret.trimmed())
        d.warnings << QStringLiteral(
            "The secret starts or ends with whitespace or a newline; it is used with it.");

    const bool standardWebhooks = scheme == u"standard-webhooks";
    if (secret.startsWith("whsec_")) {
        d.format = SecretFormat::Whsec;
        const auto key = decodePaddedBase64(whsecKeyText(secret));
        if (key) {
            d.formatName = QStringLiteral("whsec_ + base64 (%1-byte key)").arg(key->size());
        } else {
            d.formatName = QStringLiteral("whsec_ + text that is not valid base64");
            // Only where it matters: Stripe, for one, uses its whsec_ secret as typed.
            if (standardWebhooks || scheme.isEmpty())
                d.warnings << QStringLiteral("The part after whsec_ is not valid base64, so "
                                             "Standard Webhooks cannot decode it.");
        }
        if (standardWebhooks)
            d.usage = QStringLiteral("whsec_ is stripped and the rest base64-decoded into the "
                                     "HMAC key, as Standard Webhooks (Svix) specifies.");
        else if (scheme.isEmpty())
            d.usage = QStringLiteral("standard-webhooks strips whsec_ and base64-decodes the "
                                     "rest; every other scheme (Stripe included) uses the whole "
                                     "text as typed, prefix included.");
        else
            d.usage
                = QStringLiteral("Used as typed, whsec_ prefix included, as %1 does.").arg(scheme);
        return d;
    }
    if (secret.startsWith("whpk_") || secret.startsWith("whsk_")) {
        const bool isPublic = secret.startsWith("whpk_");
        d.format = isPublic ? SecretFormat::Ed25519PublicKey : SecretFormat::Ed25519PrivateKey;
        const auto key = decodePrefixedKey(secret, isPublic ? "whpk_" : "whsk_");
        const bool sizeOk = key && (key->size() == 32 || (!isPublic && key->size() == 64));
        d.formatName = isPublic ? QStringLiteral("whpk_ Ed25519 public key")
                                : QStringLiteral("whsk_ Ed25519 private key");
        if (!sizeOk)
            d.warnings << QStringLiteral("The key after the prefix is not base64 of %1 bytes.")
                              .arg(isPublic ? QStringLiteral("32") : QStringLiteral("32 or 64"));
        d.usage = isPublic ? QStringLiteral("Verifies Standard Webhooks v1a (Ed25519) signatures; "
                                            "it cannot sign.")
                           : QStringLiteral("Signs Standard Webhooks v1a (Ed25519) signatures; its "
                                            "public half verifies them.");
        if (!scheme.isEmpty() && !standardWebhooks)
            d.warnings << QStringLiteral("Only standard-webhooks uses Ed25519 keys; %1 will use "
                                         "this text as an HMAC key.")
                              .arg(scheme);
        return d;
    }
    if (looksHex(secret)) {
        d.format = SecretFormat::Hex;
        d.formatName = QStringLiteral("hex (%1 digits)").arg(secret.size());
        d.usage = standardWebhooks
            ? QStringLiteral("Base64-decoded as Standard Webhooks does for a secret without "
                             "whsec_; hex digits happen to be valid base64.")
            : scheme == u"discord"
            // Discord's key is an Ed25519 public key, which is given in hex.
            ? QStringLiteral("Hex-decoded into the Ed25519 public key it spells.")
            : QStringLiteral("Used as typed: the hex text itself is the key, not the bytes it "
                             "spells (use custom with secret=hex for those).");
        return d;
    }
    d.format = SecretFormat::Plain;
    d.formatName = QStringLiteral("plain text (%1)").arg(counted(secret.size(), u"byte", u"bytes"));
    d.usage = standardWebhooks ? QStringLiteral("Base64-decoded as Standard Webhooks does for a "
                                                "secret without whsec_.")
                               : QStringLiteral("Used as typed, byte for byte.");
    if (standardWebhooks && !decodePaddedBase64(secret))
        d.warnings << QStringLiteral("It is not valid base64, so Standard Webhooks cannot decode "
                                     "it; the text is used as typed instead.");
    if (secret.size() < 8)
        d.warnings << QStringLiteral("Very short for a signing secret.");
    return d;
}

} // namespace hookscope::signing
