#pragma once

#include "history/SendRecord.h"

#include <QAbstractTableModel>
#include <QList>

namespace hookscope::ui {

// The composer's send history, newest first: one row per attempt (time, method, URL, status,
// attempt, event id). Rows hold summaries only; the full record is loaded on selection.
class SendHistoryModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, MethodColumn, UrlColumn, StatusColumn, AttemptColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, EventIdRole, GroupRole };

    explicit SendHistoryModel(QObject *parent = nullptr);

    void setRecords(const QList<history::SendRecord> &records); // newest first
    void prepend(const history::SendRecord &record);
    void clear() { setRecords({}); }
    qint64 idAt(int row) const;
    const history::SendRecord &recordAt(int row) const { return m_records.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    QList<history::SendRecord> m_records;
};

} // namespace hookscope::ui
