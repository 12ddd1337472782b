#include "cli/CommandLine.h"

#include "cli/ExportCommand.h"
#include "cli/ListenCommand.h"
#include "cli/ReplayCommand.h"
#include "cli/SendCommand.h"
#include "cli/SignCommand.h"
#include "cli/TemplatesCommand.h"
#include "cli/VerifyCommand.h"
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
    return commands;
}

bool wantsCommandLine(const QStringList &arguments)
{
    if (arguments.size() < 2)
        return false;
    const QString &first = arguments.at(1);
    static const QStringList cliFlags {QStringLiteral("-h"), QStringLiteral("--help"),
                                       QStringLiteral("-v"), QStringLiteral("--version"),
                                       QStringLiteral("--help-all")};
    return !first.startsWith(u'-') || cliFlags.contains(first);
}

static void printUsage(QTextStream &stream)
{
    stream << "Usage: hookscope [COMMAND] [OPTIONS]\n"
              "Webhook inspector and tester. With no command, opens the window.\n\n"
              "Commands:\n";
    for (const auto &command : allCommands())
        stream << "  " << command->name().leftJustified(10) << command->summary() << '\n';
    stream << "\nOptions:\n"
              "  -h, --help     Show this help; 'hookscope COMMAND --help' for a command's own\n"
              "  -v, --version  Show the version\n";
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
    if (first == u"-v" || first == u"--version") {
        io.out << "hookscope " << kVersion << '\n';
        return Success;
    }
    for (const auto &command : allCommands()) {
        if (command->name() == first)
            return command->execute(arguments.mid(1), io);
    }
    io.err << "hookscope: unknown command '" << first
           << "'. Run 'hookscope --help' for the list.\n";
    return UsageError;
}

} // namespace hookscope::cli
