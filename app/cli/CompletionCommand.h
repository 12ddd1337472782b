#pragma once

#include "cli/Command.h"

namespace hookscope::cli {

// `hookscope completion bash`: prints the completion script the .deb installs.
class CompletionCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("completion"); }
    QString summary() const override
    {
        return QStringLiteral("Print the shell completion script (bash)");
    }
    CommandSyntax syntax() const override;
    int execute(const QStringList &arguments, CommandIo &io) override;
};

} // namespace hookscope::cli
