#pragma once

#include "signing/SigningTypes.h"

#include <QString>

#include <optional>

namespace hookscope::signing {

// The compact text form of a custom scheme, as `--custom` takes it: comma-separated key=value
// pairs, e.g. "header=X-Sig,alg=sha256,enc=hex,prefix=sha256=,content={timestamp}.{body},
// timestamp-header=X-Ts,tolerance=300". A comma not followed by a known key belongs to the
// value before it, so content templates may contain commas. A mistyped key's error names the
// key it most likely meant (unknown key "heder"; did you mean 'header'?).
std::optional<CustomSchemeConfig> parseCustomScheme(const QString &spec, QString *error);
QString formatCustomScheme(const CustomSchemeConfig &config);

// The help text listing the keys.
QString customSchemeHelp();

} // namespace hookscope::signing
