#pragma once

#include "JsonTreeColumns.h"
#include "json/JsonApiIndex.h"
#include "json/PayloadTree.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace hookscope::ui {

// A payload tree (JSON, form, multipart, query string) as an item model, after Wireshark's
// proto_tree_model: items keep a parent pointer and a children vector, live in
// internalPointer(), and are created only when a parent is first opened, so a 50 MB body costs
// nothing until it is expanded. Several payloads can be shown side by side as top-level
// sections (the body, the query string).
class JsonTreeModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    using enum JsonTreeColumns::Column;
    enum Role {
        PathRole = Qt::UserRole + 1, // "$.data.id"
        CopyValueRole, // unquoted string, exact number, an object's JSON text
        KindRole, // json::NodeKind as int
        ResolvedRole, // true for a JSON:API resource shown inline under its relationship
        ByteOffsetRole, // where the value starts in the body (qint64); invalid unless the
                        // section's text is the body itself (JSON)
        ByteLengthRole, // how many body bytes the value spans
    };

    struct Section {
        QString title; // "body", "query"
        QString rootPath; // "$"
        std::shared_ptr<const json::PayloadTree> tree;
        bool textIsBody = false; // tree offsets point into the request body (JSON)
    };

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    void setSections(QList<Section> sections);
    void clear() { setSections({}); }
    int sectionCount() const { return int(m_sections.size()); }
    // Values in all sections; used to decide how much to expand.
    qsizetype nodeCount() const;

    // The item for a tree node, creating the items on its way down.
    QModelIndex indexForNode(int section, json::PayloadTree::Index node) const;
    // Next (or previous) node whose key or value contains text, wrapping around; starts after
    // (before) from, or at the start when from is invalid.
    QModelIndex find(const QString &text, const QModelIndex &from, bool backwards = false) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Item;
    struct SectionData {
        Section section;
        json::JsonApiIndex links;
    };

    Item *itemFor(const QModelIndex &index) const;
    void ensureChildren(Item *item) const;
    int childCountOf(const Item *item) const;
    json::PayloadTree::Index linkOf(const Item *item) const;
    const json::PayloadTree &treeOf(const Item *item) const;
    bool matches(const json::PayloadTree &tree, json::PayloadTree::Index node, const QString &text,
                 const QByteArray &needle, bool asciiNeedle) const;
    QString displayKey(const Item *item) const;
    QString displayValue(const Item *item) const;
    QString typeText(const Item *item) const;

    std::vector<SectionData> m_sections;
    std::unique_ptr<Item> m_root;
};

} // namespace hookscope::ui
