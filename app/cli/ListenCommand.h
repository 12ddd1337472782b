#pragma once

#include "cli/Command.h"

namespace hookscope::cli {

class ListenCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("listen"); }
    QString summary() const override
    {
        return QStringLiteral("Run the receiver without a window and print each request");
    }
    CommandSyntax syntax() const override;
    int execute(const QStringList &arguments, CommandIo &io) override;
};

} // namespace hookscope::cli
