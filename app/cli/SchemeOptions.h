#pragma once

#include "cli/CommandSyntax.h"
#include "signing/SigningTypes.h"

#include <QCommandLineParser>
#include <QString>

#include <optional>

namespace hookscope::cli {

// What sign and verify share to name a scheme, so both accept and explain it alike.

// Adds --custom SPEC, the custom scheme's settings.
void addCustomSchemeOption(CommandSyntax &syntax);

// The settings --custom gives, in *custom (none without it); the usage error when they cannot
// be read, or when --scheme custom comes without them.
QString readCustomSchemeOption(const QCommandLineParser &parser, const QString &schemeName,
                               std::optional<signing::CustomSchemeConfig> *custom);

// The notes after their options: each scheme and its summary under `heading`, then the keys
// of --custom.
QString schemeNotes(const QString &heading);

} // namespace hookscope::cli
