// libFuzzer target: every signature scheme's header parser, through the engine's public entry
// points, with fuzzer-made header values, secrets, URLs and custom-scheme specs.
// Input, one item per line: custom spec, secret, URL, then "Name: value" headers up to an empty
// line, then the body.
#include "signing/CustomSchemeSpec.h"
#include "signing/Ed25519.h"
#include "signing/Secret.h"
#include "signing/Signing.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace hookscope;

namespace {

constexpr qint64 kNow = 1700000000;

QByteArray takeLine(QByteArrayView &rest)
{
    const qsizetype newline = rest.indexOf('\n');
    const QByteArrayView line = newline < 0 ? rest : rest.first(newline);
    rest = newline < 0 ? QByteArrayView() : rest.sliced(newline + 1);
    return line.toByteArray();
}

void checkVerdict(const signing::Verdict &verdict)
{
    namespace v = signing::verdicts;
    const QString &word = verdict.verdict;
    if (word != v::valid && word != v::invalid && word != v::missingHeader
        && word != v::malformedHeader && word != v::outsideTolerance && word != v::noSecret)
        std::abort();
    (void)signing::verdictLine(verdict);
    (void)signing::toStoredVerdict(verdict);
}

// Discord signs with a private key and is verified with the public key it implies, which is
// what a user checking a test event would paste (Standard Webhooks' whsk_ derives it itself).
QByteArray verifyingKey(const QString &scheme, const QByteArray &secret)
{
    if (scheme != u"discord")
        return secret;
    const auto publicKey = signing::ed25519::publicKeyOf(QByteArray::fromHex(secret.trimmed()));
    return publicKey ? publicKey->toHex() : secret;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    QByteArrayView rest(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString spec = QString::fromUtf8(takeLine(rest));
    const QByteArray secret = takeLine(rest);
    const QString url = QString::fromUtf8(takeLine(rest));
    HeaderList headers;
    while (!rest.isEmpty()) {
        const QByteArray line = takeLine(rest);
        if (line.isEmpty())
            break;
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            headers.append({line, QByteArray()});
        else
            headers.append({line.first(colon), line.sliced(colon + 1).trimmed()});
    }
    const QByteArray body = rest.toByteArray();

    QString error;
    const std::optional<signing::CustomSchemeConfig> custom
        = signing::parseCustomScheme(spec, &error);
    if (custom)
        (void)signing::parseCustomScheme(signing::formatCustomScheme(*custom), &error);

    (void)signing::detectSchemes(headers);
    (void)signing::describeSecret(secret);

    signing::VerifyOptions options;
    options.url = url;
    options.now = kNow;
    options.diagnose = false;
    options.custom = custom;
    options.otherSecrets
        = {QByteArray("other-secret"), QByteArray("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")};

    QStringList schemes = signing::schemeNames();
    schemes.append(QStringLiteral("auto"));
    if (!spec.isEmpty())
        schemes.append(QStringLiteral("custom:") + spec);
    for (const QString &scheme : std::as_const(schemes)) {
        (void)signing::describeSecret(secret, scheme);
        checkVerdict(signing::verify(scheme, secret, headers, body, options));
        checkVerdict(signing::verify(scheme, QByteArray(), headers, body, options));
    }

    // The diagnosis re-serializes the body and tries dozens of keys: once per input, small only.
    if (body.size() < 4096) {
        options.diagnose = true;
        const QString scheme = schemes.at(int(size % std::size_t(schemes.size())));
        checkVerdict(signing::verify(scheme, secret, headers, body, options));
        options.ignoreTolerance = true;
        checkVerdict(signing::verify(scheme, secret, headers, body, options));
    }

    // What we sign, we must accept.
    for (const QString &scheme : signing::schemeNames()) {
        signing::SignOptions signOptions;
        signOptions.timestamp = kNow;
        signOptions.url = url;
        signOptions.custom = custom;
        const signing::SignResult signed_ = signing::sign(scheme, secret, body, signOptions);
        if (!signed_.ok)
            continue;
        signing::VerifyOptions check;
        check.url = url;
        check.now = kNow;
        check.custom = custom;
        check.diagnose = false;
        const signing::Verdict verdict
            = signing::verify(scheme, verifyingKey(scheme, secret), signed_.headers, body, check);
        if (!verdict.isValid()) {
            std::fprintf(stderr, "signed with %s but verified %s: %s\n", qPrintable(scheme),
                         qPrintable(verdict.verdict), qPrintable(verdict.detail));
            std::abort();
        }
    }
    return 0;
}
