#include "signing/Diagnosis.h"

#include "signing/BodyVariants.h"
#include "signing/Secret.h"

#include <QUrl>

namespace hookscope::signing {

namespace {

enum class Match { None, Native, OtherEncoding };

Encoding otherEncoding(Encoding encoding)
{
    return encoding == Encoding::Hex ? Encoding::Base64 : Encoding::Hex;
}

// The received signatures decoded both ways, so each attempt is one HMAC and a few compares.
class ReceivedMacs
{
public:
    ReceivedMacs(const QList<ReceivedSignature> &signatures, Encoding encoding)
    {
        for (const ReceivedSignature &signature : signatures) {
            if (const auto bytes = decode(encoding, signature.value))
                m_native.append(*bytes);
            if (const auto bytes = decode(otherEncoding(encoding), signature.value))
                m_other.append(*bytes);
        }
    }

    Match match(const QByteArray &mac) const
    {
        for (const QByteArray &bytes : m_native) {
            if (macEquals(bytes, mac))
                return Match::Native;
        }
        for (const QByteArray &bytes : m_other) {
            if (macEquals(bytes, mac))
                return Match::OtherEncoding;
        }
        return Match::None;
    }

private:
    QList<QByteArray> m_native;
    QList<QByteArray> m_other;
};

struct KeyVariant {
    QString description;
    QByteArray key;
};

QList<KeyVariant> keyVariants(const QByteArray &secret, const QByteArray &usedKey)
{
    QList<KeyVariant> variants;
    auto add = [&variants, &usedKey](const QString &description, const QByteArray &key) {
        if (key == usedKey)
            return;
        for (const KeyVariant &existing : std::as_const(variants)) {
            if (existing.key == key)
                return;
        }
        variants.append({description, key});
    };
    if (secret.startsWith("whsec_")) {
        add(QStringLiteral("the whole secret as typed, whsec_ prefix included (as Stripe "
                           "does)"),
            secret);
        if (const auto decoded = decodePrefixedKey(secret, "whsec_"))
            add(QStringLiteral("the base64-decoded bytes after whsec_ (as Standard Webhooks "
                               "does)"),
                *decoded);
        add(QStringLiteral("the secret with its whsec_ prefix stripped but not base64-decoded"),
            secret.mid(6));
    } else {
        add(QStringLiteral("the secret as typed"), secret);
        if (secret.size() >= 16) {
            if (const auto decoded = decodeHex(secret))
                add(QStringLiteral("the bytes the hex secret spells (hex-decoded)"), *decoded);
        }
        if (secret.size() >= 8) {
            if (const auto decoded = decodeBase64(secret))
                add(QStringLiteral("the base64-decoded secret"), *decoded);
        }
        add(QStringLiteral("the secret with a whsec_ prefix added"), "whsec_" + secret);
    }
    if (secret.trimmed() != secret)
        add(QStringLiteral("the secret without its surrounding whitespace"), secret.trimmed());
    add(QStringLiteral("the secret with a trailing newline (as read from a file)"), secret + '\n');
    return variants;
}

// Which well-known scheme signs this way, for "that is how Shopify signs".
QString knownSigner(HashAlgorithm algorithm, Encoding encoding, const QString &contentForm)
{
    const bool sha256 = algorithm == HashAlgorithm::Sha256;
    if (contentForm == u"the body") {
        if (algorithm == HashAlgorithm::Md5 && encoding == Encoding::Hex)
            return QStringLiteral("Patreon");
        if (sha256 && encoding == Encoding::Hex)
            return QStringLiteral("GitHub, X-Signature and X-Webhook-Signature");
        if (sha256 && encoding == Encoding::Base64)
            return QStringLiteral("Shopify and X (Twitter)");
        if (algorithm == HashAlgorithm::Sha1 && encoding == Encoding::Hex)
            return QStringLiteral("GitHub's legacy X-Hub-Signature");
    }
    if (contentForm == u"\"<t>.<body>\"" && sha256 && encoding == Encoding::Hex)
        return QStringLiteral("Stripe");
    if (contentForm == u"\"v0:<ts>:<body>\"" && sha256 && encoding == Encoding::Hex)
        return QStringLiteral("Slack and Zoom");
    if (contentForm == u"\"<id>.<timestamp>.<body>\"" && sha256 && encoding == Encoding::Base64)
        return QStringLiteral("Standard Webhooks");
    return {};
}

struct ContentForm {
    QString description;
    QByteArray content;
};

QList<ContentForm> contentForms(const DiagnosisInput &input)
{
    const SignedParts &parts = input.parts;
    QList<ContentForm> forms {
        {input.scheme->contentDescription(), input.scheme->signedContent(parts)}};
    auto add = [&forms](const QString &description, const QByteArray &content) {
        for (const ContentForm &form : std::as_const(forms)) {
            if (form.content == content)
                return;
        }
        forms.append({description, content});
    };
    add(QStringLiteral("the body"), parts.body);
    if (!parts.timestamp.isEmpty()) {
        add(QStringLiteral("\"<t>.<body>\""), parts.timestamp + '.' + parts.body);
        add(QStringLiteral("\"v0:<ts>:<body>\""), "v0:" + parts.timestamp + ':' + parts.body);
        if (!parts.id.isEmpty())
            add(QStringLiteral("\"<id>.<timestamp>.<body>\""),
                parts.id + '.' + parts.timestamp + '.' + parts.body);
    }
    return forms;
}

QList<QPair<QString, QString>> urlVariants(const QString &url)
{
    QList<QPair<QString, QString>> variants;
    const QUrl original(url);
    if (!original.isValid() || original.host().isEmpty())
        return variants;
    auto add = [&variants, &url](const QUrl &variant, const QString &why) {
        const QString text = variant.toString(QUrl::FullyEncoded);
        if (text == url)
            return;
        for (const auto &existing : std::as_const(variants)) {
            if (existing.first == text)
                return;
        }
        variants.append({text, why});
    };
    const bool https = original.scheme() == u"https";
    const int defaultPort = https ? 443 : 80;

    QUrl swapped = original;
    swapped.setScheme(https ? QStringLiteral("http") : QStringLiteral("https"));
    add(swapped,
        https ? QStringLiteral("http instead of https") : QStringLiteral("https instead of http"));
    if (original.port() == defaultPort || original.port() == (https ? 80 : 443)) {
        swapped.setPort(-1);
        add(swapped, QStringLiteral("other scheme, without the port"));
    }

    QUrl port = original;
    if (original.port() != -1) {
        port.setPort(-1);
        add(port, QStringLiteral("without the port"));
    } else {
        port.setPort(defaultPort);
        add(port, QStringLiteral("with the default port %1 written out").arg(defaultPort));
    }

    QUrl slash = original;
    const QString path = original.path();
    if (path.endsWith(u'/') && path.size() > 1) {
        slash.setPath(path.chopped(1));
        add(slash, QStringLiteral("without the trailing slash"));
    } else {
        slash.setPath(path + u'/');
        add(slash, QStringLiteral("with a trailing slash"));
    }
    if (original.hasQuery()) {
        QUrl noQuery = original;
        noQuery.setQuery(QString());
        add(noQuery, QStringLiteral("without the query string"));
    }
    return variants;
}

// A MAC's length in characters of `encoding`: 64 for a hex HMAC-SHA256, 44 in base64.
qsizetype encodedLength(HashAlgorithm algorithm, Encoding encoding)
{
    return encode(encoding, QByteArray(macLength(algorithm), '\0')).size();
}

std::optional<HashAlgorithm> algorithmOfLength(qsizetype bytes)
{
    for (HashAlgorithm algorithm : kAllAlgorithms) {
        if (macLength(algorithm) == bytes)
            return algorithm;
    }
    return std::nullopt;
}

// Measured in the characters people see in the header, since that is where they count.
QString lengthSentence(const QByteArray &value, const Scheme &scheme, HashAlgorithm algorithm)
{
    const Encoding encoding = scheme.encoding();
    const QString unit = decode(encoding, value)
        ? QStringLiteral("%1 characters").arg(encodingName(encoding))
        : QStringLiteral("characters");
    return QStringLiteral("The received signature is %1 %2; an %3 signature from %4 is %5")
        .arg(value.size())
        .arg(unit, algorithmName(algorithm), scheme.title())
        .arg(encodedLength(algorithm, encoding));
}

QString extraCharacters(qsizetype count)
{
    return count == 1 ? QStringLiteral("1 extra character")
                      : QStringLiteral("%1 extra characters").arg(count);
}

// "8 extra characters before it", "1 extra character after it", "2 ... before it and 4 after it"
QString extraAround(qsizetype before, qsizetype after)
{
    if (after == 0)
        return QStringLiteral("%1 before it").arg(extraCharacters(before));
    if (before == 0)
        return QStringLiteral("%1 after it").arg(extraCharacters(after));
    return QStringLiteral("%1 before it and %2 after it").arg(extraCharacters(before)).arg(after);
}

// The right signature with characters added around it (a label, padding, a second MAC), or a
// piece of it; empty when no received signature holds it or is part of it.
QString expectedInside(const QList<ReceivedSignature> &signatures, const Scheme &scheme,
                       HashAlgorithm algorithm, const QByteArray &mac)
{
    const QByteArray expected = encode(scheme.encoding(), mac);
    for (const ReceivedSignature &signature : signatures) {
        // Hex is read in either case, so it is searched in either case.
        const QByteArray value
            = scheme.encoding() == Encoding::Hex ? signature.value.toLower() : signature.value;
        // Cut short: a field or a log line too narrow for the whole MAC. Eight characters are
        // too many to match by chance.
        if (value.size() >= 8 && value.size() < expected.size()) {
            const qsizetype at = expected.indexOf(value);
            if (at == 0)
                return lengthSentence(signature.value, scheme, algorithm)
                    + QStringLiteral(": it is the expected signature's first %1 characters, cut "
                                     "short.")
                          .arg(value.size());
            if (at > 0)
                return lengthSentence(signature.value, scheme, algorithm)
                    + QStringLiteral(": it is part of the expected signature, characters %1 to "
                                     "%2 of %3.")
                          .arg(at + 1)
                          .arg(at + value.size())
                          .arg(expected.size());
        }
        const qsizetype before = value.indexOf(expected);
        if (before < 0 || value.size() == expected.size())
            continue;
        const qsizetype after = value.size() - before - expected.size();
        return lengthSentence(signature.value, scheme, algorithm)
            + QStringLiteral(": the expected signature is inside the received one, with %1.")
                  .arg(extraAround(before, after));
    }
    return {};
}

// What the length of a signature nothing reproduces says: another hash, the other encoding,
// or cut short or padded. Empty when it has the expected length.
QString lengthMismatch(const QList<ReceivedSignature> &signatures, const Scheme &scheme,
                       HashAlgorithm algorithm)
{
    const Encoding encoding = scheme.encoding();
    const QString noMistake = QStringLiteral("no usual mistake reproduces it with this secret.");
    for (const ReceivedSignature &signature : signatures) {
        const auto bytes = decode(encoding, signature.value);
        if (!bytes)
            continue;
        if (bytes->size() == macLength(algorithm))
            return {};
        const QString sentence = lengthSentence(signature.value, scheme, algorithm);
        if (const auto hash = algorithmOfLength(bytes->size()))
            return sentence
                + QStringLiteral(". That is the length of an %1, yet %2")
                      .arg(algorithmName(*hash), noMistake);
        // Hex digits are base64 characters too: a MAC's worth of them is hex, not odd base64.
        const Encoding other = otherEncoding(encoding);
        if (const auto asOther = decode(other, signature.value)) {
            if (const auto hash = algorithmOfLength(asOther->size()))
                return QStringLiteral("The received signature is %1 %2 characters, the length "
                                      "of an %3 in %2; %4 sends %5 (%6 characters). Even so, %7")
                    .arg(signature.value.size())
                    .arg(encodingName(other), algorithmName(*hash), scheme.title(),
                         encodingName(encoding))
                    .arg(encodedLength(algorithm, encoding))
                    .arg(noMistake);
        }
        QStringList others;
        for (HashAlgorithm hash : kAllAlgorithms) {
            if (hash != algorithm)
                others << QStringLiteral("%1 gives %2")
                              .arg(algorithmName(hash))
                              .arg(encodedLength(hash, encoding));
        }
        return sentence
            + QStringLiteral(". It may be %1, or made with another hash (%2).")
                  .arg(bytes->size() > macLength(algorithm) ? QStringLiteral("padded")
                                                            : QStringLiteral("truncated"),
                       others.join(QStringLiteral(", ")));
    }
    return {};
}

QString encodingNote(Match match, Encoding encoding)
{
    if (match != Match::OtherEncoding)
        return {};
    return QStringLiteral(" (and written in %1 instead of %2)")
        .arg(encodingName(otherEncoding(encoding)), encodingName(encoding));
}

} // namespace

Diagnosis diagnose(const DiagnosisInput &input)
{
    const Scheme &scheme = *input.scheme;
    const Encoding encoding = scheme.encoding();
    const ReceivedMacs received(input.parsed.signatures, encoding);
    const QByteArray key = scheme.macKey(input.secret);
    const QByteArray content = scheme.signedContent(input.parts);
    const QString title = scheme.title();
    auto explained = [](const QString &text) { return Diagnosis {text, true}; };
    const QByteArray mac = hmac(input.algorithm, key, content);

    // 0. The right MAC with characters added around it.
    if (const QString inside
        = expectedInside(input.parsed.signatures, scheme, input.algorithm, mac);
        !inside.isEmpty())
        return explained(inside);

    // 1. The right MAC in the other encoding.
    if (received.match(mac) == Match::OtherEncoding)
        return explained(QStringLiteral("This is the right %1, but written in %2; %3 sends %4.")
                             .arg(algorithmName(input.algorithm),
                                  encodingName(otherEncoding(encoding)), title,
                                  encodingName(encoding)));

    // 2. The secret turned into a key another way (whsec_ handling, hex/base64, whitespace).
    for (const KeyVariant &variant : keyVariants(input.secret, key)) {
        const Match match = received.match(hmac(input.algorithm, variant.key, content));
        if (match != Match::None)
            return explained(QStringLiteral("This matches when the HMAC key is %1%2; %3 uses %4.")
                                 .arg(variant.description, encodingNote(match, encoding), title,
                                      scheme.keyDescription()));
    }

    // 3. Another secret the user has configured.
    for (qsizetype i = 0; i < input.otherSecrets.size(); ++i) {
        const QByteArray &other = input.otherSecrets.at(i);
        if (other.isEmpty() || other == input.secret)
            continue;
        const Match match = received.match(hmac(input.algorithm, scheme.macKey(other), content));
        if (match != Match::None) {
            const QString name = input.otherSecretNames.value(i).isEmpty()
                ? QStringLiteral("#%1").arg(i + 1)
                : QStringLiteral("\"%1\"").arg(input.otherSecretNames.at(i));
            return explained(QStringLiteral("This matches another secret you configured (%1)%2: "
                                            "the sender signs with that one, not this one.")
                                 .arg(name, encodingNote(match, encoding)));
        }
    }

    // 4. Another algorithm or another signed content (another scheme's recipe).
    const QString expectedRecipe
        = QStringLiteral("%1 of %2")
              .arg(algorithmName(input.algorithm), scheme.contentDescription());
    for (const ContentForm &form : contentForms(input)) {
        for (HashAlgorithm algorithm : kAllAlgorithms) {
            if (algorithm == input.algorithm && form.content == content)
                continue;
            const Match match = received.match(hmac(algorithm, key, form.content));
            if (match == Match::None)
                continue;
            const Encoding used = match == Match::Native ? encoding : otherEncoding(encoding);
            const QString signer = knownSigner(algorithm, used, form.description);
            return explained(
                QStringLiteral("This matches %1 of %2, %3%4; %5 expects %6, %7.")
                    .arg(algorithmName(algorithm), form.description, encodingName(used),
                         signer.isEmpty() ? QString()
                                          : QStringLiteral(" (the recipe of %1)").arg(signer),
                         title, expectedRecipe, encodingName(encoding)));
        }
    }

    // 5. Timestamp signed in milliseconds but sent in seconds, or the reverse.
    if (const auto timestamp = parseUnixTimestamp(input.parts.timestamp)) {
        SignedParts parts = input.parts;
        const bool looksLikeMilliseconds = *timestamp >= 100'000'000'000LL;
        parts.timestamp = looksLikeMilliseconds ? QByteArray::number(*timestamp / 1000)
                                                : QByteArray::number(*timestamp * 1000);
        const Match match = received.match(hmac(input.algorithm, key, scheme.signedContent(parts)));
        if (match != Match::None)
            return explained(
                looksLikeMilliseconds
                    ? QStringLiteral("This matches the timestamp in seconds (%1): the sender "
                                     "signed seconds but sent milliseconds.")
                          .arg(QString::fromLatin1(parts.timestamp))
                    : QStringLiteral("This matches the timestamp in milliseconds (%1): the "
                                     "sender signed milliseconds but sent seconds.")
                          .arg(QString::fromLatin1(parts.timestamp)));
    }

    // 6. The body re-serialized between signing and sending.
    for (const BodyVariant &variant : bodyVariants(input.parts.body)) {
        SignedParts parts = input.parts;
        parts.body = variant.body;
        const Match match = received.match(hmac(input.algorithm, key, scheme.signedContent(parts)));
        if (match != Match::None)
            return explained(QStringLiteral("This matches %1%2: the sender signed other bytes "
                                            "than it sent, or something re-formatted the body "
                                            "on the way. Verify the raw bytes as received.")
                                 .arg(variant.description, encodingNote(match, encoding)));
    }

    // 7. Twilio and {url} schemes: the URL as the sender knows it.
    if (scheme.usesUrl()) {
        for (const auto &[url, why] : urlVariants(input.parts.url)) {
            SignedParts parts = input.parts;
            parts.url = url;
            const Match match
                = received.match(hmac(input.algorithm, key, scheme.signedContent(parts)));
            if (match != Match::None)
                return explained(QStringLiteral("This matches the URL %1 (%2): %3 signs the "
                                                "exact URL it was configured with; verify with "
                                                "that URL.")
                                     .arg(url, why, title));
        }
    }

    // Nothing reproduces it: a length the expected MAC cannot have is the plainest clue.
    if (const QString length = lengthMismatch(input.parsed.signatures, scheme, input.algorithm);
        !length.isEmpty())
        return {length, false};
    return {QStringLiteral("None of the usual mistakes reproduces this signature: most likely "
                           "the sender uses a different secret, or the body changed after "
                           "signing."),
            false};
}

} // namespace hookscope::signing
