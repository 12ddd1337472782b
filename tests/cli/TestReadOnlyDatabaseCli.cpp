// A database its user cannot write: the commands that only read it (export, verify --id,
// replay) read it as it is and change nothing; listen refuses it at start rather than answer
// every request 503. Run as root, the commands run as nobody, for whom the files are read-only.
#include "CliRunner.h"
#include "HttpListenProcess.h"
#include "HttpTestClient.h"
#include "OlderSchema.h"
#include "TestConfig.h"
#include "store/DatabaseLock.h"
#include "store/Schema.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <grp.h>
#include <unistd.h>

using namespace hookscope;
using test::HttpListenProcess;
using test::ProcessResult;

namespace {

constexpr QFileDevice::Permissions kReadOnlyFile
    = QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther;
constexpr QFileDevice::Permissions kOpenFolder = QFileDevice::ReadOwner | QFileDevice::WriteOwner
    | QFileDevice::ExeOwner | QFileDevice::ReadGroup | QFileDevice::WriteGroup
    | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther
    | QFileDevice::ExeOther;
constexpr QFileDevice::Permissions kReadOnlyFolder = QFileDevice::ReadOwner | QFileDevice::ExeOwner
    | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
    | QFileDevice::ExeOther;

// Runs hookscope as a user the permissions apply to: root writes any file, so as root the
// child becomes nobody first.
ProcessResult runWithoutWriteAccess(const QStringList &arguments, const QString &home)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), home);
    environment.remove(QStringLiteral("XDG_RUNTIME_DIR"));
    process.setProcessEnvironment(environment);
    if (::geteuid() == 0) {
        process.setChildProcessModifier([] {
            constexpr uid_t kNobody = 65534;
            if (::setgroups(0, nullptr) != 0 || ::setgid(kNobody) != 0 || ::setuid(kNobody) != 0)
                ::_exit(125);
        });
    }
    process.start(QStringLiteral(HOOKSCOPE_BINARY), arguments);
    ProcessResult result;
    process.closeWriteChannel();
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QByteArray digestOf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

// What the folder holds, so a test can tell that nothing was created or left in it.
QStringList entriesOf(const QString &folder)
{
    return QDir(folder).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

} // namespace

class TestReadOnlyDatabaseCli final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_folder; // the database's folder, its permissions set by each test
    QString m_db;

    QString home() const { return m_dir.filePath(QStringLiteral("home")); }

    // Two requests received by the real receiver, which then stopped cleanly (no -wal left).
    void receiveTwoRequests()
    {
        HttpListenProcess listen;
        QVERIFY(listen.start(m_db));
        QCOMPARE(test::roundTrip(listen.port(),
                                 "POST /one HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}")
                     .status,
                 200);
        QCOMPARE(test::roundTrip(listen.port(), "GET /two HTTP/1.1\r\nHost: a\r\n\r\n").status,
                 200);
        QCOMPARE(listen.waitForLines(2).size(), 2);
        QCOMPARE(listen.terminate(), 0);
        QVERIFY(!QFile::exists(m_db + QStringLiteral("-wal")));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // The temporary folder is its owner's alone; nobody must reach the database in it.
        QVERIFY(QFile::setPermissions(m_dir.path(), kReadOnlyFolder | QFileDevice::WriteOwner));
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("home")));
        QVERIFY(QFile::setPermissions(home(), kOpenFolder));
    }

    void init()
    {
        m_folder = m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction()));
        QVERIFY(QDir(m_dir.path()).mkpath(m_folder));
        QVERIFY(QFile::setPermissions(m_folder, kOpenFolder));
        m_db = m_folder + QStringLiteral("/captures.sqlite");
        receiveTwoRequests();
    }

    void cleanup()
    {
        QFile::setPermissions(m_folder, kOpenFolder); // so QTemporaryDir can remove it
    }

    // chmod 444: export, verify --id and replay read it as it is; nothing in it changes.
    void aReadOnlyFileIsRead()
    {
        QVERIFY(QFile::setPermissions(m_db, kReadOnlyFile));
        const QByteArray before = digestOf(m_db);

        const ProcessResult exported
            = runWithoutWriteAccess({QStringLiteral("export"), QStringLiteral("--db"), m_db,
                                     QStringLiteral("--format"), QStringLiteral("jsonl")},
                                    home());
        QCOMPARE(exported.exitCode, 0);
        QVERIFY2(exported.err.isEmpty(), exported.err.constData());
        QCOMPARE(exported.out.count('\n'), 2);
        QVERIFY(exported.out.contains("\"target\":\"/one\""));

        const ProcessResult one = runWithoutWriteAccess(
            {QStringLiteral("export"), QStringLiteral("--db"), m_db, QStringLiteral("--format"),
             QStringLiteral("jsonl"), QStringLiteral("--id"), QStringLiteral("2")},
            home());
        QCOMPARE(one.exitCode, 0);
        QCOMPARE(one.out.count('\n'), 1);
        QVERIFY(one.out.contains("\"target\":\"/two\""));

        // An unsigned request: verify reads it and says so (exit 1), not "cannot open".
        const ProcessResult verified = runWithoutWriteAccess(
            {QStringLiteral("verify"), QStringLiteral("--db"), m_db, QStringLiteral("--id"),
             QStringLiteral("1"), QStringLiteral("--secret"), QStringLiteral("ro-test-secret")},
            home());
        QCOMPARE(verified.exitCode, 1);
        QVERIFY2(verified.out.contains("request:   #1 POST /one, received "),
                 verified.out.constData());
        QVERIFY2(verified.out.contains("verdict:   missing-header\n"), verified.out.constData());

        QTemporaryDir targetDir;
        HttpListenProcess target;
        QVERIFY(target.start(targetDir.filePath(QStringLiteral("target.sqlite"))));
        const ProcessResult replayed = runWithoutWriteAccess(
            {QStringLiteral("replay"), QStringLiteral("--db"), m_db, QStringLiteral("--id"),
             QStringLiteral("1"), QStringLiteral("http://127.0.0.1:%1").arg(target.port())},
            home());
        QCOMPARE(replayed.exitCode, 0);
        QVERIFY2(replayed.out.startsWith("HTTP 200 "), replayed.out.constData());
        const QList<QByteArray> arrived = target.waitForLines(1);
        QCOMPARE(arrived.size(), 1);
        QVERIFY2(arrived.first().contains(" POST /one [*] 2 B"), arrived.first().constData());
        QCOMPARE(target.terminate(), 0);

        QCOMPARE(digestOf(m_db), before);
        // Nothing left beside it: the -wal and -shm SQLite made for reading are gone.
        QCOMPARE(entriesOf(m_folder), QStringList {QStringLiteral("captures.sqlite")});
    }

    // A WAL database in a folder that cannot be written cannot be read either (SQLite must
    // create its -shm beside it): said in those words, with the way out, and nothing is left.
    void aWalDatabaseInAReadOnlyFolderIsExplained()
    {
        QVERIFY(QFile::setPermissions(m_db, kReadOnlyFile));
        QVERIFY(QFile::setPermissions(m_folder, kReadOnlyFolder));
        const QStringList before = entriesOf(m_folder);
        const ProcessResult exported
            = runWithoutWriteAccess({QStringLiteral("export"), QStringLiteral("--db"), m_db,
                                     QStringLiteral("--format"), QStringLiteral("jsonl")},
                                    home());
        QCOMPARE(exported.exitCode, 1);
        QVERIFY(exported.out.isEmpty());
        const QByteArray expected
            = QStringLiteral("hookscope export: cannot open the store %1: it is a WAL database and "
                             "its folder %2 cannot be written: SQLite must create "
                             "captures.sqlite-shm beside it to read it. Make the folder writable, "
                             "or copy the database somewhere writable and read the copy\n")
                  .arg(m_db, m_folder)
                  .toUtf8();
        QCOMPARE(exported.err, expected);
        QVERIFY(!exported.err.contains("corrupt"));
        QCOMPARE(entriesOf(m_folder), before);

        // The copy it suggests reads.
        const QString copy = home() + QStringLiteral("/copy.sqlite");
        QVERIFY(QFile::copy(m_db, copy));
        QVERIFY(QFile::setPermissions(copy, kReadOnlyFile));
        const ProcessResult fromCopy
            = runWithoutWriteAccess({QStringLiteral("export"), QStringLiteral("--db"), copy,
                                     QStringLiteral("--format"), QStringLiteral("har")},
                                    home());
        QCOMPARE(fromCopy.exitCode, 0);
        QVERIFY(fromCopy.out.contains("\"url\":\"http://a/one\""));
    }

    // A database from an older Hookscope needs an upgrade, which a reader that cannot write it
    // cannot make: the message says so instead of calling it corrupt. Writable, it is upgraded.
    void anOlderSchemaIsNamedNotCalledCorrupt()
    {
        QCOMPARE(test::rewindSchema(m_db, 4), QString());
        QVERIFY(QFile::setPermissions(m_db, kReadOnlyFile));
        const QByteArray before = digestOf(m_db);

        for (const QStringList &command :
             {QStringList {QStringLiteral("export"), QStringLiteral("--format"),
                           QStringLiteral("jsonl")},
              QStringList {QStringLiteral("verify"), QStringLiteral("--id"), QStringLiteral("1")},
              QStringList {QStringLiteral("replay"), QStringLiteral("--id"), QStringLiteral("1"),
                           QStringLiteral("http://127.0.0.1:9/")}}) {
            const ProcessResult result = runWithoutWriteAccess(
                command + QStringList {QStringLiteral("--db"), m_db}, home());
            QCOMPARE(result.exitCode, 1);
            const QByteArray expected
                = QStringLiteral("hookscope %1: cannot open the store %2: it was made by an older "
                                 "Hookscope (schema version 4; this one reads 5) and must be "
                                 "upgraded, which needs write access to it and its folder: "
                                 "make them writable and run this again\n")
                      .arg(command.first(), m_db)
                      .toUtf8();
            QCOMPARE(result.err, expected);
        }
        QCOMPARE(digestOf(m_db), before);
        QCOMPARE(entriesOf(m_folder), QStringList {QStringLiteral("captures.sqlite")});

        // Where its owner can write it, a reader upgrades it as listen or the window would,
        // and reads it; but not under another Hookscope that has it open (an older listen would
        // go on writing rows the upgrade never saw).
        QVERIFY(QFile::setPermissions(m_db, kReadOnlyFile | QFileDevice::WriteOwner));
        {
            store::DatabaseLock olderListen;
            QCOMPARE(olderListen.acquire(m_db), QString());
            const ProcessResult refused
                = test::runHookscope({QStringLiteral("export"), QStringLiteral("--db"), m_db,
                                      QStringLiteral("--format"), QStringLiteral("jsonl")});
            QCOMPARE(refused.exitCode, 1);
            QVERIFY2(refused.err.contains("it is in use by another Hookscope (PID ")
                         && refused.err.contains("(it was made by an older Hookscope and must be "
                                                 "upgraded before this one can read it)\n"),
                     refused.err.constData());
            QCOMPARE(test::schemaVersionOf(m_db), 4);
        }
        const ProcessResult exported
            = test::runHookscope({QStringLiteral("export"), QStringLiteral("--db"), m_db,
                                  QStringLiteral("--format"), QStringLiteral("jsonl")});
        QCOMPARE(exported.exitCode, 0);
        QCOMPARE(exported.out.count('\n'), 2);
        QCOMPARE(test::schemaVersionOf(m_db), store::kSchemaVersion);
        QVERIFY(!QFile::exists(m_db + QStringLiteral(".lock"))); // the upgrade's lock is let go
    }

    // listen on a file it cannot write would answer every request 503 while it looked up: it
    // refuses to start, naming the file, and prints no "listening on" line a script would trust.
    void listenRefusesADatabaseItCannotWrite()
    {
        QVERIFY(QFile::setPermissions(m_db, kReadOnlyFile));
        const QByteArray before = digestOf(m_db);
        const ProcessResult listen
            = runWithoutWriteAccess({QStringLiteral("listen"), QStringLiteral("--port"),
                                     QStringLiteral("0"), QStringLiteral("--db"), m_db},
                                    home());
        QCOMPARE(listen.exitCode, 1);
        QVERIFY2(listen.out.isEmpty(), listen.out.constData());
        const QByteArray expected
            = QStringLiteral("hookscope listen: cannot open the store %1: it cannot be written "
                             "(its permissions, or a read-only file system), so no request could "
                             "be stored and each would be answered 503\n")
                  .arg(m_db)
                  .toUtf8();
        QCOMPARE(listen.err, expected);
        QCOMPARE(digestOf(m_db), before);
        QVERIFY(!QFile::exists(m_db + QStringLiteral(".lock")));
    }
};

QTEST_GUILESS_MAIN(TestReadOnlyDatabaseCli)
#include "TestReadOnlyDatabaseCli.moc"
