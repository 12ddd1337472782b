#include "compose/HeaderEditModel.h"

namespace hookscope::ui {

HeaderEditModel::HeaderEditModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

QString HeaderEditModel::problemWith(const QString &text)
{
    if (text.contains(u'\r') || text.contains(u'\n'))
        return tr("Header names and values cannot contain CR or LF (that would inject headers).");
    if (text.contains(QChar(0)))
        return tr("Header names and values cannot contain NUL.");
    return {};
}

void HeaderEditModel::setHeaders(const QList<Header> &headers)
{
    beginResetModel();
    m_headers = headers;
    endResetModel();
}

bool HeaderEditModel::appendHeader(const QString &name, const QString &value)
{
    const QString problem = problemWith(name + value);
    if (!problem.isEmpty()) {
        Q_EMIT rejected(problem);
        return false;
    }
    const int row = int(m_headers.size());
    beginInsertRows({}, row, row);
    m_headers.append({name, value});
    endInsertRows();
    Q_EMIT headersEdited();
    return true;
}

void HeaderEditModel::removeHeaderAt(int row)
{
    if (row < 0 || row >= m_headers.size())
        return;
    beginRemoveRows({}, row, row);
    m_headers.removeAt(row);
    endRemoveRows();
    Q_EMIT headersEdited();
}

void HeaderEditModel::moveHeader(int row, int delta)
{
    const int target = row + delta;
    if (row < 0 || row >= m_headers.size() || target < 0 || target >= m_headers.size()
        || delta == 0)
        return;
    // beginMoveRows wants the destination before which the row lands.
    if (!beginMoveRows({}, row, row, {}, delta > 0 ? target + 1 : target))
        return;
    m_headers.move(row, target);
    endMoveRows();
    Q_EMIT headersEdited();
}

int HeaderEditModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size());
}

int HeaderEditModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HeaderEditModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    const Header &header = m_headers.at(index.row());
    return index.column() == NameColumn ? header.first : header.second;
}

bool HeaderEditModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return false;
    const QString text = value.toString();
    const QString problem = problemWith(text);
    if (!problem.isEmpty()) {
        Q_EMIT rejected(problem);
        return false;
    }
    Header &header = m_headers[index.row()];
    QString &field = index.column() == NameColumn ? header.first : header.second;
    if (field == text)
        return true;
    field = text;
    Q_EMIT dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole});
    Q_EMIT headersEdited();
    return true;
}

QVariant HeaderEditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Name") : tr("Value");
}

Qt::ItemFlags HeaderEditModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable | Qt::ItemNeverHasChildren;
}

} // namespace hookscope::ui
