#pragma once

#include "exchange/CaptureExchange.h"
#include "exchange/HarImport.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace hookscope::store {
class RequestStore;
class StoreClient;
} // namespace hookscope::store

namespace hookscope::exchange {

struct ExportOutcome {
    QString error; // empty on success
    qint64 count = 0;
};

// Exports to a file on the store's own thread (the disk work never touches the caller's):
// the captures with these ids in that order, or every stored capture oldest first when ids is
// nullopt. The file is replaced atomically. `done` runs on context's thread, unless context is
// gone by then.
void exportToFile(store::StoreClient &client, std::optional<QList<qint64>> ids, ExportFormat format,
                  const QString &path, QObject *context,
                  std::function<void(const ExportOutcome &)> done);

struct ImportOutcome {
    QString fatalError; // the file could not be read at all
    QStringList entryErrors; // entries skipped
    QStringList storeErrors; // captures the store refused
    QList<qint64> ids; // stored captures, in the file's order
    int entryCount = 0;
};

// Gives an imported capture what the receiver would have (e.g. its signature verdict); runs on
// a pool thread, so it must be thread-safe (SignatureVerifier::verdictFor is).
using CapturePreparer = std::function<void(Capture &)>;

// Reads a HAR file on a pool thread and submits its captures to the store (RequestStore::submit
// is thread-safe); `done` runs on context's thread once every capture is committed or refused.
void importHarToStore(store::RequestStore &store, const QString &path,
                      const HarImportOptions &options, QObject *context,
                      std::function<void(const ImportOutcome &)> done,
                      CapturePreparer prepare = {});

// "Imported 3 requests from pledges.har; 1 entry skipped." for a status line.
QString describe(const ImportOutcome &outcome, const QString &path);

} // namespace hookscope::exchange
