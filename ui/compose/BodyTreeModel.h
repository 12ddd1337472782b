#pragma once

#include "JsonTreeColumns.h"
#include "compose/OrderedJson.h"

#include <QAbstractItemModel>
#include <QStringList>

#include <memory>
#include <vector>

namespace hookscope::ui {

// The composer's body as an editable tree, keys in the order written. Editing a scalar value
// does not change the model directly: `valueEdited` asks the owner to splice the new JSON value
// into the body text (compose::applyOverride), which keeps every other byte; the owner then
// calls setJson() with the re-parsed body, which updates values in place when the shape is
// unchanged (so expansion and selection survive).
class BodyTreeModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    using enum JsonTreeColumns::Column;
    enum Role { PathRole = Qt::UserRole + 1 }; // the override path as a QStringList

    explicit BodyTreeModel(QObject *parent = nullptr);
    ~BodyTreeModel() override;

    void setJson(const compose::JsonValue &root);
    void clear();

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // The index of the value at path (object keys and array indexes), or invalid.
    QModelIndex indexForPath(const QStringList &path) const;

Q_SIGNALS:
    // path: keys and array indexes; json: the new value as JSON text.
    void valueEdited(const QStringList &path, const QByteArray &json);

private:
    struct Node;
    Node *nodeFor(const QModelIndex &index) const;
    static std::unique_ptr<Node> build(const compose::JsonValue &value, const QString &key,
                                       Node *parent, int row);
    bool updateInPlace(Node *node, const compose::JsonValue &value);

    std::unique_ptr<Node> m_root;
};

} // namespace hookscope::ui
