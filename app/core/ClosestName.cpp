#include "core/ClosestName.h"

#include "core/EditDistance.h"

namespace hookscope {

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

} // namespace hookscope
