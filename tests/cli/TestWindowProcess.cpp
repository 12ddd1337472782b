#include "TestConfig.h"

#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

// The window as a user starts it: the `hookscope` binary with no command, offscreen, with a
// HOME and XDG folders of its own.
class TestWindowProcess final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Asked to stop (kill, a desktop logging out) the window shuts down as if closed: exit 0,
    // the layout saved, the database's lock gone. It used to die at once and leave the lock.
    void aTerminatedWindowShutsDownAsIfClosed_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }

    void aTerminatedWindowShutsDownAsIfClosed()
    {
        QFETCH(int, signal);
        QTemporaryDir home;
        QVERIFY(home.isValid());
        const QString config = home.filePath(QStringLiteral("config"));
        const QString settingsPath = config + QStringLiteral("/hookscope.dev/hookscope.conf");
        {
            // Any free port, so parallel tests never meet on 8787.
            QSettings settings(settingsPath, QSettings::IniFormat);
            settings.setValue(QStringLiteral("receiver/port"), 0);
        }
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("HOME"), home.path());
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), config);
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        QProcess window;
        window.setProcessEnvironment(environment);
        window.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        window.start(QStringLiteral(HOOKSCOPE_BINARY), {});
        QVERIFY(window.waitForStarted());

        const QString lock = home.filePath(QStringLiteral("data/hookscope/captures.sqlite.lock"));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(lock), 20000);
        // The receiver is up once the store is: the window is in its running state.
        QTest::qWait(300);
        QCOMPARE(window.state(), QProcess::Running);
        QVERIFY(::kill(pid_t(window.processId()), signal) == 0);
        QVERIFY(window.waitForFinished(15000));
        QCOMPARE(window.exitStatus(), QProcess::NormalExit);
        QCOMPARE(window.exitCode(), 0);
        QVERIFY2(!QFile::exists(lock), qPrintable(lock));
        const QSettings saved(settingsPath, QSettings::IniFormat);
        QVERIFY(saved.contains(QStringLiteral("mainWindow/geometry")));
    }
};

QTEST_GUILESS_MAIN(TestWindowProcess)
#include "TestWindowProcess.moc"
