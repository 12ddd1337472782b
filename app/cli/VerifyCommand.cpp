#include "cli/VerifyCommand.h"

namespace hookscope::cli {

int VerifyCommand::execute(const QStringList &arguments, CommandIo &io)
{
    Q_UNUSED(arguments);
    io.err << "hookscope verify: not available yet in this version (tracked in issue 5).\n";
    return UsageError;
}

} // namespace hookscope::cli
