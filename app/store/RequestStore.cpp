#include "store/RequestStore.h"

#include "store/CaptureWriter.h"
#include "store/HeaderBlob.h"
#include "store/HeaderLinesFunction.h"
#include "store/ReadOnlyDatabase.h"
#include "store/Schema.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <fcntl.h>
#include <unistd.h>
#include <utility>

namespace hookscope::store {

namespace {

const QString kSummaryColumns = QStringLiteral(
    "id, received_at, method, target, endpoint, event_type, content_type, body_size,"
    " remote_address, remote_port, tls, malformed, response_status, sig_scheme, sig_verdict,"
    " sig_detail, parse_error");

CaptureSummary readSummary(const QSqlQuery &query)
{
    CaptureSummary row;
    row.id = query.value(0).toLongLong();
    row.receivedAtUs = query.value(1).toLongLong();
    row.method = query.value(2).toString().toLatin1();
    row.target = query.value(3).toByteArray();
    row.endpoint = query.value(4).toString();
    row.eventType = query.value(5).toString();
    row.contentType = query.value(6).toString();
    row.bodySize = query.value(7).toLongLong();
    row.remoteAddress = query.value(8).toString();
    row.remotePort = quint16(query.value(9).toUInt());
    row.tls = query.value(10).toBool();
    row.malformed = query.value(11).toBool();
    row.responseStatus = query.value(12).toInt();
    row.signature
        = {query.value(13).toString(), query.value(14).toString(), query.value(15).toString()};
    row.parseError = query.value(16).toString();
    return row;
}

// The request id a filter text names, "#12" or "12" as messages name requests; else -1.
qint64 idNamedBy(const QString &text)
{
    QStringView digits = QStringView(text).trimmed();
    if (digits.startsWith(u'#'))
        digits = digits.sliced(1);
    bool isNumber = false;
    const qint64 id = digits.toLongLong(&isNumber);
    return isNumber && id > 0 ? id : -1;
}

// The WHERE clause of a filter, with its values in order; "1" when nothing filters. The text
// is searched in the headers as `headersText` gives them.
QString whereClause(const CaptureFilter &filter, QVariantList &values, const QString &headersText)
{
    QStringList terms;
    if (!filter.text.isEmpty()) {
        QString pattern = filter.text;
        pattern.replace(u'\\', QStringLiteral("\\\\"))
            .replace(u'%', QStringLiteral("\\%"))
            .replace(u'_', QStringLiteral("\\_"));
        pattern = u'%' + pattern + u'%';
        terms << QStringLiteral("(CAST(target AS TEXT) LIKE ? ESCAPE '\\' OR %1"
                                " LIKE ? ESCAPE '\\' OR CAST(body AS TEXT) LIKE ? ESCAPE '\\'"
                                " OR id = ?)")
                     .arg(headersText);
        values << pattern << pattern << pattern << idNamedBy(filter.text);
    }
    if (!filter.method.isEmpty()) {
        terms << QStringLiteral("method = ?");
        values << QString::fromLatin1(filter.method);
    }
    if (filter.endpoint) {
        terms << QStringLiteral("endpoint = ?");
        values << (filter.endpoint->isNull() ? QStringLiteral("") : *filter.endpoint);
    }
    if (!filter.eventType.isEmpty()) {
        terms << QStringLiteral("event_type = ?");
        values << filter.eventType;
    }
    if (!filter.verdict.isEmpty()) {
        terms << QStringLiteral("sig_verdict = ?");
        values << filter.verdict;
    }
    // Written out, not bound: SQLite uses the partial index only for the literal it names.
    if (filter.malformedOnly)
        terms << QStringLiteral("malformed = 1");
    if (filter.fromUs != 0) {
        terms << QStringLiteral("received_at >= ?");
        values << filter.fromUs;
    }
    if (filter.toUs != 0) {
        terms << QStringLiteral("received_at < ?");
        values << filter.toUs;
    }
    return terms.isEmpty() ? QStringLiteral("1") : terms.join(QStringLiteral(" AND "));
}

QString orderBy(SortOrder order)
{
    return order == SortOrder::NewestFirst ? QStringLiteral(" ORDER BY id DESC")
                                           : QStringLiteral(" ORDER BY id ASC");
}

} // namespace

QString RequestStore::headersText() const
{
    return m_headerLines ? QStringLiteral("header_lines(headers)")
                         : QStringLiteral("CAST(headers AS TEXT)");
}

RequestStore::RequestStore(QObject *parent)
    : QObject(parent)
{ }

RequestStore::~RequestStore()
{
    close();
}

QString RequestStore::open(const QString &path, const StoreOptions &options)
{
    close();
    m_openFailure = OpenFailure::None;
    if (options.readOnly)
        return openForReading(path);
    // Before anything touches the file: a second Hookscope must not even migrate it.
    if (options.exclusive) {
        bool inUse = false;
        if (const QString error = m_lock.acquire(path, &inUse); !error.isEmpty()) {
            m_openFailure = inUse ? OpenFailure::InUse : OpenFailure::Other;
            m_lastError = QStringLiteral("cannot open the store %1: %2").arg(path, error);
            return m_lastError;
        }
    }
    // Captured payloads may hold personal data: a new database is for its owner only. SQLite
    // gives its -wal and -shm files the database's permissions.
    if (const QByteArray native = QFile::encodeName(path);
        !native.isEmpty() && native != ":memory:") {
        const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0)
            ::close(fd);
    }
    m_readConnection
        = QStringLiteral("hookscope-read-") + QUuid::createUuid().toString(QUuid::Id128);
    QString error;
    bool unreadable = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_readConnection);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        QSqlQuery query(db);
        if (!db.open()) {
            error = db.lastError().text();
        } else if (options.requireWritable && isReadOnlyConnection(db, path)) {
            error = QStringLiteral("it cannot be written (its permissions, or a read-only file "
                                   "system), so no request could be stored and each would be "
                                   "answered 503");
        } else if (const int version = schemaVersion(db); version < 0 || version > kSchemaVersion) {
            error = migrate(db); // explains, and writes nothing: checked before the WAL switch
            unreadable = true;
        } else if (!query.exec(QStringLiteral("PRAGMA journal_mode=WAL"))) {
            error = query.lastError().text();
        } else {
            query.finish();
            error = migrate(db);
            m_headerLines = error.isEmpty() && registerHeaderLinesFunction(db);
        }
    }
    if (error.isEmpty()) {
        auto writer = std::make_unique<CaptureWriter>(this, path, options);
        error = writer->start();
        if (error.isEmpty())
            m_writer = std::move(writer);
    }
    if (!error.isEmpty()) {
        // SQLite's own words for a damaged file (SQLITE_CORRUPT, SQLITE_NOTADB).
        unreadable = unreadable || error.contains(QStringLiteral("malformed"))
            || error.contains(QStringLiteral("not a database"));
        m_openFailure = unreadable ? OpenFailure::Unreadable : OpenFailure::Other;
        m_lastError = QStringLiteral("cannot open the store %1: %2").arg(path, error);
        QSqlDatabase::removeDatabase(m_readConnection);
        m_readConnection.clear();
        m_lock.release();
        return m_lastError;
    }
    m_path = QFileInfo(path).absoluteFilePath();
    return {};
}

QString RequestStore::openForReading(const QString &path)
{
    m_removeWalOnClose = !QFile::exists(path + QStringLiteral("-wal"));
    m_readConnection
        = QStringLiteral("hookscope-read-") + QUuid::createUuid().toString(QUuid::Id128);
    QString error;
    bool unreadable = false;
    bool older = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_readConnection);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000;QSQLITE_OPEN_READONLY"));
        const int version = db.open() ? schemaVersion(db) : -1;
        if (!db.isOpen()) {
            error = db.lastError().text();
        } else if (version < 0) {
            // A WAL database in a folder it cannot write fails on the first read, with SQLite's
            // plain "unable to open database file": say what is in the way instead.
            error = walFolderProblem(path);
            unreadable = error.isEmpty();
            if (unreadable)
                error = migrate(db); // "cannot read the database (…); it may be corrupt …"
        } else if (version > kSchemaVersion) {
            error = migrate(db); // explains, and writes nothing
            unreadable = true;
        } else if (version == 0) {
            error = QStringLiteral("it holds no Hookscope data (no schema version); it is empty "
                                   "or not a Hookscope database");
            unreadable = true;
        } else if (version < kSchemaVersion) {
            older = true;
            error = QStringLiteral("it was made by an older Hookscope (schema version %1; this "
                                   "one reads %2) and must be upgraded, which needs write "
                                   "access to it and its folder: make them writable and run "
                                   "this again")
                        .arg(version)
                        .arg(kSchemaVersion);
        } else {
            m_headerLines = registerHeaderLinesFunction(db);
        }
    }
    if (!error.isEmpty()) {
        m_openFailure = unreadable ? OpenFailure::Unreadable
            : older                ? OpenFailure::NeedsUpgrade
                                   : OpenFailure::Other;
        m_lastError = QStringLiteral("cannot open the store %1: %2").arg(path, error);
        QSqlDatabase::removeDatabase(m_readConnection);
        m_readConnection.clear();
        if (std::exchange(m_removeWalOnClose, false))
            removeWalLeftByReading(path);
        return m_lastError;
    }
    m_path = QFileInfo(path).absoluteFilePath();
    return {};
}

void RequestStore::close()
{
    m_writer.reset(); // commits what is queued first
    if (!m_readConnection.isEmpty()) {
        QSqlDatabase::database(m_readConnection, false).close();
        QSqlDatabase::removeDatabase(m_readConnection);
        m_readConnection.clear();
        if (std::exchange(m_removeWalOnClose, false))
            removeWalLeftByReading(m_path);
    }
    m_lock.release(); // last: nothing of ours touches the file any more
}

void RequestStore::submit(Capture capture, StoreCompletion done)
{
    if (!m_writer) {
        if (done)
            done({0, QStringLiteral("the store is not open"),
                  QStringLiteral("the store is not open")});
        return;
    }
    std::vector<Submission> one;
    one.push_back({std::move(capture), std::move(done)});
    m_writer->submit(std::move(one));
}

void RequestStore::submit(std::vector<Submission> submissions)
{
    if (!m_writer) {
        for (Submission &submission : submissions) {
            if (submission.done)
                submission.done({0, QStringLiteral("the store is not open"),
                                 QStringLiteral("the store is not open")});
        }
        return;
    }
    m_writer->submit(std::move(submissions));
}

void RequestStore::flush()
{
    if (m_writer)
        m_writer->flush();
}

void RequestStore::setWritesRefusedForTesting(bool refused)
{
    if (m_writer)
        m_writer->setWritesRefused(refused);
}

QList<CaptureSummary> RequestStore::runPage(const QString &sql, const QVariantList &values)
{
    QList<CaptureSummary> rows;
    QSqlQuery query(QSqlDatabase::database(m_readConnection, false));
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        m_lastError = query.lastError().text();
        return rows;
    }
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return rows;
    }
    while (query.next())
        rows.append(readSummary(query));
    return rows;
}

QList<CaptureSummary> RequestStore::page(const CaptureFilter &filter, int offset, int limit,
                                         SortOrder order)
{
    QVariantList values;
    const QString where = whereClause(filter, values, headersText());
    values << limit << offset;
    return runPage(QStringLiteral("SELECT %1 FROM captures WHERE %2%3 LIMIT ? OFFSET ?")
                       .arg(kSummaryColumns, where, orderBy(order)),
                   values);
}

QList<CaptureSummary> RequestStore::pageAfter(const CaptureFilter &filter, qint64 cursorId,
                                              int limit, SortOrder order)
{
    QVariantList values;
    QString where = whereClause(filter, values, headersText());
    if (cursorId > 0) {
        where += order == SortOrder::NewestFirst ? QStringLiteral(" AND id < ?")
                                                 : QStringLiteral(" AND id > ?");
        values << cursorId;
    }
    values << limit;
    return runPage(QStringLiteral("SELECT %1 FROM captures WHERE %2%3 LIMIT ?")
                       .arg(kSummaryColumns, where, orderBy(order)),
                   values);
}

qint64 RequestStore::count(const CaptureFilter &filter)
{
    QVariantList values;
    const QString where = whereClause(filter, values, headersText());
    QSqlQuery query(QSqlDatabase::database(m_readConnection, false));
    query.prepare(QStringLiteral("SELECT count(*) FROM captures WHERE %1").arg(where));
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    if (!query.exec() || !query.next()) {
        m_lastError = query.lastError().text();
        return -1;
    }
    return query.value(0).toLongLong();
}

static QStringList distinctValues(const QString &connection, const QString &column,
                                  QString *lastError)
{
    QStringList values;
    QSqlQuery query(QSqlDatabase::database(connection, false));
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT DISTINCT %1 FROM captures WHERE %1 != '' ORDER BY %1")
                        .arg(column))) {
        *lastError = query.lastError().text();
        return values;
    }
    while (query.next())
        values << query.value(0).toString();
    return values;
}

QStringList RequestStore::endpointNames()
{
    return distinctValues(m_readConnection, QStringLiteral("endpoint"), &m_lastError);
}

QStringList RequestStore::eventTypes()
{
    return distinctValues(m_readConnection, QStringLiteral("event_type"), &m_lastError);
}

static Capture readCapture(const QSqlQuery &query)
{
    Capture c;
    int i = 0;
    c.id = query.value(i++).toLongLong();
    c.receivedAtUs = query.value(i++).toLongLong();
    c.durationUs = query.value(i++).toLongLong();
    c.method = query.value(i++).toString().toLatin1();
    c.target = query.value(i++).toByteArray();
    c.httpVersion = query.value(i++).toString().toLatin1();
    c.endpoint = query.value(i++).toString();
    c.eventType = query.value(i++).toString();
    c.remoteAddress = query.value(i++).toString();
    c.remotePort = quint16(query.value(i++).toUInt());
    c.tls = query.value(i++).toBool();
    c.malformed = query.value(i++).toBool();
    c.parseError = query.value(i++).toString();
    c.responseStatus = query.value(i++).toInt();
    c.signature.scheme = query.value(i++).toString();
    c.signature.verdict = query.value(i++).toString();
    c.signature.detail = query.value(i++).toString();
    c.responseHeaders = decodeHeaders(query.value(i++).toByteArray());
    c.responseBody = query.value(i++).toByteArray();
    c.headers = decodeHeaders(query.value(i++).toByteArray());
    c.body = query.value(i++).toByteArray();
    c.responseDelayMs = query.value(i++).toLongLong();
    c.senderLeftAfterMs = query.value(i++).toLongLong();
    return c;
}

// The forward targets' answers of one capture, oldest first; prepared once per read.
static void prepareForwardQuery(QSqlQuery &forwards)
{
    forwards.prepare(QStringLiteral("SELECT target, sent_at, status, duration_us, error, headers, "
                                    "body FROM forwards WHERE capture_id = ? ORDER BY id"));
}

static void readForwards(QSqlQuery &forwards, Capture &capture)
{
    forwards.bindValue(0, capture.id);
    if (!forwards.exec())
        return;
    while (forwards.next()) {
        ForwardResult result;
        result.target = forwards.value(0).toString();
        result.sentAtUs = forwards.value(1).toLongLong();
        result.status = forwards.value(2).toInt();
        result.durationUs = forwards.value(3).toLongLong();
        result.error = forwards.value(4).toString();
        result.headers = decodeHeaders(forwards.value(5).toByteArray());
        result.body = forwards.value(6).toByteArray();
        capture.forwards << result;
    }
}

static const QString kCaptureColumns = QStringLiteral(
    "id, received_at, duration_us, method, target, http_version, endpoint, event_type,"
    " remote_address, remote_port, tls, malformed, parse_error, response_status, sig_scheme,"
    " sig_verdict, sig_detail, response_headers, response_body, headers, body, response_delay_ms,"
    " sender_left_ms");

std::optional<Capture> RequestStore::load(qint64 id)
{
    QSqlQuery query(QSqlDatabase::database(m_readConnection, false));
    query.prepare(QStringLiteral("SELECT %1 FROM captures WHERE id = ?").arg(kCaptureColumns));
    query.bindValue(0, id);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    Capture capture = readCapture(query);
    QSqlQuery forwards(QSqlDatabase::database(m_readConnection, false));
    prepareForwardQuery(forwards);
    readForwards(forwards, capture);
    return capture;
}

bool RequestStore::addForwardResult(qint64 captureId, const ForwardResult &result)
{
    QSqlQuery query(QSqlDatabase::database(m_readConnection, false));
    query.prepare(
        QStringLiteral("INSERT INTO forwards (capture_id, target, sent_at, status, "
                       "duration_us, error, headers, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    query.bindValue(0, captureId);
    query.bindValue(1, result.target);
    query.bindValue(2, result.sentAtUs);
    query.bindValue(3, result.status);
    query.bindValue(4, result.durationUs);
    query.bindValue(5, result.error.isNull() ? QStringLiteral("") : result.error);
    query.bindValue(6, encodeHeaders(result.headers));
    query.bindValue(7, result.body.isNull() ? QByteArray("") : result.body);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return false;
    }
    Q_EMIT forwardAdded(captureId);
    return true;
}

bool RequestStore::updateAnswer(qint64 captureId, const QString &assignments,
                                const QVariantList &values)
{
    QSqlQuery query(QSqlDatabase::database(m_readConnection, false));
    query.prepare(QStringLiteral("UPDATE captures SET %1 WHERE id = ?").arg(assignments));
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    query.bindValue(int(values.size()), captureId);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return false;
    }
    Q_EMIT responseUpdated(captureId);
    return true;
}

bool RequestStore::updateResponse(qint64 captureId, const http::HttpResponse &sent)
{
    return updateAnswer(
        captureId, QStringLiteral("response_status = ?, response_headers = ?, response_body = ?"),
        {sent.status, encodeHeaders(sent.headers),
         sent.body.isNull() ? QByteArray("") : sent.body});
}

bool RequestStore::recordSenderLeft(qint64 captureId, qint64 afterMs)
{
    return updateAnswer(captureId, QStringLiteral("sender_left_ms = ?"), {afterMs});
}

bool RequestStore::forEach(const CaptureFilter &filter, SortOrder order,
                           const std::function<bool(const Capture &)> &visit)
{
    QVariantList values;
    const QString where = whereClause(filter, values, headersText());
    QSqlQuery query(QSqlDatabase::database(m_readConnection, false));
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM captures WHERE %2%3")
                      .arg(kCaptureColumns, where, orderBy(order)));
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return false;
    }
    // Exports and re-verification see a capture whole, with its forward targets' answers.
    QSqlQuery forwards(QSqlDatabase::database(m_readConnection, false));
    prepareForwardQuery(forwards);
    while (query.next()) {
        Capture capture = readCapture(query);
        readForwards(forwards, capture);
        if (!visit(capture))
            break;
    }
    return true;
}

bool RequestStore::remove(const QList<qint64> &ids)
{
    QSqlDatabase db = QSqlDatabase::database(m_readConnection, false);
    QSqlQuery query(db);
    QSqlQuery forwards(db);
    if (!db.transaction() || !query.prepare(QStringLiteral("DELETE FROM captures WHERE id = ?"))
        || !forwards.prepare(QStringLiteral("DELETE FROM forwards WHERE capture_id = ?"))) {
        m_lastError = db.lastError().text();
        return false;
    }
    for (qint64 id : ids) {
        query.bindValue(0, id);
        forwards.bindValue(0, id);
        if (!query.exec() || !forwards.exec()) {
            m_lastError = query.lastError().text();
            db.rollback();
            return false;
        }
    }
    if (!db.commit()) {
        m_lastError = db.lastError().text();
        db.rollback();
        return false;
    }
    Q_EMIT removed(ids);
    return true;
}

bool RequestStore::clear()
{
    QSqlQuery query(QSqlDatabase::database(m_readConnection, false));
    if (!query.exec(QStringLiteral("DELETE FROM forwards"))
        || !query.exec(QStringLiteral("DELETE FROM captures"))) {
        m_lastError = query.lastError().text();
        return false;
    }
    Q_EMIT cleared();
    return true;
}

bool RequestStore::updateVerdicts(const QList<std::pair<qint64, StoredVerdict>> &verdicts)
{
    QSqlDatabase db = QSqlDatabase::database(m_readConnection, false);
    QSqlQuery query(db);
    if (!db.transaction()
        || !query.prepare(QStringLiteral(
            "UPDATE captures SET sig_scheme = ?, sig_verdict = ?, sig_detail = ? WHERE id = ?"))) {
        m_lastError = db.lastError().text();
        qWarning("hookscope: cannot update verdicts: %s", qUtf8Printable(m_lastError));
        return false;
    }
    QList<qint64> ids;
    for (const auto &[id, verdict] : verdicts) {
        // The columns are NOT NULL; a null QString ("no scheme") binds as NULL, so bind text.
        query.bindValue(0, verdict.scheme.isNull() ? QStringLiteral("") : verdict.scheme);
        query.bindValue(1, verdict.verdict.isNull() ? QStringLiteral("") : verdict.verdict);
        query.bindValue(2, verdict.detail.isNull() ? QStringLiteral("") : verdict.detail);
        query.bindValue(3, id);
        if (!query.exec()) {
            m_lastError = query.lastError().text();
            qWarning("hookscope: cannot update verdicts: %s", qUtf8Printable(m_lastError));
            db.rollback();
            return false;
        }
        ids.append(id);
    }
    if (!db.commit()) {
        m_lastError = db.lastError().text();
        qWarning("hookscope: cannot update verdicts: %s", qUtf8Printable(m_lastError));
        db.rollback();
        return false;
    }
    Q_EMIT verdictsUpdated(ids);
    return true;
}

} // namespace hookscope::store
