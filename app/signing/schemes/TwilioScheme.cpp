#include "signing/schemes/BuiltinSchemes.h"
#include "signing/schemes/SingleHeaderScheme.h"

#include <QCryptographicHash>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

namespace hookscope::signing {

namespace {

QByteArray formDecode(QByteArray text)
{
    text.replace('+', ' ');
    return QByteArray::fromPercentEncoding(text);
}

// Where the port sits in "scheme://host:port/path": the span of ":port", or an empty span at
// the end of the authority when there is none.
struct PortSpan {
    qsizetype start = -1;
    qsizetype length = 0;
};

PortSpan findPort(const QString &url)
{
    const qsizetype authority = url.indexOf(u"://");
    if (authority < 0)
        return {};
    const qsizetype hostStart = authority + 3;
    qsizetype end = hostStart;
    while (end < url.size() && url.at(end) != u'/' && url.at(end) != u'?' && url.at(end) != u'#')
        ++end;
    const qsizetype bracket = url.lastIndexOf(u']', end - 1); // IPv6 literal
    const qsizetype colon = url.lastIndexOf(u':', end - 1);
    if (colon >= hostStart && colon > bracket)
        return {colon, end - colon};
    return {end, 0};
}

// Twilio's own libraries accept a signature made with the URL's port removed or with the
// default port written out, because Twilio may sign either form.
QStringList portVariants(const QString &url)
{
    const PortSpan port = findPort(url);
    if (port.start < 0)
        return {};
    if (port.length > 0)
        return {QString(url).remove(port.start, port.length)};
    const QString defaultPort
        = url.startsWith(u"https:") ? QStringLiteral(":443") : QStringLiteral(":80");
    return {QString(url).insert(port.start, defaultPort)};
}

QByteArray bodyHashParameter(const QString &url)
{
    if (!url.contains(u"bodySHA256=")) // the common case, without parsing the URL
        return {};
    const QUrlQuery query(QUrl(url).query(QUrl::FullyEncoded));
    return query.queryItemValue(QStringLiteral("bodySHA256"), QUrl::FullyDecoded).toLatin1();
}

// Twilio: X-Twilio-Signature is the base64 HMAC-SHA1 of the full URL followed by every form
// parameter sorted by name, each name followed by its value. A JSON body is not signed this
// way: its SHA-256 travels in the URL's bodySHA256 parameter, and the URL alone is signed.
class TwilioScheme final : public SingleHeaderScheme
{
public:
    QString name() const override { return QStringLiteral("twilio"); }
    QString title() const override { return QStringLiteral("Twilio"); }
    QList<QByteArray> detectionHeaders() const override { return {"X-Twilio-Signature"}; }
    QList<QByteArray> senderHeaders() const override { return {"I-Twilio-Idempotency-Token"}; }
    HashAlgorithm algorithm() const override { return HashAlgorithm::Sha1; }
    Encoding encoding() const override { return Encoding::Base64; }
    bool usesUrl() const override { return true; }
    QString contentDescription() const override
    {
        return QStringLiteral("the URL followed by the sorted form parameters");
    }

    QByteArray signedContent(const SignedParts &parts) const override
    {
        QByteArray content = parts.url.toUtf8();
        if (!bodyHashParameter(parts.url).isEmpty())
            return content;
        QList<QPair<QByteArray, QByteArray>> parameters;
        for (const QByteArray &pair : parts.body.split('&')) {
            if (pair.isEmpty())
                continue;
            const qsizetype equals = pair.indexOf('=');
            if (equals < 0)
                parameters.append({formDecode(pair), {}});
            else
                parameters.append(
                    {formDecode(pair.left(equals)), formDecode(pair.mid(equals + 1))});
        }
        // Sorted by name, then value; repeated identical pairs count once, as in Twilio's SDKs.
        std::sort(parameters.begin(), parameters.end());
        parameters.erase(std::unique(parameters.begin(), parameters.end()), parameters.end());
        for (const auto &[name, value] : parameters)
            content += name + value;
        return content;
    }

    // Signing a URL whose bodySHA256 belongs to another body would print headers that every
    // verifier (ours included) rejects; say so instead (found by fuzzing sign-then-verify).
    std::optional<SignResult> signOther(const QByteArray &, const SignedParts &parts,
                                        const SignOptions &) const override
    {
        const QByteArray expectedHash = bodyHashParameter(parts.url);
        const QByteArray bodyHash
            = QCryptographicHash::hash(parts.body, QCryptographicHash::Sha256).toHex();
        if (expectedHash.isEmpty() || bodyHash == expectedHash.toLower())
            return std::nullopt;
        SignResult result;
        result.error = QStringLiteral("The URL's bodySHA256 parameter is not the SHA-256 of this "
                                      "body (%1): Twilio puts the body's hash there.")
                           .arg(QString::fromLatin1(bodyHash));
        return result;
    }

    std::optional<Verdict> verifyOther(const QByteArray &secret, const ParsedRequest &parsed,
                                       const SignedParts &parts) const override
    {
        const QByteArray expectedHash = bodyHashParameter(parts.url);
        if (!expectedHash.isEmpty()
            && QCryptographicHash::hash(parts.body, QCryptographicHash::Sha256).toHex()
                != expectedHash.toLower()) {
            Verdict verdict;
            verdict.verdict = verdicts::invalid;
            verdict.detail = QStringLiteral("The body's SHA-256 differs from the URL's "
                                            "bodySHA256 parameter: the body changed after Twilio "
                                            "signed it.");
            return verdict;
        }
        // The URL as given is the shared pipeline's job; here only its port variants.
        for (const QString &url : portVariants(parts.url)) {
            SignedParts variant = parts;
            variant.url = url;
            const QByteArray mac = hmac(algorithm(), secret, signedContent(variant));
            for (const ReceivedSignature &signature : parsed.signatures) {
                const auto bytes = decodeBase64(signature.value);
                if (bytes && macEquals(*bytes, mac)) {
                    Verdict verdict;
                    verdict.verdict = verdicts::valid;
                    verdict.matchedIndex = signature.position;
                    verdict.expected = mac.toBase64();
                    verdict.detail = QStringLiteral("The Twilio signature is valid for %1 (the "
                                                    "port differs; Twilio's libraries accept "
                                                    "both).")
                                         .arg(url);
                    return verdict;
                }
            }
        }
        return std::nullopt;
    }
};

} // namespace

std::unique_ptr<Scheme> makeTwilioScheme()
{
    return std::make_unique<TwilioScheme>();
}

} // namespace hookscope::signing
