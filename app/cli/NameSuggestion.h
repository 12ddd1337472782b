#pragma once

#include "core/ClosestName.h"

#include <QString>
#include <QStringList>

namespace hookscope::cli {

// didYouMean for a scheme name, where "custom:SPEC" names one too: a typo in that prefix
// ("custon:header=X-Sig") gets the same spec suggested under "custom:".
QString didYouMeanScheme(const QString &typed, const QStringList &schemes);

} // namespace hookscope::cli
