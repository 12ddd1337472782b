#include "cli/TemplatesCommand.h"

#include "cli/CommandArguments.h"
#include "cli/InputFiles.h"
#include "compose/JsonOverride.h"
#include "compose/OrderedJson.h"
#include "compose/Placeholders.h"
#include "compose/SendTypes.h"
#include "compose/SignerFactory.h"
#include "compose/TemplateLibrary.h"
#include "compose/TemplateSuggestion.h"

#include <QCommandLineParser>

namespace hookscope::cli {

using namespace hookscope::compose;

CommandSyntax TemplatesCommand::syntax() const
{
    CommandSyntax syntax(
        name(),
        QStringLiteral("hookscope templates [--json | --names] [--render NAME [--set "
                       "PATH=VALUE]... [--secret-file FILE]]"),
        QStringLiteral(
            "List the event templates (built in, and yours in the data folder), or render one."));
    syntax.setExitStatus(
        QStringLiteral("0 listed or rendered, 1 the secret file could not be read, 2 usage error "
                       "(such as an unknown template)."));
    syntax.addOption(QCommandLineOption(QStringLiteral("json"),
                                        QStringLiteral("Print JSON instead of a table.")));
    syntax.addOption(QCommandLineOption(QStringLiteral("names"),
                                        QStringLiteral("Print only the names, one per line (for "
                                                       "scripts and shell completion).")));
    syntax.addOption(QCommandLineOption(QStringLiteral("render"),
                                        QStringLiteral("Print template NAME's headers and body "
                                                       "with placeholders filled."),
                                        QStringLiteral("NAME")),
                     ValueHint::Template);
    syntax.addOption(QCommandLineOption(QStringLiteral("set"),
                                        QStringLiteral("With --render: override a JSON field."),
                                        QStringLiteral("PATH=VALUE")));
    syntax.addOption(QCommandLineOption(QStringLiteral("secret"),
                                        QStringLiteral("With --render: sign with this secret "
                                                       "(or --secret-file, or "
                                                       "HOOKSCOPE_SECRET), as send does."),
                                        QStringLiteral("SECRET")));
    syntax.addOption(QCommandLineOption(QStringLiteral("secret-file"),
                                        QStringLiteral("With --render: read the signing "
                                                       "secret from FILE."),
                                        QStringLiteral("FILE")),
                     ValueHint::File);
    syntax.addOption(QCommandLineOption(QStringLiteral("url"),
                                        QStringLiteral("With --render: the URL it would go to "
                                                       "(schemes that sign it, e.g. Twilio)."),
                                        QStringLiteral("URL")));
    return syntax;
}

int TemplatesCommand::execute(const QStringList &arguments, CommandIo &io)
{
    const CommandSyntax syntax = this->syntax();
    QCommandLineParser parser;
    const QCommandLineOption &jsonOption = syntax.option(u"json");
    const QCommandLineOption &namesOption = syntax.option(u"names");
    const QCommandLineOption &renderOption = syntax.option(u"render");
    const QCommandLineOption &setOption = syntax.option(u"set");
    const QCommandLineOption &secretOption = syntax.option(u"secret");
    const QCommandLineOption &secretFileOption = syntax.option(u"secret-file");
    const QCommandLineOption &urlOption = syntax.option(u"url");
    const auto usage = usageReporter(io.err, name());
    if (const std::optional<int> exitCode = parseArguments(parser, syntax, arguments, io))
        return *exitCode;
    if (const QString extra = unexpectedArgument(parser); !extra.isEmpty())
        return usage(extra);

    TemplateLibrary library;
    for (const QString &problem : library.loadErrors())
        io.err << "warning: skipped template " << problem << '\n';
    io.err.flush();
    const bool json = parser.isSet(jsonOption);
    if (parser.isSet(namesOption) && (json || parser.isSet(renderOption)))
        return usage(
            QStringLiteral("--names goes alone: it lists names, without --json or --render"));

    if (parser.isSet(renderOption)) {
        const auto found = library.find(parser.value(renderOption));
        if (!found)
            return usage(QStringLiteral("no template '%1'%2")
                             .arg(parser.value(renderOption),
                                  didYouMean(library.templates(), parser.value(renderOption))));
        PlaceholderContext context;
        RenderedEvent event;
        QString error;
        if (!renderTemplate(*found, context, &event, &error))
            return usage(error);
        // Notes (a new key that looks like a mistyped one, say) wait until the secret is read,
        // as in `send`: a refused command says only why.
        QStringList notes;
        for (const QString &assignment : parser.values(setOption)) {
            JsonOverride override;
            QString note;
            if (!JsonOverride::parse(assignment, &override, &error)
                || !applyOverride(event.body, override, &error, &note))
                return usage(error);
            if (!note.isEmpty())
                notes << note;
        }
        // Signed as `send` signs it, so what is shown is what would go out; without a secret
        // the template's {{signature}} slots stay, to show where the signature goes.
        const InputResult secret
            = readSecretInput({parser.value(secretOption), parser.isSet(secretOption),
                               parser.value(secretFileOption)});
        if (!secret.ok())
            return reportInputError(io.err, name(), secret);
        bool signedEvent = false;
        if (!secret.bytes.isEmpty() && !event.scheme.isEmpty()) {
            const BodySigner signer = makeSigner(event.scheme, secret.bytes, &error);
            if (!signer)
                return usage(error);
            const SignOutcome outcome = signer(
                event.body,
                {event.scheme, event.eventId, event.timestamp, QUrl(parser.value(urlOption))});
            if (!outcome.ok)
                return usage(outcome.error);
            for (const HeaderField &field : outcome.headers)
                setHeader(event.headers, field.name, field.value);
            dropSignatureSlots(event.headers);
            signedEvent = true;
        } else if (!secret.bytes.isEmpty()) {
            return usage(QStringLiteral("template '%1' names no scheme to sign with")
                             .arg(event.templateName));
        } else if (!event.scheme.isEmpty() && !json) {
            io.err << "note: unsigned; " << event.scheme
                   << " signature headers are filled with --secret, --secret-file or "
                      "HOOKSCOPE_SECRET\n";
            io.err.flush();
        }
        for (const QString &note : std::as_const(notes))
            io.err << note << '\n';
        io.err.flush();
        if (json) {
            JsonValue root = JsonValue::object();
            root.insert(QStringLiteral("name"), JsonValue::string(event.templateName));
            root.insert(QStringLiteral("scheme"), JsonValue::string(event.scheme));
            root.insert(QStringLiteral("method"),
                        JsonValue::string(QString::fromLatin1(event.method)));
            root.insert(QStringLiteral("event_id"), JsonValue::string(event.eventId));
            root.insert(QStringLiteral("signed"), JsonValue::boolean(signedEvent));
            JsonValue headers = JsonValue::array();
            for (const HeaderField &field : event.headers) {
                JsonValue pair = JsonValue::array();
                pair.append(JsonValue::string(QString::fromUtf8(field.name)));
                pair.append(JsonValue::string(QString::fromUtf8(field.value)));
                headers.append(pair);
            }
            root.insert(QStringLiteral("headers"), headers);
            root.insert(QStringLiteral("body"), JsonValue::string(QString::fromUtf8(event.body)));
            io.out << QString::fromUtf8(root.toCompact()) << '\n';
        } else {
            io.out << event.method << " (" << event.templateName << ", scheme "
                   << (event.scheme.isEmpty() ? QStringLiteral("none") : event.scheme) << ")\n";
            for (const HeaderField &field : event.headers)
                io.out << QString::fromUtf8(field.name) << ": " << QString::fromUtf8(field.value)
                       << '\n';
            io.out << '\n' << QString::fromUtf8(event.body) << '\n';
        }
        io.out.flush();
        return Success;
    }

    const QList<EventTemplate> templates = library.templates();
    if (parser.isSet(namesOption)) {
        for (const EventTemplate &t : templates)
            io.out << t.name() << '\n';
        io.out.flush();
        return Success;
    }
    if (json) {
        JsonValue array = JsonValue::array();
        for (const EventTemplate &t : templates) {
            JsonValue item = JsonValue::object();
            item.insert(QStringLiteral("name"), JsonValue::string(t.name()));
            item.insert(QStringLiteral("provider"), JsonValue::string(t.provider));
            item.insert(QStringLiteral("event"), JsonValue::string(t.event));
            item.insert(QStringLiteral("scheme"), JsonValue::string(t.scheme));
            item.insert(QStringLiteral("retry_schedule"), JsonValue::string(t.retrySchedule));
            item.insert(QStringLiteral("description"), JsonValue::string(t.description));
            item.insert(QStringLiteral("source"),
                        JsonValue::string(t.builtIn ? QStringLiteral("built-in") : t.sourcePath));
            array.append(item);
        }
        io.out << QString::fromUtf8(array.toPretty()) << '\n';
        io.out.flush();
        return Success;
    }
    qsizetype nameWidth = 4;
    qsizetype schemeWidth = 6;
    for (const EventTemplate &t : templates) {
        nameWidth = qMax(nameWidth, t.name().size());
        schemeWidth = qMax(schemeWidth, t.scheme.size());
    }
    io.out << QStringLiteral("NAME").leftJustified(nameWidth + 2)
           << QStringLiteral("SCHEME").leftJustified(schemeWidth + 2) << "DESCRIPTION\n";
    for (const EventTemplate &t : templates) {
        io.out
            << t.name().leftJustified(nameWidth + 2)
            << (t.scheme.isEmpty() ? QStringLiteral("-") : t.scheme).leftJustified(schemeWidth + 2)
            << t.description << (t.builtIn ? QString() : QStringLiteral(" [user]")) << '\n';
    }
    io.out.flush();
    return Success;
}

} // namespace hookscope::cli
