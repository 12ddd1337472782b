#pragma once

#include "http/ReceiverConfig.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QUrl>

class QSettings;

namespace hookscope::session {

// The receiver setup the window remembers between runs: the user's endpoints (path prefix,
// scheme, configured response, reject-invalid), the catch-all's answer and scheme, and the
// forward targets. Secrets are never part of the saved settings: they live in the SecretStore,
// keyed by endpoint name (see secretKeyFor), and so do forward targets' passwords, saved as "***"
// (see forwardPasswordKey). A loaded profile's targets hide their passwords until the window
// brings them back from the SecretStore.
struct ReceiverProfile {
    QList<http::EndpointConfig> endpoints; // secret fields always empty here
    http::ResponseConfig defaultResponse;
    QString defaultScheme; // the catch-all's scheme ("auto", a name, or empty)
    bool defaultRejectInvalidSignature = false; // the catch-all answers 401 to an invalid one
    QList<QUrl> forwardTargets;
    bool passThrough = false; // senders get the first target's answer (http::PassThroughHooks)

    // The configured endpoint with this name; nullptr for the catch-all or an unknown name.
    http::EndpointConfig *endpoint(const QString &name);
    // Where the scheme of `endpoint` ("" = catch-all) is kept, if the profile holds it.
    QString *schemeOf(const QString &endpoint);
};

ReceiverProfile loadReceiverProfile(QSettings &settings);
void saveReceiverProfile(QSettings &settings, const ReceiverProfile &profile);

// Keyring entry of an endpoint's secret; the catch-all has the empty name. With a scheme: the
// secret the endpoint keeps for requests signed with that scheme.
QString secretKeyFor(const QString &endpoint);
QString secretKeyFor(const QString &endpoint, const QString &scheme);

// Keyring entry of a forward target's password: the target without its password.
QString forwardPasswordKey(const QUrl &target);
// The keyring entries the profile's targets need: key -> password, for each real password.
QHash<QString, QByteArray> forwardPasswords(const ReceiverProfile &profile);

// What is wrong with an endpoint among the others (empty when it can be used): a name that is
// empty or taken, a prefix that does not start with '/', is '/' (the catch-all's) or is already
// used, an unsafe header, a status outside 200–599, a negative or over-long delay.
QString endpointProblem(const http::EndpointConfig &endpoint,
                        const QList<http::EndpointConfig> &others);
QString responseProblem(const http::ResponseConfig &response);
// A forward target must be an absolute http:// or https:// URL with a host.
QString forwardTargetProblem(const QUrl &target);

// Headers as the user types them, one "Name: value" per line; blank lines are skipped. On a
// line without a colon, an empty name, or CR/NUL in it, returns false and says which line.
bool parseHeaderLines(const QString &text, HeaderList *headers, QString *error);
QString formatHeaderLines(const HeaderList &headers);

} // namespace hookscope::session
