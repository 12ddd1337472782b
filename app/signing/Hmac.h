#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace hookscope::signing {

enum class HashAlgorithm { Md5, Sha1, Sha256, Sha512 };
enum class Encoding { Hex, Base64 };

inline constexpr HashAlgorithm kAllAlgorithms[]
    = {HashAlgorithm::Md5, HashAlgorithm::Sha1, HashAlgorithm::Sha256, HashAlgorithm::Sha512};

// HMAC through OpenSSL 3's EVP_MAC. Returns the raw MAC bytes.
QByteArray hmac(HashAlgorithm algorithm, QByteArrayView key, QByteArrayView data);

// Compares two MACs in constant time for equal lengths (CRYPTO_memcmp).
bool macEquals(QByteArrayView a, QByteArrayView b);

int macLength(HashAlgorithm algorithm);
QString algorithmName(HashAlgorithm algorithm); // "HMAC-SHA256"
QString algorithmKeyword(HashAlgorithm algorithm); // "sha256"
std::optional<HashAlgorithm> algorithmFromKeyword(QStringView keyword);

QString encodingName(Encoding encoding); // "hex", "base64"
QByteArray encode(Encoding encoding, const QByteArray &bytes);
// Strict decoding: nullopt when the text is not valid in that encoding.
std::optional<QByteArray> decode(Encoding encoding, QByteArrayView text);
std::optional<QByteArray> decodeHex(QByteArrayView text);
std::optional<QByteArray> decodeBase64(QByteArrayView text);

} // namespace hookscope::signing
