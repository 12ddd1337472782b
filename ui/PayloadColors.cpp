#include "PayloadColors.h"

namespace hookscope::ui {

bool PayloadColors::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

PayloadColors PayloadColors::forPalette(const QPalette &palette)
{
    PayloadColors colors;
    if (isDark(palette)) {
        colors.key = QColor(0x9c, 0xdc, 0xfe);
        colors.string = QColor(0xa5, 0xd6, 0x7f);
        colors.number = QColor(0x6c, 0xb6, 0xff);
        colors.boolean = QColor(0xd7, 0x9b, 0xf0);
        colors.null = QColor(0xa0, 0xa8, 0xb4);
    } else {
        colors.key = QColor(0x00, 0x50, 0x8a);
        colors.string = QColor(0x0b, 0x7a, 0x2e);
        colors.number = QColor(0x1a, 0x4f, 0xd6);
        colors.boolean = QColor(0x95, 0x1f, 0x9a);
        colors.null = QColor(0x6e, 0x6e, 0x6e);
    }
    colors.punctuation = palette.color(QPalette::PlaceholderText);
    return colors;
}

QColor PayloadColors::forKind(json::NodeKind kind) const
{
    switch (kind) {
    case json::NodeKind::String:
        return string;
    case json::NodeKind::Number:
        return number;
    case json::NodeKind::True:
    case json::NodeKind::False:
        return boolean;
    case json::NodeKind::Null:
        return null;
    case json::NodeKind::Object:
    case json::NodeKind::Array:
    case json::NodeKind::Part:
        break;
    }
    return punctuation;
}

} // namespace hookscope::ui
