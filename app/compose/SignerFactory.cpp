#include "compose/SignerFactory.h"

namespace hookscope::compose {

BodySigner makeSigner(const QString &scheme, const QByteArray &secret, QString *error)
{
    // The signature engine (issue 5, app/signing/Signing.h) is not in this branch yet; once it
    // is, this returns a lambda calling hookscope::signing::sign(scheme, secret, body, options).
    Q_UNUSED(secret);
    *error = QStringLiteral("cannot sign with '%1': the signature engine is not part of this "
                            "build yet")
                 .arg(scheme);
    return {};
}

} // namespace hookscope::compose
