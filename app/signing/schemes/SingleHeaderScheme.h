#pragma once

#include "signing/Scheme.h"

namespace hookscope::signing {

// A scheme whose signature is one header holding an optional fixed prefix and one MAC of the
// body, such as Patreon's or Shopify's. Subclasses name the header, prefix and extra headers.
class SingleHeaderScheme : public Scheme
{
public:
    QByteArray signedContent(const SignedParts &parts) const override { return parts.body; }
    QString contentDescription() const override { return QStringLiteral("the body"); }
    ParsedRequest parse(const HeaderList &headers) const override;
    QByteArray formatSignature(const QByteArray &encodedMac,
                               const SignedParts &parts) const override;
    HeaderList signedHeaders(const QByteArray &encodedMac, const SignedParts &parts,
                             const SignOptions &options) const override;

protected:
    virtual QByteArray valuePrefix() const { return {}; }
    virtual QByteArray eventHeader() const { return {}; }
    virtual QByteArray idHeader() const { return {}; }
};

// Reads one signature header: missing, empty, oversized or lacking `prefix` gives a verdict.
ParsedRequest parsePrefixedHeader(const HeaderList &headers, const QByteArray &header,
                                  const QByteArray &prefix);

} // namespace hookscope::signing
