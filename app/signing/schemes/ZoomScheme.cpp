#include "signing/schemes/BuiltinSchemes.h"
#include "signing/schemes/V0TimestampScheme.h"

namespace hookscope::signing {

namespace {

// Zoom: x-zm-signature: v0=<hex HMAC-SHA256("v0:<ts>:<body>")> keyed with the app's Secret
// Token, the timestamp in x-zm-request-timestamp. Zoom names no time window, so none is applied.
class ZoomScheme final : public V0TimestampScheme
{
public:
    QString name() const override { return QStringLiteral("zoom"); }
    QString title() const override { return QStringLiteral("Zoom"); }

protected:
    QByteArray signatureHeader() const override { return "x-zm-signature"; }
    QByteArray timestampHeader() const override { return "x-zm-request-timestamp"; }
};

} // namespace

std::unique_ptr<Scheme> makeZoomScheme()
{
    return std::make_unique<ZoomScheme>();
}

} // namespace hookscope::signing
