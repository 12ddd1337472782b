#include "session/SignatureVerifier.h"

#include "signing/Signing.h"

namespace hookscope::session {

void SignatureVerifier::setSecret(const QString &endpoint, const QString &scheme,
                                  const QByteArray &secret)
{
    QMutexLocker locker(&m_mutex);
    EndpointSecret &entry = m_secrets[endpoint];
    entry.scheme = scheme;
    entry.secret = secret;
    entry.followsCatchAll = false;
}

bool SignatureVerifier::hasOwnSetting(const QString &endpoint) const
{
    QMutexLocker locker(&m_mutex);
    const auto it = m_secrets.constFind(endpoint);
    return it != m_secrets.cend() && !it->followsCatchAll;
}

EndpointSecret &SignatureVerifier::ownEntryLocked(const QString &endpoint)
{
    if (!m_secrets.contains(endpoint)) {
        // It used the catch-all's setting until now, and goes on doing so.
        EndpointSecret follower;
        follower.followsCatchAll = !endpoint.isEmpty();
        m_secrets.insert(endpoint, follower);
    }
    return m_secrets[endpoint];
}

void SignatureVerifier::setSchemeSecret(const QString &endpoint, const QString &scheme,
                                        const QByteArray &secret)
{
    QMutexLocker locker(&m_mutex);
    EndpointSecret &entry = ownEntryLocked(endpoint);
    if (secret.isEmpty())
        entry.schemeSecrets.remove(scheme);
    else
        entry.schemeSecrets.insert(scheme, secret);
}

QList<QByteArray> SignatureVerifier::allSecrets() const
{
    QMutexLocker locker(&m_mutex);
    return allSecretsLocked();
}

QList<QByteArray> SignatureVerifier::allSecretsLocked() const
{
    QList<QByteArray> secrets;
    const auto add = [&secrets](const QByteArray &secret) {
        if (!secret.isEmpty() && !secrets.contains(secret))
            secrets << secret;
    };
    for (const EndpointSecret &entry : m_secrets) {
        add(entry.secret);
        for (const QByteArray &own : entry.schemeSecrets)
            add(own);
    }
    return secrets;
}

void SignatureVerifier::removeSecret(const QString &endpoint)
{
    QMutexLocker locker(&m_mutex);
    m_secrets.remove(endpoint);
}

EndpointSecret SignatureVerifier::secretFor(const QString &endpoint) const
{
    QMutexLocker locker(&m_mutex);
    return entryLocked(endpoint);
}

EndpointSecret SignatureVerifier::entryLocked(const QString &endpoint) const
{
    const EndpointSecret catchAll = m_secrets.value(QString());
    EndpointSecret entry = m_secrets.value(endpoint, catchAll);
    if (entry.followsCatchAll) {
        entry.scheme = catchAll.scheme;
        entry.secret = catchAll.secret;
    }
    return entry;
}

QByteArray SignatureVerifier::schemeSecretLocked(const EndpointSecret &entry,
                                                 const QString &scheme) const
{
    const QByteArray own = entry.schemeSecrets.value(scheme);
    return !own.isEmpty() ? own : m_secrets.value(QString()).schemeSecrets.value(scheme);
}

SignatureVerifier::Applied SignatureVerifier::appliedTo(const Capture &capture) const
{
    QMutexLocker locker(&m_mutex);
    const EndpointSecret entry = entryLocked(capture.endpoint);
    const QString scheme = entry.scheme.isEmpty() ? QStringLiteral("auto") : entry.scheme;
    if (scheme != u"auto") {
        if (!entry.secret.isEmpty())
            return {scheme, entry.secret, scheme};
        return {scheme, schemeSecretLocked(entry, scheme), scheme};
    }
    for (const QString &detected : signing::detectSchemes(capture.headers)) {
        if (const QByteArray secret = schemeSecretLocked(entry, detected); !secret.isEmpty())
            return {scheme, secret, detected};
    }
    return {scheme, entry.secret, QString()};
}

QByteArray SignatureVerifier::handshakeSecret(const Capture &capture, const QString &scheme,
                                              bool dedicated) const
{
    QMutexLocker locker(&m_mutex);
    const EndpointSecret entry = entryLocked(capture.endpoint);
    const bool onAuto = entry.scheme.isEmpty() || entry.scheme == u"auto";
    if (!dedicated)
        return onAuto ? entry.secret : QByteArray(); // the one tried on any scheme
    if (entry.scheme == scheme && !entry.secret.isEmpty())
        return entry.secret; // set to that scheme
    if (!onAuto && entry.scheme != scheme)
        return {}; // set to another scheme
    return schemeSecretLocked(entry, scheme);
}

StoredVerdict SignatureVerifier::verdictFor(const Capture &capture) const
{
    // The receiver refused it before verification: its body is the raw bytes seen, not a
    // payload. Re-verifying keeps it as it arrived, not checked.
    if (capture.malformed)
        return {};
    signing::VerifyOptions options;
    EndpointSecret entry;
    QHash<QString, QByteArray> schemeSecrets; // the ones this endpoint reaches
    {
        QMutexLocker locker(&m_mutex);
        entry = entryLocked(capture.endpoint);
        schemeSecrets = m_secrets.value(QString()).schemeSecrets;
        schemeSecrets.insert(entry.schemeSecrets);
        // Every other secret the user set: a request signed with one of them says so.
        options.otherSecrets = allSecretsLocked();
    }
    // Diagnosis can cost milliseconds per request; the Signature tab runs it when asked.
    options.diagnose = false;
    const QString scheme = entry.scheme.isEmpty() ? QStringLiteral("auto") : entry.scheme;
    const auto judge = [&](const QString &schemeName, const QByteArray &secret) {
        signing::VerifyOptions own = options;
        own.otherSecrets.removeAll(secret);
        return signing::verifyCapture(schemeName, secret, capture, own);
    };
    if (scheme != u"auto") {
        const QByteArray secret
            = !entry.secret.isEmpty() ? entry.secret : schemeSecrets.value(scheme);
        return signing::toStoredVerdict(judge(scheme, secret));
    }

    const QStringList detected = signing::detectSchemes(capture.headers);
    // Each provider's request is judged with that provider's secret first.
    std::optional<signing::Verdict> first;
    for (const QString &name : detected) {
        const QByteArray secret = schemeSecrets.value(name);
        if (secret.isEmpty())
            continue;
        signing::Verdict verdict = judge(name, secret);
        if (verdict.isValid())
            return signing::toStoredVerdict(verdict);
        if (!first)
            first = std::move(verdict);
    }
    if (!entry.secret.isEmpty()) {
        signing::Verdict verdict = judge(scheme, entry.secret);
        if (verdict.isValid() || !first)
            return signing::toStoredVerdict(verdict);
    }
    if (first)
        return signing::toStoredVerdict(*first);
    QString secretsSet;
    if (!schemeSecrets.isEmpty()) {
        QStringList titles;
        for (auto it = schemeSecrets.cbegin(); it != schemeSecrets.cend(); ++it)
            titles << signing::schemeTitle(it.key());
        titles.sort();
        secretsSet = QStringLiteral(" Secrets are set for %1 only.")
                         .arg(titles.join(QStringLiteral(", ")));
    }
    if (detected.isEmpty()) {
        // Nothing signed it. That is a missing signature only for a provider whose secret is set
        // here (GitHub with its secret turned off); anything else is just unsigned, as a curl is.
        const QString sender = signing::identifySender(capture.headers);
        if (const QByteArray secret = schemeSecrets.value(sender); !secret.isEmpty())
            return signing::toStoredVerdict(judge(scheme, secret));
        return {QString(), signing::verdicts::unsignedRequest,
                schemeSecrets.isEmpty()
                    ? QStringLiteral("No signature header, and no scheme or secret is set.")
                    : QStringLiteral("No signature header.") + secretsSet};
    }
    signing::Verdict verdict = judge(scheme, QByteArray());
    if (verdict.verdict == signing::verdicts::noSecret)
        verdict.detail += secretsSet;
    return signing::toStoredVerdict(verdict);
}

} // namespace hookscope::session
