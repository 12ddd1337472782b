#include "cli/ExportCommand.h"

namespace hookscope::cli {

int ExportCommand::execute(const QStringList &arguments, CommandIo &io)
{
    Q_UNUSED(arguments);
    io.err << "hookscope export: not available yet in this version (tracked in issue 4).\n";
    return UsageError;
}

} // namespace hookscope::cli
