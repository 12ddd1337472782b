#pragma once

#include <QSslCertificate>
#include <QString>

namespace hookscope::compose {

// The self-signed certificates of Hookscope's own HTTPS receivers, accepted as the server's
// certificate by everything this process sends (composer, load runs, replays, `send`), so a
// test event fired at our own receiver needs no "accept this certificate". Only these exact
// certificates are accepted this way: any other self-signed one still fails as it should.

// Reads a PEM certificate and adds it; returns an error message, empty on success.
QString trustOwnCertificate(const QString &certificatePath);

// Trusts the self-signed certificate a receiver keeps in `directory`, beside its database
// (`listen --tls`, the window), when there is one there; nothing otherwise.
void trustReceiverCertificateIn(const QString &directory);

// Whether a server that presented this certificate is our own receiver.
bool isOwnCertificate(const QSslCertificate &certificate);

} // namespace hookscope::compose
