#include "cli/ListenCommand.h"

namespace hookscope::cli {

int ListenCommand::execute(const QStringList &arguments, CommandIo &io)
{
    Q_UNUSED(arguments);
    io.err << "hookscope listen: not available yet in this version (tracked in issue 4).\n";
    return UsageError;
}

} // namespace hookscope::cli
