#include "signing/schemes/BuiltinSchemes.h"
#include "signing/schemes/SingleHeaderScheme.h"

namespace hookscope::signing {

namespace {

// Shopify: X-Shopify-Hmac-Sha256 is the base64 HMAC-SHA256 of the raw body.
class ShopifyScheme final : public SingleHeaderScheme
{
public:
    QString name() const override { return QStringLiteral("shopify"); }
    QString title() const override { return QStringLiteral("Shopify"); }
    QList<QByteArray> detectionHeaders() const override { return {"X-Shopify-Hmac-Sha256"}; }
    QList<QByteArray> senderHeaders() const override
    {
        return {eventHeader(), "X-Shopify-Webhook-Id", "X-Shopify-Shop-Domain"};
    }
    HashAlgorithm algorithm() const override { return HashAlgorithm::Sha256; }
    Encoding encoding() const override { return Encoding::Base64; }

protected:
    QByteArray eventHeader() const override { return "X-Shopify-Topic"; }
    QByteArray idHeader() const override { return "X-Shopify-Webhook-Id"; }
};

} // namespace

std::unique_ptr<Scheme> makeShopifyScheme()
{
    return std::make_unique<ShopifyScheme>();
}

} // namespace hookscope::signing
