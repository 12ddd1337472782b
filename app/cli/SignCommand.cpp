#include "cli/SignCommand.h"

#include "cli/CommandArguments.h"
#include "cli/InputFiles.h"
#include "cli/ResponseOutput.h"
#include "cli/SchemeOptions.h"
#include "core/ClosestName.h"
#include "signing/Signing.h"

#include <QCommandLineParser>

#include <algorithm>

namespace hookscope::cli {

namespace {

// Unix seconds reach 100,000,000,000 in the year 5138; milliseconds passed it in 1973.
constexpr qint64 kMillisecondsFrom = 100'000'000'000LL;

} // namespace

CommandSyntax SignCommand::syntax() const
{
    CommandSyntax syntax(
        name(),
        QStringLiteral(
            "hookscope sign --scheme SCHEME (--secret SECRET | --secret-file FILE | "
            "$HOOKSCOPE_SECRET)\n"
            "                      [--timestamp SECONDS] [--id ID] [--url URL] [--event EVENT] "
            "[--json]\n"
            "                      --body-file FILE|-"),
        QStringLiteral(
            "Prints the headers to send with the body, one \"Name: value\" per line, or with "
            "--json one JSON object for scripts. The body is signed exactly as stored: no "
            "newline is added or removed."));
    syntax.setExitStatus(QStringLiteral("0 signed, 1 signing failed or a file could not be "
                                        "read, 2 usage error (also a secret the scheme cannot "
                                        "decode)."));
    syntax.addChoiceOption(QCommandLineOption(QStringLiteral("scheme"),
                                              QStringLiteral("Signature scheme (see below)."),
                                              QStringLiteral("SCHEME")),
                           signing::schemeNames());
    syntax.addOption(
        QCommandLineOption(QStringLiteral("secret"),
                           QStringLiteral("The signing secret (visible to other users in "
                                          "the process list: prefer --secret-file or "
                                          "$HOOKSCOPE_SECRET)."),
                           QStringLiteral("SECRET")));
    syntax.addOption(QCommandLineOption(QStringLiteral("secret-file"),
                                        QStringLiteral("Read the secret from a file (one final "
                                                       "newline is ignored)."),
                                        QStringLiteral("FILE")),
                     ValueHint::File);
    syntax.addOption(QCommandLineOption(QStringLiteral("timestamp"),
                                        QStringLiteral("Unix time in seconds to sign (default "
                                                       "now)."),
                                        QStringLiteral("SECONDS")));
    syntax.addOption(QCommandLineOption(
        QStringLiteral("id"), QStringLiteral("Webhook id (generated when the scheme needs one)."),
        QStringLiteral("ID")));
    syntax.addOption(QCommandLineOption(
        QStringLiteral("url"), QStringLiteral("Full URL the request goes to (Twilio, {url})."),
        QStringLiteral("URL")));
    syntax.addOption(QCommandLineOption(QStringLiteral("event"),
                                        QStringLiteral("Also print the scheme's event header with "
                                                       "this value."),
                                        QStringLiteral("EVENT")));
    syntax.addOption(
        QCommandLineOption(QStringLiteral("body-file"),
                           QStringLiteral("The body to sign, or - for standard input."),
                           QStringLiteral("FILE")),
        ValueHint::File);
    syntax.addOption(QCommandLineOption(
        QStringLiteral("json"),
        QStringLiteral("Print one JSON object: {\"scheme\", \"headers\": [[name, value], "
                       "...]}, the headers in the order to send them.")));
    addCustomSchemeOption(syntax);
    syntax.setNotes(schemeNotes(QStringLiteral("Schemes:")));
    return syntax;
}

int SignCommand::execute(const QStringList &arguments, CommandIo &io)
{
    const CommandSyntax syntax = this->syntax();
    QCommandLineParser parser;
    const QCommandLineOption &scheme = syntax.option(u"scheme");
    const QCommandLineOption &secret = syntax.option(u"secret");
    const QCommandLineOption &secretFile = syntax.option(u"secret-file");
    const QCommandLineOption &timestamp = syntax.option(u"timestamp");
    const QCommandLineOption &id = syntax.option(u"id");
    const QCommandLineOption &url = syntax.option(u"url");
    const QCommandLineOption &event = syntax.option(u"event");
    const QCommandLineOption &bodyFile = syntax.option(u"body-file");
    const QCommandLineOption &json = syntax.option(u"json");

    const auto usageError = usageReporter(io.err, name());
    if (const std::optional<int> exitCode = parseArguments(parser, syntax, arguments, io))
        return *exitCode;
    if (const QString extra = unexpectedArgument(parser); !extra.isEmpty())
        return usageError(extra);
    const QString schemeName = parser.value(scheme);
    if (schemeName.isEmpty())
        return usageError(QStringLiteral("--scheme is required (one of %1)")
                              .arg(signing::schemeNames().join(QStringLiteral(", "))));
    if (!signing::isKnownScheme(schemeName))
        return usageError(QStringLiteral("unknown scheme '%1' (one of %2)%3")
                              .arg(schemeName, signing::schemeNames().join(QStringLiteral(", ")),
                                   didYouMean(schemeName, signing::schemeNames())));
    if (!parser.isSet(bodyFile))
        return usageError(QStringLiteral("--body-file is required (- for standard input)"));

    signing::SignOptions options;
    if (const QString problem = readCustomSchemeOption(parser, schemeName, &options.custom);
        !problem.isEmpty())
        return usageError(problem);
    if (parser.isSet(timestamp)) {
        bool ok = false;
        options.timestamp = parser.value(timestamp).toLongLong(&ok);
        if (!ok || *options.timestamp < 0)
            return usageError(QStringLiteral("--timestamp must be Unix seconds"));
    }
    options.id = parser.value(id).toUtf8();
    options.url = parser.value(url);
    options.event = parser.value(event).toUtf8();

    const InputResult secretResult
        = readSecretInput({parser.value(secret), parser.isSet(secret), parser.value(secretFile)});
    if (!secretResult.ok())
        return reportInputError(io.err, name(), secretResult);
    if (secretResult.bytes.isEmpty())
        return usageError(QStringLiteral("no secret: give --secret, --secret-file or set "
                                         "HOOKSCOPE_SECRET"));
    const InputResult body = readBodyInput(parser.value(bodyFile), io.in);
    if (!body.ok())
        return reportInputError(io.err, name(), body);

    if (const QString problem
        = signing::secretProblem(schemeName, secretResult.bytes, options.custom);
        !problem.isEmpty())
        return usageError(problem);
    const signing::SignResult result
        = signing::sign(schemeName, secretResult.bytes, body.bytes, options);
    // A scheme that signs the URL without one (--url) is the caller's to fix: a usage error.
    if (result.needsUrl)
        return usageError(result.error);
    if (!result.ok) {
        io.err << "hookscope sign: " << result.error << "\n";
        return Failure;
    }
    if (parser.isSet(json)) {
        // Several headers in "Name: value" lines do not survive curl -H "$(...)" whole; a
        // script takes them from here.
        compose::JsonValue root = compose::JsonValue::object();
        root.insert(QStringLiteral("scheme"), compose::JsonValue::string(schemeName));
        root.insert(QStringLiteral("headers"), headersJson(result.headers));
        io.out << QString::fromUtf8(root.toCompact()) << '\n';
    } else {
        for (const HeaderField &header : result.headers)
            io.out << QString::fromUtf8(header.name) << ": " << QString::fromUtf8(header.value)
                   << '\n';
    }
    io.out.flush();
    // Said, not refused: the headers are what was asked for, but not what a user meant.
    const auto carriesEvent = [&options](const HeaderField &h) { return h.value == options.event; };
    if (!options.event.isEmpty()
        && std::none_of(result.headers.cbegin(), result.headers.cend(), carriesEvent))
        io.err << "hookscope sign: note: " << signing::schemeTitle(schemeName)
               << " has no event header, so --event is not printed\n";
    const auto carriesTimestamp = [&options](const HeaderField &h) {
        return h.value.contains(QByteArray::number(*options.timestamp));
    };
    const auto carriesId
        = [&options](const HeaderField &h) { return h.value.contains(options.id); };
    const bool usesTimestamp = options.timestamp
        && std::any_of(result.headers.cbegin(), result.headers.cend(), carriesTimestamp);
    if (options.timestamp && !usesTimestamp)
        io.err << "hookscope sign: note: " << signing::schemeTitle(schemeName)
               << " signs no timestamp, so --timestamp is not used\n";
    if (!options.id.isEmpty()
        && std::none_of(result.headers.cbegin(), result.headers.cend(), carriesId))
        io.err << "hookscope sign: note: " << signing::schemeTitle(schemeName)
               << " sends no webhook id, so --id is not used\n";
    if (usesTimestamp && *options.timestamp >= kMillisecondsFrom)
        io.err << "hookscope sign: note: --timestamp " << *options.timestamp
               << " looks like milliseconds; receivers read Unix seconds and will refuse it as "
                  "far in the future\n";
    return Success;
}

} // namespace hookscope::cli
