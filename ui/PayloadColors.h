#pragma once

#include "json/PayloadTree.h"

#include <QColor>
#include <QPalette>

namespace hookscope::ui {

// Colours for JSON value kinds, picked for the palette in use so they read well on light and
// dark backgrounds alike.
struct PayloadColors {
    QColor key;
    QColor string;
    QColor number;
    QColor boolean;
    QColor null;
    QColor punctuation;

    static PayloadColors forPalette(const QPalette &palette);
    static bool isDark(const QPalette &palette);
    QColor forKind(json::NodeKind kind) const;
};

} // namespace hookscope::ui
