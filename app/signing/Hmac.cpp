#include "signing/Hmac.h"

#include <memory>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

namespace hookscope::signing {

namespace {

struct MacDeleter {
    void operator()(EVP_MAC *mac) const { EVP_MAC_free(mac); }
    void operator()(EVP_MAC_CTX *ctx) const { EVP_MAC_CTX_free(ctx); }
};

// Fetching the HMAC implementation is the expensive part of EVP_MAC; it is fetched once and
// shared (OpenSSL's fetched objects are safe to use from several threads).
EVP_MAC *hmacImplementation()
{
    static const std::unique_ptr<EVP_MAC, MacDeleter> mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
    return mac.get();
}

const char *digestName(HashAlgorithm algorithm)
{
    switch (algorithm) {
    case HashAlgorithm::Md5:
        return "MD5";
    case HashAlgorithm::Sha1:
        return "SHA1";
    case HashAlgorithm::Sha256:
        return "SHA256";
    case HashAlgorithm::Sha512:
        return "SHA512";
    }
    return "SHA256";
}

} // namespace

QByteArray hmac(HashAlgorithm algorithm, QByteArrayView key, QByteArrayView data)
{
    std::unique_ptr<EVP_MAC_CTX, MacDeleter> ctx(EVP_MAC_CTX_new(hmacImplementation()));
    if (!ctx)
        return {};
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(
                               OSSL_MAC_PARAM_DIGEST, const_cast<char *>(digestName(algorithm)), 0),
                           OSSL_PARAM_construct_end()};
    // HMAC pads short keys with zero bytes, so an empty key equals the one-byte key "\0";
    // OpenSSL refuses a zero-length key, so that equivalent is passed instead.
    static const unsigned char zeroKey = 0;
    const auto *keyData
        = key.isEmpty() ? &zeroKey : reinterpret_cast<const unsigned char *>(key.data());
    const size_t keyLength = key.isEmpty() ? 1 : size_t(key.size());
    if (EVP_MAC_init(ctx.get(), keyData, keyLength, params) != 1)
        return {};
    if (!data.isEmpty()
        && EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char *>(data.data()),
                          size_t(data.size()))
            != 1)
        return {};
    QByteArray out(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    size_t length = 0;
    if (EVP_MAC_final(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &length,
                      size_t(out.size()))
        != 1)
        return {};
    out.resize(qsizetype(length));
    return out;
}

bool macEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size() || a.isEmpty())
        return false;
    return CRYPTO_memcmp(a.data(), b.data(), size_t(a.size())) == 0;
}

int macLength(HashAlgorithm algorithm)
{
    switch (algorithm) {
    case HashAlgorithm::Md5:
        return 16;
    case HashAlgorithm::Sha1:
        return 20;
    case HashAlgorithm::Sha256:
        return 32;
    case HashAlgorithm::Sha512:
        return 64;
    }
    return 0;
}

QString algorithmName(HashAlgorithm algorithm)
{
    switch (algorithm) {
    case HashAlgorithm::Md5:
        return QStringLiteral("HMAC-MD5");
    case HashAlgorithm::Sha1:
        return QStringLiteral("HMAC-SHA1");
    case HashAlgorithm::Sha256:
        return QStringLiteral("HMAC-SHA256");
    case HashAlgorithm::Sha512:
        return QStringLiteral("HMAC-SHA512");
    }
    return {};
}

QString algorithmKeyword(HashAlgorithm algorithm)
{
    switch (algorithm) {
    case HashAlgorithm::Md5:
        return QStringLiteral("md5");
    case HashAlgorithm::Sha1:
        return QStringLiteral("sha1");
    case HashAlgorithm::Sha256:
        return QStringLiteral("sha256");
    case HashAlgorithm::Sha512:
        return QStringLiteral("sha512");
    }
    return {};
}

std::optional<HashAlgorithm> algorithmFromKeyword(QStringView keyword)
{
    for (HashAlgorithm algorithm : kAllAlgorithms) {
        if (keyword.compare(algorithmKeyword(algorithm), Qt::CaseInsensitive) == 0)
            return algorithm;
    }
    return std::nullopt;
}

QString encodingName(Encoding encoding)
{
    return encoding == Encoding::Hex ? QStringLiteral("hex") : QStringLiteral("base64");
}

QByteArray encode(Encoding encoding, const QByteArray &bytes)
{
    return encoding == Encoding::Hex ? bytes.toHex() : bytes.toBase64();
}

std::optional<QByteArray> decodeHex(QByteArrayView text)
{
    if (text.isEmpty() || text.size() % 2 != 0)
        return std::nullopt;
    for (char c : text) {
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!hex)
            return std::nullopt;
    }
    return QByteArray::fromHex(text.toByteArray());
}

std::optional<QByteArray> decodeBase64(QByteArrayView text)
{
    if (text.isEmpty())
        return std::nullopt;
    // Both alphabets are accepted: some senders use URL-safe base64.
    const QByteArray bytes = text.toByteArray();
    const QByteArray::Base64Options strict = QByteArray::AbortOnBase64DecodingErrors;
    auto result = QByteArray::fromBase64Encoding(bytes, QByteArray::Base64Encoding | strict);
    if (!result)
        result = QByteArray::fromBase64Encoding(bytes, QByteArray::Base64UrlEncoding | strict);
    if (!result || result.decoded.isEmpty())
        return std::nullopt;
    return result.decoded;
}

std::optional<QByteArray> decode(Encoding encoding, QByteArrayView text)
{
    return encoding == Encoding::Hex ? decodeHex(text) : decodeBase64(text);
}

} // namespace hookscope::signing
