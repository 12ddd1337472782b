#include "compose/SignerFactory.h"

#include "signing/Signing.h"

#include <QDateTime>

namespace hookscope::compose {

static signing::SignOptions signOptions(const QString &scheme, const SignContext &context)
{
    signing::SignOptions options;
    options.timestamp = context.timestamp;
    // Where the scheme's id header names the webhook, not the event, the template's value stays.
    if (signing::idIsPerEvent(scheme))
        options.id = context.eventId.toUtf8();
    options.url = context.url.toString();
    return options;
}

BodySigner makeSigner(const QString &scheme, const QByteArray &secret, QString *error)
{
    if (!signing::isKnownScheme(scheme) && !scheme.startsWith(u"custom:")) {
        *error = QStringLiteral("unknown scheme '%1' (known: %2)")
                     .arg(scheme, signing::schemeNames().join(QStringLiteral(", ")));
        return {};
    }
    const SignContext probe {scheme, QStringLiteral("msg_probe"),
                             QDateTime::currentSecsSinceEpoch(),
                             QUrl(QStringLiteral("https://localhost/"))};
    const signing::SignResult tried = signing::sign(scheme, secret, {}, signOptions(scheme, probe));
    if (!tried.ok) {
        *error = QStringLiteral("cannot sign with %1: %2").arg(scheme, tried.error);
        return {};
    }
    return [scheme, secret](const QByteArray &body, const SignContext &context) {
        const signing::SignResult result
            = signing::sign(scheme, secret, body, signOptions(scheme, context));
        return SignOutcome {result.ok, result.error, result.headers};
    };
}

} // namespace hookscope::compose
