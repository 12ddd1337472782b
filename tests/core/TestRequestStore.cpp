#include "OlderSchema.h"
#include "store/HeaderBlob.h"
#include "store/RequestStore.h"
#include "store/Schema.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <sys/stat.h>

using namespace hookscope;
using namespace hookscope::store;

namespace {

Capture makeCapture(int n, const QString &endpoint = {}, const QString &event = {},
                    const QString &verdict = QStringLiteral("no-secret"))
{
    Capture c;
    c.method = n % 2 ? "POST" : "GET";
    c.target = "/t/" + QByteArray::number(n);
    c.headers = {{"Host", "localhost"}, {"Content-Type", "application/json"}};
    c.body = "{\"n\":" + QByteArray::number(n) + "}";
    c.remoteAddress = QStringLiteral("127.0.0.1");
    c.remotePort = 40000;
    c.receivedAtUs = 1'700'000'000'000'000 + qint64(n) * 1000;
    c.endpoint = endpoint;
    c.eventType = event;
    c.signature = {QString(), verdict, QString()};
    c.responseStatus = 200;
    c.responseBody = "{\"received\":\"{{id}}\"}";
    return c;
}

// Submits and waits for the commit; returns the id.
qint64 storeNow(RequestStore &store, Capture capture)
{
    std::atomic<qint64> id {0};
    store.submit(std::move(capture), [&id](const StoreOutcome &outcome) { id = outcome.id; });
    store.flush();
    return id;
}

QString queryPlan(const QString &path, const QString &sql)
{
    QString plan;
    {
        QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("plan"));
        db.setDatabaseName(path);
        db.open();
        QSqlQuery query(db);
        query.exec(QStringLiteral("EXPLAIN QUERY PLAN ") + sql);
        while (query.next())
            plan += query.value(3).toString() + u'\n';
    }
    QSqlDatabase::removeDatabase(QStringLiteral("plan"));
    return plan;
}

} // namespace

class TestRequestStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aNewDatabaseGetsTheCurrentSchema()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("new.sqlite"));
        RequestStore store;
        QCOMPARE(store.open(path), QString());
        QCOMPARE(store.count(), 0);
        store.close();
        {
            QSqlDatabase db
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QCOMPARE(schemaVersion(db), kSchemaVersion);
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode")) && query.next());
            QCOMPARE(query.value(0).toString(), QStringLiteral("wal"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
        // Opening again migrates nothing and keeps data.
        QCOMPARE(store.open(path), QString());
        QCOMPARE(storeNow(store, makeCapture(1)) > 0, true);
        store.close();
        QCOMPARE(store.open(path), QString());
        QCOMPARE(store.count(), 1);
    }

    // Payloads may hold personal data: a new database, and the WAL beside it, are the owner's
    // alone whatever the umask.
    void aNewDatabaseIsReadableByItsOwnerOnly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("private.sqlite"));
        const mode_t before = ::umask(0022);
        RequestStore store;
        QCOMPARE(store.open(path), QString());
        QVERIFY(storeNow(store, makeCapture(1)) > 0);
        ::umask(before);
        for (const QString &file : {path, path + u"-wal"_qs}) {
            struct stat info {
            };
            QVERIFY2(::stat(QFile::encodeName(file).constData(), &info) == 0, qPrintable(file));
            QCOMPARE(info.st_mode & 0777, mode_t(0600));
        }
    }

    // Version 4 added the response delay; a version 3 file keeps its rows and reads 0 for them.
    void aVersion3DatabaseIsMigratedWithItsRows()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v3.sqlite"));
        {
            RequestStore store;
            QCOMPARE(store.open(path), QString());
            QVERIFY(storeNow(store, makeCapture(1)) > 0);
        }
        QCOMPARE(test::rewindSchema(path, 3), QString());

        RequestStore store;
        QCOMPARE(store.open(path), QString());
        QCOMPARE(store.count(), 1);
        const auto old = store.load(1);
        QVERIFY(old);
        QCOMPARE(old->responseDelayMs, 0);
        Capture delayed = makeCapture(2);
        delayed.responseDelayMs = 1500;
        const qint64 id = storeNow(store, delayed);
        QCOMPARE(store.load(id)->responseDelayMs, 1500);
    }

    // Both ways of recording an answer after the fact write their columns and announce it once.
    void answersRecordedLaterAreAnnounced()
    {
        QTemporaryDir dir;
        RequestStore store;
        QCOMPARE(store.open(dir.filePath(QStringLiteral("a.sqlite"))), QString());
        const qint64 id = storeNow(store, makeCapture(1));
        QSignalSpy updated(&store, &RequestStore::responseUpdated);
        http::HttpResponse sent;
        sent.status = 202;
        sent.headers = {{"X-From", "target"}};
        sent.body = "passed on";
        QVERIFY(store.updateResponse(id, sent));
        QVERIFY(store.recordSenderLeft(id, 1003));
        QCOMPARE(updated.size(), 2);
        QCOMPARE(updated.at(1).at(0).toLongLong(), id);
        const std::optional<Capture> capture = store.load(id);
        QVERIFY(capture);
        QCOMPARE(capture->responseStatus, 202);
        QCOMPARE(capture->responseHeaders, (HeaderList {{"X-From", "target"}}));
        QCOMPARE(capture->responseBody, QByteArray("passed on"));
        QCOMPARE(capture->senderLeftAfterMs, 1003);
    }

    // Opened for reading (export, verify --id, replay), the store reads everything and writes
    // nothing: not a byte of the file changes, and a write is refused with SQLite's reason.
    void aStoreOpenedForReadingWritesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("r.sqlite"));
        {
            RequestStore store;
            QCOMPARE(store.open(path), QString());
            storeNow(store, makeCapture(1));
            storeNow(store, makeCapture(2));
        }
        const auto digest = [&path] {
            QFile file(path);
            return file.open(QIODevice::ReadOnly)
                ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256)
                : QByteArray();
        };
        const QByteArray before = digest();
        StoreOptions reading;
        reading.readOnly = true;
        reading.exclusive = false;
        {
            RequestStore store;
            QCOMPARE(store.open(path, reading), QString());
            QVERIFY(store.isOpen());
            QCOMPARE(store.count(), 2);
            QCOMPARE(store.load(2)->body, makeCapture(2).body);
            QSignalSpy updated(&store, &RequestStore::responseUpdated);
            QVERIFY(!store.recordSenderLeft(1, 5));
            QVERIFY2(store.lastError().contains(u"readonly"), qPrintable(store.lastError()));
            QCOMPARE(updated.size(), 0);
            QString refused;
            store.submit(makeCapture(3), [&refused](const StoreOutcome &o) { refused = o.error; });
            QVERIFY(!refused.isEmpty());
            QCOMPARE(store.count(), 2);
        }
        QCOMPARE(digest(), before);
        // SQLite made a -wal and -shm for the read-only connection; none are left behind.
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
        QVERIFY(!QFile::exists(path + QStringLiteral("-shm")));

        // An older schema needs an upgrade, which a read-only open never makes: said, not
        // "corrupt", and told apart so a reader that may write can upgrade it.
        QCOMPARE(test::rewindSchema(path, 4), QString());
        const QByteArray old = digest();
        RequestStore store;
        const QString error = store.open(path, reading);
        QVERIFY2(error.contains(u"made by an older Hookscope (schema version 4; this one reads 5)")
                     && error.contains(u"make them writable"),
                 qPrintable(error));
        QVERIFY(!error.contains(u"corrupt"));
        QVERIFY(!store.isOpen());
        QCOMPARE(store.lastOpenFailure(), OpenFailure::NeedsUpgrade);
        QCOMPARE(digest(), old);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }

    // Version 4 stored an unsigned request as no-secret without a scheme; version 5 calls it
    // unsigned and leaves a signed request's no-secret alone.
    void aVersion4DatabaseCallsItsUnsignedRequestsUnsigned()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v4.sqlite"));
        {
            RequestStore store;
            QCOMPARE(store.open(path), QString());
            QCOMPARE(storeNow(store, makeCapture(1)), 1); // no-secret, no scheme
            Capture signedOne = makeCapture(2);
            signedOne.signature.scheme = QStringLiteral("patreon");
            QCOMPARE(storeNow(store, signedOne), 2);
            QCOMPARE(storeNow(store, makeCapture(3, {}, {}, QStringLiteral("invalid"))), 3);
        }
        QCOMPARE(test::rewindSchema(path, 4), QString());

        RequestStore store;
        QCOMPARE(store.open(path), QString());
        QCOMPARE(store.load(1)->signature.verdict, u"unsigned"_qs);
        QCOMPARE(store.load(2)->signature.verdict, u"no-secret"_qs);
        QCOMPARE(store.load(2)->signature.scheme, u"patreon"_qs);
        QCOMPARE(store.load(3)->signature.verdict, u"invalid"_qs);
        QCOMPARE(store.load(3)->senderLeftAfterMs, -1);
        QVERIFY(store.recordSenderLeft(3, 1003));
        QCOMPARE(store.load(3)->senderLeftAfterMs, 1003);
    }

    void aNewerSchemaIsRefusedAndLeftUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("future.sqlite"));
        {
            QSqlDatabase db
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("future"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("CREATE TABLE captures (x)")));
            QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion + 5)));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("future"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray before
            = QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
        file.close();

        RequestStore store;
        const QString error = store.open(path);
        QVERIFY(error.contains(QStringLiteral("newer Hookscope")));
        QVERIFY(!store.isOpen());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256), before);
    }

    void aCorruptFileIsAClearError()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("corrupt.sqlite"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, '\x5a'));
        file.close();
        RequestStore store;
        const QString error = store.open(path);
        QVERIFY2(error.contains(QStringLiteral("cannot open the store")), qPrintable(error));
        QVERIFY(!store.isOpen());
        QFile again(path);
        QVERIFY(again.open(QIODevice::ReadOnly));
        QCOMPARE(again.readAll(), QByteArray(8192, '\x5a'));
    }

    void aCaptureRoundTripsExactly()
    {
        QTemporaryDir dir;
        RequestStore store;
        QCOMPARE(store.open(dir.filePath(QStringLiteral("c.sqlite"))), QString());
        Capture c = makeCapture(7, QStringLiteral("github"), QStringLiteral("push"));
        c.headers
            = {{"X-A", "1"}, {"x-a", "2"}, {"Bin", QByteArray("\x00\xff\r", 3)}, {"Empty", ""}};
        c.body = QByteArray("\x00\x01\x02\xfe\xff", 5);
        c.httpVersion = "1.0";
        c.tls = true;
        c.durationUs = 1234;
        c.responseDelayMs = 250;
        c.malformed = true;
        c.parseError = QStringLiteral("broken");
        c.responseHeaders = {{"X-R", "r"}};
        c.signature = {QStringLiteral("github"), QStringLiteral("valid"), QStringLiteral("ok")};
        const qint64 id = storeNow(store, c);
        const auto loaded = store.load(id);
        QVERIFY(loaded);
        QCOMPARE(loaded->id, id);
        QCOMPARE(loaded->headers, c.headers);
        QCOMPARE(loaded->body, c.body);
        QCOMPARE(loaded->httpVersion, QByteArray("1.0"));
        QVERIFY(loaded->tls);
        QCOMPARE(loaded->durationUs, 1234);
        QCOMPARE(loaded->responseDelayMs, 250);
        QVERIFY(loaded->malformed);
        QCOMPARE(loaded->parseError, QStringLiteral("broken"));
        QCOMPARE(loaded->responseHeaders, c.responseHeaders);
        QCOMPARE(loaded->responseBody, "{\"received\":\"" + QByteArray::number(id) + "\"}");
        QCOMPARE(loaded->signature.verdict, QStringLiteral("valid"));
        QCOMPARE(loaded->eventType, QStringLiteral("push"));
        QCOMPARE(loaded->endpoint, QStringLiteral("github"));
        QCOMPARE(loaded->receivedAtUs, c.receivedAtUs);
        QVERIFY(!store.load(id + 100));
    }

    void headerBlobRejectsTruncation()
    {
        const HeaderList headers {{"A", "b"}, {"C", "d"}};
        const QByteArray blob = encodeHeaders(headers);
        QCOMPARE(decodeHeaders(blob), headers);
        QCOMPARE(decodeHeaders(QByteArrayView(blob).chopped(1)), HeaderList());
    }

    void groupCommitBatchesConcurrentSubmissions()
    {
        QTemporaryDir dir;
        RequestStore store;
        QCOMPARE(store.open(dir.filePath(QStringLiteral("g.sqlite"))), QString());
        std::atomic<int> commits {0};
        QObject::connect(
            &store, &RequestStore::stored, &store, [&commits](const QList<qint64> &) { ++commits; },
            Qt::DirectConnection);
        constexpr int threads = 4;
        constexpr int perThread = 250;
        std::atomic<int> done {0};
        std::atomic<int> failed {0};
        QList<QThread *> submitters;
        for (int t = 0; t < threads; ++t) {
            submitters.append(QThread::create([&, t] {
                for (int i = 0; i < perThread; ++i)
                    store.submit(makeCapture(t * perThread + i), [&](const StoreOutcome &outcome) {
                        ++done;
                        if (!outcome.ok())
                            ++failed;
                    });
            }));
            submitters.last()->start();
        }
        for (QThread *thread : submitters) {
            thread->wait();
            delete thread;
        }
        store.flush();
        QCOMPARE(done.load(), threads * perThread);
        QCOMPARE(failed.load(), 0);
        QCOMPARE(store.count(), qint64(threads * perThread));
        // One transaction per batch that arrived together: far fewer commits than requests.
        QVERIFY2(commits.load() < threads * perThread / 2, qPrintable(QString::number(commits)));
    }

    void aHandedOverBatchCommitsTogetherInOrder()
    {
        QTemporaryDir dir;
        RequestStore store;
        QCOMPARE(store.open(dir.filePath(QStringLiteral("b.sqlite"))), QString());
        QList<QList<qint64>> commits;
        QObject::connect(
            &store, &RequestStore::stored, &store,
            [&commits](const QList<qint64> &ids) { commits.append(ids); }, Qt::DirectConnection);
        std::vector<Submission> batch;
        QList<qint64> ids;
        for (int i = 0; i < 5; ++i) {
            Capture capture = makeCapture(i);
            capture.responseBody = QByteArray("{\"received\":\"") + kCaptureIdPlaceholder + "\"}";
            batch.push_back({std::move(capture),
                             [&ids](const StoreOutcome &outcome) { ids.append(outcome.id); }});
        }
        store.submit(std::move(batch));
        store.flush();
        // One transaction, ids in the order handed over, each answer carrying its own id.
        QCOMPARE(commits.size(), 1);
        QCOMPARE(ids.size(), 5);
        QCOMPARE(commits.first(), ids);
        for (int i = 1; i < ids.size(); ++i)
            QCOMPARE(ids[i], ids[i - 1] + 1);
        for (int i = 0; i < ids.size(); ++i) {
            const std::optional<Capture> stored = store.load(ids[i]);
            QVERIFY(stored);
            QCOMPARE(stored->target, makeCapture(i).target);
            QCOMPARE(stored->responseBody, "{\"received\":\"" + QByteArray::number(ids[i]) + "\"}");
        }
        // An empty hand-over is no transaction at all.
        store.submit(std::vector<Submission>());
        store.flush();
        QCOMPARE(commits.size(), 1);
    }

    void pagesFiltersAndCounts()
    {
        QTemporaryDir dir;
        RequestStore store;
        QCOMPARE(store.open(dir.filePath(QStringLiteral("p.sqlite"))), QString());
        for (int i = 1; i <= 30; ++i) {
            const QString endpoint = i % 3 == 0 ? QStringLiteral("github") : QString();
            const QString event = i % 5 == 0 ? QStringLiteral("push") : QString();
            const QString verdict = i % 2 ? QStringLiteral("valid") : QStringLiteral("invalid");
            store.submit(makeCapture(i, endpoint, event, verdict));
        }
        store.flush();
        QCOMPARE(store.count(), 30);

        const QList<CaptureSummary> newest = store.page({}, 0, 10);
        QCOMPARE(newest.size(), 10);
        QCOMPARE(newest.first().target, QByteArray("/t/30"));
        QCOMPARE(newest.last().target, QByteArray("/t/21"));
        const QList<CaptureSummary> next = store.pageAfter({}, newest.last().id, 10);
        QCOMPARE(next.first().target, QByteArray("/t/20"));
        QCOMPARE(store.page({}, 0, 5, SortOrder::OldestFirst).first().target, QByteArray("/t/1"));
        QCOMPARE(store.pageAfter({}, 0, 3, SortOrder::OldestFirst).last().target,
                 QByteArray("/t/3"));

        CaptureFilter byEndpoint;
        byEndpoint.endpoint = QStringLiteral("github");
        QCOMPARE(store.count(byEndpoint), 10);
        CaptureFilter catchAll;
        catchAll.endpoint = QString();
        QCOMPARE(store.count(catchAll), 20);
        CaptureFilter byEvent;
        byEvent.eventType = QStringLiteral("push");
        QCOMPARE(store.count(byEvent), 6);
        CaptureFilter byVerdict;
        byVerdict.verdict = QStringLiteral("invalid");
        QCOMPARE(store.count(byVerdict), 15);
        CaptureFilter byMethod;
        byMethod.method = "GET";
        QCOMPARE(store.count(byMethod), 15);
        CaptureFilter byText;
        byText.text = QStringLiteral("\"n\":17}");
        QCOMPARE(store.count(byText), 1);
        byText.text = QStringLiteral("APPLICATION/JSON"); // headers, case-insensitive
        QCOMPARE(store.count(byText), 30);
        byText.text = QStringLiteral("100%_");
        QCOMPARE(store.count(byText), 0); // LIKE wildcards are literal
        CaptureFilter byTime;
        byTime.fromUs = 1'700'000'000'000'000 + 10 * 1000;
        byTime.toUs = 1'700'000'000'000'000 + 20 * 1000;
        QCOMPARE(store.count(byTime), 10);
        QCOMPARE(store.endpointNames(), QStringList {QStringLiteral("github")});
        QCOMPARE(store.eventTypes(), QStringList {QStringLiteral("push")});
        CaptureFilter combined = byEndpoint;
        combined.verdict = QStringLiteral("valid");
        const QList<CaptureSummary> rows = store.page(combined, 0, 100);
        QCOMPARE(rows.size(), 5);
        for (const CaptureSummary &row : rows) {
            QCOMPARE(row.endpoint, QStringLiteral("github"));
            QCOMPARE(row.contentType, QStringLiteral("application/json"));
            QVERIFY(row.bodySize > 0);
        }
    }

    // The text filter reads headers as the window shows them ("Name: value"), not the stored
    // blob: its length prefixes ("9:localhost") would make any digit match every request.
    void theTextFilterSearchesHeadersAsShown()
    {
        QTemporaryDir dir;
        RequestStore store;
        QCOMPARE(store.open(dir.filePath(QStringLiteral("h.sqlite"))), QString());
        Capture plain = makeCapture(1);
        plain.target = "/hook";
        plain.body = "{}";
        const qint64 plainId = storeNow(store, plain);
        Capture tagged = plain;
        tagged.headers.append(HeaderField {"X-Trace", "abc"});
        const qint64 taggedId = storeNow(store, tagged);
        const auto idsFor = [&store](const QString &text) {
            CaptureFilter filter;
            filter.text = text;
            QList<qint64> ids;
            for (const CaptureSummary &row : store.page(filter, 0, 10))
                ids << row.id;
            std::sort(ids.begin(), ids.end());
            return ids;
        };
        QCOMPARE(idsFor(QStringLiteral("9")), QList<qint64>()); // "9:localhost" is the blob's
        QCOMPARE(idsFor(QStringLiteral("Host: localhost")), (QList<qint64> {plainId, taggedId}));
        QCOMPARE(idsFor(QStringLiteral("x-trace: ABC")), QList<qint64> {taggedId});
        QCOMPARE(idsFor(QStringLiteral("Trace,")), QList<qint64>());
        QCOMPARE(idsFor(QStringLiteral("#%1").arg(plainId)), QList<qint64> {plainId});
        CaptureFilter counted;
        counted.text = QStringLiteral("X-Trace");
        QCOMPARE(store.count(counted), 1);
    }

    void malformedRequestsAreAFilterOfTheirOwn()
    {
        QTemporaryDir dir;
        RequestStore store;
        QCOMPARE(store.open(dir.filePath(QStringLiteral("m.sqlite"))), QString());
        for (int i = 1; i <= 10; ++i) {
            Capture capture = makeCapture(i);
            capture.malformed = i % 4 == 0;
            // A malformed signature header is not a malformed request.
            if (i == 5)
                capture.signature.verdict = QStringLiteral("malformed-header");
            store.submit(capture);
        }
        store.flush();
        CaptureFilter malformed;
        malformed.malformedOnly = true;
        QCOMPARE(store.count(malformed), 2);
        const QList<CaptureSummary> rows = store.page(malformed, 0, 100);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].target, QByteArray("/t/8"));
        QCOMPARE(rows[1].target, QByteArray("/t/4"));
        malformed.method = "GET";
        QCOMPARE(store.count(malformed), 2);
        malformed.method = "POST";
        QCOMPARE(store.count(malformed), 0);
    }

    void filtersUseIndexes()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("i.sqlite"));
        {
            RequestStore store;
            QCOMPARE(store.open(path), QString());
        }
        const QStringList filtered {
            QStringLiteral(
                "SELECT id FROM captures WHERE endpoint = 'x' ORDER BY id DESC LIMIT 50"),
            QStringLiteral(
                "SELECT id FROM captures WHERE event_type = 'x' ORDER BY id DESC LIMIT 50"),
            QStringLiteral(
                "SELECT id FROM captures WHERE sig_verdict = 'x' ORDER BY id DESC LIMIT 50"),
            QStringLiteral("SELECT count(*) FROM captures WHERE endpoint = 'x'"),
            QStringLiteral("SELECT id FROM captures WHERE malformed = 1 ORDER BY id DESC LIMIT 50"),
            QStringLiteral("SELECT id FROM captures WHERE received_at >= 5 AND received_at < 9"),
        };
        for (const QString &sql : filtered) {
            const QString plan = queryPlan(path, sql);
            QVERIFY2(plan.contains(QStringLiteral("USING"))
                         && plan.contains(QStringLiteral("INDEX")),
                     qPrintable(sql + u'\n' + plan));
            QVERIFY2(!plan.contains(QStringLiteral("TEMP B-TREE")), qPrintable(sql + u'\n' + plan));
        }
    }

    void removeClearAndVerdictUpdatesAnnounceThemselves()
    {
        QTemporaryDir dir;
        RequestStore store;
        QCOMPARE(store.open(dir.filePath(QStringLiteral("r.sqlite"))), QString());
        QSignalSpy stored(&store, &RequestStore::stored);
        QSignalSpy summaries(&store, &RequestStore::storedSummaries);
        const qint64 a = storeNow(store, makeCapture(1));
        const qint64 b = storeNow(store, makeCapture(2));
        const qint64 c = storeNow(store, makeCapture(3));
        QTRY_COMPARE(stored.size(), 3);
        QCOMPARE(stored.at(0).at(0).value<QList<qint64>>(), QList<qint64> {a});
        QTRY_COMPARE(summaries.size(), 3);

        QSignalSpy verdicts(&store, &RequestStore::verdictsUpdated);
        QVERIFY(store.updateVerdicts(
            {{a,
              {QStringLiteral("stripe"), QStringLiteral("invalid"), QStringLiteral("bad mac")}}}));
        QCOMPARE(verdicts.size(), 1);
        QCOMPARE(store.load(a)->signature.detail, QStringLiteral("bad mac"));
        // A verdict without a scheme (nothing detected) is stored as an empty scheme.
        QVERIFY(store.updateVerdicts({{c, {QString(), QStringLiteral("no-secret"), QString()}}}));
        QCOMPARE(store.load(c)->signature.verdict, QStringLiteral("no-secret"));
        QVERIFY(store.load(c)->signature.scheme.isEmpty());

        QSignalSpy removed(&store, &RequestStore::removed);
        QVERIFY(store.remove({b}));
        QCOMPARE(removed.size(), 1);
        QVERIFY(!store.load(b));
        QCOMPARE(store.count(), 2);
        const qint64 d = storeNow(store, makeCapture(4));
        QVERIFY(d > c); // ids grow

        QSignalSpy cleared(&store, &RequestStore::cleared);
        QVERIFY(store.clear());
        QCOMPARE(cleared.size(), 1);
        QCOMPARE(store.count(), 0);
    }

    void forEachStreamsInOrder()
    {
        QTemporaryDir dir;
        RequestStore store;
        QCOMPARE(store.open(dir.filePath(QStringLiteral("e.sqlite"))), QString());
        for (int i = 0; i < 5; ++i)
            store.submit(makeCapture(i));
        store.flush();
        QList<QByteArray> targets;
        QVERIFY(store.forEach({}, SortOrder::OldestFirst, [&](const Capture &c) {
            targets << c.target;
            return targets.size() < 3;
        }));
        QCOMPARE(targets, (QList<QByteArray> {"/t/0", "/t/1", "/t/2"}));
    }
};

QTEST_GUILESS_MAIN(TestRequestStore)
#include "TestRequestStore.moc"
