#pragma once

#include "http/Capture.h"

#include <QAbstractTableModel>

namespace hookscope::ui {

// HTTP headers exactly as they arrived: in order, duplicates kept, names in their original case.
class HeaderTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, ValueColumn, ColumnCount };

    explicit HeaderTableModel(QObject *parent = nullptr);

    void setHeaders(HeaderList headers);
    const HeaderList &headers() const { return m_headers; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    HeaderList m_headers;
};

} // namespace hookscope::ui
