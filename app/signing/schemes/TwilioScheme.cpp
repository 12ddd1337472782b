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

QByteArray bodyHashParameter(const QString &url)
{
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
        std::sort(parameters.begin(), parameters.end());
        for (const auto &[name, value] : parameters)
            content += name + value;
        return content;
    }

    std::optional<Verdict> verifyOther(const QByteArray &, const ParsedRequest &,
                                       const SignedParts &parts) const override
    {
        const QByteArray expectedHash = bodyHashParameter(parts.url);
        if (expectedHash.isEmpty())
            return std::nullopt;
        const QByteArray actual
            = QCryptographicHash::hash(parts.body, QCryptographicHash::Sha256).toHex();
        if (actual == expectedHash.toLower())
            return std::nullopt;
        Verdict verdict;
        verdict.verdict = verdicts::invalid;
        verdict.detail = QStringLiteral("The body's SHA-256 differs from the URL's bodySHA256 "
                                        "parameter: the body changed after Twilio signed it.");
        return verdict;
    }
};

} // namespace

std::unique_ptr<Scheme> makeTwilioScheme()
{
    return std::make_unique<TwilioScheme>();
}

} // namespace hookscope::signing
