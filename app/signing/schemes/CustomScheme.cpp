#include "signing/Secret.h"
#include "signing/schemes/BuiltinSchemes.h"
#include "signing/schemes/SingleHeaderScheme.h"

namespace hookscope::signing {

namespace {

// A user-defined scheme: one header holding prefix + encoded HMAC of a content template.
class CustomScheme final : public Scheme
{
public:
    explicit CustomScheme(const CustomSchemeConfig &config)
        : m_config(config)
    { }

    QString name() const override { return QStringLiteral("custom"); }
    QString title() const override
    {
        return QStringLiteral("Custom (%1)").arg(QString::fromLatin1(m_config.header));
    }
    QList<QByteArray> detectionHeaders() const override { return {m_config.header}; }
    HashAlgorithm algorithm() const override { return m_config.algorithm; }
    Encoding encoding() const override { return m_config.encoding; }
    QString contentDescription() const override
    {
        return m_config.content == "{body}"
            ? QStringLiteral("the body")
            : QStringLiteral("\"%1\"").arg(QString::fromUtf8(m_config.content));
    }
    std::optional<int> defaultTolerance() const override { return m_config.toleranceSeconds; }
    bool usesTimestamp() const override { return !m_config.timestampHeader.isEmpty(); }
    bool usesId() const override { return !m_config.idHeader.isEmpty(); }
    bool usesUrl() const override { return m_config.content.contains("{url}"); }

    QByteArray macKey(const QByteArray &secret) const override
    {
        switch (m_config.secret) {
        case CustomSecretUse::AsTyped:
            return secret;
        case CustomSecretUse::Base64:
            return decodeBase64(secret).value_or(secret);
        case CustomSecretUse::Hex:
            return decodeHex(secret).value_or(secret);
        case CustomSecretUse::Whsec:
            return standardWebhooksKey(secret).value_or(secret);
        }
        return secret;
    }

    QString keyProblem(const QByteArray &secret) const override
    {
        switch (m_config.secret) {
        case CustomSecretUse::AsTyped:
            break;
        case CustomSecretUse::Base64:
            if (!decodeBase64(secret))
                return QStringLiteral("secret=base64 needs the secret in base64; it is not valid "
                                      "base64");
            break;
        case CustomSecretUse::Hex:
            if (!decodeHex(secret))
                return QStringLiteral("secret=hex needs the secret as hex digits (an even number "
                                      "of 0-9 and a-f); it is not");
            break;
        case CustomSecretUse::Whsec:
            return whsecProblem(secret, QStringLiteral("secret=whsec"));
        }
        return {};
    }

    QString keyDescription() const override
    {
        switch (m_config.secret) {
        case CustomSecretUse::AsTyped:
            break;
        case CustomSecretUse::Base64:
            return QStringLiteral("the base64-decoded secret");
        case CustomSecretUse::Hex:
            return QStringLiteral("the hex-decoded secret");
        case CustomSecretUse::Whsec:
            return QStringLiteral("the base64-decoded bytes after whsec_");
        }
        return QStringLiteral("the secret as typed");
    }

    QByteArray signedContent(const SignedParts &parts) const override
    {
        static const QByteArray placeholders[] = {"{body}", "{timestamp}", "{id}", "{url}"};
        const QByteArray values[] = {parts.body, parts.timestamp, parts.id, parts.url.toUtf8()};
        QByteArray content;
        const QByteArray &text = m_config.content;
        qsizetype i = 0;
        while (i < text.size()) {
            bool replaced = false;
            for (int p = 0; p < 4; ++p) {
                if (QByteArrayView(text).sliced(i).startsWith(placeholders[p])) {
                    content += values[p];
                    i += placeholders[p].size();
                    replaced = true;
                    break;
                }
            }
            if (!replaced)
                content += text.at(i++);
        }
        return content;
    }

    ParsedRequest parse(const HeaderList &headers) const override
    {
        ParsedRequest parsed = parsePrefixedHeader(headers, m_config.header, m_config.prefix);
        if (!parsed.verdict.isEmpty())
            return parsed;
        auto fail = [&parsed](const QString &verdict, const QString &detail) {
            parsed.verdict = verdict;
            parsed.detail = detail;
            parsed.signatures.clear();
            return parsed;
        };
        if (usesTimestamp()) {
            const QString name = QString::fromLatin1(m_config.timestampHeader);
            if (!hasHeader(headers, m_config.timestampHeader))
                return fail(verdicts::missingHeader, QStringLiteral("No %1 header.").arg(name));
            parsed.timestamp = headerValue(headers, m_config.timestampHeader).trimmed();
            if (m_config.toleranceSeconds && !parseUnixTimestamp(parsed.timestamp))
                return fail(verdicts::malformedHeader,
                            QStringLiteral("%1 \"%2\" is not a Unix time.")
                                .arg(name, QString::fromLatin1(abbreviated(parsed.timestamp, 40))));
        }
        if (usesId()) {
            if (!hasHeader(headers, m_config.idHeader))
                return fail(
                    verdicts::missingHeader,
                    QStringLiteral("No %1 header.").arg(QString::fromLatin1(m_config.idHeader)));
            parsed.id = headerValue(headers, m_config.idHeader).trimmed();
        }
        return parsed;
    }

    QByteArray formatSignature(const QByteArray &encodedMac, const SignedParts &) const override
    {
        return m_config.prefix + encodedMac;
    }

    HeaderList signedHeaders(const QByteArray &encodedMac, const SignedParts &parts,
                             const SignOptions &) const override
    {
        HeaderList headers {{m_config.header, formatSignature(encodedMac, parts)}};
        if (usesTimestamp())
            headers.append({m_config.timestampHeader, parts.timestamp});
        if (usesId())
            headers.append({m_config.idHeader, parts.id});
        return headers;
    }

private:
    CustomSchemeConfig m_config;
};

} // namespace

std::unique_ptr<Scheme> makeCustomScheme(const CustomSchemeConfig &config)
{
    return std::make_unique<CustomScheme>(config);
}

} // namespace hookscope::signing
