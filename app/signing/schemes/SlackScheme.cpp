#include "signing/schemes/BuiltinSchemes.h"
#include "signing/schemes/V0TimestampScheme.h"

namespace hookscope::signing {

namespace {

// Slack: X-Slack-Signature: v0=<hex HMAC-SHA256("v0:<ts>:<body>")>, with the timestamp in
// X-Slack-Request-Timestamp; requests older than five minutes are rejected.
class SlackScheme final : public V0TimestampScheme
{
public:
    QString name() const override { return QStringLiteral("slack"); }
    QString title() const override { return QStringLiteral("Slack"); }
    std::optional<int> defaultTolerance() const override { return 300; }

protected:
    QByteArray signatureHeader() const override { return "X-Slack-Signature"; }
    QByteArray timestampHeader() const override { return "X-Slack-Request-Timestamp"; }
};

} // namespace

std::unique_ptr<Scheme> makeSlackScheme()
{
    return std::make_unique<SlackScheme>();
}

} // namespace hookscope::signing
