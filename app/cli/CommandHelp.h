#pragma once

#include <QCommandLineParser>
#include <QString>

namespace hookscope::cli {

// A subcommand's --help text. QCommandLineParser's first line names the binary
// ("Usage: /usr/bin/hookscope [options]"); this one names the command and its arguments,
// e.g. usage = "hookscope export [--db PATH] --format jsonl|har [--out FILE]".
QString commandHelp(const QCommandLineParser &parser, const QString &usage);

} // namespace hookscope::cli
