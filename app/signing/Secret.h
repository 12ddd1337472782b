#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace hookscope::signing {

enum class SecretFormat {
    Empty,
    Whsec, // "whsec_" + base64 (Standard Webhooks, Svix; Stripe's look alike but are used as typed)
    Ed25519PublicKey, // "whpk_" + base64 of 32 bytes
    Ed25519PrivateKey, // "whsk_" + base64 of a 32-byte seed (or 64-byte seed + public key)
    Hex, // an even number of hex digits, 16 or more
    Plain, // anything else: used as typed
};

// What a pasted secret looks like and how a scheme will use it. Never holds the secret.
struct SecretDescription {
    SecretFormat format = SecretFormat::Empty;
    QString formatName; // "whsec_ + base64 (24-byte key)", "hex (32 digits)", "plain text"
    QString usage; // how `scheme` (or, without one, each kind of scheme) turns it into a key
    QStringList warnings; // surrounding whitespace, bad base64 after whsec_, very short, ...
};

SecretDescription describeSecret(const QByteArray &secret, const QString &scheme = {});

// "whsec_"/"whpk_"/"whsk_" prefixed secrets: the decoded bytes after the prefix.
std::optional<QByteArray> decodePrefixedKey(const QByteArray &secret, QByteArrayView prefix);
// Standard Webhooks' symmetric key: the base64 after an optional whsec_ prefix.
std::optional<QByteArray> standardWebhooksKey(const QByteArray &secret);
// Base64 as the Standard Webhooks libraries decode a key: padded to a multiple of 4 characters.
std::optional<QByteArray> decodePaddedBase64(QByteArrayView text);
// Why `secret` is not "whsec_ + base64" (the prefix optional), for `who` ("standard-webhooks");
// empty when it is. Never quotes the secret.
QString whsecProblem(const QByteArray &secret, const QString &who);
bool isEd25519Secret(const QByteArray &secret);

} // namespace hookscope::signing
