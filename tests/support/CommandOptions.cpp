#include "CommandOptions.h"

#include "CliRunner.h"

#include <QRegularExpression>

namespace hookscope::test {

QSet<QString> helpOptions(const QString &command)
{
    const ProcessResult help = runHookscope({command, QStringLiteral("--help")});
    // QCommandLineParser's option lines: "  -h, --help" or "  --db <PATH>".
    static const QRegularExpression optionLine(QStringLiteral("^  (?:-\\w, )?(--[a-z0-9-]+)"),
                                               QRegularExpression::MultilineOption);
    QSet<QString> options;
    for (const auto &match : optionLine.globalMatch(QString::fromUtf8(help.out)))
        options << match.captured(1);
    return options;
}

} // namespace hookscope::test
