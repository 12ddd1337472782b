// What durable storage costs per request, without the network: the receiver's own store
// (RequestStore, SQLite WAL, group commit) takes the capture of the receiver benchmark's
// request (1 KiB signed JSON, its headers, the answer) in batches of 1, 16 and 64, the sizes a
// commit sees at 1, 32 and 128 connections. The references, in the same run: the least any
// durable store can do (append the same bytes to a file, fdatasync once per batch), and SQLite
// alone (the same row and schema through the C API, with and without the filter indexes, and
// 1,000 rows per unsynced transaction, as indexing a durable log afterwards would do).
// Prints captures per second and CPU microseconds per capture (all threads); compare ratios,
// not absolute figures, on shared machines. Run by hand, never as a test.
//
//   build-bench-store/bench_store_write [--captures 50000] [--dir DIR] [--batch N] [--only NAME]
#include "http/Capture.h"
#include "store/HeaderBlob.h"
#include "store/RequestStore.h"
#include "store/Schema.h"
#include "store/SqliteApi.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <mutex>
#include <unistd.h>

using namespace hookscope;

namespace {

qint64 processCpuUs()
{
    timespec now {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000 + now.tv_nsec / 1000;
}

// The capture `tests/bench/receiver/run.sh` makes the receiver store.
Capture benchCapture()
{
    Capture c;
    c.method = "POST";
    c.target = "/bench";
    c.headers = {{"Host", "127.0.0.1:18181"},
                 {"Content-Type", "application/json"},
                 {"X-GitHub-Event", "push"},
                 {"X-Hub-Signature-256",
                  "sha256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
                 {"Content-Length", "1024"}};
    c.body
        = R"({"action":"opened","type":"push","repository":{"full_name":"hookscope/bench"},"padding":")";
    c.body += QByteArray(1024 - c.body.size() - 2, 'x') + "\"}";
    c.remoteAddress = QStringLiteral("127.0.0.1");
    c.remotePort = 40000;
    c.endpoint = QStringLiteral("bench");
    c.eventType = QStringLiteral("push");
    c.responseStatus = 200;
    c.responseHeaders = {{"Content-Type", "application/json"}, {"Content-Length", "19"}};
    c.responseBody = R"({"received":"{{id}}"})";
    c.signature = {QStringLiteral("github"), QStringLiteral("valid"), QString()};
    return c;
}

struct Figures {
    double perSecond = 0;
    double cpuUsEach = 0;
};

// Submits `total` captures `batch` at a time, each batch after the last one completed, as the
// receiver's connections do when every one of them waits for its answer.
Figures runStore(const QString &path, bool fullSync, int total, int batch)
{
    store::RequestStore store;
    store::StoreOptions options;
    options.fullSync = fullSync;
    if (const QString error = store.open(path, options); !error.isEmpty()) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(path), qPrintable(error));
        std::exit(1);
    }
    const Capture capture = benchCapture();
    std::mutex mutex;
    std::condition_variable completed;
    int outstanding = 0;
    int failures = 0;
    QElapsedTimer wall;
    wall.start();
    const qint64 cpuBefore = processCpuUs();
    for (int sent = 0; sent < total; sent += batch) {
        std::vector<store::Submission> submissions;
        const int n = qMin(batch, total - sent);
        {
            std::lock_guard lock(mutex);
            outstanding = n;
        }
        for (int i = 0; i < n; ++i) {
            Capture c = capture;
            c.receivedAtUs = QDateTime::currentMSecsSinceEpoch() * 1000;
            submissions.push_back({std::move(c), [&](const store::StoreOutcome &outcome) {
                                       std::lock_guard lock(mutex);
                                       failures += outcome.ok() ? 0 : 1;
                                       if (--outstanding == 0)
                                           completed.notify_one();
                                   }});
        }
        store.submit(std::move(submissions));
        std::unique_lock lock(mutex);
        completed.wait(lock, [&] { return outstanding == 0; });
    }
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    const qint64 cpuUs = processCpuUs() - cpuBefore;
    if (failures > 0) {
        std::fprintf(stderr, "%d captures failed to store\n", failures);
        std::exit(1);
    }
    return {total / seconds, double(cpuUs) / total};
}

// The floor: the same bytes appended to a file, one fdatasync per batch.
Figures runAppend(const QString &path, int total, int batch)
{
    const Capture c = benchCapture();
    const QByteArray record = c.method + ' ' + c.target + '\n' + store::encodeHeaders(c.headers)
        + c.body + store::encodeHeaders(c.responseHeaders) + c.responseBody;
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (fd < 0) {
        std::perror("open");
        std::exit(1);
    }
    QElapsedTimer wall;
    wall.start();
    const qint64 cpuBefore = processCpuUs();
    for (int sent = 0; sent < total; sent += batch) {
        const int n = qMin(batch, total - sent);
        QByteArray chunk;
        chunk.reserve(record.size() * n);
        for (int i = 0; i < n; ++i)
            chunk += record;
        if (::write(fd, chunk.constData(), size_t(chunk.size())) != chunk.size()
            || ::fdatasync(fd) != 0) {
            std::perror("write");
            std::exit(1);
        }
    }
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    const qint64 cpuUs = processCpuUs() - cpuBefore;
    ::close(fd);
    return {total / seconds, double(cpuUs) / total};
}

// SQLite with nothing of ours around it: the same row into the same schema through the C API,
// `batch` rows per transaction. What no store built on SQLite can go below.
enum class SqliteMode { Synced, SyncedWithoutFilterIndexes, SyncOff };

Figures runSqlite(const QString &path, SqliteMode mode, int total, int batch)
{
    Figures figures;
    const QString name = QStringLiteral("bench-sqlite");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        QSqlQuery query(db);
        sqlite3 *handle = nullptr;
        store::SqliteApi api;
        const bool ready = db.open() && query.exec(QStringLiteral("PRAGMA journal_mode=WAL"))
            && query.exec(mode == SqliteMode::SyncOff ? QStringLiteral("PRAGMA synchronous=OFF")
                                                      : QStringLiteral("PRAGMA synchronous=FULL"))
            && query.exec(QStringLiteral("PRAGMA wal_autocheckpoint=300"))
            && store::migrate(db).isEmpty() && api.resolve(db, &handle);
        if (!ready) {
            std::fprintf(stderr, "cannot set up %s\n", qPrintable(path));
            std::exit(1);
        }
        if (mode == SqliteMode::SyncedWithoutFilterIndexes) {
            for (const char *index :
                 {"captures_by_endpoint", "captures_by_event", "captures_by_verdict"})
                query.exec(QStringLiteral("DROP INDEX %1").arg(QLatin1String(index)));
        }
        query.finish();
        const QByteArray sql
            = "INSERT INTO captures (id, received_at, method, target, http_version,"
              " endpoint, event_type, content_type, body_size, remote_address,"
              " remote_port, response_status, sig_scheme, sig_verdict,"
              " response_headers, response_body, headers, body)"
              " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        sqlite3_stmt *insert = nullptr;
        api.prepare(handle, sql.constData(), int(sql.size()), &insert, nullptr);
        // Bindings outlive sqlite3_reset(): only the id and the time change from row to row.
        const Capture c = benchCapture();
        const QByteArray values[] = {c.endpoint.toUtf8(),
                                     c.eventType.toUtf8(),
                                     c.remoteAddress.toUtf8(),
                                     c.signature.scheme.toUtf8(),
                                     c.signature.verdict.toUtf8(),
                                     store::encodeHeaders(c.responseHeaders),
                                     store::encodeHeaders(c.headers)};
        const auto text = [&](int column, const QByteArray &value) {
            api.bindText(insert, column, value.constData(), int(value.size()), SQLITE_STATIC);
        };
        const auto blob = [&](int column, const QByteArray &value) {
            api.bindBlob(insert, column, value.constData(), int(value.size()), SQLITE_STATIC);
        };
        const QByteArray version = "HTTP/1.1";
        const QByteArray contentType = "application/json";
        text(3, c.method);
        blob(4, c.target);
        text(5, version);
        text(6, values[0]);
        text(7, values[1]);
        text(8, contentType);
        api.bindInt64(insert, 9, c.body.size());
        text(10, values[2]);
        api.bindInt64(insert, 11, c.remotePort);
        api.bindInt64(insert, 12, c.responseStatus);
        text(13, values[3]);
        text(14, values[4]);
        blob(15, values[5]);
        blob(16, c.responseBody);
        blob(17, values[6]);
        blob(18, c.body);
        QElapsedTimer wall;
        wall.start();
        const qint64 cpuBefore = processCpuUs();
        qint64 id = 0;
        for (int sent = 0; sent < total; sent += batch) {
            api.exec(handle, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
            for (int i = 0; i < qMin(batch, total - sent); ++i) {
                api.bindInt64(insert, 1, ++id);
                api.bindInt64(insert, 2, QDateTime::currentMSecsSinceEpoch() * 1000);
                if (api.step(insert) != SQLITE_DONE) {
                    std::fprintf(stderr, "insert failed: %s\n", api.errmsg(handle));
                    std::exit(1);
                }
                api.reset(insert);
            }
            api.exec(handle, "COMMIT", nullptr, nullptr, nullptr);
        }
        figures = {total / (double(wall.nsecsElapsed()) / 1e9),
                   double(processCpuUs() - cpuBefore) / total};
        api.finalize(insert);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return figures;
}

void printRow(const char *label, int batch, const Figures &figures)
{
    std::printf("%-28s %6d %14.0f %16.1f\n", label, batch, figures.perSecond, figures.cpuUsEach);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption capturesOption(QStringLiteral("captures"),
                                            QStringLiteral("Captures per run."),
                                            QStringLiteral("N"), QStringLiteral("50000"));
    const QCommandLineOption dirOption(QStringLiteral("dir"),
                                       QStringLiteral("Where the files go (default: a new "
                                                      "temporary folder)."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption batchOption(QStringLiteral("batch"),
                                         QStringLiteral("Only this batch size (default: 1, 16 "
                                                        "and 64), e.g. to profile one."),
                                         QStringLiteral("N"));
    const QCommandLineOption onlyOption(
        QStringLiteral("only"),
        QStringLiteral("Only this store, e.g. to profile it: floor, synced, unsynced, sqlite, "
                       "sqlite-lean or bulk."),
        QStringLiteral("NAME"));
    parser.addOptions({capturesOption, dirOption, batchOption, onlyOption});
    parser.process(app);
    const int total = qMax(1, parser.value(capturesOption).toInt());
    const QList<int> batches = parser.isSet(batchOption)
        ? QList<int> {qMax(1, parser.value(batchOption).toInt())}
        : QList<int> {1, 16, 64};
    const QString only = parser.value(onlyOption);
    const auto wanted = [&](QStringView name) { return only.isEmpty() || only == name; };
    QTemporaryDir temporary;
    const QDir dir(parser.isSet(dirOption) ? parser.value(dirOption) : temporary.path());

    std::printf("%-28s %6s %14s %16s\n", "store", "batch", "captures/s", "CPU us/capture");
    int run = 0;
    for (const int batch : batches) {
        const auto file = [&](const char *name) {
            return dir.filePath(QStringLiteral("%1-%2").arg(QLatin1String(name)).arg(++run));
        };
        Figures append;
        Figures synced;
        if (wanted(u"floor")) {
            append = runAppend(file("append.log"), total, batch);
            printRow("append + fdatasync (floor)", batch, append);
        }
        if (wanted(u"synced")) {
            synced = runStore(file("synced.sqlite"), true, total, batch);
            printRow("RequestStore, synced", batch, synced);
        }
        if (wanted(u"unsynced"))
            printRow("RequestStore, --no-sync", batch,
                     runStore(file("unsynced.sqlite"), false, total, batch));
        if (wanted(u"sqlite"))
            printRow("SQLite C API, synced", batch,
                     runSqlite(file("sqlite.sqlite"), SqliteMode::Synced, total, batch));
        if (wanted(u"sqlite-lean"))
            printRow("  without filter indexes", batch,
                     runSqlite(file("sqlite-lean.sqlite"), SqliteMode::SyncedWithoutFilterIndexes,
                               total, batch));
        if (append.perSecond > 0 && synced.perSecond > 0)
            std::printf("%-28s %6d %13.2fx %15.2fx\n", "synced / floor", batch,
                        synced.perSecond / append.perSecond, synced.cpuUsEach / append.cpuUsEach);
    }
    // What indexing a durable log afterwards would cost: big transactions, no syncs.
    if (wanted(u"bulk"))
        printRow("SQLite C API, sync off", 1000,
                 runSqlite(dir.filePath(QStringLiteral("sqlite-bulk.sqlite")), SqliteMode::SyncOff,
                           total, 1000));
    return 0;
}
