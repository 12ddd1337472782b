#include "cli/ReplayCommand.h"

namespace hookscope::cli {

int ReplayCommand::execute(const QStringList &arguments, CommandIo &io)
{
    Q_UNUSED(arguments);
    io.err << "hookscope replay: not available yet in this version (tracked in issue 7).\n";
    return UsageError;
}

} // namespace hookscope::cli
