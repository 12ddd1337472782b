// Databases Hookscope must not silently take over: one already open in another Hookscope, and a
// file that is not a Hookscope database at all. The newer-schema and corrupt-file cases are in
// TestRequestStore; the lock across real processes is in cli.TestDatabaseLockCli.
#include "http/Capture.h"
#include "store/DatabaseLock.h"
#include "store/RequestStore.h"
#include "store/SetAside.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using store::RequestStore;

namespace {

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

} // namespace

class TestHardeningStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aDatabaseOpenInAnotherHookscopeIsAClearError()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shared.sqlite"));
        RequestStore first;
        QCOMPARE(first.open(path), QString());
        Capture capture;
        capture.method = "POST";
        capture.target = "/first";
        first.submit(capture);
        first.flush();

        RequestStore second;
        const QString error = second.open(path);
        QVERIFY2(!error.isEmpty(), "a second store opened a database another one holds");
        QVERIFY2(error.contains(QStringLiteral("in use"))
                     || error.contains(QStringLiteral("another")),
                 qPrintable(error));
        QVERIFY(!second.isOpen());
        QCOMPARE(second.lastOpenFailure(), store::OpenFailure::InUse);
        // Who holds it, and what to do.
        QVERIFY2(error.contains(QStringLiteral("PID %1").arg(QCoreApplication::applicationPid())),
                 qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("--db")), qPrintable(error));
        QCOMPARE(first.count(), 1);

        // A reader (export, replay) opens beside the writer without the lock.
        RequestStore reader;
        store::StoreOptions readOnly;
        readOnly.exclusive = false;
        QCOMPARE(reader.open(path, readOnly), QString());
        QCOMPARE(reader.count(), 1);
    }

    void theSameFileThroughASymlinkIsTheSameLock()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("real")));
        const QString path = dir.filePath(QStringLiteral("real/db.sqlite"));
        const QString linkedFolder = dir.filePath(QStringLiteral("linked"));
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("real")), linkedFolder));
        RequestStore first;
        QCOMPARE(first.open(dir.filePath(QStringLiteral("linked/./db.sqlite"))), QString());
        RequestStore second;
        QVERIFY(second.open(path).contains(QStringLiteral("in use")));
        QVERIFY(QFile::exists(path + QStringLiteral(".lock")));
    }

    void theLockIsReleasedOnCloseAndOnDestruction()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("l.sqlite"));
        const QString lockPath = store::DatabaseLock::lockPathFor(path);
        QCOMPARE(QFileInfo(lockPath).fileName(), QStringLiteral("l.sqlite.lock"));
        {
            RequestStore store;
            QCOMPARE(store.open(path), QString());
            QVERIFY(QFile::exists(lockPath));
            store.close();
            QVERIFY(!QFile::exists(lockPath));
            QCOMPARE(store.open(path), QString()); // and again, after closing
            QVERIFY(QFile::exists(lockPath));
        }
        QVERIFY(!QFile::exists(lockPath));
        RequestStore next;
        QCOMPARE(next.open(path), QString());
        // A failed open holds nothing either.
        RequestStore refused;
        QVERIFY(!refused.open(path).isEmpty());
        next.close();
        QCOMPARE(refused.open(path), QString());
    }

    void aLockLeftByADeadProcessIsTakenOver()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("stale.sqlite"));
        const QString lockPath = store::DatabaseLock::lockPathFor(path);
        // A lock file in QLockFile's own format, as a process killed with SIGKILL leaves it:
        // taken for real, then given the PID of a child that has since exited.
        QByteArray content;
        {
            QLockFile lock(lockPath);
            QVERIFY(lock.tryLock(0));
            QFile file(lockPath);
            QVERIFY(file.open(QIODevice::ReadOnly));
            content = file.readAll();
            lock.unlock();
        }
        QProcess child;
        child.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("exit 0")});
        QVERIFY(child.waitForStarted());
        const qint64 deadPid = child.processId();
        QVERIFY(child.waitForFinished());
        QVERIFY(deadPid > 0);
        content = QByteArray::number(deadPid) + content.mid(content.indexOf('\n'));
        {
            QFile file(lockPath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
        }
        {
            QLockFile probe(lockPath);
            qint64 pid = 0;
            QString host, application;
            QVERIFY(probe.getLockInfo(&pid, &host, &application));
            QCOMPARE(pid, deadPid);
        }

        RequestStore store;
        QCOMPARE(store.open(path), QString());
        QVERIFY(store.isOpen());
        // Now it is ours: a second store is refused, naming this process.
        RequestStore second;
        QVERIFY(second.open(path).contains(
            QStringLiteral("PID %1").arg(QCoreApplication::applicationPid())));
    }

    void openFailuresSayWhatKindTheyAre()
    {
        QTemporaryDir dir;
        const QString corrupt = dir.filePath(QStringLiteral("corrupt.sqlite"));
        {
            QFile file(corrupt);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray(8192, '\x5a'));
        }
        RequestStore store;
        const QString error = store.open(corrupt);
        // SQLite's reason, where the message used to read "cannot read the database ()".
        QVERIFY2(error.contains(QStringLiteral("(file is not a database)")), qPrintable(error));
        QCOMPARE(store.lastOpenFailure(), store::OpenFailure::Unreadable);
        QVERIFY(!QFile::exists(store::DatabaseLock::lockPathFor(corrupt)));

        const QString future = dir.filePath(QStringLiteral("future.sqlite"));
        {
            QSqlDatabase db
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("future"));
            db.setDatabaseName(future);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 99")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("future"));
        QVERIFY(!store.open(future).isEmpty());
        QCOMPARE(store.lastOpenFailure(), store::OpenFailure::Unreadable);

        const QString missingFolder = dir.filePath(QStringLiteral("no/such/folder/x.sqlite"));
        QVERIFY(!store.open(missingFolder).isEmpty());
        QCOMPARE(store.lastOpenFailure(), store::OpenFailure::Other);

        QCOMPARE(store.open(dir.filePath(QStringLiteral("fine.sqlite"))), QString());
        QCOMPARE(store.lastOpenFailure(), store::OpenFailure::None);
    }

    void anUnreadableFileIsSetAsideByteForByteNeverOverwritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("captures.sqlite"));
        const QByteArray garbage(5000, '\x5a');
        const QByteArray walBytes("not really a WAL");
        for (const auto &[name, bytes] :
             {std::pair {path, garbage}, std::pair {path + QStringLiteral("-wal"), walBytes}}) {
            QFile file(name);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(bytes);
        }
        const QDateTime when(QDate(2026, 11, 23), QTime(17, 5, 9));
        const QString expected = path + QStringLiteral(".unreadable-20261123-170509");
        // Something already has the name this second would give: it is kept too.
        {
            QFile occupied(expected);
            QVERIFY(occupied.open(QIODevice::WriteOnly));
            occupied.write("earlier");
        }
        QString movedTo;
        QCOMPARE(store::setAsideUnreadable(path, &movedTo, when), QString());
        QCOMPARE(movedTo, expected + QStringLiteral("-2"));
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
        QCOMPARE(fileHash(movedTo), QCryptographicHash::hash(garbage, QCryptographicHash::Sha256));
        QCOMPARE(fileHash(movedTo + QStringLiteral("-wal")),
                 QCryptographicHash::hash(walBytes, QCryptographicHash::Sha256));
        QCOMPARE(fileHash(expected),
                 QCryptographicHash::hash("earlier", QCryptographicHash::Sha256));

        // A new store starts where the old file was.
        RequestStore store;
        QCOMPARE(store.open(path), QString());
        QCOMPARE(store.count(), 0);

        // A file another Hookscope holds is never moved.
        QString notMoved;
        QVERIFY(
            store::setAsideUnreadable(path, &notMoved, when).contains(QStringLiteral("in use")));
        QVERIFY(notMoved.isEmpty());
        QVERIFY(QFile::exists(path));
    }

    void aFileThatIsNotADatabaseIsLeftUntouched_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("JSON export") << QByteArray("{\"id\":1,\"method\":\"POST\"}\n");
        QTest::newRow("truncated SQLite header") << QByteArray("SQLite format 3\0\x10\0", 19);
        QByteArray header("SQLite format 3", 16);
        header += QByteArray(84, '\0');
        header[16] = 0x10; // page size 4096
        header[17] = 0;
        QTest::newRow("header then zero pages") << header + QByteArray(4096 - 100, '\0');
    }

    void aFileThatIsNotADatabaseIsLeftUntouched()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("not-a-db.sqlite"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
        }
        const QByteArray before = fileHash(path);
        RequestStore store;
        const QString error = store.open(path);
        if (error.isEmpty()) {
            // SQLite may accept an all-zero file as empty: then it must be a usable store and
            // the original bytes were nothing worth keeping. Anything else must be refused.
            QVERIFY2(content.count('\0') + 16 >= content.size(), "a non-database was opened");
            return;
        }
        QVERIFY2(error.contains(QStringLiteral("cannot open the store")), qPrintable(error));
        QVERIFY(!store.isOpen());
        QCOMPARE(fileHash(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal"))
                || QFile(path + QStringLiteral("-wal")).size() == 0);
    }
};

QTEST_GUILESS_MAIN(TestHardeningStore)
#include "TestHardeningStore.moc"
