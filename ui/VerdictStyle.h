#pragma once

#include "http/Capture.h"

#include <QColor>
#include <QString>

namespace hookscope::ui {

// How a signature verdict word (valid, invalid, missing-header, ...) is shown to people.
QString verdictLabel(const QString &verdict);
// Badge fill colour; readable with white text in light and dark palettes alike.
QColor verdictColor(const QString &verdict);

// A request nobody signed, to an endpoint nobody asked to verify: shown apart from a signed
// request whose secret is missing, and from a failure.
bool isUnsigned(const StoredVerdict &verdict);
// The badge text of a stored verdict.
QString verdictLabel(const StoredVerdict &verdict);
// The verdict in whole words, for screen readers: "Signed with Patreon, no secret to check it".
QString verdictDescription(const StoredVerdict &verdict);

} // namespace hookscope::ui
