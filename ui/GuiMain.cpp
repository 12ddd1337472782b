#include "GuiMain.h"

#include "MainWindow.h"
#include "core/Application.h"
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
    window.show();
    return QApplication::exec();
}

} // namespace hookscope::ui
