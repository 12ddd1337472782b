#include "cli/CommandHelp.h"

namespace hookscope::cli {

QString commandHelp(const QCommandLineParser &parser, const QString &usage)
{
    QString help = parser.helpText();
    help.replace(0, help.indexOf(u'\n'), QStringLiteral("Usage: ") + usage);
    return help;
}

} // namespace hookscope::cli
