#include "store/StoreClient.h"

#include "core/ThreadCall.h"
#include "store/SetAside.h"

namespace hookscope::store {

StoreClient::StoreClient(QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("hookscope-store"));
    m_store = new RequestStore;
    m_store->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_store, &QObject::deleteLater);
    connect(m_store, &RequestStore::stored, this, &StoreClient::stored, Qt::QueuedConnection);
    connect(m_store, &RequestStore::writeFailed, this, &StoreClient::writeFailed,
            Qt::QueuedConnection);
    connect(m_store, &RequestStore::verdictsUpdated, this, &StoreClient::verdictsUpdated,
            Qt::QueuedConnection);
    connect(m_store, &RequestStore::forwardAdded, this, &StoreClient::forwardAdded,
            Qt::QueuedConnection);
    connect(m_store, &RequestStore::responseUpdated, this, &StoreClient::responseUpdated,
            Qt::QueuedConnection);
    connect(m_store, &RequestStore::removed, this, &StoreClient::removed, Qt::QueuedConnection);
    connect(m_store, &RequestStore::cleared, this, &StoreClient::cleared, Qt::QueuedConnection);
    m_thread.start();
}

StoreClient::~StoreClient()
{
    // Close on the store's own thread (its reader connection lives there), then stop it.
    QMetaObject::invokeMethod(
        m_store, [store = m_store] { store->close(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

template<typename Result>
void StoreClient::call(std::function<Result(RequestStore &)> work, std::function<void(Result)> then)
{
    callOnThread(m_store, m_store, this, std::move(work), std::move(then));
}

void StoreClient::open(const QString &path, const StoreOptions &options,
                       std::function<void(const QString &)> done)
{
    openWithFailure(path, options,
                    [done = std::move(done)](const QString &error, OpenFailure) { done(error); });
}

void StoreClient::openWithFailure(const QString &path, const StoreOptions &options,
                                  std::function<void(const QString &, OpenFailure)> done)
{
    using Result = std::pair<QString, OpenFailure>;
    call<Result>(
        [path, options](RequestStore &store) {
            const QString error = store.open(path, options);
            return Result {error, store.lastOpenFailure()};
        },
        [done](const Result &result) { done(result.first, result.second); });
}

void StoreClient::startOver(const QString &path, const StoreOptions &options,
                            std::function<void(const QString &, const QString &)> done)
{
    using Result = std::pair<QString, QString>; // moved to, error
    call<Result>(
        [path, options](RequestStore &store) {
            store.close();
            QString movedTo;
            if (const QString error = setAsideUnreadable(path, &movedTo); !error.isEmpty())
                return Result {QString(), error};
            return Result {movedTo, store.open(path, options)};
        },
        [done](const Result &result) { done(result.first, result.second); });
}

void StoreClient::page(const CaptureFilter &filter, qint64 cursorId, int limit, SortOrder order,
                       std::function<void(const QList<CaptureSummary> &)> done)
{
    call<QList<CaptureSummary>>(
        [=](RequestStore &store) { return store.pageAfter(filter, cursorId, limit, order); },
        [done](const QList<CaptureSummary> &rows) { done(rows); });
}

void StoreClient::count(const CaptureFilter &filter, std::function<void(qint64)> done)
{
    call<qint64>([filter](RequestStore &store) { return store.count(filter); }, std::move(done));
}

void StoreClient::load(qint64 id, std::function<void(const std::optional<Capture> &)> done)
{
    call<std::optional<Capture>>([id](RequestStore &store) { return store.load(id); },
                                 [done](const std::optional<Capture> &capture) { done(capture); });
}

void StoreClient::addForwardResult(qint64 captureId, const ForwardResult &result,
                                   std::function<void(bool)> done)
{
    call<bool>([captureId,
                result](RequestStore &store) { return store.addForwardResult(captureId, result); },
               std::move(done));
}

void StoreClient::updateResponse(qint64 captureId, const http::HttpResponse &sent,
                                 std::function<void(bool)> done)
{
    call<bool>(
        [captureId, sent](RequestStore &store) { return store.updateResponse(captureId, sent); },
        std::move(done));
}

void StoreClient::remove(const QList<qint64> &ids, std::function<void(bool)> done)
{
    call<bool>([ids](RequestStore &store) { return store.remove(ids); }, std::move(done));
}

void StoreClient::clear(std::function<void(bool)> done)
{
    call<bool>([](RequestStore &store) { return store.clear(); }, std::move(done));
}

void StoreClient::updateVerdicts(const QList<std::pair<qint64, StoredVerdict>> &verdicts,
                                 std::function<void(bool)> done)
{
    call<bool>([verdicts](RequestStore &store) { return store.updateVerdicts(verdicts); },
               std::move(done));
}

void StoreClient::forEach(const CaptureFilter &filter, std::function<bool(const Capture &)> visit,
                          std::function<void(bool)> done)
{
    call<bool>(
        [filter, visit](RequestStore &store) {
            return store.forEach(filter, SortOrder::OldestFirst, visit);
        },
        std::move(done));
}

} // namespace hookscope::store
