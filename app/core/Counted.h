#pragma once

#include <QString>
#include <QStringView>

namespace hookscope {

// "1 request", "3 requests". Hookscope ships no translation files, and without one Qt's plural
// forms (tr("%n request(s)")) show every user the "(s)"; this picks the English word instead.
QString counted(qint64 n, QStringView one, QStringView many);

} // namespace hookscope
