#include "cli/CommandLine.h"

#include "cli/CompletionCommand.h"
#include "cli/ExportCommand.h"
#include "cli/ListenCommand.h"
#include "cli/ManPage.h"
#include "cli/ReplayCommand.h"
#include "cli/SendCommand.h"
#include "cli/SignCommand.h"
#include "cli/TemplatesCommand.h"
#include "cli/VerifyCommand.h"
#include "core/ClosestName.h"
#include "core/Version.h"

namespace hookscope::cli {

std::vector<std::unique_ptr<Command>> allCommands()
{
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(std::make_unique<ListenCommand>());
    commands.push_back(std::make_unique<SendCommand>());
    commands.push_back(std::make_unique<SignCommand>());
    commands.push_back(std::make_unique<VerifyCommand>());
    commands.push_back(std::make_unique<ExportCommand>());
    commands.push_back(std::make_unique<ReplayCommand>());
    commands.push_back(std::make_unique<TemplatesCommand>());
    commands.push_back(std::make_unique<CompletionCommand>());
    return commands;
}

QList<QCommandLineOption> topLevelOptions()
{
    return {QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")},
                               QStringLiteral("Show this help; 'hookscope COMMAND --help' for a "
                                              "command's own.")),
            QCommandLineOption({QStringLiteral("v"), QStringLiteral("version")},
                               QStringLiteral("Show the version."))};
}

// Not in --help: the build writes the man page with it.
static const auto kManOption = QStringLiteral("--man");

// The options Qt's window classes take (QGuiApplication, QApplication), with one dash or two.
static bool isWindowOption(const QString &argument)
{
    static const QStringList names {
        QStringLiteral("platform"),        QStringLiteral("platformpluginpath"),
        QStringLiteral("platformtheme"),   QStringLiteral("plugin"),
        QStringLiteral("qwindowgeometry"), QStringLiteral("qwindowicon"),
        QStringLiteral("qwindowtitle"),    QStringLiteral("reverse"),
        QStringLiteral("session"),         QStringLiteral("display"),
        QStringLiteral("geometry"),        QStringLiteral("style"),
        QStringLiteral("stylesheet"),      QStringLiteral("widgetcount"),
        QStringLiteral("qmljsdebugger"),   QStringLiteral("nograb"),
        QStringLiteral("dograb"),          QStringLiteral("sync")};
    QString name = argument.mid(argument.startsWith(QStringLiteral("--")) ? 2 : 1);
    name = name.section(u'=', 0, 0);
    return names.contains(name);
}

bool wantsCommandLine(const QStringList &arguments)
{
    // Anything but Qt's own window options is for the CLI, so a mistyped "--verison" gets an
    // error message rather than a window (or, without a display, Qt's abort).
    return arguments.size() >= 2 && !isWindowOption(arguments.at(1));
}

static void printUsage(QTextStream &stream)
{
    stream << "Usage: hookscope [COMMAND] [OPTIONS]\n"
              "Webhook inspector and tester. With no command, opens the window.\n\n"
              "Commands:\n";
    for (const auto &command : allCommands())
        stream << "  " << command->name().leftJustified(12) << command->summary() << '\n';
    stream << "\nOptions:\n";
    for (const QCommandLineOption &option : topLevelOptions()) {
        const QString names = QStringLiteral("-%1, --%2")
                                  .arg(option.names().constFirst(), option.names().constLast());
        stream << "  " << names.leftJustified(15) << option.description() << '\n';
    }
}

int runCommandLine(const QStringList &arguments, CommandIo &io)
{
    if (arguments.size() < 2) {
        printUsage(io.err);
        return UsageError;
    }
    const QString first = arguments.at(1);
    if (first == u"-h" || first == u"--help" || first == u"--help-all") {
        printUsage(io.out);
        return Success;
    }
    if (first == kManOption) {
        io.out << manPage(allCommands());
        return Success;
    }
    if (first == u"-v" || first == u"--version") {
        io.out << "hookscope " << kVersion << '\n';
        return Success;
    }
    for (const auto &command : allCommands()) {
        if (command->name() == first)
            return command->execute(arguments.mid(1), io);
    }
    QStringList candidates;
    QString problem;
    if (first.startsWith(u'-')) {
        for (const QCommandLineOption &option : topLevelOptions())
            candidates << QStringLiteral("--") + option.names().constLast();
        problem = QStringLiteral("unknown option '%1'").arg(first);
    } else {
        for (const auto &command : allCommands())
            candidates << command->name();
        problem = QStringLiteral("unknown command '%1'").arg(first);
    }
    io.err << "hookscope: " << problem;
    if (const QString closest = closestName(first, candidates); !closest.isEmpty())
        io.err << "; did you mean '" << closest << "'?";
    io.err << "\nRun 'hookscope --help' for the commands and options.\n";
    return UsageError;
}

} // namespace hookscope::cli
