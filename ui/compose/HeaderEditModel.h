#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QPair>
#include <QString>

namespace hookscope::ui {

// The composer's request headers: an ordered, editable list of name/value pairs (duplicates
// allowed). Values may hold placeholders such as {{signature}}. CR and LF are refused in names
// and values (header injection): the edit is rejected and `rejected` says why.
class HeaderEditModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, ValueColumn, ColumnCount };
    using Header = QPair<QString, QString>;

    explicit HeaderEditModel(QObject *parent = nullptr);

    void setHeaders(const QList<Header> &headers);
    const QList<Header> &headers() const { return m_headers; }
    // Appends a row; false (and `rejected`) when the text holds CR or LF.
    bool appendHeader(const QString &name, const QString &value);
    void removeHeaderAt(int row);
    void moveHeader(int row, int delta);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // A message when text cannot be part of a header line, else empty.
    static QString problemWith(const QString &text);

Q_SIGNALS:
    void rejected(const QString &message);
    void headersEdited();

private:
    QList<Header> m_headers;
};

} // namespace hookscope::ui
