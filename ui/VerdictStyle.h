#pragma once

#include <QColor>
#include <QString>

namespace hookscope::ui {

// How a signature verdict word (valid, invalid, missing-header, ...) is shown to people.
QString verdictLabel(const QString &verdict);
// Badge fill colour; readable with white text in light and dark palettes alike.
QColor verdictColor(const QString &verdict);

} // namespace hookscope::ui
