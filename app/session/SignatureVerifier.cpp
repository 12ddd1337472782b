#include "session/SignatureVerifier.h"

#include "signing/Signing.h"

namespace hookscope::session {

void SignatureVerifier::setSecret(const QString &endpoint, const EndpointSecret &secret)
{
    QMutexLocker locker(&m_mutex);
    m_secrets.insert(endpoint, secret);
}

void SignatureVerifier::removeSecret(const QString &endpoint)
{
    QMutexLocker locker(&m_mutex);
    m_secrets.remove(endpoint);
}

EndpointSecret SignatureVerifier::secretFor(const QString &endpoint) const
{
    QMutexLocker locker(&m_mutex);
    return m_secrets.value(endpoint, m_secrets.value(QString()));
}

StoredVerdict SignatureVerifier::verdictFor(const Capture &capture) const
{
    // The receiver refused it before verification: its body is the raw bytes seen, not a
    // payload. Re-verifying keeps it as it arrived, not checked.
    if (capture.malformed)
        return {};
    QList<QByteArray> others;
    EndpointSecret own;
    {
        QMutexLocker locker(&m_mutex);
        own = m_secrets.value(capture.endpoint, m_secrets.value(QString()));
        for (const EndpointSecret &secret : std::as_const(m_secrets)) {
            if (!secret.secret.isEmpty() && secret.secret != own.secret)
                others << secret.secret;
        }
    }
    signing::VerifyOptions options;
    options.otherSecrets = others;
    // Diagnosis can cost milliseconds per request; the Signature tab runs it when asked.
    options.diagnose = false;
    const QString scheme = own.scheme.isEmpty() ? QStringLiteral("auto") : own.scheme;
    // Nothing configured and nothing to detect: an unsigned request to an endpoint nobody asked
    // to verify is "no secret set", not a missing signature.
    if (scheme == u"auto" && own.secret.isEmpty()
        && signing::detectSchemes(capture.headers).isEmpty())
        return {QString(), signing::verdicts::noSecret,
                QStringLiteral("No signature header, and no scheme or secret is set.")};
    return signing::toStoredVerdict(signing::verifyCapture(scheme, own.secret, capture, options));
}

} // namespace hookscope::session
