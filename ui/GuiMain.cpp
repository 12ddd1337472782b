#include "GuiMain.h"

#include "MainWindow.h"
#include "core/Application.h"
#include "core/StopSignals.h"
#include "core/Version.h"

#include <QApplication>
#include <QIcon>

namespace hookscope::ui {

int runGui(int &argc, char **argv)
{
    QApplication app(argc, argv);
    configureApplication();
    QApplication::setApplicationDisplayName(QString::fromLatin1(kApplicationName));
    QApplication::setDesktopFileName(QString::fromLatin1(kApplicationId));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/hookscope.svg")));

    MainWindow window;
    // Asked to stop (kill, a desktop logging out, Ctrl+C in the terminal it started from): the
    // same shutdown as closing the window, so the layout is saved and the database unlocked.
    const StopSignals stopSignals;
    QObject::connect(&stopSignals, &StopSignals::received, &app, &QApplication::quit);
    window.show();
    return QApplication::exec();
}

} // namespace hookscope::ui
