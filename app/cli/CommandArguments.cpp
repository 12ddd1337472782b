#include "cli/CommandArguments.h"

namespace hookscope::cli {

int reportUsageError(QTextStream &err, const QString &command, const QString &message)
{
    err << "hookscope " << command << ": " << message << "\nRun 'hookscope " << command
        << " --help' for usage.\n";
    err.flush();
    return UsageError;
}

std::function<int(const QString &message)> usageReporter(QTextStream &err, const QString &command)
{
    return
        [&err, command](const QString &message) { return reportUsageError(err, command, message); };
}

std::optional<int> parseArguments(QCommandLineParser &parser, const CommandSyntax &syntax,
                                  const QStringList &arguments, CommandIo &io)
{
    syntax.configure(parser);
    if (!parser.parse(arguments))
        return reportUsageError(io.err, syntax.name(), syntax.parseError(parser));
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << syntax.helpText(parser);
        io.out.flush();
        return Success;
    }
    return std::nullopt;
}

QString unexpectedArgument(const QCommandLineParser &parser)
{
    const QStringList positional = parser.positionalArguments();
    return positional.isEmpty()
        ? QString()
        : QStringLiteral("unexpected argument '%1'").arg(positional.first());
}

} // namespace hookscope::cli
