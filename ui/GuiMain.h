#pragma once

namespace hookscope::ui {

// Opens the main window and runs the event loop until it closes.
int runGui(int &argc, char **argv);

} // namespace hookscope::ui
