#pragma once

#include <QByteArray>

#include <optional>

namespace hookscope::signing::ed25519 {

// Ed25519 through OpenSSL's EVP_PKEY_ED25519. Keys are raw: a 32-byte seed (private) or a
// 32-byte public key. A 64-byte private key (seed followed by public key, libsodium's layout)
// is accepted too.
std::optional<QByteArray> sign(const QByteArray &privateKey, QByteArrayView message);
bool verify(const QByteArray &publicKey, QByteArrayView message, const QByteArray &signature);
std::optional<QByteArray> publicKeyOf(const QByteArray &privateKey);

} // namespace hookscope::signing::ed25519
