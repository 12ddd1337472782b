#pragma once

#include "signing/Scheme.h"

namespace hookscope::signing {

// Slack's signing, which Zoom copied: <signatureHeader>: v0=<hex HMAC-SHA256("v0:<ts>:<body>")>
// with the Unix time in <timestampHeader>. Only the names and the time window differ.
class V0TimestampScheme : public Scheme
{
public:
    HashAlgorithm algorithm() const override { return HashAlgorithm::Sha256; }
    Encoding encoding() const override { return Encoding::Hex; }
    QString contentDescription() const override { return QStringLiteral("\"v0:<ts>:<body>\""); }
    bool usesTimestamp() const override { return true; }
    QList<QByteArray> detectionHeaders() const override { return {signatureHeader()}; }
    QList<QByteArray> senderHeaders() const override { return {timestampHeader()}; }

    QByteArray signedContent(const SignedParts &parts) const override;
    ParsedRequest parse(const HeaderList &headers) const override;
    QByteArray formatSignature(const QByteArray &encodedMac,
                               const SignedParts &parts) const override;
    HeaderList signedHeaders(const QByteArray &encodedMac, const SignedParts &parts,
                             const SignOptions &options) const override;

protected:
    virtual QByteArray signatureHeader() const = 0;
    virtual QByteArray timestampHeader() const = 0;
};

} // namespace hookscope::signing
