#pragma once

#include <QList>
#include <QUrl>

namespace hookscope::compose {

// A URL's password stands as "***" wherever a URL is shown or saved in plain text (settings,
// fields, history); the real one stays in memory or in the keyring. These helpers hide it and
// bring it back.

// True when `url`'s password is the "***" that stands for a hidden one.
bool hidesPassword(const QUrl &url);

// `url` with a password replaced by "***"; unchanged without one.
QUrl withHiddenPassword(const QUrl &url);

// `url` without its password, the same text whether the password is real or hidden: what
// identifies a target with credentials (a keyring entry's name, say).
QString identityOf(const QUrl &url);

// `typed` with its hidden password replaced by the real one of the URL in `known` that is the
// same but for the password; `typed` unchanged when it hides nothing or nothing matches (see
// hidesPassword to tell the two apart).
QUrl withPasswordFrom(const QUrl &typed, const QList<QUrl> &known);

} // namespace hookscope::compose
