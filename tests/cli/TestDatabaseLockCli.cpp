// One database, one writer: a second `hookscope listen` on the same file is refused with a
// plain message, readers (export) keep working beside the listener, and a listener killed with
// SIGKILL does not leave a lock that blocks the next start.
#include "CliRunner.h"
#include "HttpListenProcess.h"
#include "HttpTestClient.h"
#include "store/DatabaseLock.h"

#include <QFile>
#include <QLockFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using test::HttpListenProcess;

namespace {

QStringList listenArguments(const QString &db)
{
    return {QStringLiteral("listen"), QStringLiteral("--port"), QStringLiteral("0"),
            QStringLiteral("--db"), db};
}

qint64 lockOwner(const QString &db)
{
    QLockFile lock(store::DatabaseLock::lockPathFor(db));
    qint64 pid = 0;
    QString host;
    QString application;
    return lock.getLockInfo(&pid, &host, &application) ? pid : 0;
}

} // namespace

class TestDatabaseLockCli final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The lock goes beside the database: a folder that is not there is named with the
    // system's reason, not left for the user to guess.
    void aMissingFolderIsNamedWithTheSystemsReason()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("missing/x.sqlite"));
        const test::ProcessResult result = test::runHookscope(listenArguments(db), {}, 15000);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("cannot create the lock file "), result.err.constData());
        QVERIFY2(result.err.contains("missing/x.sqlite.lock: No such file or directory"),
                 result.err.constData());
    }

    void aSecondListenerOnTheSameFileIsRefusedWhileExportStillWorks()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("shared.sqlite"));
        HttpListenProcess first;
        QVERIFY(first.start(db));
        QCOMPARE(test::roundTrip(first.port(),
                                 "POST /one HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}")
                     .status,
                 200);
        const qint64 pid = first.process().processId();
        QCOMPARE(lockOwner(db), pid);

        const test::ProcessResult second = test::runHookscope(listenArguments(db), {}, 15000);
        QCOMPARE(second.exitCode, 1);
        const QString err = QString::fromUtf8(second.err);
        QVERIFY2(err.contains(QStringLiteral("in use by another Hookscope (PID %1)").arg(pid)),
                 qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("--db")), qPrintable(err));
        QVERIFY2(!second.out.contains("listening on"), second.out.constData());

        // Export reads beside the running listener.
        const test::ProcessResult exported
            = test::runHookscope({QStringLiteral("export"), QStringLiteral("--db"), db,
                                  QStringLiteral("--format"), QStringLiteral("jsonl")});
        QCOMPARE(exported.exitCode, 0);
        QVERIFY2(exported.out.contains("\"target\":\"/one\""), exported.out.constData());

        // The first listener is untouched by all this and still stores.
        QCOMPARE(test::roundTrip(first.port(),
                                 "POST /two HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}")
                     .status,
                 200);
        QCOMPARE(first.terminate(), 0);
        QVERIFY2(!QFile::exists(store::DatabaseLock::lockPathFor(db)),
                 "a clean stop keeps no lock");

        // Once it is gone, the file is free for the next one.
        HttpListenProcess next;
        QVERIFY(next.start(db));
        QCOMPARE(next.terminate(), 0);
    }

    void aListenerKilledWithSigkillDoesNotBlockTheNextStart()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("killed.sqlite"));
        HttpListenProcess killed;
        QVERIFY(killed.start(db));
        QCOMPARE(test::roundTrip(killed.port(),
                                 "POST /before HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}")
                     .status,
                 200);
        const qint64 deadPid = killed.process().processId();
        killed.kill();
        QCOMPARE(lockOwner(db), deadPid); // left behind, as a crash leaves it

        HttpListenProcess next;
        QVERIFY2(next.start(db), next.standardError().constData());
        QCOMPARE(lockOwner(db), next.process().processId());
        const test::ProcessResult refused = test::runHookscope(listenArguments(db), {}, 15000);
        QCOMPARE(refused.exitCode, 1);
        QCOMPARE(next.terminate(), 0);

        const test::ProcessResult exported
            = test::runHookscope({QStringLiteral("export"), QStringLiteral("--db"), db,
                                  QStringLiteral("--format"), QStringLiteral("jsonl")});
        QCOMPARE(exported.exitCode, 0);
        QVERIFY(exported.out.contains("\"target\":\"/before\""));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseLockCli)
#include "TestDatabaseLockCli.moc"
