#pragma once

#include "compose/EventTemplate.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace hookscope::compose {

// The template names closest to one that was mistyped (at most three, equally close): the
// same name in another case, with '_' for ':' as in the file names, without its provider, or
// a few letters off.
QStringList similarTemplateNames(const QList<EventTemplate> &templates, const QString &typed);

// "; did you mean patreon/pledges:create?" or empty when nothing is close.
QString didYouMean(const QList<EventTemplate> &templates, const QString &typed);

} // namespace hookscope::compose
