#pragma once

#include "compose/DeliveryRunner.h"

#include <QByteArray>
#include <QString>

namespace hookscope::compose {

// The one place where sending meets the signature engine (app/signing): a signer for a scheme
// and secret, or an empty function and an error saying why not.
BodySigner makeSigner(const QString &scheme, const QByteArray &secret, QString *error);

} // namespace hookscope::compose
