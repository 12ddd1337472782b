#pragma once

#include "cli/Command.h"

#include <memory>
#include <vector>

namespace hookscope::cli {

// A bash completion script for hookscope, written from the commands' own syntax: the
// subcommands, each one's options, files for file options, the accepted words for enumerated
// ones and template names (from `hookscope templates --names`, so the user's own are offered).
QString bashCompletion(const std::vector<std::unique_ptr<Command>> &commands);

} // namespace hookscope::cli
