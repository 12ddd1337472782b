#pragma once

#include "compose/DeliveryRunner.h"

#include <QByteArray>
#include <QString>

namespace hookscope::compose {

// The one place where sending meets the signature engine (app/signing): a signer for a scheme
// (a name from `hookscope sign`, or "custom:<spec>") and secret, or an empty function and an
// error saying why not. The pair is tried once on an empty body so that a bad scheme or secret
// is reported before anything is sent.
BodySigner makeSigner(const QString &scheme, const QByteArray &secret, QString *error);

} // namespace hookscope::compose
