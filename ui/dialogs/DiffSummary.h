#pragma once

#include "exchange/CaptureDiff.h"

#include <QString>

namespace hookscope::ui {

// What differs between two requests, one line per part, in words a person comparing two
// deliveries reads at a glance:
//   Headers: 1 changed: X-Patreon-Signature (expected to differ between deliveries)
//   Body (JSON, by path): 1 value changed: $.data.attributes.amount_cents 250 → 500
// leftName and rightName ("#42", "#43") say which request "only in" means.
QString describeDifferences(const exchange::CaptureDiffResult &result, const QString &leftName,
                            const QString &rightName);

} // namespace hookscope::ui
