#include "compose/OwnCertificates.h"

#include "http/TlsCertificate.h"

#include <QFile>
#include <QList>
#include <QMutex>

namespace hookscope::compose {

namespace {

// Sends run on worker threads while the window adds a certificate on its own.
QMutex &mutex()
{
    static QMutex value;
    return value;
}

QList<QSslCertificate> &certificates()
{
    static QList<QSslCertificate> value;
    return value;
}

} // namespace

QString trustOwnCertificate(const QString &certificatePath)
{
    const QList<QSslCertificate> read = QSslCertificate::fromPath(certificatePath, QSsl::Pem);
    if (read.isEmpty())
        return QStringLiteral("no PEM certificate in %1").arg(certificatePath);
    QMutexLocker locker(&mutex());
    for (const QSslCertificate &certificate : read) {
        if (!certificates().contains(certificate))
            certificates().append(certificate);
    }
    return {};
}

void trustReceiverCertificateIn(const QString &directory)
{
    const QString path = http::selfSignedCertificatePath(directory);
    if (QFile::exists(path))
        trustOwnCertificate(path);
}

bool isOwnCertificate(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return false;
    QMutexLocker locker(&mutex());
    return certificates().contains(certificate);
}

} // namespace hookscope::compose
