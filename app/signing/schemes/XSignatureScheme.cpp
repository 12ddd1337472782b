#include "signing/schemes/BuiltinSchemes.h"
#include "signing/schemes/SingleHeaderScheme.h"

namespace hookscope::signing {

namespace {

// The bare "X-Signature: <hex HMAC-SHA256(body)>" form.
class XSignatureScheme final : public SingleHeaderScheme
{
public:
    QString name() const override { return QStringLiteral("x-signature"); }
    QString title() const override { return QStringLiteral("X-Signature"); }
    QList<QByteArray> detectionHeaders() const override { return {"X-Signature"}; }
    HashAlgorithm algorithm() const override { return HashAlgorithm::Sha256; }
    Encoding encoding() const override { return Encoding::Hex; }
};

} // namespace

std::unique_ptr<Scheme> makeXSignatureScheme()
{
    return std::make_unique<XSignatureScheme>();
}

} // namespace hookscope::signing
