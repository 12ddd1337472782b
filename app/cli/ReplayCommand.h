#pragma once

#include "cli/Command.h"

namespace hookscope::cli {

class ReplayCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("replay"); }
    QString summary() const override
    {
        return QStringLiteral("Send a stored request again to a URL");
    }
    CommandSyntax syntax() const override;
    int execute(const QStringList &arguments, CommandIo &io) override;
};

} // namespace hookscope::cli
