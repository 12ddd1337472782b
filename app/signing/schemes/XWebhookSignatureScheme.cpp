#include "signing/schemes/BuiltinSchemes.h"
#include "signing/schemes/SingleHeaderScheme.h"

namespace hookscope::signing {

namespace {

// The common "X-Webhook-Signature: sha256=<hex HMAC-SHA256(body)>" form, with X-Webhook-Id and
// X-Webhook-Event beside it.
class XWebhookSignatureScheme final : public SingleHeaderScheme
{
public:
    QString name() const override { return QStringLiteral("x-webhook-signature"); }
    QString title() const override { return QStringLiteral("X-Webhook-Signature"); }
    QList<QByteArray> detectionHeaders() const override { return {"X-Webhook-Signature"}; }
    QList<QByteArray> senderHeaders() const override { return {eventHeader()}; }
    HashAlgorithm algorithm() const override { return HashAlgorithm::Sha256; }
    Encoding encoding() const override { return Encoding::Hex; }
    // X-Webhook-Id is the webhook's own id (wh_..., as returned when it was created), the same
    // for every event; the event's id is in the body.
    bool idIsPerEvent() const override { return false; }

protected:
    QByteArray valuePrefix() const override { return "sha256="; }
    QByteArray eventHeader() const override { return "X-Webhook-Event"; }
    QByteArray idHeader() const override { return "X-Webhook-Id"; }
};

} // namespace

std::unique_ptr<Scheme> makeXWebhookSignatureScheme()
{
    return std::make_unique<XWebhookSignatureScheme>();
}

} // namespace hookscope::signing
