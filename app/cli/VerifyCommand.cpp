#include "cli/VerifyCommand.h"

#include "cli/CommandArguments.h"
#include "cli/InputFiles.h"
#include "cli/RequestIds.h"
#include "cli/SchemeOptions.h"
#include "cli/StoredDatabase.h"
#include "core/Application.h"
#include "core/ClosestName.h"
#include "signing/Signing.h"
#include "store/CaptureExport.h"
#include "store/RequestStore.h"
#include "store/Utf8Text.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>

namespace hookscope::cli {

namespace {

// The request `id` stored in the database at `path`, read beside a running listener (which
// holds the lock); nothing, and why, when there is no such database or request.
std::optional<Capture> loadStoredCapture(const QString &path, qint64 id, QString *error)
{
    store::RequestStore store;
    if (const QString openError = openStoredDatabase(store, path); !openError.isEmpty()) {
        *error = openError;
        return std::nullopt;
    }
    std::optional<Capture> capture = store.load(id);
    store.close();
    if (!capture)
        *error = QStringLiteral("no request with id %1 in %2").arg(id).arg(path);
    return capture;
}

// "#12 POST /github/hook, received 2026-12-03T00:10:00.123456Z": which request --id checked,
// and the time its timestamp is judged against.
QString storedRequestLine(const Capture &capture)
{
    return QStringLiteral("#%1 %2 %3, received %4")
        .arg(capture.id)
        .arg(QString::fromLatin1(capture.method), store::lossyUtf8(capture.target),
             store::isoTimestamp(capture.receivedAtUs));
}

// matched_index counts from 1, as the detail does ("signature 2 of 2 matched"); null when
// no signature matched.
QJsonObject toJson(const signing::Verdict &verdict, const QString &secret,
                   const std::optional<Capture> &stored)
{
    const QJsonValue matchedIndex = verdict.matchedIndex >= 0 ? QJsonValue(verdict.matchedIndex + 1)
                                                              : QJsonValue(QJsonValue::Null);
    QJsonObject object {{QStringLiteral("scheme"), verdict.scheme},
                        {QStringLiteral("verdict"), verdict.verdict},
                        {QStringLiteral("detail"), verdict.detail},
                        {QStringLiteral("received"), QString::fromUtf8(verdict.received)},
                        {QStringLiteral("expected"), QString::fromUtf8(verdict.expected)},
                        {QStringLiteral("diagnosis"), verdict.diagnosis},
                        {QStringLiteral("explained"), verdict.explained},
                        {QStringLiteral("matched_index"), matchedIndex}};
    if (!secret.isEmpty())
        object.insert(QStringLiteral("secret"), secret);
    if (stored) {
        object.insert(QStringLiteral("id"), stored->id);
        object.insert(QStringLiteral("received_at"), store::isoTimestamp(stored->receivedAtUs));
    }
    return object;
}

// Says what the pasted secret looks like and how the scheme uses it; never the secret itself.
QString secretLine(const QByteArray &secret, const signing::Verdict &verdict)
{
    if (secret.isEmpty())
        return {};
    const signing::SecretDescription description = signing::describeSecret(secret, verdict.scheme);
    QStringList parts {description.formatName, description.usage};
    parts += description.warnings;
    return parts.join(QStringLiteral(" — "));
}

void printText(QTextStream &out, const signing::Verdict &verdict, const QString &secret,
               const std::optional<Capture> &stored)
{
    auto line = [&out](const char *label, const QString &value) {
        if (!value.isEmpty())
            out << QString::fromLatin1(label).leftJustified(11) << value << '\n';
    };
    if (stored)
        line("request:", storedRequestLine(*stored));
    line("scheme:", verdict.scheme.isEmpty() ? QStringLiteral("(none detected)") : verdict.scheme);
    line("verdict:", verdict.verdict);
    line("detail:", verdict.detail);
    line("received:", QString::fromUtf8(verdict.received));
    line("expected:", QString::fromUtf8(verdict.expected));
    line("diagnosis:", verdict.diagnosis);
    line("secret:", secret);
}

} // namespace

CommandSyntax VerifyCommand::syntax() const
{
    CommandSyntax syntax(
        name(),
        QStringLiteral(
            "hookscope verify [--scheme SCHEME|auto] [--secret SECRET | --secret-file FILE |\n"
            "                        $HOOKSCOPE_SECRET] [--header 'Name: value']...\n"
            "                        [--headers-file FILE] [--url URL] [--now SECONDS] [--json]\n"
            "                        --body-file FILE|-\n"
            "       hookscope verify [--db PATH] --id ID [--scheme SCHEME|auto] [--secret SECRET\n"
            "                        | --secret-file FILE | $HOOKSCOPE_SECRET] [--url URL]\n"
            "                        [--now SECONDS] [--json]"),
        QStringLiteral(
            "Checks a request's signature and, when it does not match, explains the likely "
            "mistake. The body is used exactly as stored: no newline is added or removed. "
            "With --id, checks a request the receiver stored, with its own headers, body and "
            "URL, as the receiver and the window check it: a timestamp is judged against the "
            "time the request was received, not the time of the check (unless --now says another). "
            "Verdicts: valid, invalid, missing-header, malformed-header, outside-tolerance, "
            "no-secret. A request nothing signed, which listen and export call unsigned, reads "
            "missing-header here: verify expects a signature to check. Without a secret nothing "
            "is checked: the verdict is no-secret (exit 1), naming the scheme and header found; "
            "with --id, a note also gives the verdict the receiver stored when the request "
            "arrived. The expected value is printed for local debugging; the secret never is."));
    syntax.setExitStatus(
        QStringLiteral("0 valid, 1 not valid (any other verdict), a file could not be read, or "
                       "no database or request with that id (--id), 2 usage error."));
    syntax.addChoiceOption(
        QCommandLineOption(QStringLiteral("scheme"),
                           QStringLiteral("Signature scheme, or auto (default)."),
                           QStringLiteral("SCHEME"), QStringLiteral("auto")),
        QStringList {QStringLiteral("auto")} + signing::schemeNames());
    syntax.addOption(QCommandLineOption(QStringLiteral("secret"),
                                        QStringLiteral("The signing secret (visible in the process "
                                                       "list: prefer --secret-file or "
                                                       "$HOOKSCOPE_SECRET)."),
                                        QStringLiteral("SECRET")));
    syntax.addOption(QCommandLineOption(QStringLiteral("secret-file"),
                                        QStringLiteral("Read the secret from a file (one final "
                                                       "newline is ignored)."),
                                        QStringLiteral("FILE")),
                     ValueHint::File);
    syntax.addOption(
        QCommandLineOption(QStringLiteral("header"),
                           QStringLiteral("A request header, \"Name: value\"; repeat for "
                                          "more."),
                           QStringLiteral("HEADER")));
    syntax.addOption(QCommandLineOption(QStringLiteral("headers-file"),
                                        QStringLiteral("Headers, one \"Name: value\" per line "
                                                       "(what `hookscope sign` prints), or a "
                                                       "raw request's head: a request line "
                                                       "first, a blank line after."),
                                        QStringLiteral("FILE")),
                     ValueHint::File);
    syntax.addOption(QCommandLineOption(QStringLiteral("id"),
                                        QStringLiteral("Verify the stored request with this id "
                                                       "(its headers and body; no --header, "
                                                       "--headers-file or --body-file)."),
                                        QStringLiteral("ID")));
    syntax.addOption(
        QCommandLineOption(QStringLiteral("db"),
                           QStringLiteral("Database to read with --id (default: the shared "
                                          "store)."),
                           QStringLiteral("PATH")),
        ValueHint::File);
    syntax.addOption(QCommandLineOption(QStringLiteral("url"),
                                        QStringLiteral("Full URL the request was sent to (Twilio, "
                                                       "{url}; with --id, default: rebuilt from "
                                                       "its Host header and target)."),
                                        QStringLiteral("URL")));
    syntax.addOption(
        QCommandLineOption(QStringLiteral("now"),
                           QStringLiteral("Check timestamps against this Unix time instead "
                                          "of the clock (with --id: instead of the time the "
                                          "request was received, e.g. --now $(date +%s) to "
                                          "ask whether it would pass today)."),
                           QStringLiteral("SECONDS")));
    syntax.addOption(QCommandLineOption(QStringLiteral("tolerance"),
                                        QStringLiteral("Timestamp tolerance in seconds (default: "
                                                       "the scheme's, 300 for Stripe, Slack and "
                                                       "Standard Webhooks)."),
                                        QStringLiteral("SECONDS")));
    syntax.addOption(QCommandLineOption(QStringLiteral("ignore-tolerance"),
                                        QStringLiteral("Accept any timestamp (to check an "
                                                       "old capture).")));
    syntax.addOption(QCommandLineOption(QStringLiteral("other-secret-file"),
                                        QStringLiteral("Another secret you use, for the "
                                                       "diagnosis only; repeat for more."),
                                        QStringLiteral("FILE")),
                     ValueHint::File);
    syntax.addOption(QCommandLineOption(QStringLiteral("body-file"),
                                        QStringLiteral("The body as received, or - for standard "
                                                       "input."),
                                        QStringLiteral("FILE")),
                     ValueHint::File);
    addCustomSchemeOption(syntax);
    syntax.addOption(QCommandLineOption(QStringLiteral("json"),
                                        QStringLiteral("Print the verdict as one JSON object.")));
    syntax.setNotes(schemeNotes(QStringLiteral("Schemes (auto detects them from the headers):")));
    return syntax;
}

int VerifyCommand::execute(const QStringList &arguments, CommandIo &io)
{
    const CommandSyntax syntax = this->syntax();
    QCommandLineParser parser;
    const QCommandLineOption &scheme = syntax.option(u"scheme");
    const QCommandLineOption &secret = syntax.option(u"secret");
    const QCommandLineOption &secretFile = syntax.option(u"secret-file");
    const QCommandLineOption &header = syntax.option(u"header");
    const QCommandLineOption &headersFile = syntax.option(u"headers-file");
    const QCommandLineOption &url = syntax.option(u"url");
    const QCommandLineOption &now = syntax.option(u"now");
    const QCommandLineOption &tolerance = syntax.option(u"tolerance");
    const QCommandLineOption &ignoreTolerance = syntax.option(u"ignore-tolerance");
    const QCommandLineOption &otherSecretFile = syntax.option(u"other-secret-file");
    const QCommandLineOption &bodyFile = syntax.option(u"body-file");
    const QCommandLineOption &json = syntax.option(u"json");
    const QCommandLineOption &id = syntax.option(u"id");
    const QCommandLineOption &db = syntax.option(u"db");

    const auto usageError = usageReporter(io.err, name());
    if (const std::optional<int> exitCode = parseArguments(parser, syntax, arguments, io))
        return *exitCode;
    if (const QString extra = unexpectedArgument(parser); !extra.isEmpty())
        return usageError(extra);
    const QString schemeName = parser.value(scheme);
    if (schemeName != u"auto" && !signing::isKnownScheme(schemeName))
        return usageError(
            QStringLiteral("unknown scheme '%1' (auto or one of %2)%3")
                .arg(schemeName, signing::schemeNames().join(QStringLiteral(", ")),
                     didYouMean(schemeName,
                                QStringList {QStringLiteral("auto")} + signing::schemeNames())));
    // With --id the stored request brings its headers, body and time of arrival.
    const bool fromStore = parser.isSet(id);
    qint64 captureId = 0;
    if (fromStore) {
        const std::optional<qint64> given = parseRequestId(parser.value(id));
        if (!given)
            return usageError(QStringLiteral("--id must name a stored request (12, or #12 as "
                                             "listen prints it), not '%1'")
                                  .arg(parser.value(id)));
        captureId = *given;
        for (const QCommandLineOption *given : {&header, &headersFile, &bodyFile}) {
            if (parser.isSet(*given))
                return usageError(QStringLiteral("--%1 does not go with --id: the stored "
                                                 "request's own headers and body are checked")
                                      .arg(given->names().constFirst()));
        }
    } else {
        if (parser.isSet(db))
            return usageError(QStringLiteral("--db goes with --id (the stored request to check)"));
        if (!parser.isSet(bodyFile))
            return usageError(QStringLiteral("--body-file is required (- for standard input), "
                                             "or --id for a stored request"));
    }

    signing::VerifyOptions options;
    if (const QString problem = readCustomSchemeOption(parser, schemeName, &options.custom);
        !problem.isEmpty())
        return usageError(problem);
    if (parser.isSet(now)) {
        bool ok = false;
        options.now = parser.value(now).toLongLong(&ok);
        if (!ok || *options.now < 0)
            return usageError(QStringLiteral("--now must be Unix seconds"));
    }
    if (parser.isSet(tolerance)) {
        bool ok = false;
        options.toleranceSeconds = parser.value(tolerance).toInt(&ok);
        if (!ok || *options.toleranceSeconds < 0)
            return usageError(QStringLiteral("--tolerance must be a number of seconds"));
    }
    options.ignoreTolerance = parser.isSet(ignoreTolerance);
    options.url = parser.value(url);

    QString error;
    HeaderList headers;
    if (parser.isSet(headersFile)) {
        const QString path = parser.value(headersFile);
        const InputResult file = readInputFile(path, QStringLiteral("headers file"));
        if (!file.ok())
            return reportInputError(io.err, name(), file);
        const auto parsed = signing::parseHeaderBlock(file.bytes, &error);
        if (!parsed)
            return usageError(QStringLiteral("--headers-file %1: %2").arg(path, error));
        headers = parsed->headers;
        if (parsed->bodyFollows)
            io.err << "note: the headers file has a body after its blank line; it is not used "
                      "(the body comes from --body-file)\n";
    }
    for (const QString &line : parser.values(header)) {
        const auto parsed = signing::parseHeaderLine(line.toUtf8(), &error);
        if (!parsed)
            return usageError(QStringLiteral("--header: %1").arg(error));
        headers.append(*parsed);
    }
    const InputResult secretResult
        = readSecretInput({parser.value(secret), parser.isSet(secret), parser.value(secretFile)});
    if (!secretResult.ok())
        return reportInputError(io.err, name(), secretResult);
    for (const QString &path : parser.values(otherSecretFile)) {
        const InputResult other = readSecretFileInput(path);
        if (!other.ok())
            return reportInputError(io.err, name(), other);
        options.otherSecrets.append(other.bytes);
        options.otherSecretNames.append(path);
    }
    // Without any header there is nothing to check: said as a usage error, not as a verdict
    // about a request nobody described.
    if (!fromStore && !parser.isSet(header) && !parser.isSet(headersFile))
        return usageError(QStringLiteral("no headers given: pass the request's signature header "
                                         "with --header 'Name: value' or --headers-file F, or "
                                         "--id for a stored request"));

    signing::Verdict verdict;
    std::optional<Capture> stored;
    if (fromStore) {
        const QString dbPath = parser.isSet(db) ? parser.value(db) : defaultDatabasePath();
        QString problem;
        stored = loadStoredCapture(dbPath, captureId, &problem);
        if (!stored) {
            io.err << "hookscope verify: " << problem << '\n';
            return Failure;
        }
        // The receiver does not verify what it refused: the body is the raw bytes that arrived.
        if (stored->malformed) {
            io.err << "hookscope verify: request " << captureId << " was refused as malformed ("
                   << stored->responseStatus << ": " << stored->parseError
                   << "); what was kept are the bytes that arrived, not a request to verify\n";
            return Failure;
        }
        // The same call as the receiver and the window, so the verdict is theirs: the URL from
        // the Host header and target (unless --url), the timestamp against the time received.
        verdict = signing::verifyCapture(schemeName, secretResult.bytes, *stored, options);
        // Nothing was checked now, but the receiver checked it with the secret it had.
        if (secretResult.bytes.isEmpty() && !stored->signature.verdict.isEmpty())
            io.err << "note: no secret given (--secret, --secret-file or HOOKSCOPE_SECRET), so "
                      "nothing was checked now; when it arrived, the receiver's verdict was "
                   << stored->signature.verdict
                   << (stored->signature.scheme.isEmpty()
                           ? QString()
                           : QStringLiteral(" (%1)").arg(stored->signature.scheme))
                   << '\n';
    } else {
        const InputResult body = readBodyInput(parser.value(bodyFile), io.in);
        if (!body.ok())
            return reportInputError(io.err, name(), body);
        verdict = signing::verify(schemeName, secretResult.bytes, headers, body.bytes, options);
        // An empty body is mostly a body that never arrived (nothing piped into --body-file -).
        if (body.bytes.isEmpty() && verdict.verdict == signing::verdicts::invalid)
            verdict.diagnosis = QStringLiteral("The body is empty (0 bytes): was --body-file the "
                                               "request's body? ")
                + verdict.diagnosis;
    }
    const QString secretText = secretLine(secretResult.bytes, verdict);
    if (parser.isSet(json))
        io.out << QString::fromUtf8(
            QJsonDocument(toJson(verdict, secretText, stored)).toJson(QJsonDocument::Compact))
               << '\n';
    else
        printText(io.out, verdict, secretText, stored);
    io.out.flush();
    return verdict.isValid() ? Success : Failure;
}

} // namespace hookscope::cli
