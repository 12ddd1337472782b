#pragma once

#include <QSslConfiguration>
#include <QString>

namespace hookscope::http {

// Makes sure a self-signed certificate for localhost (and 127.0.0.1, ::1) exists in directory,
// creating "localhost-cert.pem" and "localhost-key.pem" (mode 0600) with OpenSSL when missing.
// Returns an error message, empty on success; the paths are set either way.
// Where ensureSelfSignedCertificate() keeps the certificate in `directory`.
QString selfSignedCertificatePath(const QString &directory);

QString ensureSelfSignedCertificate(const QString &directory, QString *certificatePath,
                                    QString *privateKeyPath);

// A server-side TLS configuration from PEM files; returns an error message, empty on success.
QString loadServerTls(const QString &certificatePath, const QString &privateKeyPath,
                      QSslConfiguration *configuration);

} // namespace hookscope::http
