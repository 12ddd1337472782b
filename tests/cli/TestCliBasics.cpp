#include "CliRunner.h"
#include "cli/CommandLine.h"
#include "core/Version.h"

#include <QTest>

using namespace hookscope;

class TestCliBasics final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionPrintsTheProjectVersion()
    {
        const auto result = test::runHookscope({QStringLiteral("--version")});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out, QByteArray("hookscope ") + kVersion + '\n');
    }

    void helpListsEverySubcommand()
    {
        const auto result = test::runHookscope({QStringLiteral("--help")});
        QCOMPARE(result.exitCode, 0);
        for (const auto &command : cli::allCommands())
            QVERIFY2(result.out.contains(command->name().toUtf8()), qPrintable(command->name()));
    }

    void eachCommandsHelpNamesTheCommand()
    {
        for (const auto &command : cli::allCommands()) {
            const auto result = test::runHookscope({command->name(), QStringLiteral("--help")});
            QCOMPARE(result.exitCode, 0);
            // Not "Usage: /path/to/hookscope [options]", which QCommandLineParser writes.
            QVERIFY2(result.out.startsWith("Usage: hookscope " + command->name().toUtf8() + ' '),
                     result.out.left(120).constData());
        }
    }

    void unknownCommandIsAUsageError()
    {
        const auto result = test::runHookscope({QStringLiteral("frobnicate")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.out.isEmpty());
        QVERIFY(result.err.contains("unknown command 'frobnicate'"));
    }

    void inProcessDispatchWritesToTheGivenStreams()
    {
        QString out;
        QString err;
        QTextStream outStream(&out);
        QTextStream errStream(&err);
        cli::CommandIo io {outStream, errStream};
        QCOMPARE(cli::runCommandLine({QStringLiteral("hookscope"), QStringLiteral("-v")}, io), 0);
        outStream.flush();
        QCOMPARE(out, QStringLiteral("hookscope %1\n").arg(QString::fromLatin1(kVersion)));
        QVERIFY(err.isEmpty());
    }

    void noArgumentMeansTheWindow()
    {
        QVERIFY(!cli::wantsCommandLine({QStringLiteral("hookscope")}));
        QVERIFY(!cli::wantsCommandLine({QStringLiteral("hookscope"), QStringLiteral("-platform")}));
        QVERIFY(cli::wantsCommandLine({QStringLiteral("hookscope"), QStringLiteral("listen")}));
    }
};

QTEST_GUILESS_MAIN(TestCliBasics)
#include "TestCliBasics.moc"
