#include "core/EditDistance.h"

#include <QList>

#include <algorithm>

namespace hookscope {

qsizetype editDistance(QStringView a, QStringView b)
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

} // namespace hookscope
