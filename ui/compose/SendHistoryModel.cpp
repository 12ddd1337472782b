#include "compose/SendHistoryModel.h"

#include <QDateTime>

namespace hookscope::ui {

SendHistoryModel::SendHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void SendHistoryModel::setRecords(const QList<history::SendRecord> &records)
{
    beginResetModel();
    m_records = records;
    endResetModel();
}

void SendHistoryModel::prepend(const history::SendRecord &record)
{
    beginInsertRows({}, 0, 0);
    m_records.prepend(record);
    endInsertRows();
}

qint64 SendHistoryModel::idAt(int row) const
{
    return row >= 0 && row < m_records.size() ? m_records.at(row).id : 0;
}

int SendHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int SendHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SendHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const history::SendRecord &record = m_records.at(index.row());
    switch (role) {
    case IdRole:
        return record.id;
    case EventIdRole:
        return record.eventId;
    case GroupRole:
        return record.deliveryGroup;
    case Qt::ToolTipRole:
        return tr("%1, attempt %2\n%3 %4%5")
            .arg(QDateTime::fromMSecsSinceEpoch(record.sentAtUs / 1000).toString(Qt::ISODate))
            .arg(record.attempt)
            .arg(QString::fromLatin1(record.method), record.url,
                 record.error.isEmpty() ? QString() : u'\n' + record.error);
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case TimeColumn: {
        // Today's sends by time alone; older ones by their date (the time is in the tooltip),
        // so the column stays narrow and leaves the URL its room.
        const QDateTime sent = QDateTime::fromMSecsSinceEpoch(record.sentAtUs / 1000).toLocalTime();
        return sent.date() == QDate::currentDate() ? sent.toString(QStringLiteral("HH:mm:ss"))
                                                   : sent.toString(QStringLiteral("MM-dd"));
    }
    case MethodColumn:
        return QString::fromLatin1(record.method);
    case UrlColumn: {
        // Host and path only: the column is narrow, and the method (its own column) and
        // scheme are in the tooltip. The view elides on the left, so the path stays.
        const qsizetype schemeEnd = record.url.indexOf(u"://");
        QString shown = schemeEnd < 0 ? record.url : record.url.mid(schemeEnd + 3);
        // Most sends go to one's own machine: its port and path are what tell them apart.
        for (const QLatin1StringView loopback :
             {QLatin1StringView("127.0.0.1:"), QLatin1StringView("localhost:"),
              QLatin1StringView("[::1]:")}) {
            if (shown.startsWith(loopback))
                return shown.mid(loopback.size() - 1);
        }
        return shown;
    }
    case StatusColumn:
        return record.status > 0 ? QString::number(record.status) : tr("error");
    case AttemptColumn:
        return record.attempt;
    default:
        return {};
    }
}

QVariant SendHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Sent");
    case MethodColumn:
        return tr("Method");
    case UrlColumn:
        return tr("URL");
    case StatusColumn:
        return tr("Status");
    case AttemptColumn:
        return tr("Attempt");
    default:
        return {};
    }
}

Qt::ItemFlags SendHistoryModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

} // namespace hookscope::ui
