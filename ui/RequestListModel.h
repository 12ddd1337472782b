#pragma once

#include "store/CaptureSummary.h"

#include <QAbstractTableModel>
#include <QList>

namespace hookscope::store {
class StoreClient;
}

namespace hookscope::ui {

// The live request list: a flat model over the store, newest first, paged in with
// canFetchMore/fetchMore so 100,000 stored requests never become 100,000 objects. Every query
// runs on the store's thread; results arrive as batches with one insert each. New captures are
// added at the top in one batch per notification; removals and verdict changes follow the store.
class RequestListModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        IdColumn, // "#12", as messages name a request
        TimeColumn,
        MethodColumn,
        PathColumn,
        EventColumn,
        SignatureColumn,
        SizeColumn,
        SourceColumn,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole, IdRole, VerdictRole, SchemeRole, MalformedRole };
    static constexpr int kPageSize = 200;

    explicit RequestListModel(store::StoreClient &client, QObject *parent = nullptr);

    void setFilter(const store::CaptureFilter &filter); // reloads from the store
    const store::CaptureFilter &filter() const { return m_filter; }
    void reload();

    qint64 idAt(int row) const;
    int rowOfId(qint64 id) const; // -1 when not loaded
    bool isLoading() const { return m_fetching || m_fetchingNew; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void loadingFinished(); // a page or a batch of new rows has arrived
    void rowsArrivedAtTop(int count);

private:
    void fetchNewer();
    void onStored();
    void onRemoved(const QList<qint64> &ids);
    void onVerdictsUpdated(const QList<qint64> &ids);
    QVariant displayText(const store::CaptureSummary &row, int column) const;
    // Why a malformed request has no verdict, for its badge's tooltip.
    static QString notCheckedReason(const store::CaptureSummary &row);

    store::StoreClient &m_client;
    store::CaptureFilter m_filter;
    QList<store::CaptureSummary> m_rows; // newest first
    quint64 m_generation = 0; // bumped on reload; stale results are dropped
    bool m_atEnd = false;
    bool m_fetching = false;
    bool m_fetchingNew = false;
    bool m_newerPending = false;
    bool m_initialLoaded = false;
    qint64 m_newestId = 0;
};

// Human-readable byte count: "512 B", "1.2 KiB", "25.0 MiB".
QString formatSize(qint64 bytes);

} // namespace hookscope::ui
