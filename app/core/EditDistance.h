#pragma once

#include <QStringView>

namespace hookscope {

// Levenshtein distance, counting a swap of two neighbours as one edit (the commonest typo):
// what "did you mean" suggestions for commands, options and template names rank by.
qsizetype editDistance(QStringView a, QStringView b);

} // namespace hookscope
