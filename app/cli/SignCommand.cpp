#include "cli/SignCommand.h"

#include "signing/CommandLineInputs.h"
#include "signing/Signing.h"

#include <QCommandLineParser>

namespace hookscope::cli {

namespace {

QString usage()
{
    return QStringLiteral(
        "Usage: hookscope sign --scheme SCHEME (--secret S | --secret-file F | $HOOKSCOPE_SECRET)\n"
        "                      [--timestamp T] [--id ID] [--url URL] [--event E] --body-file F|-\n"
        "Prints the headers to send with the body, one \"Name: value\" per line. The body is\n"
        "signed exactly as stored: no newline is added or removed.\n");
}

QString schemesHelp()
{
    QString text = QStringLiteral("\nSchemes:\n");
    for (const QString &name : signing::schemeNames())
        text += QStringLiteral("  %1 %2\n")
                    .arg(name.leftJustified(20), signing::schemeSummary(name));
    return text;
}

} // namespace

int SignCommand::execute(const QStringList &arguments, CommandIo &io)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    const QCommandLineOption scheme(QStringLiteral("scheme"),
                                    QStringLiteral("Signature scheme (see below)."),
                                    QStringLiteral("scheme"));
    const QCommandLineOption secret(QStringLiteral("secret"),
                                    QStringLiteral("The signing secret (visible to other users in "
                                                   "the process list: prefer --secret-file or "
                                                   "$HOOKSCOPE_SECRET)."),
                                    QStringLiteral("secret"));
    const QCommandLineOption secretFile(QStringLiteral("secret-file"),
                                        QStringLiteral("Read the secret from a file (one final "
                                                       "newline is ignored)."),
                                        QStringLiteral("file"));
    const QCommandLineOption timestamp(QStringLiteral("timestamp"),
                                       QStringLiteral("Unix time in seconds to sign (default "
                                                      "now)."),
                                       QStringLiteral("seconds"));
    const QCommandLineOption id(QStringLiteral("id"),
                                QStringLiteral("Webhook id (generated when the scheme needs one)."),
                                QStringLiteral("id"));
    const QCommandLineOption url(QStringLiteral("url"),
                                 QStringLiteral("Full URL the request goes to (Twilio, {url})."),
                                 QStringLiteral("url"));
    const QCommandLineOption event(QStringLiteral("event"),
                                   QStringLiteral("Also print the scheme's event header with "
                                                  "this value."),
                                   QStringLiteral("event"));
    const QCommandLineOption bodyFile(QStringLiteral("body-file"),
                                      QStringLiteral("The body to sign, or - for standard input."),
                                      QStringLiteral("file"));
    const QCommandLineOption custom(QStringLiteral("custom"),
                                    QStringLiteral("Settings of the custom scheme (see below)."),
                                    QStringLiteral("spec"));
    parser.addOptions(
        {help, scheme, secret, secretFile, timestamp, id, url, event, bodyFile, custom});

    if (!parser.parse(arguments)) {
        io.err << "hookscope sign: " << parser.errorText() << "\n";
        return UsageError;
    }
    if (parser.isSet(help)) {
        io.out << usage() << "\nOptions:\n"
               << parser.helpText().section(QStringLiteral("Options:\n"), 1) << schemesHelp()
               << '\n'
               << signing::customSchemeHelp();
        return Success;
    }
    auto usageError = [&io](const QString &message) {
        io.err << "hookscope sign: " << message << "\n";
        return int(UsageError);
    };
    if (!parser.positionalArguments().isEmpty())
        return usageError(
            QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    const QString schemeName = parser.value(scheme);
    if (schemeName.isEmpty())
        return usageError(QStringLiteral("--scheme is required (one of %1)")
                              .arg(signing::schemeNames().join(QStringLiteral(", "))));
    if (!signing::isKnownScheme(schemeName))
        return usageError(QStringLiteral("unknown scheme \"%1\" (one of %2)")
                              .arg(schemeName, signing::schemeNames().join(QStringLiteral(", "))));
    if (!parser.isSet(bodyFile))
        return usageError(QStringLiteral("--body-file is required (- for standard input)"));

    signing::SignOptions options;
    if (parser.isSet(custom)) {
        QString error;
        options.custom = signing::parseCustomScheme(parser.value(custom), &error);
        if (!options.custom)
            return usageError(QStringLiteral("--custom: %1").arg(error));
    } else if (schemeName == u"custom") {
        return usageError(QStringLiteral("--scheme custom needs --custom SPEC"));
    }
    if (parser.isSet(timestamp)) {
        bool ok = false;
        options.timestamp = parser.value(timestamp).toLongLong(&ok);
        if (!ok || *options.timestamp < 0)
            return usageError(QStringLiteral("--timestamp must be Unix seconds"));
    }
    options.id = parser.value(id).toUtf8();
    options.url = parser.value(url);
    options.event = parser.value(event).toUtf8();

    const signing::SecretResult secretResult = signing::readSecret(
        {parser.value(secret), parser.isSet(secret), parser.value(secretFile)});
    if (!secretResult.ok)
        return usageError(secretResult.error);
    if (secretResult.secret.isEmpty())
        return usageError(QStringLiteral("no secret: give --secret, --secret-file or set "
                                         "HOOKSCOPE_SECRET"));
    QString error;
    const auto body = signing::readBody(parser.value(bodyFile), io.in, &error);
    if (!body)
        return usageError(error);

    if (const QString problem
        = signing::secretProblem(schemeName, secretResult.secret, options.custom);
        !problem.isEmpty())
        return usageError(problem);
    const signing::SignResult result
        = signing::sign(schemeName, secretResult.secret, *body, options);
    if (!result.ok) {
        io.err << "hookscope sign: " << result.error << "\n";
        return Failure;
    }
    for (const HeaderField &header : result.headers)
        io.out << QString::fromUtf8(header.name) << ": " << QString::fromUtf8(header.value) << '\n';
    io.out.flush();
    return Success;
}

} // namespace hookscope::cli
