#pragma once

#include "cli/Command.h"

#include <memory>
#include <vector>

namespace hookscope::cli {

// hookscope(1) in roff (man macros), written from the commands' own syntax so it lists
// exactly the options they parse. Non-ASCII text is escaped, so groff needs no preconv.
QString manPage(const std::vector<std::unique_ptr<Command>> &commands);

} // namespace hookscope::cli
