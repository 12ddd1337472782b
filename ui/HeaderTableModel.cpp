#include "HeaderTableModel.h"

#include <QFont>

namespace hookscope::ui {

HeaderTableModel::HeaderTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void HeaderTableModel::setHeaders(HeaderList headers)
{
    beginResetModel();
    m_headers = std::move(headers);
    endResetModel();
}

int HeaderTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size());
}

int HeaderTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HeaderTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_headers.size())
        return {};
    const HeaderField &field = m_headers.at(index.row());
    const QByteArray &bytes = index.column() == NameColumn ? field.name : field.value;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case Qt::EditRole:
        return QString::fromUtf8(bytes);
    case Qt::FontRole:
        if (index.column() == NameColumn) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    default:
        return {};
    }
}

QVariant HeaderTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    return section == NameColumn ? tr("Name") : section == ValueColumn ? tr("Value") : QVariant();
}

} // namespace hookscope::ui
