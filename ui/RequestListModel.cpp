#include "RequestListModel.h"

#include "VerdictStyle.h"
#include "store/StoreClient.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace hookscope::ui {

RequestListModel::RequestListModel(store::StoreClient &client, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
{
    connect(&m_client, &store::StoreClient::stored, this, &RequestListModel::onStored);
    connect(&m_client, &store::StoreClient::removed, this, &RequestListModel::onRemoved);
    connect(&m_client, &store::StoreClient::cleared, this, &RequestListModel::reload);
    connect(&m_client, &store::StoreClient::verdictsUpdated, this,
            &RequestListModel::onVerdictsUpdated);
}

void RequestListModel::setFilter(const store::CaptureFilter &filter)
{
    m_filter = filter;
    reload();
}

void RequestListModel::reload()
{
    beginResetModel();
    m_rows.clear();
    ++m_generation;
    m_atEnd = false;
    m_fetching = false;
    m_fetchingNew = false;
    m_newerPending = false;
    m_initialLoaded = false;
    m_newestId = 0;
    endResetModel();
    fetchMore({});
}

qint64 RequestListModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int RequestListModel::rowOfId(qint64 id) const
{
    // Rows are ordered by id, newest first.
    const auto it = std::lower_bound(
        m_rows.cbegin(), m_rows.cend(), id,
        [](const store::CaptureSummary &row, qint64 wanted) { return row.id > wanted; });
    return it != m_rows.cend() && it->id == id ? int(it - m_rows.cbegin()) : -1;
}

int RequestListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RequestListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool RequestListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_fetching;
}

void RequestListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    const quint64 generation = m_generation;
    const qint64 cursor = m_rows.isEmpty() ? 0 : m_rows.constLast().id;
    m_client.page(m_filter, cursor, kPageSize, store::SortOrder::NewestFirst,
                  [this, generation](const QList<store::CaptureSummary> &rows) {
                      if (generation != m_generation)
                          return;
                      m_fetching = false;
                      m_atEnd = rows.size() < kPageSize;
                      if (!rows.isEmpty()) {
                          const int first = int(m_rows.size());
                          beginInsertRows({}, first, first + int(rows.size()) - 1);
                          m_rows += rows;
                          endInsertRows();
                      }
                      if (!m_initialLoaded) {
                          m_initialLoaded = true;
                          m_newestId = m_rows.isEmpty() ? 0 : m_rows.constFirst().id;
                          // Captures stored while the first page was on its way.
                          if (m_newerPending)
                              fetchNewer();
                      }
                      Q_EMIT loadingFinished();
                  });
}

void RequestListModel::onStored()
{
    if (!m_initialLoaded || m_fetchingNew) {
        m_newerPending = true;
        return;
    }
    fetchNewer();
}

void RequestListModel::fetchNewer()
{
    m_newerPending = false;
    m_fetchingNew = true;
    const quint64 generation = m_generation;
    // Oldest first after the newest row we have: exactly the rows that arrived since.
    m_client.page(m_filter, m_newestId, 1000, store::SortOrder::OldestFirst,
                  [this, generation](const QList<store::CaptureSummary> &rows) {
                      if (generation != m_generation)
                          return;
                      m_fetchingNew = false;
                      if (!rows.isEmpty()) {
                          QList<store::CaptureSummary> newestFirst(rows.crbegin(), rows.crend());
                          beginInsertRows({}, 0, int(newestFirst.size()) - 1);
                          m_rows = newestFirst + m_rows;
                          endInsertRows();
                          m_newestId = m_rows.constFirst().id;
                          Q_EMIT rowsArrivedAtTop(int(newestFirst.size()));
                      }
                      // A full batch may mean more are waiting.
                      if (m_newerPending || rows.size() == 1000)
                          fetchNewer();
                      Q_EMIT loadingFinished();
                  });
}

void RequestListModel::onRemoved(const QList<qint64> &ids)
{
    for (qint64 id : ids) {
        const int row = rowOfId(id);
        if (row < 0)
            continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    }
}

void RequestListModel::onVerdictsUpdated(const QList<qint64> &ids)
{
    // Only rows the list has loaded are refreshed, in place, so the selection stays put.
    const quint64 generation = m_generation;
    for (qint64 id : ids) {
        if (rowOfId(id) < 0)
            continue;
        m_client.load(id, [this, generation, id](const std::optional<Capture> &capture) {
            const int row = rowOfId(id);
            if (generation != m_generation || row < 0 || !capture)
                return;
            m_rows[row].signature = capture->signature;
            const QModelIndex cell = index(row, SignatureColumn);
            Q_EMIT dataChanged(cell, cell);
        });
    }
}

QString formatSize(qint64 bytes)
{
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    return QLocale::system().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString RequestListModel::notCheckedReason(const store::CaptureSummary &row)
{
    return row.parseError.isEmpty()
        ? tr("Not checked: the request is malformed.")
        : tr("Not checked: the request is malformed (%1).").arg(row.parseError);
}

QVariant RequestListModel::displayText(const store::CaptureSummary &row, int column) const
{
    switch (column) {
    case IdColumn:
        return QStringLiteral("#%1").arg(row.id);
    case TimeColumn:
        return QDateTime::fromMSecsSinceEpoch(row.receivedAtUs / 1000)
            .toString(QStringLiteral("HH:mm:ss.zzz"));
    case MethodColumn:
        return row.malformed && row.method.isEmpty() ? QStringLiteral("?")
                                                     : QString::fromLatin1(row.method);
    case PathColumn: {
        const QString target = QString::fromUtf8(row.target);
        return row.endpoint.isEmpty() ? target : QStringLiteral("%1  %2").arg(row.endpoint, target);
    }
    case EventColumn:
        return row.malformed ? tr("malformed request") : row.eventType;
    case SignatureColumn:
        return verdictLabel(row.signature);
    case SizeColumn:
        return formatSize(row.bodySize);
    case SourceColumn:
        return row.remoteAddress.contains(u':')
            ? QStringLiteral("[%1]:%2").arg(row.remoteAddress).arg(row.remotePort)
            : QStringLiteral("%1:%2").arg(row.remoteAddress).arg(row.remotePort);
    default:
        return {};
    }
}

QVariant RequestListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const store::CaptureSummary &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            return QDateTime::fromMSecsSinceEpoch(row.receivedAtUs / 1000)
                .toString(Qt::ISODateWithMs);
        if (index.column() == SignatureColumn && row.malformed && row.signature.verdict.isEmpty())
            return notCheckedReason(row);
        if (index.column() == SignatureColumn)
            return row.signature.detail.isEmpty() ? QVariant() : row.signature.detail;
        // Text of any length, which a column may cut: the whole of it (shown where it is cut).
        if (index.column() == MethodColumn || index.column() == PathColumn
            || index.column() == EventColumn || index.column() == SourceColumn)
            return displayText(row, index.column());
        return {};
    case Qt::AccessibleTextRole:
        // The badge's words are short; a screen reader gets the whole verdict.
        return index.column() == SignatureColumn ? verdictDescription(row.signature) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == SizeColumn || index.column() == IdColumn
            ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
            : QVariant();
    case SortRole:
        switch (index.column()) {
        case IdColumn:
            return row.id;
        case TimeColumn:
            return row.receivedAtUs;
        case SizeColumn:
            return row.bodySize;
        default:
            return displayText(row, index.column());
        }
    case IdRole:
        return row.id;
    case VerdictRole:
        return row.signature.verdict;
    case SchemeRole:
        return row.signature.scheme;
    case MalformedRole:
        return row.malformed;
    default:
        return {};
    }
}

QVariant RequestListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    // "#" alone is read out as "number sign".
    if (section == IdColumn && (role == Qt::ToolTipRole || role == Qt::AccessibleTextRole))
        return tr("Request id");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("#");
    case TimeColumn:
        return tr("Time");
    case MethodColumn:
        return tr("Method");
    case PathColumn:
        return tr("Endpoint / path");
    case EventColumn:
        return tr("Event");
    case SignatureColumn:
        return tr("Signature");
    case SizeColumn:
        return tr("Size");
    case SourceColumn:
        return tr("Source");
    default:
        return {};
    }
}

} // namespace hookscope::ui
