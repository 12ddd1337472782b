#include "compose/TemplateSuggestion.h"

#include <algorithm>
#include <vector>

namespace hookscope::compose {

namespace {

// What a typo usually changes: case, and '_' where the name has ':' (the file names use '_').
QString normalized(const QString &name)
{
    QString text = name.toLower();
    text.replace(u'_', u':');
    return text;
}

qsizetype editDistance(const QString &a, const QString &b)
{
    std::vector<qsizetype> row(size_t(b.size()) + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        row[size_t(j)] = j;
    for (qsizetype i = 1; i <= a.size(); ++i) {
        qsizetype diagonal = row[0];
        row[0] = i;
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const qsizetype above = row[size_t(j)];
            row[size_t(j)] = std::min({above + 1, row[size_t(j - 1)] + 1,
                                       diagonal + (a.at(i - 1) == b.at(j - 1) ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[size_t(b.size())];
}

} // namespace

QStringList similarTemplateNames(const QList<EventTemplate> &templates, const QString &typed)
{
    const QString wanted = normalized(typed);
    std::vector<std::pair<qsizetype, QString>> scored;
    for (const EventTemplate &t : templates) {
        const QString name = normalized(t.name());
        qsizetype score = -1;
        if (name == wanted || normalized(t.event) == wanted)
            score = 0;
        else if (const qsizetype distance = editDistance(name, wanted); distance <= 3)
            score = distance;
        if (score >= 0)
            scored.emplace_back(score, t.name());
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    QStringList names;
    // Only the closest: "psuh" is push, not also ping three letters away.
    for (const auto &[score, name] : scored) {
        if (names.size() == 3 || score > scored.front().first)
            break;
        names << name;
    }
    return names;
}

QString didYouMean(const QList<EventTemplate> &templates, const QString &typed)
{
    const QStringList names = similarTemplateNames(templates, typed);
    if (names.isEmpty())
        return {};
    return QStringLiteral("; did you mean %1?").arg(names.join(QStringLiteral(" or ")));
}

} // namespace hookscope::compose
