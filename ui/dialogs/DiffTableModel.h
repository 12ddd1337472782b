#pragma once

#include "exchange/CaptureDiff.h"

#include <QAbstractTableModel>
#include <QPalette>

namespace hookscope::ui {

// The differences between two requests as a flat table (section, path, left, right, kind).
// Identical entries are kept but shown only on request; colours come from the palette in use.
class DiffTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { SectionColumn, PathColumn, LeftColumn, RightColumn, KindColumn, ColumnCount };
    enum Role { KindRole = Qt::UserRole + 1, ExpectedRole };

    explicit DiffTableModel(QObject *parent = nullptr);

    void setResult(exchange::CaptureDiffResult result);
    const exchange::CaptureDiffResult &result() const { return m_result; }
    void setShowIdentical(bool show);
    bool showIdentical() const { return m_showIdentical; }
    void setPalette(const QPalette &palette);
    // How the two requests are called in column titles and "only in …" ("#42", "#43").
    void setRequestNames(const QString &left, const QString &right);
    const exchange::DiffEntry &entryAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void rebuildRows();
    QColor tintFor(const exchange::DiffEntry &entry) const;

    exchange::CaptureDiffResult m_result;
    QList<int> m_rows; // indexes into m_result.entries that are shown
    bool m_showIdentical = false;
    QPalette m_palette;
    QString m_leftName = tr("left");
    QString m_rightName = tr("right");
};

// "changed", "changed (expected to differ)", "only in #43", ...
QString diffKindLabel(const exchange::DiffEntry &entry, const QString &leftName,
                      const QString &rightName);

} // namespace hookscope::ui
