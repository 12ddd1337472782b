#include "cli/VerifyCommand.h"

#include "cli/InputFiles.h"
#include "signing/Signing.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>

namespace hookscope::cli {

namespace {

QString schemesHelp()
{
    QString text = QStringLiteral("\nSchemes (auto detects them from the headers):\n");
    for (const QString &name : signing::schemeNames())
        text += QStringLiteral("  %1 %2\n")
                    .arg(name.leftJustified(20), signing::schemeSummary(name));
    return text;
}

// matched_index counts from 1, as the detail does ("signature 2 of 2 matched"); null when
// no signature matched.
QJsonObject toJson(const signing::Verdict &verdict, const QString &secret)
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

void printText(QTextStream &out, const signing::Verdict &verdict, const QString &secret)
{
    auto line = [&out](const char *label, const QString &value) {
        if (!value.isEmpty())
            out << QString::fromLatin1(label).leftJustified(11) << value << '\n';
    };
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
            "hookscope verify [--scheme SCHEME|auto] (--secret SECRET | --secret-file FILE |\n"
            "                        $HOOKSCOPE_SECRET) [--header 'Name: value']...\n"
            "                        [--headers-file FILE] [--url URL] [--now SECONDS] [--json]\n"
            "                        --body-file FILE|-"),
        QStringLiteral(
            "Checks a request's signature and, when it does not match, explains the likely "
            "mistake. The body is used exactly as stored: no newline is added or removed. "
            "Verdicts: valid, invalid, missing-header, malformed-header, outside-tolerance, "
            "no-secret. The expected value is printed for local debugging; the secret "
            "never is."));
    syntax.setExitStatus(
        QStringLiteral("0 valid, 1 not valid (any other verdict) or a file could not be read, 2 "
                       "usage error."));
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
    syntax.addOption(QCommandLineOption(QStringLiteral("url"),
                                        QStringLiteral("Full URL the request was sent to (Twilio, "
                                                       "{url})."),
                                        QStringLiteral("URL")));
    syntax.addOption(
        QCommandLineOption(QStringLiteral("now"),
                           QStringLiteral("Check timestamps against this Unix time instead "
                                          "of the clock."),
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
    syntax.addOption(QCommandLineOption(
        QStringLiteral("custom"), QStringLiteral("Settings of the custom scheme (see below)."),
        QStringLiteral("SPEC")));
    syntax.addOption(QCommandLineOption(QStringLiteral("json"),
                                        QStringLiteral("Print the verdict as one JSON object.")));
    syntax.setNotes(schemesHelp().mid(1) + u'\n' + signing::customSchemeHelp());
    return syntax;
}

int VerifyCommand::execute(const QStringList &arguments, CommandIo &io)
{
    const CommandSyntax syntax = this->syntax();
    QCommandLineParser parser;
    syntax.configure(parser);
    const QCommandLineOption &help = syntax.option(u"help");
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
    const QCommandLineOption &custom = syntax.option(u"custom");
    const QCommandLineOption &json = syntax.option(u"json");

    auto usageError = [&io](const QString &message) {
        io.err << "hookscope verify: " << message << "\nRun 'hookscope verify --help' for usage.\n";
        return int(UsageError);
    };
    if (!parser.parse(arguments))
        return usageError(syntax.parseError(parser));
    if (parser.isSet(help)) {
        io.out << syntax.helpText(parser);
        return Success;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(
            QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    const QString schemeName = parser.value(scheme);
    if (schemeName != u"auto" && !signing::isKnownScheme(schemeName))
        return usageError(QStringLiteral("unknown scheme '%1' (auto or one of %2)")
                              .arg(schemeName, signing::schemeNames().join(QStringLiteral(", "))));
    if (!parser.isSet(bodyFile))
        return usageError(QStringLiteral("--body-file is required (- for standard input)"));

    signing::VerifyOptions options;
    if (parser.isSet(custom)) {
        QString error;
        options.custom = signing::parseCustomScheme(parser.value(custom), &error);
        if (!options.custom)
            return usageError(QStringLiteral("--custom: %1").arg(error));
    } else if (schemeName == u"custom") {
        return usageError(QStringLiteral("--scheme custom needs --custom SPEC"));
    }
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
    if (!parser.isSet(header) && !parser.isSet(headersFile))
        return usageError(QStringLiteral("no headers given: pass the request's signature header "
                                         "with --header 'Name: value' or --headers-file F"));
    const InputResult body = readBodyInput(parser.value(bodyFile), io.in);
    if (!body.ok())
        return reportInputError(io.err, name(), body);

    signing::Verdict verdict
        = signing::verify(schemeName, secretResult.bytes, headers, body.bytes, options);
    // An empty body is mostly a body that never arrived (nothing piped into --body-file -).
    if (body.bytes.isEmpty() && verdict.verdict == signing::verdicts::invalid)
        verdict.diagnosis = QStringLiteral("The body is empty (0 bytes): was --body-file the "
                                           "request's body? ")
            + verdict.diagnosis;
    const QString secretText = secretLine(secretResult.bytes, verdict);
    if (parser.isSet(json))
        io.out << QString::fromUtf8(
            QJsonDocument(toJson(verdict, secretText)).toJson(QJsonDocument::Compact))
               << '\n';
    else
        printText(io.out, verdict, secretText);
    io.out.flush();
    return verdict.isValid() ? Success : Failure;
}

} // namespace hookscope::cli
