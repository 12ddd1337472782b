#include "exchange/StoreExchange.h"

#include "core/ThreadCall.h"
#include "store/CaptureExport.h"
#include "store/RequestStore.h"
#include "store/StoreClient.h"

#include <QFileInfo>
#include <QMutex>
#include <QPointer>
#include <QSaveFile>
#include <QThreadPool>

#include <memory>

namespace hookscope::exchange {

namespace {

template<typename Value>
void deliver(const QPointer<QObject> &context, std::function<void(const Value &)> done, Value value)
{
    deliverUnlessGone(context, [done = std::move(done), value = std::move(value)] {
        if (done)
            done(value);
    });
}

ExportOutcome runExport(store::RequestStore &store, const std::optional<QList<qint64>> &ids,
                        ExportFormat format, const QString &path)
{
    ExportOutcome outcome;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        outcome.error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return outcome;
    }
    if (ids) {
        CaptureStreamWriter writer(format, file);
        outcome.error = writer.begin();
        for (const qint64 id : *ids) {
            if (!outcome.error.isEmpty())
                break;
            // A request deleted since it was selected is simply not exported.
            if (const std::optional<Capture> capture = store.load(id))
                outcome.error = writer.add(*capture);
        }
        if (outcome.error.isEmpty())
            outcome.error = writer.finish();
        outcome.count = writer.count();
    } else {
        outcome.count = store.count({});
        outcome.error = format == ExportFormat::Har ? store::exportHar(store, file)
                                                    : store::exportJsonLines(store, file);
    }
    if (outcome.error.isEmpty() && !file.commit())
        outcome.error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    if (!outcome.error.isEmpty())
        outcome.count = 0;
    return outcome;
}

// Collects the store's per-capture answers, which arrive on its writer thread.
struct PendingImport {
    QMutex mutex;
    ImportOutcome outcome;
    QList<std::optional<qint64>> storedIds;
    qsizetype remaining = 0;
};

} // namespace

void exportToFile(store::StoreClient &client, std::optional<QList<qint64>> ids, ExportFormat format,
                  const QString &path, QObject *context,
                  std::function<void(const ExportOutcome &)> done)
{
    store::RequestStore *store = client.store();
    QPointer<QObject> guard(context);
    // The store object lives on the store's thread, so a functor queued to it runs there, after
    // any read already queued; its reader connection belongs to that thread.
    QMetaObject::invokeMethod(
        store,
        [store, ids = std::move(ids), format, path, guard, done = std::move(done)]() mutable {
            deliver<ExportOutcome>(guard, std::move(done), runExport(*store, ids, format, path));
        },
        Qt::QueuedConnection);
}

void importHarToStore(store::RequestStore &store, const QString &path,
                      const HarImportOptions &options, QObject *context,
                      std::function<void(const ImportOutcome &)> done, CapturePreparer prepare)
{
    QPointer<QObject> guard(context);
    QThreadPool::globalInstance()->start([&store, path, options, guard, done = std::move(done),
                                          prepare = std::move(prepare)]() mutable {
        HarImportResult parsed = importHarFile(path, options);
        auto pending = std::make_shared<PendingImport>();
        pending->outcome.fatalError = parsed.fatalError;
        pending->outcome.entryErrors = parsed.entryErrors;
        pending->outcome.entryCount = parsed.entryCount;
        if (parsed.captures.isEmpty()) {
            deliver<ImportOutcome>(guard, std::move(done), pending->outcome);
            return;
        }
        pending->storedIds.resize(parsed.captures.size());
        pending->remaining = parsed.captures.size();
        auto finish = std::make_shared<std::function<void(const ImportOutcome &)>>(std::move(done));
        for (qsizetype i = 0; i < parsed.captures.size(); ++i) {
            if (prepare)
                prepare(parsed.captures[i]);
            store.submit(std::move(parsed.captures[i]),
                         [pending, i, guard, finish](const store::StoreOutcome &stored) {
                             QMutexLocker locker(&pending->mutex);
                             if (stored.ok())
                                 pending->storedIds[i] = stored.id;
                             else
                                 pending->outcome.storeErrors.append(
                                     QStringLiteral("request %1: %2").arg(i + 1).arg(stored.error));
                             if (--pending->remaining > 0)
                                 return;
                             for (const std::optional<qint64> &id : pending->storedIds) {
                                 if (id)
                                     pending->outcome.ids.append(*id);
                             }
                             deliver<ImportOutcome>(guard, *finish, pending->outcome);
                         });
        }
    });
}

QString describe(const ImportOutcome &outcome, const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    if (!outcome.fatalError.isEmpty())
        return QStringLiteral("Could not import %1: %2").arg(name, outcome.fatalError);
    QString text = outcome.ids.size() == 1
        ? QStringLiteral("Imported 1 request from %1").arg(name)
        : QStringLiteral("Imported %1 requests from %2").arg(outcome.ids.size()).arg(name);
    const qsizetype skipped = outcome.entryErrors.size() + outcome.storeErrors.size();
    if (skipped == 1)
        text += QStringLiteral("; 1 entry skipped");
    else if (skipped > 1)
        text += QStringLiteral("; %1 entries skipped").arg(skipped);
    return text + u'.';
}

} // namespace hookscope::exchange
