#pragma once

#include "cli/Command.h"

namespace hookscope::cli {

class TemplatesCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("templates"); }
    QString summary() const override { return QStringLiteral("List the event templates"); }
    CommandSyntax syntax() const override;
    int execute(const QStringList &arguments, CommandIo &io) override;
};

} // namespace hookscope::cli
