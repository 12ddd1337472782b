#include "signing/schemes/BuiltinSchemes.h"
#include "signing/schemes/SingleHeaderScheme.h"

namespace hookscope::signing {

namespace {

// Patreon: X-Patreon-Signature is the hex HMAC-MD5 of the raw body; X-Patreon-Event names
// the trigger (pledges:create, pledges:update, pledges:delete).
class PatreonScheme final : public SingleHeaderScheme
{
public:
    QString name() const override { return QStringLiteral("patreon"); }
    QString title() const override { return QStringLiteral("Patreon"); }
    QList<QByteArray> detectionHeaders() const override { return {"X-Patreon-Signature"}; }
    QList<QByteArray> senderHeaders() const override { return {eventHeader()}; }
    HashAlgorithm algorithm() const override { return HashAlgorithm::Md5; }
    Encoding encoding() const override { return Encoding::Hex; }

protected:
    QByteArray eventHeader() const override { return "X-Patreon-Event"; }
};

} // namespace

std::unique_ptr<Scheme> makePatreonScheme()
{
    return std::make_unique<PatreonScheme>();
}

} // namespace hookscope::signing
