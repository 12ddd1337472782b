#pragma once

#include "signing/SigningTypes.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hookscope::signing {

// Everything a signature covers besides the secret.
struct SignedParts {
    QByteArray body;
    QByteArray timestamp; // as sent (decimal unix seconds, normally)
    QByteArray id;
    QString url;
};

// One signature found in a header, still encoded, with any "sha256=" or "v1," prefix removed.
struct ReceivedSignature {
    QByteArray value;
    QByteArray version; // "v1", "v1a", ... where the header labels its entries
    int position = 0; // index among all entries of the header, for Verdict::matchedIndex
};

// What a scheme reads from a request before any secret is used.
struct ParsedRequest {
    QString verdict; // empty when usable; else missing-header or malformed-header
    QString detail;
    QByteArray received; // the signature header's value as sent
    QList<ReceivedSignature> signatures; // the ones the HMAC path checks
    QList<ReceivedSignature> otherSignatures; // entries only verifyOther checks (Ed25519 v1a)
    QByteArray timestamp;
    QByteArray id;
    std::optional<HashAlgorithm> algorithm; // when the header selects one (GitHub's legacy sha1)
    int entryCount = 0; // all entries in the header, including ones of other versions
};

// One webhook signature scheme: how it signs and where it puts the result. The verification
// pipeline and the diagnosis are shared (SchemeVerifier, Diagnosis); a scheme only describes
// itself, parses its headers and builds the signed content.
class Scheme
{
public:
    virtual ~Scheme() = default;

    virtual QString name() const = 0; // CLI name
    virtual QString title() const = 0; // for people: "Stripe"
    // Headers whose presence means a request carries this scheme, most specific first.
    virtual QList<QByteArray> detectionHeaders() const = 0;
    // Headers the provider sends with every request, signed or not (X-GitHub-Event): they name
    // the sender of a request that arrived without a signature.
    virtual QList<QByteArray> senderHeaders() const { return {}; }
    // Why this provider may send a request unsigned, when it sometimes does; else empty.
    virtual QString unsignedReason() const { return {}; }
    virtual HashAlgorithm algorithm() const = 0;
    virtual Encoding encoding() const = 0;
    // "HMAC-SHA256"; a scheme that does not sign with an HMAC names its own (Ed25519).
    virtual QString signatureKind() const;
    virtual QString contentDescription() const = 0; // "the body", "\"<t>.<body>\""
    // What its signature headers look like, a line each, the MAC described in its place:
    // "Stripe-Signature: t=<t>,v1=<HMAC-SHA256 of \"<t>.<body>\", hex>".
    virtual QStringList summary() const;
    virtual std::optional<int> defaultTolerance() const { return std::nullopt; }
    virtual bool usesTimestamp() const { return false; }
    // Whether a timestamp further in the future than the tolerance is refused, as well as one
    // older than it (Standard Webhooks, Slack); Stripe's libraries refuse only old ones.
    virtual bool refusesFutureTimestamps() const { return true; }
    virtual bool usesId() const { return false; }
    virtual bool usesUrl() const { return false; }
    // Whether the id header (SignOptions::id) names each event or delivery, so a sender fills
    // it with the event's id; false where it names the webhook itself.
    virtual bool idIsPerEvent() const { return true; }
    // A new id in the provider's own form, for a sender that has none.
    virtual QByteArray newId() const;

    // The HMAC key this scheme derives from the secret as the user pasted it.
    virtual QByteArray macKey(const QByteArray &secret) const { return secret; }
    // Why signing cannot make a key from `secret` (it is not in the encoding the scheme
    // expects), naming that encoding and never quoting the secret; empty when it can.
    virtual QString keyProblem(const QByteArray &) const { return {}; }
    virtual QString keyDescription() const { return QStringLiteral("the secret as typed"); }
    virtual QByteArray signedContent(const SignedParts &parts) const = 0;
    virtual ParsedRequest parse(const HeaderList &headers) const = 0;
    // The signature header's value for a computed MAC, already encoded.
    virtual QByteArray formatSignature(const QByteArray &encodedMac,
                                       const SignedParts &parts) const = 0;
    // Every header to send with a signed request.
    virtual HeaderList signedHeaders(const QByteArray &encodedMac, const SignedParts &parts,
                                     const SignOptions &options) const = 0;

    // Hooks for schemes that also sign without HMAC (Standard Webhooks' Ed25519 v1a).
    virtual std::optional<SignResult> signOther(const QByteArray &secret, const SignedParts &parts,
                                                const SignOptions &options) const;
    virtual std::optional<Verdict> verifyOther(const QByteArray &secret,
                                               const ParsedRequest &parsed,
                                               const SignedParts &parts) const;

    // "Stripe's HMAC-SHA256 of "<t>.<body>", hex"
    QString description() const;
    QByteArray primaryHeader() const { return detectionHeaders().value(0); }
};

// Helpers shared by the schemes.
std::optional<qint64> parseUnixTimestamp(QByteArrayView text);
QString describeDuration(qint64 seconds); // "5 min", "3 h 2 min", "40 s"
QByteArray generateWebhookId(); // "msg_" followed by 24 random letters and digits
QByteArray abbreviated(const QByteArray &value, int limit = 80); // for details about huge values

// Signature header values longer than this are malformed: no scheme sends more than a few
// signatures, and the diagnosis must not run over megabytes of header.
inline constexpr qsizetype kMaxSignatureHeaderLength = 8192;

} // namespace hookscope::signing
