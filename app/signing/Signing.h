#pragma once

// The signature engine's public face: sign a body, verify a request and explain a failure.
// Everything here is pure computation (no I/O, no globals beyond immutable scheme tables), so
// it is safe to call from any thread.

#include "http/Capture.h"
#include "signing/CustomSchemeSpec.h"
#include "signing/Secret.h"
#include "signing/SigningTypes.h"

#include <QStringList>

namespace hookscope::signing {

// CLI names of every scheme, "custom" last.
QStringList schemeNames();
bool isKnownScheme(const QString &name);
// A custom scheme named with its settings, for messages that ask for them.
QString customSchemeExample();
// Whether a sender should put each event's id in the scheme's id header (webhook-id,
// X-Shopify-Webhook-Id); not X-Webhook-Id, which names the webhook. True for custom schemes.
bool idIsPerEvent(const QString &scheme);
// A fresh id for one event or delivery, in the form `scheme`'s provider uses: a UUID for
// GitHub's X-GitHub-Delivery, else "msg_" and 24 letters and digits (Svix's form).
QByteArray newEventId(const QString &scheme);
// For people: "Stripe", "Standard Webhooks"; "Custom" for custom, the name itself if unknown.
QString schemeTitle(const QString &name);
// For help texts, what a scheme's signature headers look like, a line each:
// "Stripe-Signature: t=<t>,v1=<HMAC-SHA256 of \"<t>.<body>\", hex>".
QStringList schemeSummary(const QString &name);

// The schemes whose headers a request carries, most specific first.
QStringList detectSchemes(const HeaderList &headers);
// The provider an unsigned request names by the headers it always sends (X-GitHub-Event:
// "github"), and which header named it; empty when none does.
QString identifySender(const HeaderList &headers, QByteArray *header = nullptr);

// Why `secret` cannot sign with `scheme` (not the encoding it expects); empty when it can.
QString secretProblem(const QString &scheme, const QByteArray &secret,
                      const std::optional<CustomSchemeConfig> &custom = std::nullopt);

SignResult sign(const QString &scheme, const QByteArray &secret, const QByteArray &body,
                const SignOptions &options = {});

// Signing a request again: Svix sends the Standard Webhooks headers as svix-*, and its library
// reads those first, so a request that carries them gets its new webhook-* headers under the
// same names. Other headers are returned as they are.
HeaderList inFamilyOf(const HeaderList &existing, HeaderList signatureHeaders);
// The message id a request to sign again already has (webhook-id or svix-id), else empty.
QByteArray existingMessageId(const HeaderList &existing);

// `schemeOrAuto` is a scheme name, "auto" (detect from the headers; with several, the first
// valid one wins, else the first detected), or "custom:<spec>" (see parseCustomScheme).
Verdict verify(const QString &schemeOrAuto, const QByteArray &secret, const HeaderList &headers,
               const QByteArray &body, const VerifyOptions &options = {});

// Convenience for the receiver: verifies a capture with the URL it was sent to.
Verdict verifyCapture(const QString &schemeOrAuto, const QByteArray &secret, const Capture &capture,
                      VerifyOptions options = {});
// "https://host:port/path?query" rebuilt from the Host header, the target and TLS, or from
// X-Forwarded-Host and -Proto when a tunnel or proxy set them.
QString captureUrl(const Capture &capture);

StoredVerdict toStoredVerdict(const Verdict &verdict);

// A short form for one line of a request log: "stripe valid", "github invalid",
// "- missing-header" when no scheme was detected.
QString verdictLine(const Verdict &verdict);

} // namespace hookscope::signing
