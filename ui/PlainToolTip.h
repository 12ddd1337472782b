#pragma once

#include <QString>

namespace hookscope::ui {

// A tooltip that shows `text` as the characters it is. QToolTip renders whatever looks like
// markup, and a request's path, event or signature header is the sender's text, never HTML.
QString plainToolTip(const QString &text);

} // namespace hookscope::ui
