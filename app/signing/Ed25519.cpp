#include "signing/Ed25519.h"

#include <memory>
#include <openssl/evp.h>

namespace hookscope::signing::ed25519 {

namespace {

struct KeyDeleter {
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyDeleter>;
using DigestContext = std::unique_ptr<EVP_MD_CTX, KeyDeleter>;

Key privateKeyFrom(const QByteArray &privateKey)
{
    if (privateKey.size() != 32 && privateKey.size() != 64)
        return {};
    return Key(EVP_PKEY_new_raw_private_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char *>(privateKey.data()), 32));
}

} // namespace

std::optional<QByteArray> sign(const QByteArray &privateKey, QByteArrayView message)
{
    const Key key = privateKeyFrom(privateKey);
    DigestContext ctx(EVP_MD_CTX_new());
    if (!key || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1)
        return std::nullopt;
    QByteArray signature(64, Qt::Uninitialized);
    size_t length = size_t(signature.size());
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       reinterpret_cast<const unsigned char *>(message.data()),
                       size_t(message.size()))
        != 1)
        return std::nullopt;
    signature.resize(qsizetype(length));
    return signature;
}

bool verify(const QByteArray &publicKey, QByteArrayView message, const QByteArray &signature)
{
    if (publicKey.size() != 32 || signature.size() != 64)
        return false;
    const Key key(EVP_PKEY_new_raw_public_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char *>(publicKey.data()), 32));
    DigestContext ctx(EVP_MD_CTX_new());
    if (!key || !ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.data()),
                            size_t(signature.size()),
                            reinterpret_cast<const unsigned char *>(message.data()),
                            size_t(message.size()))
        == 1;
}

std::optional<QByteArray> publicKeyOf(const QByteArray &privateKey)
{
    const Key key = privateKeyFrom(privateKey);
    if (!key)
        return std::nullopt;
    QByteArray publicKey(32, Qt::Uninitialized);
    size_t length = size_t(publicKey.size());
    if (EVP_PKEY_get_raw_public_key(key.get(), reinterpret_cast<unsigned char *>(publicKey.data()),
                                    &length)
        != 1)
        return std::nullopt;
    publicKey.resize(qsizetype(length));
    return publicKey;
}

} // namespace hookscope::signing::ed25519
