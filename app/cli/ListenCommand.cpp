#include "cli/ListenCommand.h"

#include "cli/CommandArguments.h"
#include "cli/InputFiles.h"
#include "cli/NameSuggestion.h"
#include "compose/OrderedJson.h"
#include "compose/SendTypes.h"
#include "core/Application.h"
#include "core/Counted.h"
#include "core/StopSignals.h"
#include "http/CaptureServer.h"
#include "http/TlsCertificate.h"
#include "session/Forwarder.h"
#include "session/ReceiverProfile.h"
#include "session/SignatureVerifier.h"
#include "signing/CustomSchemeSpec.h"
#include "signing/Signing.h"
#include "store/CaptureExport.h"
#include "store/RequestStore.h"
#include "store/Utf8Text.h"

#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <utility>

namespace hookscope::cli {

namespace {

bool parseInt(const QString &text, qint64 min, qint64 max, qint64 *value)
{
    bool ok = false;
    const qint64 parsed = text.toLongLong(&ok);
    if (!ok || parsed < min || parsed > max)
        return false;
    *value = parsed;
    return true;
}

// "NAME=VALUE" -> (NAME, VALUE); false when there is no '=' or the name is empty.
bool splitPair(const QString &text, QString *name, QString *value)
{
    const qsizetype at = text.indexOf(u'=');
    if (at <= 0)
        return false;
    *name = text.left(at);
    *value = text.mid(at + 1);
    return true;
}

// A line a sender's text is put into: its control characters (ESC, CR, LF, …) are shown as
// \xNN, so a sender can neither write lines of its own into the output nor send the terminal
// escape codes.
QString oneTerminalLine(QString line)
{
    for (qsizetype i = 0; i < line.size(); ++i) {
        const char16_t c = line.at(i).unicode();
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            const QString escaped = QStringLiteral("\\x%1").arg(int(c), 2, 16, QLatin1Char('0'));
            line.replace(i, 1, escaped);
            i += escaped.size() - 1;
        }
    }
    return line;
}

QString forwardLine(qint64 id, const ForwardResult &result, bool asJson)
{
    const double ms = double(result.durationUs) / 1000.0;
    if (asJson) {
        QJsonObject object {{QStringLiteral("forwarded"), id},
                            {QStringLiteral("target"), result.target},
                            {QStringLiteral("status"), result.status},
                            {QStringLiteral("duration_ms"), ms}};
        if (!result.error.isEmpty())
            object.insert(QStringLiteral("error"), result.error);
        object.insert(QStringLiteral("attempt"), result.attempt);
        if (result.retryInMs >= 0)
            object.insert(QStringLiteral("retry_in_ms"), result.retryInMs);
        return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    }
    const QString answer = result.error.isEmpty() ? QString::number(result.status) : result.error;
    QString line = QStringLiteral("   #%1 -> %2 %3 (%4 ms")
                       .arg(id)
                       .arg(result.target, answer)
                       .arg(ms, 0, 'f', 1);
    if (result.attempt > 1)
        line += QStringLiteral(", attempt %1").arg(result.attempt);
    line += u')';
    if (result.retryInMs >= 0)
        line += QStringLiteral("; retrying in %1 s").arg(result.retryInMs / 1000.0);
    return oneTerminalLine(line);
}

// The start of what a malformed request sent, quoted with its control bytes escaped, for a
// line that has no method or target to show: "GARBAGE\r\n\r\n".
QString firstBytesText(const QByteArray &bytes)
{
    constexpr qsizetype kShown = 40;
    QString text = QStringLiteral("bytes \"");
    for (const char c : bytes.first(qMin(bytes.size(), kShown))) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\r')
            text += QStringLiteral("\\r");
        else if (c == '\n')
            text += QStringLiteral("\\n");
        else if (c == '\t')
            text += QStringLiteral("\\t");
        else if (c == '"' || c == '\\')
            text += QStringLiteral("\\") + QLatin1Char(c);
        else if (byte < 0x20 || byte >= 0x7f)
            text += QStringLiteral("\\x%1").arg(int(byte), 2, 16, QLatin1Char('0'));
        else
            text += QLatin1Char(c);
    }
    text += u'"';
    if (bytes.size() > kShown)
        text += u'…';
    return text;
}

// Garbage that never made a request line: no method or target to print.
bool lacksRequestLine(const store::CaptureSummary &row)
{
    return row.malformed && (row.method.isEmpty() || row.target.isEmpty());
}

// `firstBytes` are the raw bytes of a malformed request, shown where it has no request line.
// `usualStatus` is what its endpoint answers (--respond); another answer (401 from
// --reject-invalid) is shown, as the sender may act on it; 0 shows none.
QString summaryLine(const store::CaptureSummary &row, const QByteArray &firstBytes = {},
                    int usualStatus = 0)
{
    const QString endpoint = row.endpoint.isEmpty() ? QStringLiteral("*") : row.endpoint;
    const QString request = lacksRequestLine(row)
        ? firstBytesText(firstBytes)
        : QString::fromLatin1(row.method) + u' ' + QString::fromUtf8(row.target);
    QString line = QStringLiteral("#%1 %2 %3 [%4] %5 B")
                       .arg(row.id)
                       .arg(store::isoTimestamp(row.receivedAtUs), request, endpoint)
                       .arg(row.bodySize);
    if (!row.eventType.isEmpty())
        line += u' ' + row.eventType;
    if (row.malformed) {
        // A client that hung up mid-request got no answer at all: 0 is no status to print.
        line += row.responseStatus == 0 ? QStringLiteral(" malformed (not answered")
                                        : QStringLiteral(" malformed (%1").arg(row.responseStatus);
        if (!row.parseError.isEmpty())
            line += QStringLiteral(": ") + row.parseError;
        // A malformed request keeps the bytes that arrived, bounded: beside the size the
        // sender announced, say that only these were kept.
        if (row.responseStatus == 413)
            line += QStringLiteral("; the first %1 bytes received are kept").arg(row.bodySize);
        line += u')';
    } else {
        line += u' ' + row.signature.verdict;
        if (const QString reason = shortVerdictReason(row.signature); !reason.isEmpty())
            line += QStringLiteral(" (%1)").arg(reason);
        if (usualStatus != 0 && row.responseStatus != 0 && row.responseStatus != usualStatus)
            line += QStringLiteral(" → %1").arg(row.responseStatus);
    }
    return oneTerminalLine(line);
}

QByteArray summaryJson(const store::CaptureSummary &row)
{
    QJsonObject object {
        {QStringLiteral("id"), row.id},
        {QStringLiteral("received_at"), store::isoTimestamp(row.receivedAtUs)},
        {QStringLiteral("method"), QString::fromLatin1(row.method)},
        {QStringLiteral("target"), store::lossyUtf8(row.target)},
        {QStringLiteral("endpoint"), row.endpoint},
        {QStringLiteral("content_type"), row.contentType},
        {QStringLiteral("body_size"), row.bodySize},
        {QStringLiteral("event"), row.eventType},
        {QStringLiteral("malformed"), row.malformed},
        {QStringLiteral("response_status"), row.responseStatus},
        {QStringLiteral("signature"),
         QJsonObject {{QStringLiteral("scheme"), row.signature.scheme},
                      {QStringLiteral("verdict"), row.signature.verdict},
                      {QStringLiteral("detail"), row.signature.detail}}},
    };
    // The same extra fields as `export`, under the same names.
    if (row.malformed)
        object.insert(QStringLiteral("parse_error"), row.parseError);
    if (!store::strictUtf8(row.target))
        object.insert(QStringLiteral("target_base64"), QString::fromLatin1(row.target.toBase64()));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

QString shortVerdictReason(const StoredVerdict &signature)
{
    if (signature.verdict.isEmpty() || signature.verdict == signing::verdicts::valid
        || signature.verdict == signing::verdicts::noSecret
        || signature.verdict == signing::verdicts::unsignedRequest)
        return {};
    constexpr qsizetype kMaxLength = 120;
    QString reason = signature.detail.simplified();
    if (reason.size() > kMaxLength) {
        qsizetype cut = reason.lastIndexOf(u' ', kMaxLength - 1);
        if (cut < kMaxLength / 2) // one long word: cut inside it, never inside a character
            cut = reason.at(kMaxLength - 2).isHighSurrogate() ? kMaxLength - 2 : kMaxLength - 1;
        reason.truncate(cut);
        while (reason.endsWith(u',') || reason.endsWith(u':') || reason.endsWith(u';'))
            reason.chop(1);
        return reason + u'…';
    }
    if (reason.endsWith(u'.'))
        reason.chop(1);
    return reason;
}

CommandSyntax ListenCommand::syntax() const
{
    CommandSyntax syntax(
        name(),
        QStringLiteral("hookscope listen [--port N] [--db PATH] "
                       "[--endpoint PATH[=NAME]]... [options]"),
        QStringLiteral("Receive webhooks: store every request byte for byte, verify its "
                       "signature and print one line per request. Ctrl+C or SIGTERM "
                       "stops it with everything stored."));
    syntax.setExitStatus(QStringLiteral(
        "0 stopped by a signal, 1 the port, the database or a file could not be used, 2 usage "
        "error."));
    syntax.addOption(QCommandLineOption(
        QStringLiteral("forward-to"),
        QStringLiteral("Also send every request on to URL, byte for byte, and keep its answer "
                       "(repeatable). A URL without a path gets the request's own path; "
                       "one with a path keeps it, with the request's query."),
        QStringLiteral("URL")));
    syntax.addOption(QCommandLineOption(
        QStringLiteral("forward-retries"),
        QStringLiteral("Send a forward again, after 1 s, 5 s, 30 s, then every 60 s, up to N "
                       "times while its target is unreachable or answers 502, 503 or 504 "
                       "(default 3; 0: never)."),
        QStringLiteral("N"), QStringLiteral("3")));
    syntax.addOption(QCommandLineOption(
        QStringLiteral("forward-insecure"),
        QStringLiteral("Accept any TLS certificate from the --forward-to targets (a local HTTPS "
                       "server's self-signed one).")));
    syntax.addOption(QCommandLineOption(
        QStringLiteral("pass-through"),
        QStringLiteral("Answer each sender with what the first --forward-to target answered "
                       "(status, headers, body) instead of Hookscope's own answer, stored "
                       "first as always; 502 when the target cannot be reached, 504 after "
                       "30 s. Handshakes are then the target's to answer. That target is not "
                       "retried: the sender retries.")));
    syntax.addOption(QCommandLineOption(QStringLiteral("bind"),
                                        QStringLiteral("Address to listen on (default 127.0.0.1)."),
                                        QStringLiteral("ADDR"), QStringLiteral("127.0.0.1")));
    syntax.addOption(QCommandLineOption(QStringLiteral("port"),
                                        QStringLiteral("Port (default 8787; 0 picks a free one)."),
                                        QStringLiteral("N"), QStringLiteral("8787")));
    syntax.addOption(
        QCommandLineOption(QStringLiteral("db"),
                           QStringLiteral("Database (default: the store the window uses)."),
                           QStringLiteral("PATH")),
        ValueHint::File);
    syntax.addOption(QCommandLineOption(
        QStringLiteral("endpoint"), QStringLiteral("An endpoint by path prefix, optionally named."),
        QStringLiteral("PATH[=NAME]")));
    syntax.addOption(QCommandLineOption(QStringLiteral("respond"),
                                        QStringLiteral("Status to answer stored requests with."),
                                        QStringLiteral("STATUS"), QStringLiteral("200")));
    syntax.addOption(
        QCommandLineOption(QStringLiteral("respond-body"),
                           QStringLiteral("Body to answer with; {{id}} becomes the capture id."),
                           QStringLiteral("TEXT")));
    syntax.addOption(QCommandLineOption(
        QStringLiteral("respond-header"),
        QStringLiteral("A header to answer with, 'Name: value' (repeatable), e.g. a "
                       "Content-Type for --respond-body."),
        QStringLiteral("HEADER")));
    syntax.addOption(QCommandLineOption(QStringLiteral("delay"),
                                        QStringLiteral("Wait MS milliseconds before answering."),
                                        QStringLiteral("MS"), QStringLiteral("0")));
    syntax.addOption(
        QCommandLineOption(QStringLiteral("tls"),
                           QStringLiteral("Serve HTTPS (self-signed localhost certificate "
                                          "kept beside the database unless --cert/--key; its "
                                          "path is printed, for curl --cacert).")));
    syntax.addOption(QCommandLineOption(QStringLiteral("cert"), QStringLiteral("PEM certificate."),
                                        QStringLiteral("FILE")),
                     ValueHint::File);
    syntax.addOption(QCommandLineOption(QStringLiteral("key"), QStringLiteral("PEM private key."),
                                        QStringLiteral("FILE")),
                     ValueHint::File);
    syntax.addOption(QCommandLineOption(
        QStringLiteral("max-body"), QStringLiteral("Largest body accepted (default 25 MiB)."),
        QStringLiteral("BYTES"), QString::number(25 * 1024 * 1024)));
    syntax.addOption(QCommandLineOption(QStringLiteral("max-header"),
                                        QStringLiteral("Largest header block (default 64 KiB)."),
                                        QStringLiteral("BYTES"), QString::number(64 * 1024)));
    syntax.addOption(QCommandLineOption(QStringLiteral("json"),
                                        QStringLiteral("Print one JSON object per request.")));
    syntax.addOption(QCommandLineOption(
        QStringLiteral("no-handshake"),
        QStringLiteral("Answer providers' URL checks (Slack url_verification, Meta "
                       "hub.challenge, Graph validationToken, Dropbox challenge, Zoom "
                       "endpoint.url_validation, X crc_token, Discord PING) like any request, not "
                       "with their challenge.")));
    syntax.addChoiceOption(
        QCommandLineOption(QStringLiteral("scheme"),
                           QStringLiteral("Signature scheme for the catch-all (or auto; "
                                          "custom:SPEC for your own, as in sign's --custom)."),
                           QStringLiteral("SCHEME")),
        QStringList {QStringLiteral("auto")} + signing::schemeNames());
    syntax.addOption(
        QCommandLineOption(QStringLiteral("secret"),
                           QStringLiteral("Signing secret for the catch-all (prefer "
                                          "--secret-file: arguments are visible to ps). "
                                          "Without this or --secret-file, $HOOKSCOPE_SECRET is "
                                          "the catch-all secret when set, as said at start."),
                           QStringLiteral("SECRET")));
    syntax.addOption(QCommandLineOption(QStringLiteral("secret-file"),
                                        QStringLiteral("File holding the catch-all's secret."),
                                        QStringLiteral("FILE")),
                     ValueHint::File);
    syntax.addOption(
        QCommandLineOption(QStringLiteral("scheme-secret-file"),
                           QStringLiteral("Secret file for requests signed with SCHEME, on every "
                                          "endpoint without its own; repeat it for each provider "
                                          "one receiver takes."),
                           QStringLiteral("SCHEME=FILE")),
        ValueHint::NamedFile);
    syntax.addOption(QCommandLineOption(
        QStringLiteral("reject-invalid"),
        QStringLiteral("Answer 401 with the reason when a signature is invalid, missing where "
                       "a secret expects one, malformed or too old, as a receiver that checks "
                       "signatures would (the request is stored all the same).")));
    syntax.addOption(QCommandLineOption(QStringLiteral("endpoint-scheme"),
                                        QStringLiteral("Signature scheme of endpoint NAME."),
                                        QStringLiteral("NAME=SCHEME")));
    syntax.addOption(QCommandLineOption(QStringLiteral("endpoint-secret-file"),
                                        QStringLiteral("Secret file of endpoint NAME."),
                                        QStringLiteral("NAME=FILE")),
                     ValueHint::NamedFile);
    syntax.addOption(QCommandLineOption(QStringLiteral("workers"),
                                        QStringLiteral("Connection threads (default 1)."),
                                        QStringLiteral("N"), QStringLiteral("1")));
    syntax.addOption(QCommandLineOption(
        QStringLiteral("no-sync"),
        QStringLiteral("Do not sync each commit to disk: a crash of Hookscope loses nothing, a "
                       "power cut may lose the last requests.")));
    return syntax;
}

int ListenCommand::execute(const QStringList &arguments, CommandIo &io)
{
    const CommandSyntax syntax = this->syntax();
    QCommandLineParser parser;
    const QCommandLineOption &forwardTo = syntax.option(u"forward-to");
    const QCommandLineOption &forwardRetries = syntax.option(u"forward-retries");
    const QCommandLineOption &passThrough = syntax.option(u"pass-through");
    const QCommandLineOption &forwardInsecure = syntax.option(u"forward-insecure");
    const QCommandLineOption &bind = syntax.option(u"bind");
    const QCommandLineOption &port = syntax.option(u"port");
    const QCommandLineOption &db = syntax.option(u"db");
    const QCommandLineOption &endpoint = syntax.option(u"endpoint");
    const QCommandLineOption &respond = syntax.option(u"respond");
    const QCommandLineOption &respondBody = syntax.option(u"respond-body");
    const QCommandLineOption &respondHeader = syntax.option(u"respond-header");
    const QCommandLineOption &delay = syntax.option(u"delay");
    const QCommandLineOption &tls = syntax.option(u"tls");
    const QCommandLineOption &cert = syntax.option(u"cert");
    const QCommandLineOption &key = syntax.option(u"key");
    const QCommandLineOption &maxBody = syntax.option(u"max-body");
    const QCommandLineOption &maxHeader = syntax.option(u"max-header");
    const QCommandLineOption &json = syntax.option(u"json");
    const QCommandLineOption &scheme = syntax.option(u"scheme");
    const QCommandLineOption &secret = syntax.option(u"secret");
    const QCommandLineOption &secretFile = syntax.option(u"secret-file");
    const QCommandLineOption &schemeSecretFile = syntax.option(u"scheme-secret-file");
    const QCommandLineOption &endpointScheme = syntax.option(u"endpoint-scheme");
    const QCommandLineOption &endpointSecretFile = syntax.option(u"endpoint-secret-file");
    const QCommandLineOption &workers = syntax.option(u"workers");
    const QCommandLineOption &noSync = syntax.option(u"no-sync");
    const QCommandLineOption &noHandshake = syntax.option(u"no-handshake");
    const auto usage = usageReporter(io.err, name());
    if (const std::optional<int> exitCode = parseArguments(parser, syntax, arguments, io))
        return *exitCode;
    if (const QString extra = unexpectedArgument(parser); !extra.isEmpty())
        return usage(extra);

    http::ReceiverConfig config;
    if (!config.address.setAddress(parser.value(bind)))
        return usage(
            QStringLiteral("--bind needs an IP address, not '%1'").arg(parser.value(bind)));
    if (!config.address.isLoopback()) {
        config.allowNonLoopback = true;
        io.err << "hookscope listen: warning: listening on " << config.address.toString()
               << ", reachable from other machines; anyone who can reach it can send requests\n";
        io.err.flush();
    }
    qint64 number = 0;
    if (!parseInt(parser.value(port), 0, 65535, &number))
        return usage(QStringLiteral("--port must be 0..65535"));
    config.port = quint16(number);
    if (!parseInt(parser.value(respond), 200, 599, &number))
        return usage(QStringLiteral("--respond must be an HTTP status 200..599"));
    config.defaultResponse.status = int(number);
    config.defaultResponse.body = parser.value(respondBody).toUtf8();
    for (const QString &line : parser.values(respondHeader)) {
        HeaderList headers;
        QString error;
        if (!session::parseHeaderLines(line, &headers, &error) || headers.size() != 1)
            return usage(
                QStringLiteral("--respond-header needs 'Name: value', not '%1'").arg(line));
        config.defaultResponse.headers.append(headers.first());
    }
    if (!parseInt(parser.value(delay), 0, 600000, &number))
        return usage(QStringLiteral("--delay must be 0..600000 milliseconds"));
    config.defaultResponse.delayMs = int(number);
    config.defaultRejectInvalidSignature = parser.isSet(syntax.option(u"reject-invalid"));
    if (!parseInt(parser.value(maxBody), 0, qint64(1) << 40, &number))
        return usage(QStringLiteral("--max-body must be a number of bytes"));
    config.limits.maxBodyBytes = number;
    if (!parseInt(parser.value(maxHeader), 256, 64 * 1024 * 1024, &number))
        return usage(QStringLiteral("--max-header must be 256..67108864 bytes"));
    config.limits.maxHeaderBytes = number;
    if (!parseInt(parser.value(workers), 1, 64, &number))
        return usage(QStringLiteral("--workers must be 1..64"));
    config.workerThreads = int(number);
    if (!parseInt(parser.value(forwardRetries), 0, 100, &number))
        return usage(QStringLiteral("--forward-retries must be 0..100"));
    const int retries = int(number);
    config.tls = parser.isSet(tls);
    config.answerHandshakes = !parser.isSet(noHandshake);
    config.certificatePath = parser.value(cert);
    config.privateKeyPath = parser.value(key);
    if (config.certificatePath.isEmpty() != config.privateKeyPath.isEmpty())
        return usage(QStringLiteral("--cert and --key go together"));
    if (!config.certificatePath.isEmpty())
        config.tls = true;
    // Read here first so that a missing or unreadable one is named with the system's reason.
    for (const auto &[path, what] :
         {std::pair {config.certificatePath, QStringLiteral("certificate")},
          std::pair {config.privateKeyPath, QStringLiteral("key")}}) {
        if (path.isEmpty())
            continue;
        if (const InputResult file = readInputFile(path, what); !file.ok())
            return reportInputError(io.err, name(), file);
    }

    // Signature settings are kept on the configuration for the signature engine; the secret
    // itself stays in memory only and is never printed.
    config.defaultScheme = parser.value(scheme);
    config.defaultSecret = parser.value(secret).toUtf8();
    if (parser.isSet(secretFile))
        config.defaultSecretReference = QStringLiteral("file:") + parser.value(secretFile);
    for (const QString &spec : parser.values(endpoint)) {
        http::EndpointConfig endpointConfig;
        QString path = spec;
        QString name;
        if (splitPair(spec, &path, &name) == false) {
            path = spec;
            name = spec.mid(1).isEmpty() ? spec : spec.mid(1);
        }
        if (!path.startsWith(u'/'))
            return usage(QStringLiteral("--endpoint path must start with '/': %1").arg(spec));
        endpointConfig.name = name;
        endpointConfig.pathPrefix = path.toUtf8();
        endpointConfig.scheme = config.defaultScheme;
        endpointConfig.response = config.defaultResponse;
        endpointConfig.rejectInvalidSignature = config.defaultRejectInvalidSignature;
        config.endpoints.append(endpointConfig);
    }
    auto findEndpoint = [&config](const QString &name) -> http::EndpointConfig * {
        for (http::EndpointConfig &e : config.endpoints) {
            if (e.name == name)
                return &e;
        }
        return nullptr;
    };
    for (const QString &spec : parser.values(endpointScheme)) {
        QString name, value;
        http::EndpointConfig *e = splitPair(spec, &name, &value) ? findEndpoint(name) : nullptr;
        if (!e)
            return usage(
                QStringLiteral("--endpoint-scheme %1: no endpoint by that name").arg(spec));
        e->scheme = value;
    }
    for (const QString &spec : parser.values(endpointSecretFile)) {
        QString name, value;
        http::EndpointConfig *e = splitPair(spec, &name, &value) ? findEndpoint(name) : nullptr;
        if (!e)
            return usage(QStringLiteral("--endpoint-secret-file: no endpoint named '%1'")
                             .arg(spec.section(u'=', 0, 0)));
        if (value.isEmpty())
            return usage(QStringLiteral("--endpoint-secret-file %1: no file after '='").arg(name));
        e->secretReference = QStringLiteral("file:") + value;
    }

    // Every capture gets its verdict from its endpoint's scheme and secret, else the catch-all's,
    // else auto-detection with no secret.
    session::SignatureVerifier verifier;
    signing::SecretInput secretInput;
    secretInput.hasInlineSecret = parser.isSet(secret);
    secretInput.inlineSecret = parser.value(secret);
    secretInput.secretFile = parser.value(secretFile);
    const InputResult defaultSecret = readSecretInput(secretInput);
    if (!defaultSecret.ok())
        return reportInputError(io.err, name(), defaultSecret);
    const QString defaultScheme
        = config.defaultScheme.isEmpty() ? QStringLiteral("auto") : config.defaultScheme;
    const QStringList knownSchemes = QStringList {QStringLiteral("auto")} + signing::schemeNames();
    if (defaultScheme != u"auto" && !signing::isKnownScheme(defaultScheme)
        && !defaultScheme.startsWith(u"custom:"))
        return usage(QStringLiteral("--scheme: unknown scheme '%1'%2")
                         .arg(defaultScheme, didYouMeanScheme(defaultScheme, knownSchemes)));
    if (defaultScheme == u"custom")
        return usage(QStringLiteral("--scheme custom needs its settings: --scheme '%1' (every "
                                    "key is listed in `hookscope sign --help`)")
                         .arg(signing::customSchemeExample()));
    // Custom settings are checked now: a mistake in them would make every verdict an error.
    const auto customSettingsProblem = [](const QString &schemeName) {
        QString error;
        if (schemeName.startsWith(u"custom:"))
            signing::parseCustomScheme(schemeName.mid(7), &error);
        return error;
    };
    if (const QString problem = customSettingsProblem(defaultScheme); !problem.isEmpty())
        return usage(QStringLiteral("--scheme %1: %2").arg(defaultScheme, problem));
    // A secret its scheme cannot decode would make every verdict "invalid": refused now, in the
    // words `sign` refuses it with. On auto the scheme is only known per request.
    const auto secretProblem = [](const QString &schemeName, const QByteArray &secretBytes) {
        if (schemeName == u"auto" || secretBytes.isEmpty())
            return QString();
        return signing::secretProblem(schemeName, secretBytes);
    };
    if (const QString problem = secretProblem(defaultScheme, defaultSecret.bytes);
        !problem.isEmpty())
        return usage(problem);
    verifier.setSecret(QString(), defaultScheme, defaultSecret.bytes);
    // Providers' own secrets: each request is judged with the secret of the scheme that signed
    // it, so a GitHub request never reads "invalid" for want of Stripe's secret.
    QSet<QString> schemesWithSecrets;
    for (const QString &spec : parser.values(schemeSecretFile)) {
        QString schemeName, file;
        if (!splitPair(spec, &schemeName, &file) || file.isEmpty())
            return usage(QStringLiteral("--scheme-secret-file %1: give SCHEME=FILE").arg(spec));
        if (!signing::isKnownScheme(schemeName))
            return usage(QStringLiteral("--scheme-secret-file: unknown scheme '%1' (%2)%3")
                             .arg(schemeName, signing::schemeNames().join(QStringLiteral(", ")),
                                  didYouMean(schemeName, signing::schemeNames())));
        InputResult fromFile = readSecretFileInput(file);
        if (!fromFile.ok()) {
            fromFile.error
                = QStringLiteral("--scheme-secret-file %1: %2").arg(schemeName, fromFile.error);
            return reportInputError(io.err, name(), fromFile);
        }
        if (const QString problem = secretProblem(schemeName, fromFile.bytes); !problem.isEmpty())
            return usage(QStringLiteral("--scheme-secret-file %1: %2").arg(schemeName, problem));
        verifier.setSchemeSecret(QString(), schemeName, fromFile.bytes);
        schemesWithSecrets.insert(schemeName);
    }
    // A scheme named without its secret checks nothing: every request would read "no-secret".
    // Said once the arguments are known to be good.
    QStringList notes;
    const auto noteMissingSecret = [&notes](const QString &who, const QString &schemeName) {
        notes << QStringLiteral("note: %1 uses scheme %2 but has no secret, so its requests will "
                                "be marked no-secret (give --secret-file, --endpoint-secret-file "
                                "or HOOKSCOPE_SECRET)")
                     .arg(who, schemeName);
    };
    // Said, as it would otherwise be a secret nobody typed: one left in the environment.
    if (!secretInput.hasInlineSecret && secretInput.secretFile.isEmpty()
        && !defaultSecret.bytes.isEmpty())
        notes << QStringLiteral("catch-all secret: from $HOOKSCOPE_SECRET");
    if (defaultScheme != u"auto" && defaultSecret.bytes.isEmpty()
        && !schemesWithSecrets.contains(defaultScheme))
        noteMissingSecret(QStringLiteral("the catch-all"), defaultScheme);
    for (const http::EndpointConfig &e : std::as_const(config.endpoints)) {
        const QString endpointScheme = e.scheme.isEmpty() ? defaultScheme : e.scheme;
        // Its scheme's own secret comes before the catch-all's (which would be another
        // provider's when the catch-all is on auto).
        QByteArray endpointSecret
            = schemesWithSecrets.contains(endpointScheme) ? QByteArray() : defaultSecret.bytes;
        if (e.secretReference.startsWith(u"file:")) {
            InputResult fromFile = readSecretFileInput(e.secretReference.mid(5));
            if (!fromFile.ok()) {
                fromFile.error
                    = QStringLiteral("--endpoint-secret-file %1: %2").arg(e.name, fromFile.error);
                return reportInputError(io.err, name(), fromFile);
            }
            endpointSecret = fromFile.bytes;
        }
        if (endpointScheme != u"auto" && !signing::isKnownScheme(endpointScheme)
            && !endpointScheme.startsWith(u"custom:"))
            return usage(QStringLiteral("--endpoint-scheme: unknown scheme '%1'%2")
                             .arg(endpointScheme, didYouMeanScheme(endpointScheme, knownSchemes)));
        if (endpointScheme == u"custom")
            return usage(QStringLiteral("--endpoint-scheme %1=custom needs its settings: '%1=%2'")
                             .arg(e.name, signing::customSchemeExample()));
        if (const QString problem = customSettingsProblem(endpointScheme); !problem.isEmpty())
            return usage(
                QStringLiteral("--endpoint-scheme %1=%2: %3").arg(e.name, endpointScheme, problem));
        if (const QString problem = secretProblem(endpointScheme, endpointSecret);
            !problem.isEmpty())
            return usage(e.secretReference.startsWith(u"file:")
                             ? QStringLiteral("--endpoint-secret-file %1: %2").arg(e.name, problem)
                             : QStringLiteral("endpoint '%1' (%2) with the catch-all secret: %3")
                                   .arg(e.name, endpointScheme, problem));
        verifier.setSecret(e.name, endpointScheme, endpointSecret);
        if (endpointScheme != u"auto" && endpointSecret.isEmpty() && endpointScheme != defaultScheme
            && !schemesWithSecrets.contains(endpointScheme))
            noteMissingSecret(QStringLiteral("endpoint '%1'").arg(e.name), endpointScheme);
    }

    QList<QUrl> forwardTargets;
    for (const QString &value : parser.values(forwardTo)) {
        const QUrl target(value, QUrl::StrictMode);
        if (!target.isValid() || (target.scheme() != u"http" && target.scheme() != u"https")
            || target.host().isEmpty())
            return usage(QStringLiteral("--forward-to: '%1' is not an http:// or https:// URL")
                             .arg(compose::redactedUrlText(value)));
        forwardTargets << target;
    }
    if (parser.isSet(passThrough)) {
        if (forwardTargets.isEmpty())
            return usage(QStringLiteral("--pass-through needs a --forward-to URL to pass to"));
        for (const QCommandLineOption *own : {&respond, &respondBody, &respondHeader, &delay}) {
            if (parser.isSet(*own))
                return usage(QStringLiteral("--pass-through answers with the target's answer; "
                                            "--%1 cannot be used with it")
                                 .arg(own->names().constFirst()));
        }
    }
    for (const QString &note : std::as_const(notes))
        io.err << note << '\n';
    io.err.flush();

    const QString dbPath = parser.isSet(db) ? parser.value(db) : defaultDatabasePath();
    store::RequestStore store;
    store::StoreOptions storeOptions;
    storeOptions.fullSync = !parser.isSet(noSync);
    storeOptions.exclusive = true; // a second listener or window on this file is refused
    // Refused at start: a receiver that can store nothing would answer every request 503.
    storeOptions.requireWritable = true;
    const QString openError = store.open(dbPath, storeOptions);
    if (!openError.isEmpty()) {
        io.err << "hookscope listen: " << openError << '\n';
        return Failure;
    }

    const bool asJson = parser.isSet(json);
    QObject printer;
    session::Forwarder forwarder(forwardTargets);
    forwarder.setRetryDelaysMs(session::Forwarder::retryDelaysMs(retries));
    forwarder.setPassThrough(parser.isSet(passThrough));
    forwarder.setInsecure(parser.isSet(forwardInsecure));
    forwarder.setTrustAdvice(QStringLiteral("if you trust it, start listen again with "
                                            "--forward-insecure"));
    // Each target's answer is kept beside the capture and printed under its line.
    const auto keepForwardResult = [&io, &store, asJson](qint64 id, const ForwardResult &result) {
        if (!store.addForwardResult(id, result))
            io.err << "hookscope listen: cannot store a forward result: " << store.lastError()
                   << '\n';
        io.out << forwardLine(id, result, asJson) << '\n';
        io.out.flush();
    };
    const auto forward = [&](qint64 id) {
        if (!forwarder.forwardsToOthers())
            return;
        const std::optional<Capture> capture = store.load(id);
        if (!capture)
            return;
        forwarder.forward(*capture, [keepForwardResult, id](const ForwardResult &result) {
            keepForwardResult(id, result);
        });
    };
    // Where garbage has no request line to show, its first bytes say more than blanks.
    // Under --pass-through the answer is the target's, known only after the line is printed.
    const auto usualStatus = [&config, &forwarder](const QString &endpointName) {
        if (forwarder.passesThrough())
            return 0;
        for (const http::EndpointConfig &e : std::as_const(config.endpoints)) {
            if (e.name == endpointName)
                return e.response.status;
        }
        return config.defaultResponse.status;
    };
    const auto textLine = [&store, &usualStatus](const store::CaptureSummary &row) {
        QByteArray firstBytes;
        if (lacksRequestLine(row)) {
            if (const std::optional<Capture> capture = store.load(row.id))
                firstBytes = capture->body;
        }
        return summaryLine(row, firstBytes, usualStatus(row.endpoint));
    };
    QObject::connect(
        &store, &store::RequestStore::storedSummaries, &printer,
        [&io, asJson, &forwarder, &forward, &textLine](const QList<store::CaptureSummary> &rows) {
            for (const store::CaptureSummary &row : rows) {
                if (asJson)
                    io.out << QString::fromUtf8(summaryJson(row)) << '\n';
                else
                    io.out << textLine(row) << '\n';
            }
            io.out.flush();
            if (!forwarder.targets().isEmpty()) {
                for (const store::CaptureSummary &row : rows)
                    forward(row.id);
            }
        });
    QObject::connect(&store, &store::RequestStore::writeFailed, &printer,
                     [&io](const QString &message) {
                         io.err << "hookscope listen: error: " << message << " (answered 503)\n";
                         io.err.flush();
                     });

    // From here on (before the "listening on" line a script may react to), SIGINT and SIGTERM
    // stop the receiver cleanly.
    const StopSignals stopSignals;
    if (!stopSignals.isInstalled()) {
        io.err << "hookscope listen: cannot set up signal handling\n";
        return Failure;
    }
    QEventLoop loop;
    QObject::connect(&stopSignals, &StopSignals::received, &loop, &QEventLoop::quit);

    http::CaptureServer server;
    server.setVerdictHook(
        [&verifier](const Capture &capture) { return verifier.verdictFor(capture); });
    server.setSecretHook(
        [&verifier](const Capture &capture, const QString &scheme, bool dedicated) {
            return verifier.handshakeSecret(capture, scheme, dedicated);
        });
    server.setPassThroughHooks(forwarder.passThroughHooks(
        keepForwardResult, [&io, &store](qint64 id, const http::HttpResponse &sent) {
            if (!store.updateResponse(id, sent))
                io.err << "hookscope listen: cannot store the answer passed on: "
                       << store.lastError() << '\n';
        }));
    server.setNoticeHook([&io, &printer](const QString &message) {
        QMetaObject::invokeMethod(&printer, [&io, message] {
            io.err << "hookscope listen: " << message << '\n';
            io.err.flush();
        });
    });
    // The self-signed certificate is made here rather than by the server, so its path can be
    // printed: curl needs it for --cacert.
    const QString tlsDirectory = QFileInfo(dbPath).absolutePath();
    QString selfSignedCertificate;
    if (config.tls && config.certificatePath.isEmpty()) {
        QString key;
        const QString error
            = http::ensureSelfSignedCertificate(tlsDirectory, &selfSignedCertificate, &key);
        if (!error.isEmpty()) {
            io.err << "hookscope listen: cannot create a self-signed certificate: " << error
                   << '\n';
            return Failure;
        }
        config.certificatePath = selfSignedCertificate;
        config.privateKeyPath = key;
    }
    if (!server.start(config, &store, tlsDirectory)) {
        QString message = server.errorString();
        // As the window says: the way out of a taken port is another one, or any free one.
        if (message.endsWith(u"is already in use"))
            message += QStringLiteral(" (--port 0 picks a free one)");
        io.err << "hookscope listen: " << message << '\n';
        return Failure;
    }
    for (const QUrl &target : std::as_const(forwardTargets)) {
        // Forwarding to ourselves would send every request round and round.
        if (session::Forwarder::loopsBack(target, server.port()))
            return usage(QStringLiteral("--forward-to %1 is this receiver itself; that would loop")
                             .arg(compose::redactedUrl(target)));
    }
    if (asJson) {
        // Every line is JSON, the first too, so a consumer can parse line by line from the start.
        compose::JsonValue first = compose::JsonValue::object();
        first.insert(QStringLiteral("listening"), compose::JsonValue::string(server.url()));
        if (!forwardTargets.isEmpty()) {
            compose::JsonValue targets = compose::JsonValue::array();
            for (const QUrl &target : std::as_const(forwardTargets))
                targets.append(compose::JsonValue::string(compose::redactedUrl(target)));
            first.insert(QStringLiteral("forwarding"), targets);
            if (forwarder.passesThrough())
                first.insert(QStringLiteral("pass_through"), compose::JsonValue::boolean(true));
        }
        if (!selfSignedCertificate.isEmpty())
            first.insert(QStringLiteral("certificate"),
                         compose::JsonValue::string(selfSignedCertificate));
        io.out << QString::fromUtf8(first.toCompact()) << '\n';
    } else {
        io.out << "listening on " << server.url() << '\n';
        if (!selfSignedCertificate.isEmpty())
            io.out << QStringLiteral("certificate %1 (self-signed for localhost; curl --cacert %1)")
                          .arg(selfSignedCertificate)
                   << '\n';
        for (const QUrl &target : std::as_const(forwardTargets)) {
            io.out << "forwarding to " << compose::redactedUrl(target);
            if (forwarder.passesThrough() && target == forwardTargets.constFirst())
                io.out << " (its answers go back to the senders)";
            io.out << '\n';
        }
    }
    io.out.flush();

    loop.exec();

    QObject::disconnect(&stopSignals, nullptr, &loop, nullptr);
    server.stop();
    store.flush();
    QCoreApplication::sendPostedEvents(); // print the last lines
    // From here nothing is retried and the retries waiting are dropped (their failed attempts
    // are stored and were printed); forwards on their way may finish (bounded), so their
    // answers are kept too.
    if (const int dropped = forwarder.stopRetrying(); dropped > 0)
        io.err << "hookscope listen: " << counted(dropped, u"forward retry", u"forward retries")
               << " dropped; `hookscope replay` sends a stored request again\n";
    QDeadlineTimer forwardDeadline(10000);
    while (forwarder.pending() > 0 && !forwardDeadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
    const qint64 total = store.count();
    store.close();
    io.err << "hookscope listen: stopped; " << counted(total, u"request", u"requests") << " in "
           << dbPath << '\n';
    io.err.flush();
    return Success;
}

} // namespace hookscope::cli
