#include "cli/NameSuggestion.h"

#include "core/EditDistance.h"

namespace hookscope::cli {

QString closestName(const QString &typed, const QStringList &candidates)
{
    // Short names tolerate one edit, longer ones two: "ver" must not suggest "key".
    const qsizetype allowed = typed.size() <= 4 ? 1 : 2;
    QString best;
    qsizetype bestDistance = allowed + 1;
    for (const QString &candidate : candidates) {
        // A prefix is what someone who stopped typing meant ("--form" for "--format").
        const qsizetype distance
            = candidate.startsWith(typed) && typed.size() >= 3 ? 0 : editDistance(typed, candidate);
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

QString didYouMean(const QString &typed, const QStringList &candidates)
{
    const QString closest = closestName(typed, candidates);
    return closest.isEmpty() ? QString() : QStringLiteral("; did you mean '%1'?").arg(closest);
}

QString didYouMeanScheme(const QString &typed, const QStringList &schemes)
{
    const QString custom = QStringLiteral("custom");
    if (const qsizetype colon = typed.indexOf(u':');
        colon > 0 && schemes.contains(custom) && closestName(typed.left(colon), {custom}) == custom)
        return QStringLiteral("; did you mean '%1:%2'?").arg(custom, typed.mid(colon + 1));
    return didYouMean(typed, schemes);
}

} // namespace hookscope::cli
