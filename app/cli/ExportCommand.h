#pragma once

#include "cli/Command.h"

namespace hookscope::cli {

class ExportCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("export"); }
    QString summary() const override
    {
        return QStringLiteral("Export stored requests as JSON lines or HAR");
    }
    CommandSyntax syntax() const override;
    int execute(const QStringList &arguments, CommandIo &io) override;
};

} // namespace hookscope::cli
