#pragma once

#include "http/Capture.h"
#include "http/HttpResponse.h"
#include "store/CaptureSummary.h"
#include "store/DatabaseLock.h"

#include <QObject>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace hookscope::store {

class CaptureWriter;

// In a stored response body, replaced by the capture's id when it is committed
// (the default answer is {"received":"{{id}}"}).
inline constexpr char kCaptureIdPlaceholder[] = "{{id}}";

struct StoreOptions {
    // Sync the WAL to disk on every commit (survives power loss); off, a commit survives a
    // crash or SIGKILL of Hookscope but not of the machine.
    bool fullSync = true;
    // SQLite max_page_count when > 0: a size quota, which also lets tests fill the "disk".
    qint64 maxPageCount = 0;
    // Most requests one transaction commits; more wait for the next one.
    int maxBatch = 4096;
    // Hold `<db>.lock` while open, so no second Hookscope writes the same file. Readers that
    // must work beside a running listener (export, replay) open without it.
    bool exclusive = true;
    // Only read (export, verify --id, replay): no lock, no writer, no migration and no pragma
    // that writes, so a database that cannot be written (its permissions, a read-only folder or
    // file system) can still be read. An older schema is refused: upgrading it is a write.
    bool readOnly = false;
    // Refuse a file that cannot be written rather than open it and fail every commit (listen,
    // which would answer every request 503).
    bool requireWritable = false;
};

// Why open() failed, so a caller can offer the right way out.
enum class OpenFailure {
    None,
    InUse, // another Hookscope holds the database's lock
    Unreadable, // corrupt, not a database, or written by a newer Hookscope
    NeedsUpgrade, // opened for reading only, and written by an older Hookscope
    Other, // e.g. a missing folder or no permission
};

// What became of one submitted capture.
struct StoreOutcome {
    qint64 id = 0;
    QString error; // empty when committed
    // The same without the database's path: what a sender may be told (it may be anyone).
    QString reason;
    bool ok() const { return error.isEmpty(); }
};
using StoreCompletion = std::function<void(const StoreOutcome &)>;

// One capture handed to the store, with what to call once its transaction is over.
struct Submission {
    Capture capture;
    StoreCompletion done;
};

// The durable store of captures: SQLite in WAL mode. Writes go through one writer thread that
// commits whatever arrived together in one transaction (group commit) and only then reports
// each capture stored. Reads use their own connection in the thread that opened the store.
class RequestStore final : public QObject
{
    Q_OBJECT

public:
    explicit RequestStore(QObject *parent = nullptr);
    ~RequestStore() override; // commits everything submitted, then closes

    // Opens (creating and migrating, unless options.readOnly) the database; returns an error
    // message, empty on success.
    QString open(const QString &path, const StoreOptions &options = {});
    void close();
    bool isOpen() const { return !m_readConnection.isEmpty(); }
    QString path() const { return m_path; }
    OpenFailure lastOpenFailure() const { return m_openFailure; }

    // Thread-safe. `done` runs on the writer thread once the capture's transaction committed
    // or failed; keep it short (post to your own thread).
    void submit(Capture capture, StoreCompletion done = {});
    // The same for captures that arrived together: one hand-off and one wake-up for all.
    void submit(std::vector<Submission> submissions);
    // Blocks until everything submitted before the call is committed or failed.
    void flush();

    // --- read API: from the thread that called open() ---
    QList<CaptureSummary> page(const CaptureFilter &filter, int offset, int limit,
                               SortOrder order = SortOrder::NewestFirst);
    // Keyset paging: rows after cursorId in the given order (cursorId 0 starts at the top).
    QList<CaptureSummary> pageAfter(const CaptureFilter &filter, qint64 cursorId, int limit,
                                    SortOrder order = SortOrder::NewestFirst);
    qint64 count(const CaptureFilter &filter = {});
    // The values the filters can offer, from their indexes (sorted, without the empty one).
    QStringList endpointNames();
    QStringList eventTypes();
    std::optional<Capture> load(qint64 id);
    // Visits every capture matching filter in order, one at a time; stop by returning false.
    bool forEach(const CaptureFilter &filter, SortOrder order,
                 const std::function<bool(const Capture &)> &visit);
    bool remove(const QList<qint64> &ids);
    bool clear();
    // Keeps what a forward target answered for a stored capture; load() returns it in
    // capture.forwards.
    bool addForwardResult(qint64 captureId, const ForwardResult &result);
    // Records the answer the sender got for a capture stored before it was known (pass-through:
    // the forward target's answer), emitting responseUpdated.
    bool updateResponse(qint64 captureId, const http::HttpResponse &sent);
    // Records that the sender closed the connection `afterMs` after its request, while its
    // answer was held (Capture::senderLeftAfterMs), emitting responseUpdated.
    bool recordSenderLeft(qint64 captureId, qint64 afterMs);
    // Replaces the stored verdicts (e.g. after the user set a secret).
    bool updateVerdicts(const QList<std::pair<qint64, StoredVerdict>> &verdicts);
    QString lastError() const { return m_lastError; }

    // Makes the writer's connection refuse writes as a read-only database does (PRAGMA
    // query_only), so tests can check that a failed commit is never acknowledged.
    void setWritesRefusedForTesting(bool refused);

Q_SIGNALS:
    // After each commit, in commit order, from the writer thread.
    void stored(const QList<qint64> &ids);
    void storedSummaries(const QList<hookscope::store::CaptureSummary> &rows);
    // A batch could not be stored; its requests were answered 503.
    void writeFailed(const QString &message);
    void verdictsUpdated(const QList<qint64> &ids);
    void forwardAdded(qint64 captureId);
    void responseUpdated(qint64 captureId);
    void removed(const QList<qint64> &ids);
    void cleared();

private:
    // How the filter reads the headers: as "Name: value" lines when it can.
    QString headersText() const;
    friend class CaptureWriter;
    QString openForReading(const QString &path);
    // Sets `assignments` (with `values`) on one capture's row and emits responseUpdated.
    bool updateAnswer(qint64 captureId, const QString &assignments, const QVariantList &values);
    QList<CaptureSummary> runPage(const QString &sql, const QVariantList &values);

    QString m_path;
    QString m_readConnection;
    bool m_headerLines = false; // header_lines() is registered on the read connection
    bool m_removeWalOnClose = false; // read-only, where there was no -wal before
    std::unique_ptr<CaptureWriter> m_writer;
    DatabaseLock m_lock;
    QString m_lastError;
    OpenFailure m_openFailure = OpenFailure::None;
};

} // namespace hookscope::store
