#pragma once

#include "http/Capture.h"

#include <QHash>
#include <QMutex>
#include <QString>

namespace hookscope::session {

// What one endpoint verifies with. The secret lives here in memory only; it is never stored
// with the capture or written anywhere by this class.
struct EndpointSecret {
    QString scheme; // CLI scheme name or "auto"; empty: auto-detect with no secret
    QByteArray secret;
};

// Gives every capture its stored verdict: by its endpoint's scheme and secret, else by the
// catch-all's, else auto-detected with no secret ("no-secret"); a malformed capture gets none
// (not checked), as on arrival. Thread-safe: the receiver's
// threads call verdictFor() while the window or CLI changes secrets.
class SignatureVerifier final
{
public:
    void setSecret(const QString &endpoint, const EndpointSecret &secret); // "" = catch-all
    void removeSecret(const QString &endpoint);
    EndpointSecret secretFor(const QString &endpoint) const;

    StoredVerdict verdictFor(const Capture &capture) const;

private:
    mutable QMutex m_mutex;
    QHash<QString, EndpointSecret> m_secrets;
};

} // namespace hookscope::session
