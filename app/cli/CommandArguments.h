#pragma once

#include "cli/Command.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <optional>

namespace hookscope::cli {

// A mistake in a command's arguments, reported as every command reports one: "hookscope
// COMMAND: MESSAGE", then where to read the usage. Returns UsageError, for the command to exit
// with.
int reportUsageError(QTextStream &err, const QString &command, const QString &message);
// A command's `usage(message)`: reportUsageError for `command`.
std::function<int(const QString &message)> usageReporter(QTextStream &err, const QString &command);

// How every command starts: `parser` set up from `syntax` parses `arguments`, and --help is
// answered. Returns the exit code when the command ends there (its help printed, or what the
// parser refused reported), else nothing.
std::optional<int> parseArguments(QCommandLineParser &parser, const CommandSyntax &syntax,
                                  const QStringList &arguments, CommandIo &io);

// The usage error of a command that takes no arguments but was given one ("unexpected argument
// 'x'"); empty when it was given none.
QString unexpectedArgument(const QCommandLineParser &parser);

} // namespace hookscope::cli
