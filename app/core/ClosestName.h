#pragma once

#include <QString>
#include <QStringList>

namespace hookscope {

// The candidate a mistyped name most likely meant ("lisen" -> "listen", "heder" -> "header"),
// or empty when none is within a couple of letters. Commands, options, scheme names and custom
// scheme keys are all suggested with it, so they agree on what counts as close.
QString closestName(const QString &typed, const QStringList &candidates);

// "; did you mean 'patreon'?" for a mistyped value ("patreonn"), to end an "unknown …"
// message with; empty when no candidate is close.
QString didYouMean(const QString &typed, const QStringList &candidates);

} // namespace hookscope
