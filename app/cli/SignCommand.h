#pragma once

#include "cli/Command.h"

namespace hookscope::cli {

class SignCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("sign"); }
    QString summary() const override
    {
        return QStringLiteral("Print the signature headers for a body");
    }
    CommandSyntax syntax() const override;
    int execute(const QStringList &arguments, CommandIo &io) override;
};

} // namespace hookscope::cli
