#include "history/SendHistory.h"
#include "history/SendHistoryDatabase.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace hookscope;
using history::SendRecord;

namespace {

SendRecord sampleRecord(int attempt)
{
    SendRecord record;
    record.sentAtUs = 1'700'000'000'000'000 + attempt;
    record.templateName = QStringLiteral("patreon/pledges:create");
    record.scheme = QStringLiteral("patreon");
    record.method = "POST";
    record.url = QStringLiteral("http://127.0.0.1:9/hooks");
    record.requestHeaders = {{"Content-Type", "application/json"},
                             {"X-Patreon-Event", "pledges:create"},
                             {"X-Empty", ""}};
    record.requestBody = R"({"b":1,"a":2})";
    record.status = attempt == 1 ? 500 : 200;
    record.reason = attempt == 1 ? "Internal Server Error" : "OK";
    record.responseHeaders = {{"Content-Type", "application/json"}};
    record.responseBody = "{\"ok\":true}";
    record.durationUs = 1234;
    record.attempt = attempt;
    record.eventId = QStringLiteral("evt_123");
    record.deliveryGroup = QStringLiteral("group-1");
    return record;
}

} // namespace

class TestSendHistory final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headersRoundTripInOrder()
    {
        const HeaderList headers {{"B", "2"}, {"A", "1: with colon"}, {"A", ""}};
        const HeaderList back = history::decodeHeaders(history::encodeHeaders(headers));
        QCOMPARE(back.size(), 3);
        QCOMPARE(back.at(0).name, QByteArray("B"));
        QCOMPARE(back.at(1).value, QByteArray("1: with colon"));
        QCOMPARE(back.at(2).name, QByteArray("A"));
        QCOMPARE(back.at(2).value, QByteArray());
        QVERIFY(history::decodeHeaders({}).isEmpty());
    }

    void theDatabaseStoresListsAndLoadsRecords()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sends.sqlite"));
        history::SendHistoryDatabase database;
        QCOMPARE(database.open(path), QString());
        QString error;
        const qint64 first = database.add(sampleRecord(1), &error);
        const qint64 second = database.add(sampleRecord(2), &error);
        QVERIFY2(first > 0 && second > first, qPrintable(error));

        const QList<SendRecord> rows = database.list(10);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).id, second); // newest first
        QCOMPARE(rows.at(0).status, 200);
        QVERIFY(!rows.at(0).hasBodies);
        QVERIFY(rows.at(0).requestBody.isEmpty());
        QCOMPARE(database.list(10, second).size(), 1);

        const auto loaded = database.load(first);
        QVERIFY(loaded);
        const SendRecord expected = sampleRecord(1);
        QCOMPARE(loaded->method, expected.method);
        QCOMPARE(loaded->url, expected.url);
        QCOMPARE(loaded->requestBody, expected.requestBody);
        QCOMPARE(loaded->requestHeaders.size(), 3);
        QCOMPARE(loaded->requestHeaders.at(1).value, QByteArray("pledges:create"));
        QCOMPARE(loaded->responseBody, expected.responseBody);
        QCOMPARE(loaded->reason, expected.reason);
        QCOMPARE(loaded->eventId, expected.eventId);
        QCOMPARE(loaded->deliveryGroup, expected.deliveryGroup);
        QCOMPARE(loaded->attempt, 1);
        QCOMPARE(loaded->durationUs, 1234);
        QVERIFY(!database.load(9999));

        QVERIFY(database.clear());
        QCOMPARE(database.count(), 0);
    }

    void theFileIsWalAndVersioned()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sends.sqlite"));
        {
            history::SendHistoryDatabase database;
            QCOMPARE(database.open(path), QString());
        }
        {
            QSqlDatabase db
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("inspect"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("PRAGMA user_version")) && query.next());
            QCOMPARE(query.value(0).toInt(), history::SendHistoryDatabase::kSchemaVersion);
            QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode")) && query.next());
            QCOMPARE(query.value(0).toString(), QStringLiteral("wal"));
            // A file from a newer Hookscope is refused rather than misread.
            QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 99")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("inspect"));
        history::SendHistoryDatabase database;
        QVERIFY(database.open(path).contains(QStringLiteral("newer")));
    }

    void theAsyncHistoryPersistsAcrossReopening()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sends.sqlite"));
        {
            history::SendHistory history;
            QString openError = QStringLiteral("pending");
            history.open(path, [&](const QString &error) { openError = error; });
            QTRY_COMPARE(openError, QString());
            QSignalSpy added(&history, &history::SendHistory::added);
            Qt::HANDLE doneThread = nullptr;
            qint64 id = 0;
            history.add(sampleRecord(1));
            history.add(sampleRecord(2), [&](qint64 newId) {
                id = newId;
                doneThread = QThread::currentThreadId();
            });
            QTRY_VERIFY(id > 0);
            // Callbacks come back on the caller's thread.
            QCOMPARE(doneThread, QThread::currentThreadId());
            QTRY_COMPARE(added.count(), 2);
            const auto summary = added.at(1).at(0).value<SendRecord>();
            QCOMPARE(summary.id, id);
            QVERIFY(!summary.hasBodies);
        }
        history::SendHistory reopened;
        reopened.open(path);
        QList<SendRecord> rows;
        bool listed = false;
        reopened.list(50, 0, [&](const QList<SendRecord> &records) {
            rows = records;
            listed = true;
        });
        QTRY_VERIFY(listed);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).attempt, 2);
        std::optional<SendRecord> loaded;
        reopened.load(rows.at(1).id,
                      [&](const std::optional<SendRecord> &record) { loaded = record; });
        QTRY_VERIFY(loaded.has_value());
        QCOMPARE(loaded->requestBody, sampleRecord(1).requestBody);
    }

    void writingToAHistoryThatDidNotOpenFailsCleanly()
    {
        history::SendHistory history;
        QString openError;
        history.open(QStringLiteral("/nonexistent-dir/for/sure/sends.sqlite"),
                     [&](const QString &error) { openError = error; });
        QTRY_VERIFY(!openError.isEmpty());
        QSignalSpy failed(&history, &history::SendHistory::writeFailed);
        qint64 id = -1;
        history.add(sampleRecord(1), [&](qint64 newId) { id = newId; });
        QTRY_COMPARE(id, 0);
        QCOMPARE(failed.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSendHistory)
#include "TestSendHistory.moc"
