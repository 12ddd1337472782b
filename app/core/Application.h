#pragma once

#include <QString>

namespace hookscope {

// Sets the application name and version used by QStandardPaths and QSettings. Call once, right
// after constructing the Q(Core)Application.
void configureApplication();

// Where Hookscope keeps its data (XDG data folder, e.g. ~/.local/share/hookscope), created on
// demand.
QString dataDirectory();
// The store shared by the window and `hookscope listen` unless --db says otherwise.
QString defaultDatabasePath();
// Where settings and the fallback secrets file live (XDG config folder).
QString configDirectory();

} // namespace hookscope
