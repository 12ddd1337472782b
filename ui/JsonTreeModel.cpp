#include "JsonTreeModel.h"

#include "PayloadColors.h"
#include "core/Counted.h"

#include <QFont>
#include <QGuiApplication>

#include <algorithm>

namespace hookscope::ui {

using json::NodeKind;
using json::PayloadTree;

struct JsonTreeModel::Item {
    Item *parent = nullptr;
    int row = 0;
    int section = -1; // -1 only for the invisible root
    PayloadTree::Index node = PayloadTree::kNone;
    bool resolved = false; // a JSON:API included resource shown under its relationship
    bool childrenBuilt = false;
    std::vector<std::unique_ptr<Item>> children;
};

namespace {

constexpr qsizetype kMaxShownValue = 300;

QString countText(PayloadTree::Index count, NodeKind kind)
{
    return kind == NodeKind::Array ? counted(count, u"item", u"items")
                                   : counted(count, u"key", u"keys");
}

// Case-insensitive search for an ASCII needle (already lower case) in UTF-8 bytes.
bool containsAscii(QByteArrayView haystack, QByteArrayView needle)
{
    if (needle.size() > haystack.size())
        return false;
    const qsizetype last = haystack.size() - needle.size();
    for (qsizetype i = 0; i <= last; ++i) {
        qsizetype k = 0;
        while (k < needle.size()) {
            char c = haystack[i + k];
            if (c >= 'A' && c <= 'Z')
                c = char(c - 'A' + 'a');
            if (c != needle[k])
                break;
            ++k;
        }
        if (k == needle.size())
            return true;
    }
    return false;
}

} // namespace

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Item>())
{ }

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::setSections(QList<Section> sections)
{
    beginResetModel();
    m_sections.clear();
    for (Section &section : sections) {
        if (!section.tree || section.tree->isEmpty())
            continue;
        json::JsonApiIndex links(*section.tree);
        m_sections.push_back({std::move(section), std::move(links)});
    }
    m_root = std::make_unique<Item>();
    endResetModel();
}

qsizetype JsonTreeModel::nodeCount() const
{
    qsizetype count = 0;
    for (const SectionData &section : m_sections)
        count += section.section.tree->size();
    return count;
}

JsonTreeModel::Item *JsonTreeModel::itemFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Item *>(index.internalPointer()) : m_root.get();
}

const PayloadTree &JsonTreeModel::treeOf(const Item *item) const
{
    return *m_sections[std::size_t(item->section)].section.tree;
}

PayloadTree::Index JsonTreeModel::linkOf(const Item *item) const
{
    if (item->section < 0 || item->resolved)
        return PayloadTree::kNone;
    return m_sections[std::size_t(item->section)].links.resolved(item->node);
}

int JsonTreeModel::childCountOf(const Item *item) const
{
    if (item->section < 0)
        return int(m_sections.size());
    return int(treeOf(item).childCount(item->node)) + (linkOf(item) != PayloadTree::kNone ? 1 : 0);
}

void JsonTreeModel::ensureChildren(Item *item) const
{
    if (item->childrenBuilt)
        return;
    item->childrenBuilt = true;
    auto add = [item](int section, PayloadTree::Index node, bool resolved) {
        auto child = std::make_unique<Item>();
        child->parent = item;
        child->row = int(item->children.size());
        child->section = section;
        child->node = node;
        child->resolved = resolved;
        item->children.push_back(std::move(child));
    };
    if (item->section < 0) {
        for (std::size_t i = 0; i < m_sections.size(); ++i)
            add(int(i), PayloadTree::kRoot, false);
        return;
    }
    const PayloadTree &tree = treeOf(item);
    item->children.reserve(tree.childCount(item->node) + 1);
    for (PayloadTree::Index child = tree.firstChild(item->node); child != PayloadTree::kNone;
         child = tree.nextSibling(child))
        add(item->section, child, false);
    if (const PayloadTree::Index link = linkOf(item); link != PayloadTree::kNone)
        add(item->section, link, true);
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    Item *item = itemFor(parent);
    ensureChildren(item);
    if (row >= int(item->children.size()))
        return {};
    return createIndex(row, column, item->children[std::size_t(row)].get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    Item *parentItem = itemFor(child)->parent;
    if (!parentItem || parentItem == m_root.get())
        return {};
    return createIndex(parentItem->row, 0, parentItem);
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return childCountOf(itemFor(parent));
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool JsonTreeModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

Qt::ItemFlags JsonTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (childCountOf(itemFor(index)) == 0)
        result |= Qt::ItemNeverHasChildren;
    return result;
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return JsonTreeColumns::title(section, orientation, role);
}

QString JsonTreeModel::displayKey(const Item *item) const
{
    const PayloadTree &tree = treeOf(item);
    if (item->resolved)
        return QStringLiteral("\u21b3 ") + json::JsonApiIndex::describe(tree, item->node);
    if (item->parent == m_root.get())
        return m_sections[std::size_t(item->section)].section.title;
    if (tree.hasKey(item->node))
        return tree.key(item->node);
    return u'[' + QString::number(item->row) + u']';
}

QString JsonTreeModel::displayValue(const Item *item) const
{
    const PayloadTree &tree = treeOf(item);
    const PayloadTree::Index node = item->node;
    if (item->resolved)
        return tr("from %1").arg(
            tree.path(node, m_sections[std::size_t(item->section)].section.rootPath));
    switch (tree.kind(node)) {
    case NodeKind::Object:
    case NodeKind::Array:
        return countText(tree.childCount(node), tree.kind(node));
    case NodeKind::Part: {
        const auto size = tree.childByKey(node, u"size");
        return size == PayloadTree::kNone ? QString() : tr("%1 bytes").arg(tree.value(size));
    }
    case NodeKind::String: {
        QString text = tree.value(node);
        if (text.size() > kMaxShownValue)
            text = text.first(kMaxShownValue) + u'\u2026';
        text.replace(u'\n', u'\u21b5');
        return u'"' + text + u'"';
    }
    case NodeKind::Number:
    case NodeKind::True:
    case NodeKind::False:
    case NodeKind::Null:
        break;
    }
    return QString::fromUtf8(tree.rawValue(node));
}

QString JsonTreeModel::typeText(const Item *item) const
{
    const QString kind = PayloadTree::kindName(treeOf(item).kind(item->node));
    return item->resolved ? tr("%1 (included)").arg(kind) : kind;
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Item *item = itemFor(index);
    const PayloadTree &tree = treeOf(item);
    const NodeKind kind = tree.kind(item->node);
    const QString &rootPath = m_sections[std::size_t(item->section)].section.rootPath;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            return displayKey(item);
        case ValueColumn:
            return displayValue(item);
        case TypeColumn:
            return typeText(item);
        }
        return {};
    case Qt::ForegroundRole: {
        const QPalette palette = QGuiApplication::palette();
        if (index.column() == ValueColumn && !item->resolved)
            return PayloadColors::forPalette(palette).forKind(kind);
        if (index.column() == TypeColumn || (item->resolved && index.column() == ValueColumn))
            return palette.color(QPalette::PlaceholderText);
        return {};
    }
    case Qt::FontRole: {
        QFont font;
        if (item->parent == m_root.get() && index.column() == KeyColumn)
            font.setBold(true);
        else if (item->resolved || (kind == NodeKind::Null && index.column() == ValueColumn))
            font.setItalic(true);
        else
            return {};
        return font;
    }
    case Qt::ToolTipRole:
        if (item->resolved)
            return tr("Resolved from %1").arg(tree.path(item->node, rootPath));
        if (index.column() == ValueColumn && !tree.isContainer(item->node))
            return tree.value(item->node).left(4000);
        return tree.path(item->node, rootPath);
    case PathRole:
        return tree.path(item->node, rootPath);
    case CopyValueRole:
        if (kind == NodeKind::String)
            return tree.value(item->node);
        if (kind == NodeKind::Part)
            return QString::fromUtf8(tree.rawValue(tree.childByKey(item->node, u"value")));
        if (tree.isContainer(item->node) && tree.rawValue(item->node).isEmpty())
            return displayValue(item); // form trees have no JSON text to copy
        return QString::fromUtf8(tree.rawValue(item->node));
    case KindRole:
        return int(kind);
    case ResolvedRole:
        return item->resolved;
    case ByteOffsetRole:
    case ByteLengthRole: {
        if (!m_sections[std::size_t(item->section)].section.textIsBody)
            return {};
        const json::PayloadNode &n = tree.node(item->node);
        return qint64(role == ByteOffsetRole ? n.valueOffset : n.valueLength);
    }
    default:
        return {};
    }
}

QModelIndex JsonTreeModel::indexForNode(int section, PayloadTree::Index node) const
{
    if (section < 0 || section >= int(m_sections.size()))
        return {};
    const PayloadTree &tree = *m_sections[std::size_t(section)].section.tree;
    if (node >= tree.size())
        return {};
    std::vector<PayloadTree::Index> chain;
    for (PayloadTree::Index at = node; at != PayloadTree::kRoot; at = tree.parent(at))
        chain.push_back(at);
    ensureChildren(m_root.get());
    Item *item = m_root->children[std::size_t(section)].get();
    for (auto step = chain.rbegin(); step != chain.rend(); ++step) {
        ensureChildren(item);
        // Children come in pre-order, so their node numbers increase (a resolved link is last).
        auto end = item->children.end();
        if (!item->children.empty() && item->children.back()->resolved)
            --end;
        const auto found
            = std::lower_bound(item->children.begin(), end, *step,
                               [](const std::unique_ptr<Item> &child, PayloadTree::Index wanted) {
                                   return child->node < wanted;
                               });
        if (found == end || (*found)->node != *step)
            return {};
        item = found->get();
    }
    return createIndex(item->row, 0, item);
}

bool JsonTreeModel::matches(const PayloadTree &tree, PayloadTree::Index node, const QString &text,
                            const QByteArray &needle, bool asciiNeedle) const
{
    const json::PayloadNode &n = tree.node(node);
    auto search = [&](QByteArrayView raw, bool escaped, auto decoded) {
        if (asciiNeedle && !escaped)
            return containsAscii(raw, needle);
        return decoded().contains(text, Qt::CaseInsensitive);
    };
    if (tree.hasKey(node) && search(tree.rawKey(node), n.flags & PayloadTree::KeyEscaped, [&] {
            return tree.key(node);
        }))
        return true;
    if (tree.isContainer(node))
        return false;
    return search(tree.rawValue(node), n.flags & PayloadTree::ValueEscaped,
                  [&] { return tree.value(node); });
}

QModelIndex JsonTreeModel::find(const QString &text, const QModelIndex &from, bool backwards) const
{
    if (text.isEmpty() || m_sections.empty())
        return {};
    const QByteArray needle = text.toLower().toUtf8();
    bool ascii = true;
    for (char c : needle)
        ascii = ascii && static_cast<unsigned char>(c) < 0x80;

    // Walk (section, node) positions in document order from the current one, wrapping around.
    int section = 0;
    qint64 node = backwards ? 0 : -1;
    if (from.isValid()) {
        const Item *item = itemFor(from);
        section = item->section;
        node = item->node;
    } else if (backwards) {
        section = int(m_sections.size()) - 1;
        node = m_sections.back().section.tree->size();
    }
    const qsizetype total = nodeCount();
    for (qsizetype step = 0; step < total; ++step) {
        node += backwards ? -1 : 1;
        const PayloadTree *tree = m_sections[std::size_t(section)].section.tree.get();
        if (node >= qint64(tree->size())) {
            section = (section + 1) % int(m_sections.size());
            node = 0;
            tree = m_sections[std::size_t(section)].section.tree.get();
        } else if (node < 0) {
            section = (section + int(m_sections.size()) - 1) % int(m_sections.size());
            tree = m_sections[std::size_t(section)].section.tree.get();
            node = qint64(tree->size()) - 1;
        }
        if (matches(*tree, PayloadTree::Index(node), text, needle, ascii))
            return indexForNode(section, PayloadTree::Index(node));
    }
    return {};
}

} // namespace hookscope::ui
