#pragma once

#include "signing/Scheme.h"

namespace hookscope::signing {

struct DiagnosisInput {
    const Scheme *scheme = nullptr;
    QByteArray secret;
    ParsedRequest parsed;
    SignedParts parts;
    HashAlgorithm algorithm = HashAlgorithm::Sha256; // the one the scheme checked
    QList<QByteArray> otherSecrets;
    QStringList otherSecretNames;
};

struct Diagnosis {
    QString text; // one or two plain sentences; never contains a secret
    bool explained = false; // a named mistake reproduces the received signature
};

// Tries the usual mistakes in order of likelihood (characters around the right signature,
// encoding, how the secret was turned into a key, another configured secret, algorithm and
// signed content, milliseconds, body re-serialization, Twilio's URL) and reports the first one
// that reproduces the signature; failing that, what a wrong length says.
Diagnosis diagnose(const DiagnosisInput &input);

} // namespace hookscope::signing
