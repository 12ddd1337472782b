#include "cli/SignCommand.h"

namespace hookscope::cli {

int SignCommand::execute(const QStringList &arguments, CommandIo &io)
{
    Q_UNUSED(arguments);
    io.err << "hookscope sign: not available yet in this version (tracked in issue 5).\n";
    return UsageError;
}

} // namespace hookscope::cli
