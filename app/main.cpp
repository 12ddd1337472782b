#include "GuiMain.h"
#include "cli/CommandLine.h"
#include "core/Application.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <cstdio>

int main(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    // Chosen at run time: a subcommand runs the CLI on a QCoreApplication (no display needed),
    // no subcommand opens the window.
    if (!hookscope::cli::wantsCommandLine(arguments)) {
        // Without a display Qt aborts with a page about platform plugins; say what is missing
        // and what works without one.
        const bool platformChosen = !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")
            || arguments.contains(QStringLiteral("-platform"))
            || arguments.contains(QStringLiteral("--platform"));
        if (!platformChosen && qEnvironmentVariableIsEmpty("DISPLAY")
            && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")) {
            std::fputs("hookscope: no display (DISPLAY and WAYLAND_DISPLAY are unset), so the "
                       "window cannot open.\nThe commands work without one: hookscope --help\n",
                       stderr);
            return hookscope::cli::Failure;
        }
        return hookscope::ui::runGui(argc, argv);
    }

    QCoreApplication app(argc, argv);
    hookscope::configureApplication();
    QTextStream out(stdout);
    QTextStream err(stderr);
    QFile in;
    in.open(stdin, QIODevice::ReadOnly);
    hookscope::cli::CommandIo io {out, err, &in};
    return hookscope::cli::runCommandLine(QCoreApplication::arguments(), io);
}
