#include "signing/Signing.h"

#include "signing/SchemeRegistry.h"
#include "signing/SchemeVerifier.h"

namespace hookscope::signing {

namespace {

// Resolves "custom:<spec>" into the options' custom config.
QString resolveCustom(const QString &scheme, std::optional<CustomSchemeConfig> &custom,
                      QString *error)
{
    if (!scheme.startsWith(u"custom:"))
        return scheme;
    custom = parseCustomScheme(scheme.mid(7), error);
    return QStringLiteral("custom");
}

QString headerList(const QList<QByteArray> &headers)
{
    QStringList names;
    for (const QByteArray &header : headers)
        names << QString::fromLatin1(header);
    return names.join(QStringLiteral(" or "));
}

} // namespace

QStringList schemeNames()
{
    static const QStringList names {
        QStringLiteral("patreon"),     QStringLiteral("x-webhook-signature"),
        QStringLiteral("x-signature"), QStringLiteral("github"),
        QStringLiteral("stripe"),      QStringLiteral("standard-webhooks"),
        QStringLiteral("slack"),       QStringLiteral("shopify"),
        QStringLiteral("twilio"),      QStringLiteral("zoom"),
        QStringLiteral("twitter"),     QStringLiteral("discord"),
        QStringLiteral("custom")};
    return names;
}

bool isKnownScheme(const QString &name)
{
    return schemeNames().contains(name);
}

bool idIsPerEvent(const QString &name)
{
    const Scheme *scheme = findBuiltinScheme(name);
    return !scheme || scheme->idIsPerEvent();
}

QByteArray newEventId(const QString &name)
{
    const Scheme *scheme = findBuiltinScheme(name);
    return scheme ? scheme->newId() : generateWebhookId();
}

QString schemeTitle(const QString &name)
{
    if (name == u"custom")
        return QStringLiteral("Custom");
    const Scheme *scheme = findBuiltinScheme(name);
    return scheme ? scheme->title() : name;
}

QStringList schemeSummary(const QString &name)
{
    if (name == u"custom")
        return {QStringLiteral("your own header, algorithm, encoding and signed content "
                               "(--custom)")};
    const Scheme *scheme = findBuiltinScheme(name);
    return scheme ? scheme->summary() : QStringList();
}

QString secretProblem(const QString &schemeName, const QByteArray &secret,
                      const std::optional<CustomSchemeConfig> &custom)
{
    std::optional<CustomSchemeConfig> resolved = custom;
    QString error;
    const QString name = resolveCustom(schemeName, resolved, &error);
    const auto scheme = makeScheme(name, resolved);
    return scheme ? scheme->keyProblem(secret) : QString();
}

HeaderList inFamilyOf(const HeaderList &existing, HeaderList signatureHeaders)
{
    if (hasHeader(existing, "webhook-signature") || !hasHeader(existing, "svix-signature"))
        return signatureHeaders;
    for (HeaderField &field : signatureHeaders) {
        if (field.name.startsWith("webhook-"))
            field.name = "svix-" + field.name.mid(8);
    }
    return signatureHeaders;
}

QByteArray existingMessageId(const HeaderList &existing)
{
    const QByteArray id = headerValue(existing, "webhook-id");
    return id.isEmpty() ? headerValue(existing, "svix-id") : id;
}

QString customSchemeExample()
{
    return QStringLiteral("custom:header=X-Sig,alg=sha256,enc=hex");
}

namespace {

QString customNeedsSettings()
{
    return QStringLiteral("The custom scheme needs its settings: name it as '%1' (every key is "
                          "listed in `hookscope sign --help`).")
        .arg(customSchemeExample());
}

// Auto-detection found no signature: name the provider the request still came from, if its
// other headers say, since "GitHub sent it unsigned" is the answer the user is after.
Verdict missingSignature(const HeaderList &headers)
{
    Verdict verdict;
    verdict.verdict = verdicts::missingHeader;
    QByteArray senderHeader;
    const Scheme *sender = findBuiltinScheme(identifySender(headers, &senderHeader));
    if (!sender) {
        verdict.detail = QStringLiteral("No signature header of a known scheme.");
        return verdict;
    }
    verdict.scheme = sender->name();
    verdict.detail = QStringLiteral("It came from %1 (%2) without %1's signature header (%3).")
                         .arg(sender->title(), QString::fromLatin1(senderHeader),
                              headerList(sender->detectionHeaders()));
    if (const QString reason = sender->unsignedReason(); !reason.isEmpty())
        verdict.detail += u' ' + reason;
    return verdict;
}

} // namespace

SignResult sign(const QString &schemeName, const QByteArray &secret, const QByteArray &body,
                const SignOptions &options)
{
    SignOptions resolved = options;
    QString error;
    const QString name = resolveCustom(schemeName, resolved.custom, &error);
    const auto scheme = makeScheme(name, resolved.custom);
    if (!scheme) {
        SignResult result;
        result.error = !error.isEmpty() ? QStringLiteral("Bad custom scheme: %1").arg(error)
            : name == u"custom"         ? customNeedsSettings()
                                        : QStringLiteral("Unknown scheme \"%1\".").arg(name);
        return result;
    }
    return signWithScheme(*scheme, secret, body, resolved);
}

Verdict verify(const QString &schemeOrAuto, const QByteArray &secret, const HeaderList &headers,
               const QByteArray &body, const VerifyOptions &options)
{
    VerifyOptions resolved = options;
    QString error;
    const QString name = resolveCustom(schemeOrAuto, resolved.custom, &error);

    if (name == u"auto") {
        QList<std::shared_ptr<const Scheme>> candidates;
        if (resolved.custom && hasHeader(headers, resolved.custom->header))
            candidates.append(makeScheme(QStringLiteral("custom"), resolved.custom));
        for (const QString &detected : detectSchemes(headers))
            candidates.append(makeScheme(detected, std::nullopt));
        if (candidates.isEmpty())
            return missingSignature(headers);
        std::optional<Verdict> first;
        for (const auto &scheme : std::as_const(candidates)) {
            Verdict verdict = verifyWithScheme(*scheme, secret, headers, body, resolved);
            if (verdict.isValid())
                return verdict;
            if (!first)
                first = verdict;
        }
        return *first;
    }

    const auto scheme = makeScheme(name, resolved.custom);
    if (!scheme) {
        Verdict verdict;
        verdict.scheme = name;
        verdict.verdict = verdicts::invalid;
        verdict.detail = !error.isEmpty() ? QStringLiteral("Bad custom scheme: %1").arg(error)
            : name == u"custom"           ? customNeedsSettings()
                                          : QStringLiteral("Unknown scheme \"%1\".").arg(name);
        return verdict;
    }
    Verdict verdict = verifyWithScheme(*scheme, secret, headers, body, resolved);
    if (verdict.verdict == verdicts::missingHeader) {
        QStringList others = detectSchemes(headers);
        others.removeAll(name);
        if (!others.isEmpty()) {
            const Scheme *other = findBuiltinScheme(others.first());
            verdict.detail += QStringLiteral(" The request carries a %1 signature (%2) instead.")
                                  .arg(other->title(), headerList(other->detectionHeaders()));
        }
    }
    return verdict;
}

QString captureUrl(const Capture &capture)
{
    // Behind a tunnel or proxy (ngrok, cloudflared, a load balancer) the provider signed the
    // public URL, which the proxy reports in X-Forwarded-Proto and -Host; the first hop counts.
    const auto forwarded = [&](const char *name) {
        return headerValue(capture.headers, name).split(',').constFirst().trimmed();
    };
    QByteArray host = forwarded("X-Forwarded-Host");
    if (host.isEmpty())
        host = headerValue(capture.headers, "Host").trimmed();
    if (host.isEmpty())
        host = "localhost";
    const QByteArray proto = forwarded("X-Forwarded-Proto").toLower();
    const bool https = proto == "https" || (proto != "http" && capture.tls);
    QByteArray target = capture.target;
    if (target.startsWith("http://") || target.startsWith("https://"))
        return QString::fromUtf8(target); // absolute-form request target
    if (!target.startsWith('/'))
        target.prepend('/');
    return QString::fromUtf8((https ? "https://" : "http://") + host + target);
}

Verdict verifyCapture(const QString &schemeOrAuto, const QByteArray &secret, const Capture &capture,
                      VerifyOptions options)
{
    if (options.url.isEmpty())
        options.url = captureUrl(capture);
    // A stored capture is judged as it arrived: how old its timestamp was then, not how long
    // it has been stored since.
    if (!options.now && capture.receivedAtUs > 0) {
        options.now = capture.receivedAtUs / 1'000'000;
        options.nowIsArrival = true;
    }
    return verify(schemeOrAuto, secret, capture.headers, capture.body, options);
}

QString verdictLine(const Verdict &verdict)
{
    return (verdict.scheme.isEmpty() ? QStringLiteral("-") : verdict.scheme) + u' '
        + verdict.verdict;
}

StoredVerdict toStoredVerdict(const Verdict &verdict)
{
    QString detail = verdict.detail;
    if (!verdict.diagnosis.isEmpty())
        detail += u' ' + verdict.diagnosis;
    return {verdict.scheme, verdict.verdict, detail};
}

} // namespace hookscope::signing
