#pragma once

#include "cli/Command.h"

#include <memory>
#include <vector>

namespace hookscope::cli {

std::vector<std::unique_ptr<Command>> allCommands();

// The options `hookscope` itself takes, before any command: --help, --version.
QList<QCommandLineOption> topLevelOptions();

// True when argv asks for the CLI (a subcommand, --help or --version) rather than the window.
bool wantsCommandLine(const QStringList &arguments);

// Runs `hookscope ARGS...` on the CLI; arguments[0] is the program name.
int runCommandLine(const QStringList &arguments, CommandIo &io);

} // namespace hookscope::cli
