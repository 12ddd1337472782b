#pragma once

#include "store/CaptureSummary.h"
#include "store/RequestStore.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <optional>

namespace hookscope::store {

// Runs a RequestStore on a thread of its own and offers its read and write API asynchronously:
// every call returns at once and its callback runs later on the caller's thread, so the window
// never waits on the disk. The receiver submits captures straight to store(), which is
// thread-safe for submit().
class StoreClient final : public QObject
{
    Q_OBJECT

public:
    explicit StoreClient(QObject *parent = nullptr);
    ~StoreClient() override; // commits what was submitted, closes the store, joins the thread

    void open(const QString &path, const StoreOptions &options,
              std::function<void(const QString &error)> done);
    // As open(), and says why it failed (None on success), so the window can offer a way out.
    void openWithFailure(const QString &path, const StoreOptions &options,
                         std::function<void(const QString &error, OpenFailure failure)> done);
    // For a database that could not be read: moves it aside (setAsideUnreadable, never deleting
    // it) and opens a new one at the same path. `movedTo` is the old file's new name.
    void startOver(const QString &path, const StoreOptions &options,
                   std::function<void(const QString &movedTo, const QString &error)> done);
    RequestStore *store() const { return m_store; }

    void page(const CaptureFilter &filter, qint64 cursorId, int limit, SortOrder order,
              std::function<void(const QList<CaptureSummary> &)> done);
    void count(const CaptureFilter &filter, std::function<void(qint64)> done);
    void load(qint64 id, std::function<void(const std::optional<Capture> &)> done);
    void remove(const QList<qint64> &ids, std::function<void(bool)> done);
    void clear(std::function<void(bool)> done);
    void updateVerdicts(const QList<std::pair<qint64, StoredVerdict>> &verdicts,
                        std::function<void(bool)> done);
    // Keeps a forward target's answer beside the stored capture (see RequestStore).
    void addForwardResult(qint64 captureId, const ForwardResult &result,
                          std::function<void(bool)> done);
    // Records the answer the sender got (pass-through; see RequestStore).
    void updateResponse(qint64 captureId, const http::HttpResponse &sent,
                        std::function<void(bool)> done);
    // Visits every capture matching filter on the store's thread (e.g. to re-verify or export);
    // `done` runs on the caller's thread afterwards.
    void forEach(const CaptureFilter &filter, std::function<bool(const Capture &)> visit,
                 std::function<void(bool)> done);

Q_SIGNALS:
    // Queued onto this object's thread from the store's writer.
    void stored(const QList<qint64> &ids);
    void writeFailed(const QString &message);
    void verdictsUpdated(const QList<qint64> &ids);
    void forwardAdded(qint64 captureId);
    void responseUpdated(qint64 captureId);
    void removed(const QList<qint64> &ids);
    void cleared();

private:
    // Runs work(store) on the store's thread, then then(result) on this object's thread.
    template<typename Result>
    void call(std::function<Result(RequestStore &)> work, std::function<void(Result)> then);

    QThread m_thread;
    RequestStore *m_store = nullptr;
};

} // namespace hookscope::store
