#include "cli/NameSuggestion.h"

#include <QList>

namespace hookscope::cli {

namespace {

// Levenshtein distance, counting a swap of two neighbours as one edit (the commonest typo).
qsizetype editDistance(const QString &a, const QString &b)
{
    const qsizetype columns = b.size() + 1;
    QList<qsizetype> d((a.size() + 1) * columns);
    for (qsizetype i = 0; i <= a.size(); ++i)
        d[i * columns] = i;
    for (qsizetype j = 0; j <= b.size(); ++j)
        d[j] = j;
    for (qsizetype i = 1; i <= a.size(); ++i) {
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const qsizetype cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            qsizetype best = std::min({d[(i - 1) * columns + j] + 1, d[i * columns + j - 1] + 1,
                                       d[(i - 1) * columns + j - 1] + cost});
            if (i > 1 && j > 1 && a.at(i - 1) == b.at(j - 2) && a.at(i - 2) == b.at(j - 1))
                best = std::min(best, d[(i - 2) * columns + j - 2] + 1);
            d[i * columns + j] = best;
        }
    }
    return d[a.size() * columns + b.size()];
}

} // namespace

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

} // namespace hookscope::cli
