#pragma once

#include "cli/Command.h"
#include "compose/SendTypes.h"

namespace hookscope::cli {

// The request that sends `capture` again to `url`: same method, headers (less the connection's
// own) and body bytes. Shared by `replay` and forwarding.
compose::OutgoingRequest replayRequest(const Capture &capture, const QUrl &url);

class ReplayCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("replay"); }
    QString summary() const override
    {
        return QStringLiteral("Send a stored request again to a URL");
    }
    int execute(const QStringList &arguments, CommandIo &io) override;
};

} // namespace hookscope::cli
