#include "cli/TemplatesCommand.h"

namespace hookscope::cli {

int TemplatesCommand::execute(const QStringList &arguments, CommandIo &io)
{
    Q_UNUSED(arguments);
    io.err << "hookscope templates: not available yet in this version (tracked in issue 7).\n";
    return UsageError;
}

} // namespace hookscope::cli
