#pragma once

#include "cli/Command.h"
#include "http/Capture.h"

namespace hookscope::cli {

// Why a signature was not accepted, short enough to end a request's line: the stored detail on
// one line, cut at a word near 120 characters. Empty for valid, no-secret, unsigned (and no
// verdict).
QString shortVerdictReason(const StoredVerdict &signature);

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
