#include "cli/CompletionCommand.h"

#include "cli/BashCompletion.h"
#include "cli/CommandArguments.h"
#include "cli/CommandLine.h"

namespace hookscope::cli {

CommandSyntax CompletionCommand::syntax() const
{
    CommandSyntax syntax(name(), QStringLiteral("hookscope completion bash"),
                         QStringLiteral("Print the bash completion script for hookscope. The "
                                        "Debian package installs it; elsewhere, load it with: "
                                        "source <(hookscope completion bash)"));
    syntax.setExitStatus(QStringLiteral("0 printed, 2 usage error (a shell other than bash)."));
    syntax.addPositional(QStringLiteral("SHELL"), QStringLiteral("bash, the one supported."),
                         {QStringLiteral("bash")});
    return syntax;
}

int CompletionCommand::execute(const QStringList &arguments, CommandIo &io)
{
    const CommandSyntax syntax = this->syntax();
    QCommandLineParser parser;
    const auto usage = usageReporter(io.err, name());
    if (const std::optional<int> exitCode = parseArguments(parser, syntax, arguments, io))
        return *exitCode;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || positional.first() != u"bash")
        return usage(
            positional.isEmpty()
                ? QStringLiteral("name the shell: hookscope completion bash")
                : QStringLiteral("'%1': only bash is supported").arg(positional.join(u' ')));
    io.out << bashCompletion(allCommands());
    return Success;
}

} // namespace hookscope::cli
