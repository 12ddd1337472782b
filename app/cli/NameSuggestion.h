#pragma once

#include <QString>
#include <QStringList>

namespace hookscope::cli {

// The candidate a mistyped command or option name most likely meant ("lisen" -> "listen",
// "prot" -> "port"), or empty when none is within a couple of letters.
QString closestName(const QString &typed, const QStringList &candidates);

// "; did you mean 'patreon'?" for a mistyped value ("patreonn"), to end an "unknown scheme"
// message with; empty when no candidate is close.
QString didYouMean(const QString &typed, const QStringList &candidates);

// didYouMean for a scheme name, where "custom:SPEC" names one too: a typo in that prefix
// ("custon:header=X-Sig") gets the same spec suggested under "custom:".
QString didYouMeanScheme(const QString &typed, const QStringList &schemes);

} // namespace hookscope::cli
