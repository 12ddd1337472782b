#include "compose/TemplateSuggestion.h"

#include "core/EditDistance.h"

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
