#include "store/CaptureWriter.h"

#include "store/HeaderBlob.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <future>

namespace hookscope::store {

namespace {

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
        if (ok)
            run();
        m_insert.reset();
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
    };
    for (const QString &pragma : pragmas) {
        if (!query.exec(pragma))
            return query.lastError().text();
    }
    if (m_options.maxPageCount > 0
        && !query.exec(QStringLiteral("PRAGMA max_page_count=%1").arg(m_options.maxPageCount)))
        return query.lastError().text();
    return {};
}

void CaptureWriter::submit(Capture capture, StoreCompletion done)
{
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back({std::move(capture), std::move(done)});
        ++m_submitted;
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
    std::vector<Pending> batch;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return !m_queue.empty() || m_stopping; });
            if (m_queue.empty())
                return; // stopping with nothing left
            const size_t take = qMin(m_queue.size(), size_t(qMax(1, m_options.maxBatch)));
            batch.clear();
            batch.reserve(take);
            for (size_t i = 0; i < take; ++i) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
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

void CaptureWriter::commit(std::vector<Pending> &batch)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery query(db);
    QString error;

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

    // IMMEDIATE takes the write lock now, so the next ids are ours to assign: a response body
    // can then carry its capture's id in the same row.
    qint64 nextId = 0;
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        error = query.lastError().text();
    } else if (!query.exec(QStringLiteral("SELECT coalesce(max(id), 0) FROM captures"))
               || !query.next()) {
        error = query.lastError().text();
    } else {
        nextId = query.value(0).toLongLong() + 1;
        query.finish();
        if (!m_insert) {
            m_insert = std::make_unique<QSqlQuery>(db);
            m_insert->prepare(QStringLiteral(
                "INSERT INTO captures (id, received_at, duration_us, method, target, http_version,"
                " endpoint, event_type, content_type, body_size, remote_address, remote_port, tls,"
                " malformed, parse_error, response_status, sig_scheme, sig_verdict, sig_detail,"
                " response_headers, response_body, headers, body)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
        }
        QSqlQuery &insert = *m_insert;
        for (Pending &pending : batch) {
            Capture &c = pending.capture;
            c.id = nextId++;
            c.responseBody.replace(kCaptureIdPlaceholder, QByteArray::number(c.id));
            CaptureSummary summary = summarize(c);
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
            if (!insert.exec()) {
                error = insert.lastError().text();
                break;
            }
            ids.append(c.id);
            rows.append(std::move(summary));
        }
        insert.finish();
        if (error.isEmpty() && !query.exec(QStringLiteral("COMMIT")))
            error = query.lastError().text();
        if (!error.isEmpty())
            query.exec(QStringLiteral("ROLLBACK"));
    }

    if (!error.isEmpty()) {
        const QString message = QStringLiteral("could not store %1 request(s) in %2: %3")
                                    .arg(batch.size())
                                    .arg(m_path, error);
        for (Pending &pending : batch) {
            if (pending.done)
                pending.done({0, message});
        }
        Q_EMIT m_store->writeFailed(message);
        return;
    }
    for (size_t i = 0; i < batch.size(); ++i) {
        if (batch[i].done)
            batch[i].done({ids.at(qsizetype(i)), {}});
    }
    Q_EMIT m_store->stored(ids);
    Q_EMIT m_store->storedSummaries(rows);
}

} // namespace hookscope::store
