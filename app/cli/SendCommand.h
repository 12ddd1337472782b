#pragma once

#include "cli/Command.h"

namespace hookscope::cli {

class SendCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("send"); }
    QString summary() const override { return QStringLiteral("Send a signed test event to a URL"); }
    int execute(const QStringList &arguments, CommandIo &io) override;
};

} // namespace hookscope::cli
