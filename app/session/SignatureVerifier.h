#pragma once

#include "http/Capture.h"

#include <QHash>
#include <QMutex>
#include <QString>

namespace hookscope::session {

// What one endpoint verifies with. The secrets live here in memory only; they are never stored
// with the capture or written anywhere by this class.
struct EndpointSecret {
    QString scheme; // CLI scheme name or "auto"; empty: auto-detect
    QByteArray secret; // for `scheme`; under auto, tried on whatever scheme signed the request
    // Secrets by the scheme they belong to ("github" -> …), so one endpoint can take several
    // providers' requests and judge each with its own secret, never another provider's.
    QHash<QString, QByteArray> schemeSecrets;
    // An entry made only to hold secrets by scheme: its scheme and secret are the catch-all's,
    // whatever they are when a request arrives.
    bool followsCatchAll = false;
};

// Gives every capture its stored verdict. Which secret judges a request, first that applies:
// - an endpoint set to a scheme: its own secret, else its or the catch-all's secret for that
//   scheme;
// - an endpoint on auto: the secret for the scheme that signed the request (its own, else the
//   catch-all's), else its scheme-less secret; a request signed by a provider it has no secret
//   for reads "no-secret", not "invalid"; a request nothing signed reads "unsigned", unless
//   it names a provider (X-GitHub-Event) whose secret is set: then it is missing its signature.
// An endpoint without an entry uses the catch-all's. A malformed capture gets no verdict (not
// checked), as on arrival. Thread-safe: the receiver's threads call verdictFor() while the
// window or CLI changes secrets.
class SignatureVerifier final
{
public:
    // Sets scheme and secret of `endpoint` ("" = catch-all), keeping its scheme secrets.
    void setSecret(const QString &endpoint, const QString &scheme, const QByteArray &secret);
    // The secret `endpoint` holds for requests signed with `scheme`; empty removes it.
    void setSchemeSecret(const QString &endpoint, const QString &scheme, const QByteArray &secret);
    void removeSecret(const QString &endpoint);
    // Whether `endpoint` has a scheme and secret of its own (the catch-all: once set).
    bool hasOwnSetting(const QString &endpoint) const;
    // Every distinct secret set anywhere, for "it verifies with another secret you set".
    QList<QByteArray> allSecrets() const;
    EndpointSecret secretFor(const QString &endpoint) const;

    // The scheme setting and the secret that judge `capture`: what the window's Signature tab
    // shows and re-verifies with. `scheme` is the endpoint's setting ("auto" included);
    // `signedWith` names the scheme whose own secret it is, when it is one.
    struct Applied {
        QString scheme;
        QByteArray secret;
        QString signedWith;
    };
    Applied appliedTo(const Capture &capture) const;
    // The secret `capture`'s endpoint keeps for `scheme`: with `dedicated`, the one given to
    // that scheme (the endpoint is set to it, or it is kept under its name); without, the one an
    // endpoint on auto tries on any scheme. Handshakes that MAC a caller's token (X's CRC) take
    // only a dedicated one.
    QByteArray handshakeSecret(const Capture &capture, const QString &scheme, bool dedicated) const;

    StoredVerdict verdictFor(const Capture &capture) const;

private:
    EndpointSecret entryLocked(const QString &endpoint) const;
    // The entry of `endpoint`; a new one follows the catch-all's scheme and secret.
    EndpointSecret &ownEntryLocked(const QString &endpoint);
    QList<QByteArray> allSecretsLocked() const;
    QByteArray schemeSecretLocked(const EndpointSecret &entry, const QString &scheme) const;

    mutable QMutex m_mutex;
    QHash<QString, EndpointSecret> m_secrets;
};

} // namespace hookscope::session
