#pragma once

#include "cli/Command.h"

namespace hookscope::cli {

// hookscope send URL (--template NAME | --body-file F|-) [--set PATH=VALUE]... [--scheme S
// --secret ...] [--header 'Name: value']... [--method M] [--retry-schedule NAME --time-scale X]
// [--count N --rate R --concurrency C] [--deliver-twice] [--out-of-order] [--insecure]
// [--timeout MS] [--json]
class SendCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("send"); }
    QString summary() const override { return QStringLiteral("Send a signed test event to a URL"); }
    CommandSyntax syntax() const override;
    int execute(const QStringList &arguments, CommandIo &io) override;
};

} // namespace hookscope::cli
