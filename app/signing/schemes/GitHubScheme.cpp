#include "signing/schemes/BuiltinSchemes.h"
#include "signing/schemes/SingleHeaderScheme.h"

#include <QUuid>

namespace hookscope::signing {

namespace {

// GitHub: X-Hub-Signature-256: sha256=<hex HMAC-SHA256(body)>, and the legacy
// X-Hub-Signature: sha1=<hex HMAC-SHA1(body)>, which is checked only when the first is absent.
class GitHubScheme final : public Scheme
{
public:
    QString name() const override { return QStringLiteral("github"); }
    QString title() const override { return QStringLiteral("GitHub"); }
    QList<QByteArray> detectionHeaders() const override
    {
        return {"X-Hub-Signature-256", "X-Hub-Signature"};
    }
    QList<QByteArray> senderHeaders() const override
    {
        return {"X-GitHub-Event", "X-GitHub-Delivery", "X-GitHub-Hook-ID"};
    }
    QString unsignedReason() const override
    {
        return QStringLiteral("GitHub signs deliveries only when the webhook has a secret "
                              "(the webhook's settings, Secret).");
    }
    HashAlgorithm algorithm() const override { return HashAlgorithm::Sha256; }
    Encoding encoding() const override { return Encoding::Hex; }
    QString contentDescription() const override { return QStringLiteral("the body"); }
    QByteArray signedContent(const SignedParts &parts) const override { return parts.body; }
    // X-GitHub-Delivery is a GUID.
    QByteArray newId() const override
    {
        return QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    }

    ParsedRequest parse(const HeaderList &headers) const override
    {
        if (hasHeader(headers, "X-Hub-Signature-256") || !hasHeader(headers, "X-Hub-Signature"))
            return parsePrefixedHeader(headers, "X-Hub-Signature-256", "sha256=");
        ParsedRequest parsed = parsePrefixedHeader(headers, "X-Hub-Signature", "sha1=");
        parsed.algorithm = HashAlgorithm::Sha1;
        return parsed;
    }

    QStringList summary() const override
    {
        return {QStringLiteral("X-Hub-Signature-256: sha256=<HMAC-SHA256 of the body, hex>"),
                QStringLiteral("legacy X-Hub-Signature: sha1=<HMAC-SHA1 of the body, hex>")};
    }

    QByteArray formatSignature(const QByteArray &encodedMac, const SignedParts &) const override
    {
        // A 40-digit MAC is the legacy SHA-1 one.
        return (encodedMac.size() == 40 ? "sha1=" : "sha256=") + encodedMac;
    }

    HeaderList signedHeaders(const QByteArray &encodedMac, const SignedParts &parts,
                             const SignOptions &options) const override
    {
        HeaderList headers {{"X-Hub-Signature-256", formatSignature(encodedMac, parts)}};
        if (!options.event.isEmpty())
            headers.append({"X-GitHub-Event", options.event});
        if (!parts.id.isEmpty())
            headers.append({"X-GitHub-Delivery", parts.id});
        return headers;
    }

    // GitHub still sends the SHA-1 header beside the SHA-256 one.
    std::optional<SignResult> signOther(const QByteArray &secret, const SignedParts &parts,
                                        const SignOptions &options) const override
    {
        SignResult result;
        result.ok = true;
        const QByteArray sha256 = hmac(HashAlgorithm::Sha256, secret, parts.body).toHex();
        const QByteArray sha1 = hmac(HashAlgorithm::Sha1, secret, parts.body).toHex();
        result.headers = signedHeaders(sha256, parts, options);
        result.headers.insert(1, {"X-Hub-Signature", "sha1=" + sha1});
        return result;
    }
};

} // namespace

std::unique_ptr<Scheme> makeGitHubScheme()
{
    return std::make_unique<GitHubScheme>();
}

} // namespace hookscope::signing
