#include "compose/HiddenPassword.h"

namespace hookscope::compose {

namespace {

const auto kHidden = QStringLiteral("***");

} // namespace

bool hidesPassword(const QUrl &url)
{
    return url.password() == kHidden;
}

QUrl withHiddenPassword(const QUrl &url)
{
    if (url.password().isEmpty())
        return url;
    QUrl hidden = url;
    hidden.setPassword(kHidden);
    return hidden;
}

QString identityOf(const QUrl &url)
{
    return url.adjusted(QUrl::RemovePassword).toString(QUrl::FullyEncoded);
}

QUrl withPasswordFrom(const QUrl &typed, const QList<QUrl> &known)
{
    if (!hidesPassword(typed))
        return typed;
    const QString identity = identityOf(typed);
    for (const QUrl &candidate : known) {
        if (!candidate.password().isEmpty() && !hidesPassword(candidate)
            && identityOf(candidate) == identity)
            return candidate;
    }
    return typed;
}

} // namespace hookscope::compose
