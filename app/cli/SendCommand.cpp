#include "cli/SendCommand.h"

namespace hookscope::cli {

int SendCommand::execute(const QStringList &arguments, CommandIo &io)
{
    Q_UNUSED(arguments);
    io.err << "hookscope send: not available yet in this version (tracked in issue 7).\n";
    return UsageError;
}

} // namespace hookscope::cli
