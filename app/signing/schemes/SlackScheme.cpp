#include "signing/schemes/BuiltinSchemes.h"
#include "signing/schemes/SingleHeaderScheme.h"

namespace hookscope::signing {

namespace {

// Slack: X-Slack-Signature: v0=<hex HMAC-SHA256("v0:<ts>:<body>")>, with the timestamp in
// X-Slack-Request-Timestamp; requests older than five minutes are rejected.
class SlackScheme final : public Scheme
{
public:
    QString name() const override { return QStringLiteral("slack"); }
    QString title() const override { return QStringLiteral("Slack"); }
    QList<QByteArray> detectionHeaders() const override { return {"X-Slack-Signature"}; }
    HashAlgorithm algorithm() const override { return HashAlgorithm::Sha256; }
    Encoding encoding() const override { return Encoding::Hex; }
    QString contentDescription() const override { return QStringLiteral("\"v0:<ts>:<body>\""); }
    std::optional<int> defaultTolerance() const override { return 300; }
    bool usesTimestamp() const override { return true; }

    QByteArray signedContent(const SignedParts &parts) const override
    {
        return "v0:" + parts.timestamp + ':' + parts.body;
    }

    ParsedRequest parse(const HeaderList &headers) const override
    {
        ParsedRequest parsed = parsePrefixedHeader(headers, "X-Slack-Signature", "v0=");
        if (!parsed.verdict.isEmpty())
            return parsed;
        if (!hasHeader(headers, "X-Slack-Request-Timestamp")) {
            parsed.verdict = verdicts::missingHeader;
            parsed.detail = QStringLiteral("No X-Slack-Request-Timestamp header.");
            return parsed;
        }
        parsed.timestamp = headerValue(headers, "X-Slack-Request-Timestamp").trimmed();
        if (!parseUnixTimestamp(parsed.timestamp)) {
            parsed.verdict = verdicts::malformedHeader;
            parsed.detail = QStringLiteral("X-Slack-Request-Timestamp \"%1\" is not a Unix time.")
                                .arg(QString::fromLatin1(abbreviated(parsed.timestamp)));
        }
        return parsed;
    }

    QByteArray formatSignature(const QByteArray &encodedMac, const SignedParts &) const override
    {
        return "v0=" + encodedMac;
    }

    HeaderList signedHeaders(const QByteArray &encodedMac, const SignedParts &parts,
                             const SignOptions &) const override
    {
        return {{"X-Slack-Signature", formatSignature(encodedMac, parts)},
                {"X-Slack-Request-Timestamp", parts.timestamp}};
    }
};

} // namespace

std::unique_ptr<Scheme> makeSlackScheme()
{
    return std::make_unique<SlackScheme>();
}

} // namespace hookscope::signing
