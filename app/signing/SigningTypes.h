#pragma once

#include "http/Capture.h"
#include "signing/Hmac.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hookscope::signing {

// How the `custom` scheme's secret becomes the HMAC key.
enum class CustomSecretUse { AsTyped, Base64, Hex, Whsec };

// The user-defined scheme. Its compact text form (see parseCustomScheme) is what the CLI's
// --custom takes and what an endpoint can store.
struct CustomSchemeConfig {
    QByteArray header; // the signature header, e.g. "X-Sig"
    HashAlgorithm algorithm = HashAlgorithm::Sha256;
    Encoding encoding = Encoding::Hex;
    QByteArray prefix; // written before the encoded MAC, e.g. "sha256="
    QByteArray content = "{body}"; // template over {body}, {timestamp}, {id}, {url}
    QByteArray timestampHeader; // needed when content uses {timestamp}
    QByteArray idHeader; // needed when content uses {id}
    std::optional<int> toleranceSeconds; // only checked with a timestamp header
    CustomSecretUse secret = CustomSecretUse::AsTyped;
};

struct SignOptions {
    std::optional<qint64> timestamp; // unix seconds; default now
    QByteArray id; // webhook id; generated where the scheme requires one
    QString url; // full URL (Twilio, or custom {url})
    QByteArray event; // optional event header value (X-GitHub-Event, X-Patreon-Event, ...)
    std::optional<CustomSchemeConfig> custom; // required for the `custom` scheme
};

struct VerifyOptions {
    QString url; // full URL the request was sent to (Twilio, custom {url})
    std::optional<qint64> now; // unix seconds; default now
    bool nowIsArrival = false; // `now` is when the request arrived (a stored capture)
    bool ignoreTolerance = false; // verify regardless of how old the timestamp was
    std::optional<int> toleranceSeconds; // overrides the scheme's default
    QList<QByteArray> otherSecrets; // the user's other configured secrets, for diagnosis
    QStringList otherSecretNames; // optional names for otherSecrets, same order
    std::optional<CustomSchemeConfig> custom; // required for the `custom` scheme
    // Diagnosing a mismatch costs dozens of HMACs and JSON re-serializations (about 7 ms for a
    // 16 KiB body); a receiver under load may turn it off and diagnose on demand.
    bool diagnose = true;
};

namespace verdicts {
inline const QString valid = QStringLiteral("valid");
inline const QString invalid = QStringLiteral("invalid");
inline const QString missingHeader = QStringLiteral("missing-header");
inline const QString malformedHeader = QStringLiteral("malformed-header");
inline const QString outsideTolerance = QStringLiteral("outside-tolerance");
inline const QString noSecret = QStringLiteral("no-secret");
// Nothing signed it and nothing was set to check it: a curl from the user, a provider with
// signing off. Not a failure, and not "no secret" either (there is nothing a secret could check).
inline const QString unsignedRequest = QStringLiteral("unsigned");

// What a receiver that checks signatures refuses, as "<this>: <the verdict's detail>": a wrong
// signature, none where the secret expects one, one it cannot read, or one too old. Empty for
// the rest (valid; no-secret and unsigned, where nothing was set that could check it).
inline QString refusalReason(const QString &verdict)
{
    if (verdict == invalid)
        return QStringLiteral("invalid signature");
    if (verdict == missingHeader)
        return QStringLiteral("missing signature");
    if (verdict == malformedHeader)
        return QStringLiteral("malformed signature");
    if (verdict == outsideTolerance)
        return QStringLiteral("signature outside the time tolerance");
    return {};
}
} // namespace verdicts

struct Verdict {
    QString scheme; // CLI scheme name that was checked ("" if none detected)
    QString
        verdict; // valid, invalid, missing-header, malformed-header, outside-tolerance, no-secret
                 // (the receiver also stores "unsigned": see verdicts::unsignedRequest)
    QString detail; // one plain-English line
    QByteArray expected; // computed value (local display only)
    QByteArray received; // as sent
    QString diagnosis; // for invalid: the first likely mistake that explains it; else empty
    bool explained = false; // diagnosis names a mistake that reproduces the signature
    int matchedIndex = -1; // which of several signatures in the header matched (0-based)
    bool isValid() const { return verdict == verdicts::valid; }
};

struct SignResult {
    bool ok = false;
    QString error;
    bool needsUrl = false; // failed because the scheme signs the URL and none was given
    HeaderList headers;
};

} // namespace hookscope::signing
