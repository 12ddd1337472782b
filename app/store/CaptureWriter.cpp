#include "store/CaptureWriter.h"

#include "core/Counted.h"
#include "store/HeaderBlob.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <future>

namespace hookscope::store {

namespace {

const QString kInsertSql = QStringLiteral(
    "INSERT INTO captures (id, received_at, duration_us, method, target, http_version,"
    " endpoint, event_type, content_type, body_size, remote_address, remote_port, tls,"
    " malformed, parse_error, response_status, sig_scheme, sig_verdict, sig_detail,"
    " response_headers, response_body, headers, body, response_delay_ms)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");

// IMMEDIATE takes the write lock at once, so the next ids are ours to assign: a response body
// can then carry its capture's id in the same row.
const QByteArray kBeginSql = QByteArrayLiteral("BEGIN IMMEDIATE");
const QByteArray kMaxIdSql = QByteArrayLiteral("SELECT coalesce(max(id), 0) FROM captures");

// QtSql binds a null QString or QByteArray as SQL NULL; the columns want empty values.
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QByteArray bytes(const QByteArray &value)
{
    return value.isNull() ? QByteArray("") : value;
}

} // namespace

CaptureWriter::CaptureWriter(RequestStore *store, QString path, StoreOptions options)
    : m_store(store)
    , m_path(std::move(path))
    , m_options(options)
    , m_connection(QStringLiteral("hookscope-writer-") + QUuid::createUuid().toString(QUuid::Id128))
{ }

CaptureWriter::~CaptureWriter()
{
    if (!m_thread)
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread->wait();
}

QString CaptureWriter::start()
{
    std::promise<QString> opened;
    std::future<QString> result = opened.get_future();
    m_thread.reset(QThread::create([this, &opened] {
        const QString error = openConnection();
        const bool ok = error.isEmpty();
        opened.set_value(error);
        if (ok) {
            WalCheckpointer checkpointer(m_path);
            if (!m_options.fullSync) {
                checkpointer.start();
                m_checkpointer = &checkpointer;
            }
            run();
            m_checkpointer = nullptr;
        }
        m_insert.reset();
        finalizeStatements();
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }));
    m_thread->setObjectName(QStringLiteral("hookscope-store-writer"));
    m_thread->start();
    const QString error = result.get();
    if (!error.isEmpty()) {
        m_thread->wait();
        m_thread.reset();
    }
    return error;
}

QString CaptureWriter::openConnection()
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        return db.lastError().text();
    QSqlQuery query(db);
    const QStringList pragmas {
        QStringLiteral("PRAGMA journal_mode=WAL"),
        m_options.fullSync ? QStringLiteral("PRAGMA synchronous=FULL")
                           : QStringLiteral("PRAGMA synchronous=NORMAL"),
        // Without per-commit syncs, checkpoints run on the checkpointer's thread instead of
        // inside a commit; with them, a concurrent checkpoint's syncs only slow the commits.
        // Small ones: 300 pages take about 2 ms inside a commit. SQLite's 1000 took 5-7 ms,
        // which at 32 connections delayed enough answers to put p99 over 5 ms.
        m_options.fullSync ? QStringLiteral("PRAGMA wal_autocheckpoint=300")
                           : QStringLiteral("PRAGMA wal_autocheckpoint=0"),
    };
    for (const QString &pragma : pragmas) {
        if (!query.exec(pragma))
            return query.lastError().text();
    }
    if (m_options.maxPageCount > 0
        && !query.exec(QStringLiteral("PRAGMA max_page_count=%1").arg(m_options.maxPageCount)))
        return query.lastError().text();
    query.finish();
    if (m_api.resolve(db, &m_handle)) {
        const auto prepare = [this](const QByteArray &sql, sqlite3_stmt **statement) {
            return m_api.prepare(m_handle, sql.constData(), int(sql.size()), statement, nullptr)
                == SQLITE_OK;
        };
        const bool prepared = prepare(kInsertSql.toUtf8(), &m_statement)
            && prepare(kBeginSql, &m_begin) && prepare(kMaxIdSql, &m_maxId)
            && prepare(QByteArrayLiteral("COMMIT"), &m_commit)
            && prepare(QByteArrayLiteral("ROLLBACK"), &m_rollback);
        if (!prepared)
            finalizeStatements(); // stay on QtSql
    }
    return {};
}

void CaptureWriter::submit(std::vector<Submission> submissions)
{
    if (submissions.empty())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_submitted += submissions.size();
        if (m_queue.empty())
            m_queue = std::move(submissions);
        else
            std::move(submissions.begin(), submissions.end(), std::back_inserter(m_queue));
    }
    m_wake.notify_one();
}

void CaptureWriter::flush()
{
    std::unique_lock lock(m_mutex);
    const quint64 target = m_submitted;
    m_drained.wait(lock, [&] { return m_finished >= target; });
}

void CaptureWriter::run()
{
    std::vector<Submission> batch;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return !m_queue.empty() || m_stopping; });
            if (m_queue.empty())
                return; // stopping with nothing left
            const size_t take = qMin(m_queue.size(), size_t(qMax(1, m_options.maxBatch)));
            batch.clear();
            if (take == m_queue.size()) {
                batch.swap(m_queue); // the usual case: everything queued, no copies
            } else {
                const auto end = m_queue.begin() + qsizetype(take);
                batch.assign(std::make_move_iterator(m_queue.begin()),
                             std::make_move_iterator(end));
                m_queue.erase(m_queue.begin(), end);
            }
        }
        commit(batch);
        {
            std::lock_guard lock(m_mutex);
            m_finished += batch.size();
        }
        m_drained.notify_all();
    }
}

QString CaptureWriter::insertWithQtSql(QSqlDatabase &db, const Capture &c,
                                       const CaptureSummary &summary)
{
    if (!m_insert) {
        m_insert = std::make_unique<QSqlQuery>(db);
        m_insert->prepare(kInsertSql);
    }
    QSqlQuery &insert = *m_insert;
    int i = 0;
    insert.bindValue(i++, c.id);
    insert.bindValue(i++, c.receivedAtUs);
    insert.bindValue(i++, c.durationUs);
    insert.bindValue(i++, text(QString::fromLatin1(c.method)));
    insert.bindValue(i++, bytes(c.target));
    insert.bindValue(i++, text(QString::fromLatin1(c.httpVersion)));
    insert.bindValue(i++, text(c.endpoint));
    insert.bindValue(i++, text(c.eventType));
    insert.bindValue(i++, text(summary.contentType));
    insert.bindValue(i++, qint64(c.body.size()));
    insert.bindValue(i++, text(c.remoteAddress));
    insert.bindValue(i++, int(c.remotePort));
    insert.bindValue(i++, int(c.tls));
    insert.bindValue(i++, int(c.malformed));
    insert.bindValue(i++, text(c.parseError));
    insert.bindValue(i++, c.responseStatus);
    insert.bindValue(i++, text(c.signature.scheme));
    insert.bindValue(i++, text(c.signature.verdict));
    insert.bindValue(i++, text(c.signature.detail));
    insert.bindValue(i++, bytes(encodeHeaders(c.responseHeaders)));
    insert.bindValue(i++, bytes(c.responseBody));
    insert.bindValue(i++, bytes(encodeHeaders(c.headers)));
    insert.bindValue(i++, bytes(c.body));
    insert.bindValue(i++, c.responseDelayMs);
    const bool ok = insert.exec();
    insert.finish();
    return ok ? QString() : insert.lastError().text();
}

QString CaptureWriter::insertWithSqlite(const Capture &c, const CaptureSummary &summary)
{
    sqlite3_stmt *statement = m_statement;
    // SQLITE_STATIC: every buffer below outlives the step() that reads it.
    const QByteArray values[] = {
        c.method,
        c.target,
        c.httpVersion,
        c.endpoint.toUtf8(),
        c.eventType.toUtf8(),
        summary.contentType.toUtf8(),
        c.remoteAddress.toUtf8(),
        c.parseError.toUtf8(),
        c.signature.scheme.toUtf8(),
        c.signature.verdict.toUtf8(),
        c.signature.detail.toUtf8(),
        encodeHeaders(c.responseHeaders),
        c.responseBody,
        encodeHeaders(c.headers),
        c.body,
    };
    auto data = [](const QByteArray &value) { return value.isNull() ? "" : value.constData(); };
    auto bindText = [&](int column, const QByteArray &value) {
        m_api.bindText(statement, column, data(value), int(value.size()), SQLITE_STATIC);
    };
    auto bindBlob = [&](int column, const QByteArray &value) {
        m_api.bindBlob(statement, column, data(value), int(value.size()), SQLITE_STATIC);
    };
    m_api.bindInt64(statement, 1, c.id);
    m_api.bindInt64(statement, 2, c.receivedAtUs);
    m_api.bindInt64(statement, 3, c.durationUs);
    bindText(4, values[0]);
    bindBlob(5, values[1]);
    bindText(6, values[2]);
    bindText(7, values[3]);
    bindText(8, values[4]);
    bindText(9, values[5]);
    m_api.bindInt64(statement, 10, c.body.size());
    bindText(11, values[6]);
    m_api.bindInt64(statement, 12, c.remotePort);
    m_api.bindInt64(statement, 13, c.tls);
    m_api.bindInt64(statement, 14, c.malformed);
    bindText(15, values[7]);
    m_api.bindInt64(statement, 16, c.responseStatus);
    bindText(17, values[8]);
    bindText(18, values[9]);
    bindText(19, values[10]);
    bindBlob(20, values[11]);
    bindBlob(21, values[12]);
    bindBlob(22, values[13]);
    bindBlob(23, values[14]);
    m_api.bindInt64(statement, 24, c.responseDelayMs);
    const int result = m_api.step(statement);
    m_api.reset(statement);
    if (result != SQLITE_DONE)
        return QString::fromUtf8(m_api.errmsg(m_handle));
    return {};
}

void CaptureWriter::finalizeStatements()
{
    for (sqlite3_stmt **statement : {&m_statement, &m_begin, &m_maxId, &m_commit, &m_rollback}) {
        if (*statement)
            m_api.finalize(*statement);
        *statement = nullptr;
    }
}

int CaptureWriter::stepOnce(sqlite3_stmt *statement)
{
    const int result = m_api.step(statement);
    m_api.reset(statement);
    return result;
}

QString CaptureWriter::beginTransaction(QSqlQuery &query, qint64 *nextId)
{
    if (m_statement) {
        if (stepOnce(m_begin) != SQLITE_DONE)
            return QString::fromUtf8(m_api.errmsg(m_handle));
        if (m_api.step(m_maxId) != SQLITE_ROW) {
            const QString error = QString::fromUtf8(m_api.errmsg(m_handle));
            m_api.reset(m_maxId);
            rollbackTransaction(query);
            return error;
        }
        *nextId = m_api.columnInt64(m_maxId, 0) + 1;
        m_api.reset(m_maxId);
        return {};
    }
    if (!query.exec(QString::fromLatin1(kBeginSql)))
        return query.lastError().text();
    if (!query.exec(QString::fromLatin1(kMaxIdSql)) || !query.next()) {
        const QString error = query.lastError().text();
        rollbackTransaction(query);
        return error;
    }
    *nextId = query.value(0).toLongLong() + 1;
    query.finish();
    return {};
}

QString CaptureWriter::commitTransaction(QSqlQuery &query)
{
    if (m_statement) {
        return stepOnce(m_commit) == SQLITE_DONE ? QString()
                                                 : QString::fromUtf8(m_api.errmsg(m_handle));
    }
    return query.exec(QStringLiteral("COMMIT")) ? QString() : query.lastError().text();
}

void CaptureWriter::rollbackTransaction(QSqlQuery &query)
{
    if (m_statement)
        stepOnce(m_rollback);
    else
        query.exec(QStringLiteral("ROLLBACK"));
}

void CaptureWriter::commit(std::vector<Submission> &batch)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery query(db);
    QString error;

    if (m_checkpointer && m_checkpointer->takeRestartRequest()) {
        query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        query.finish();
    }

    const bool refuse = m_refuseWrites.load();
    if (refuse != m_writesRefused) {
        m_writesRefused = refuse;
        query.exec(refuse ? QStringLiteral("PRAGMA query_only=ON")
                          : QStringLiteral("PRAGMA query_only=OFF"));
    }

    QList<qint64> ids;
    QList<CaptureSummary> rows;
    ids.reserve(qsizetype(batch.size()));
    rows.reserve(qsizetype(batch.size()));

    qint64 nextId = 0;
    error = beginTransaction(query, &nextId);
    if (error.isEmpty()) {
        for (Submission &pending : batch) {
            Capture &c = pending.capture;
            c.id = nextId++;
            if (c.responseBody.contains(kCaptureIdPlaceholder)) {
                c.responseBody.replace(kCaptureIdPlaceholder, QByteArray::number(c.id));
                // The answer goes out with the id in it; its recorded length follows.
                for (HeaderField &field : c.responseHeaders) {
                    if (field.name.compare("Content-Length", Qt::CaseInsensitive) == 0)
                        field.value = QByteArray::number(c.responseBody.size());
                }
            }
            CaptureSummary summary = summarize(c);
            error = m_statement ? insertWithSqlite(c, summary) : insertWithQtSql(db, c, summary);
            if (!error.isEmpty())
                break;
            ids.append(c.id);
            rows.append(std::move(summary));
        }
        if (error.isEmpty())
            error = commitTransaction(query);
        if (!error.isEmpty())
            rollbackTransaction(query);
    }

    if (!error.isEmpty()) {
        const QString message
            = QStringLiteral("could not store %1 in %2: %3")
                  .arg(counted(batch.size(), u"request", u"requests"), m_path, error);
        for (Submission &pending : batch) {
            if (pending.done)
                pending.done({0, message, error});
        }
        Q_EMIT m_store->writeFailed(message);
        return;
    }
    for (size_t i = 0; i < batch.size(); ++i) {
        if (batch[i].done)
            batch[i].done({ids.at(qsizetype(i)), {}, {}});
    }
    Q_EMIT m_store->stored(ids);
    Q_EMIT m_store->storedSummaries(rows);
}

} // namespace hookscope::store
