#include "signing/schemes/BuiltinSchemes.h"
#include "signing/schemes/SingleHeaderScheme.h"

namespace hookscope::signing {

namespace {

// X (Twitter), Account Activity API and V2 webhooks: x-twitter-webhooks-signature is
// "sha256=" and the base64 HMAC-SHA256 of the raw body, keyed with the app's consumer secret.
// The same key answers X's CRC check (http/Handshake).
class TwitterScheme final : public SingleHeaderScheme
{
public:
    QString name() const override { return QStringLiteral("twitter"); }
    QString title() const override { return QStringLiteral("X (Twitter)"); }
    QList<QByteArray> detectionHeaders() const override { return {"x-twitter-webhooks-signature"}; }
    HashAlgorithm algorithm() const override { return HashAlgorithm::Sha256; }
    Encoding encoding() const override { return Encoding::Base64; }

protected:
    QByteArray valuePrefix() const override { return "sha256="; }
};

} // namespace

std::unique_ptr<Scheme> makeTwitterScheme()
{
    return std::make_unique<TwitterScheme>();
}

} // namespace hookscope::signing
