#pragma once

#include "http/Capture.h"

namespace hookscope::test {

// A Patreon "pledges:create" delivery as the receiver would store it, with the JSON:API body
// from tests/data/json/patreon-pledge.json (creator, patron and reward in "included").
Capture patreonPledgeCapture();

} // namespace hookscope::test
