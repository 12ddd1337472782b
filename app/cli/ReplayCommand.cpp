#include "cli/ReplayCommand.h"

#include "cli/CommandArguments.h"
#include "cli/InputFiles.h"
#include "cli/NameSuggestion.h"
#include "cli/RequestIds.h"
#include "cli/ResponseOutput.h"
#include "cli/StoredDatabase.h"
#include "compose/HttpSender.h"
#include "compose/OwnCertificates.h"
#include "compose/ReplayRequest.h"
#include "core/Application.h"
#include "signing/Signing.h"
#include "store/RequestStore.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace hookscope::cli {

CommandSyntax ReplayCommand::syntax() const
{
    CommandSyntax syntax(
        name(),
        QStringLiteral("hookscope replay [--db PATH] --id ID URL\n"
                       "                        [--resign [--scheme SCHEME] (--secret SECRET | "
                       "--secret-file FILE | $HOOKSCOPE_SECRET)]"),
        QStringLiteral(
            "Send a stored request again to URL: the same method, headers and body bytes, or "
            "re-signed with --resign."));
    syntax.setExitStatus(QStringLiteral("0 a 2xx answer, 1 otherwise (no answer, another status, "
                                        "no such database or request, a file that could not be "
                                        "read), 2 usage error."));
    syntax.addPositional(
        QStringLiteral("URL"),
        QStringLiteral("Where to send it; a URL without a path gets the captured path and query, "
                       "one with a path keeps it, with the captured query."));
    syntax.addOption(
        QCommandLineOption(QStringLiteral("db"),
                           QStringLiteral("Database (default: the one the window uses)."),
                           QStringLiteral("PATH")),
        ValueHint::File);
    syntax.addOption(QCommandLineOption(
        QStringLiteral("id"), QStringLiteral("The stored request's id."), QStringLiteral("ID")));
    syntax.addOption(
        QCommandLineOption(QStringLiteral("resign"),
                           QStringLiteral("Replace the signature headers with new ones "
                                          "(fresh timestamp) made with --scheme and the "
                                          "secret.")));
    syntax.addChoiceOption(
        QCommandLineOption(QStringLiteral("scheme"),
                           QStringLiteral("Scheme for --resign (default: detected from "
                                          "the request's headers)."),
                           QStringLiteral("SCHEME")),
        signing::schemeNames());
    syntax.addOption(QCommandLineOption(QStringLiteral("secret"),
                                        QStringLiteral("Secret for --resign (or --secret-file, or "
                                                       "HOOKSCOPE_SECRET)."),
                                        QStringLiteral("SECRET")));
    syntax.addOption(QCommandLineOption(QStringLiteral("secret-file"),
                                        QStringLiteral("Read the secret for --resign from FILE."),
                                        QStringLiteral("FILE")),
                     ValueHint::File);
    syntax.addOption(QCommandLineOption(
        QStringLiteral("insecure"), QStringLiteral("Accept any TLS certificate for this send.")));
    const QString defaultTimeout = QString::number(compose::OutgoingRequest().timeoutMs);
    syntax.addOption(QCommandLineOption(
        QStringLiteral("timeout"),
        QStringLiteral("Timeout in milliseconds (default %1).").arg(defaultTimeout),
        QStringLiteral("MS"), defaultTimeout));
    syntax.addOption(
        QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print one JSON object.")));
    return syntax;
}

int ReplayCommand::execute(const QStringList &arguments, CommandIo &io)
{
    const CommandSyntax syntax = this->syntax();
    QCommandLineParser parser;
    const QCommandLineOption &db = syntax.option(u"db");
    const QCommandLineOption &id = syntax.option(u"id");
    const QCommandLineOption &resign = syntax.option(u"resign");
    const QCommandLineOption &scheme = syntax.option(u"scheme");
    const QCommandLineOption &secret = syntax.option(u"secret");
    const QCommandLineOption &secretFile = syntax.option(u"secret-file");
    const QCommandLineOption &insecure = syntax.option(u"insecure");
    const QCommandLineOption &timeout = syntax.option(u"timeout");
    const QCommandLineOption &json = syntax.option(u"json");

    const auto usage = usageReporter(io.err, name());
    if (const std::optional<int> exitCode = parseArguments(parser, syntax, arguments, io))
        return *exitCode;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usage(QStringLiteral("give exactly one URL"));
    const QUrl url(positional.first(), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https")
        || url.host().isEmpty())
        return usage(QStringLiteral("'%1' is not an http:// or https:// URL")
                         .arg(compose::redactedUrlText(positional.first())));
    const std::optional<qint64> givenId = parseRequestId(parser.value(id));
    if (!givenId)
        return usage(parser.isSet(id) ? QStringLiteral("--id must name a stored request (12, or "
                                                       "#12 as listen prints it), not '%1'")
                                            .arg(parser.value(id))
                                      : QStringLiteral("--id is required: the stored request "
                                                       "to send again (12, or #12)"));
    const qint64 captureId = *givenId;
    bool ok = false;
    const int timeoutMs = parser.value(timeout).toInt(&ok);
    if (!ok || timeoutMs <= 0)
        return usage(QStringLiteral("--timeout must be a positive number of milliseconds"));
    if (!parser.isSet(resign)
        && (parser.isSet(scheme) || parser.isSet(secret) || parser.isSet(secretFile)))
        return usage(QStringLiteral("--scheme and the secret are for --resign"));
    // Checked before the store is read, as sign and send check it.
    if (const QString schemeName = parser.value(scheme); parser.isSet(scheme)
        && !signing::isKnownScheme(schemeName) && !schemeName.startsWith(u"custom:"))
        return usage(QStringLiteral("unknown scheme '%1' (one of %2)%3")
                         .arg(schemeName, signing::schemeNames().join(QStringLiteral(", ")),
                              didYouMeanScheme(schemeName, signing::schemeNames())));

    const QString dbPath = parser.isSet(db) ? parser.value(db) : defaultDatabasePath();
    store::RequestStore store;
    if (const QString error = openStoredDatabase(store, dbPath); !error.isEmpty()) {
        io.err << "hookscope replay: " << error << '\n';
        return Failure;
    }
    const std::optional<Capture> capture = store.load(captureId);
    store.close();
    if (!capture) {
        io.err << "hookscope replay: no request with id " << captureId << " in " << dbPath << '\n';
        return Failure;
    }
    if (const QString problem = compose::replayProblem(*capture); !problem.isEmpty()) {
        io.err << "hookscope replay: " << problem << '\n';
        return Failure;
    }

    compose::OutgoingRequest request = compose::replayRequest(*capture, url);
    request.insecure = parser.isSet(insecure);
    request.timeoutMs = timeoutMs;
    if (parser.isSet(resign)) {
        signing::SecretInput input;
        input.hasInlineSecret = parser.isSet(secret);
        input.inlineSecret = parser.value(secret);
        input.secretFile = parser.value(secretFile);
        const InputResult key = readSecretInput(input);
        if (!key.ok())
            return reportInputError(io.err, name(), key);
        if (key.bytes.isEmpty())
            return usage(QStringLiteral("--resign needs a secret"));
        QString schemeName = parser.value(scheme);
        if (schemeName.isEmpty()) {
            const QStringList detected = signing::detectSchemes(capture->headers);
            if (detected.isEmpty())
                return usage(QStringLiteral("the request carries no signature I recognise: name "
                                            "one with --scheme"));
            schemeName = detected.first();
        }
        signing::SignOptions options;
        options.url = request.url.toString(QUrl::FullyEncoded);
        options.id = signing::existingMessageId(capture->headers);
        const signing::SignResult signature
            = signing::sign(schemeName, key.bytes, request.body, options);
        if (!signature.ok)
            return usage(signature.error);
        for (const HeaderField &field : signing::inFamilyOf(capture->headers, signature.headers))
            compose::setHeader(request.headers, field.name, field.value);
    }

    // The receiver that stored it may be the one it goes back to, over HTTPS (`listen --tls`).
    compose::trustReceiverCertificateIn(QFileInfo(dbPath).absolutePath());
    compose::HttpSender sender;
    const compose::SendResult result = sender.sendAndWait(request);
    if (parser.isSet(json)) {
        compose::JsonValue root = compose::JsonValue::object();
        root.insert(QStringLiteral("id"), compose::JsonValue::number(captureId));
        root.insert(QStringLiteral("url"),
                    compose::JsonValue::string(compose::redactedUrl(request.url)));
        root.insert(QStringLiteral("ok"), compose::JsonValue::boolean(result.succeeded()));
        if (result.gotResponse())
            root.insert(QStringLiteral("response"), responseJson(result));
        else
            root.insert(QStringLiteral("message"),
                        compose::JsonValue::string(
                            compose::withoutUrlPassword(result.message, request.url)));
        io.out << QString::fromUtf8(root.toCompact()) << '\n';
        io.out.flush();
    } else if (result.gotResponse()) {
        printResponse(io, result);
    } else {
        io.err << "hookscope replay: " << compose::withoutUrlPassword(result.message, request.url)
               << '\n';
        io.err.flush();
    }
    return result.succeeded() ? Success : Failure;
}

} // namespace hookscope::cli
