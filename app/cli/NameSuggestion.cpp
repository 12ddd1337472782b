#include "cli/NameSuggestion.h"

namespace hookscope::cli {

QString didYouMeanScheme(const QString &typed, const QStringList &schemes)
{
    const QString custom = QStringLiteral("custom");
    if (const qsizetype colon = typed.indexOf(u':');
        colon > 0 && schemes.contains(custom) && closestName(typed.left(colon), {custom}) == custom)
        return QStringLiteral("; did you mean '%1:%2'?").arg(custom, typed.mid(colon + 1));
    return didYouMean(typed, schemes);
}

} // namespace hookscope::cli
