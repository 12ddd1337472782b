#pragma once

#include "cli/CommandSyntax.h"

#include <QIODevice>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace hookscope::cli {

// Exit codes shared by every command.
enum ExitCode : int { Success = 0, Failure = 1, UsageError = 2 };

// Where a command reads and writes. Tests point these at buffers and run commands in-process.
struct CommandIo {
    QTextStream &out;
    QTextStream &err;
    QIODevice *in = nullptr; // standard input, for "-" arguments
};

// One CLI subcommand. `arguments` starts with the subcommand's own name, as
// QCommandLineParser::process expects.
class Command
{
public:
    virtual ~Command() = default;
    virtual QString name() const = 0;
    virtual QString summary() const = 0;
    // The options and arguments it accepts; execute() parses with exactly these.
    virtual CommandSyntax syntax() const = 0;
    virtual int execute(const QStringList &arguments, CommandIo &io) = 0;
};

} // namespace hookscope::cli
