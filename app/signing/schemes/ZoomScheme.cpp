#include "signing/schemes/BuiltinSchemes.h"
#include "signing/schemes/SingleHeaderScheme.h"

namespace hookscope::signing {

namespace {

// Zoom: x-zm-signature: v0=<hex HMAC-SHA256("v0:<ts>:<body>")> keyed with the app's Secret Token,
// with the timestamp in x-zm-request-timestamp. Zoom names no freshness window, so none is applied.
class ZoomScheme final : public Scheme
{
public:
    QString name() const override { return QStringLiteral("zoom"); }
    QString title() const override { return QStringLiteral("Zoom"); }
    QList<QByteArray> detectionHeaders() const override { return {"x-zm-signature"}; }
    HashAlgorithm algorithm() const override { return HashAlgorithm::Sha256; }
    Encoding encoding() const override { return Encoding::Hex; }
    QString contentDescription() const override { return QStringLiteral("\"v0:<ts>:<body>\""); }
    bool usesTimestamp() const override { return true; }

    QByteArray signedContent(const SignedParts &parts) const override
    {
        return "v0:" + parts.timestamp + ':' + parts.body;
    }

    ParsedRequest parse(const HeaderList &headers) const override
    {
        ParsedRequest parsed = parsePrefixedHeader(headers, "x-zm-signature", "v0=");
        if (!parsed.verdict.isEmpty())
            return parsed;
        if (!hasHeader(headers, "x-zm-request-timestamp")) {
            parsed.verdict = verdicts::missingHeader;
            parsed.detail = QStringLiteral("No x-zm-request-timestamp header.");
            return parsed;
        }
        parsed.timestamp = headerValue(headers, "x-zm-request-timestamp").trimmed();
        if (!parseUnixTimestamp(parsed.timestamp)) {
            parsed.verdict = verdicts::malformedHeader;
            parsed.detail = QStringLiteral("x-zm-request-timestamp \"%1\" is not a Unix time.")
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
        return {{"x-zm-signature", formatSignature(encodedMac, parts)},
                {"x-zm-request-timestamp", parts.timestamp}};
    }
};

} // namespace

std::unique_ptr<Scheme> makeZoomScheme()
{
    return std::make_unique<ZoomScheme>();
}

} // namespace hookscope::signing
