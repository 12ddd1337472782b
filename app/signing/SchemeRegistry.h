#pragma once

#include "signing/Scheme.h"

#include <memory>

namespace hookscope::signing {

// The built-in schemes in detection order: the most specific headers first, so a request
// carrying both X-Webhook-Signature and a provider's header is named for the provider.
const QList<const Scheme *> &builtinSchemes();
const Scheme *findBuiltinScheme(const QString &name);

// The scheme named `name` ("custom" needs `custom`); null when unknown or not configured.
std::shared_ptr<const Scheme> makeScheme(const QString &name,
                                         const std::optional<CustomSchemeConfig> &custom);

} // namespace hookscope::signing
