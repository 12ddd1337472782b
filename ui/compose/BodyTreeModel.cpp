#include "compose/BodyTreeModel.h"

#include "core/Counted.h"

#include <functional>

namespace hookscope::ui {

using compose::JsonValue;

struct BodyTreeModel::Node {
    QString key; // object key, or "[n]" for an array element
    QString pathElement; // the key, or the index as digits
    JsonValue::Type type = JsonValue::Type::Null;
    QByteArray scalar; // the value's JSON text for scalars
    QString display;
    Node *parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;

    QStringList path() const
    {
        QStringList elements;
        for (const Node *node = this; node && node->parent; node = node->parent)
            elements.prepend(node->pathElement);
        return elements;
    }
};

namespace {

bool isScalar(JsonValue::Type type)
{
    return type != JsonValue::Type::Array && type != JsonValue::Type::Object;
}

} // namespace

BodyTreeModel::BodyTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{ }

BodyTreeModel::~BodyTreeModel() = default;

std::unique_ptr<BodyTreeModel::Node> BodyTreeModel::build(const JsonValue &value,
                                                          const QString &key, Node *parent, int row)
{
    auto node = std::make_unique<Node>();
    node->parent = parent;
    node->row = row;
    node->type = value.type();
    node->pathElement = key;
    node->key = key;
    switch (value.type()) {
    case JsonValue::Type::Object: {
        int index = 0;
        for (const JsonValue::Member &member : value.members()) {
            node->children.push_back(build(member.second, member.first, node.get(), index));
            ++index;
        }
        node->display = u'{' + counted(value.members().size(), u"key", u"keys") + u'}';
        break;
    }
    case JsonValue::Type::Array: {
        int index = 0;
        for (const JsonValue &element : value.elements()) {
            auto child = build(element, QString::number(index), node.get(), index);
            child->key = QStringLiteral("[%1]").arg(index);
            node->children.push_back(std::move(child));
            ++index;
        }
        node->display = u'[' + counted(value.elements().size(), u"item", u"items") + u']';
        break;
    }
    case JsonValue::Type::String:
        node->scalar = value.toCompact();
        node->display = value.toString();
        break;
    default:
        node->scalar = value.toCompact();
        node->display = QString::fromUtf8(node->scalar);
        break;
    }
    return node;
}

bool BodyTreeModel::updateInPlace(Node *node, const JsonValue &value)
{
    if (node->type != value.type())
        return false;
    if (value.isObject()) {
        const auto &members = value.members();
        if (size_t(members.size()) != node->children.size())
            return false;
        for (qsizetype i = 0; i < members.size(); ++i) {
            if (node->children[size_t(i)]->key != members.at(i).first
                || !updateInPlace(node->children[size_t(i)].get(), members.at(i).second))
                return false;
        }
        return true;
    }
    if (value.isArray()) {
        const auto &elements = value.elements();
        if (size_t(elements.size()) != node->children.size())
            return false;
        for (qsizetype i = 0; i < elements.size(); ++i) {
            if (!updateInPlace(node->children[size_t(i)].get(), elements.at(i)))
                return false;
        }
        return true;
    }
    const QByteArray scalar = value.toCompact();
    if (scalar != node->scalar) {
        node->scalar = scalar;
        node->display = value.isString() ? value.toString() : QString::fromUtf8(scalar);
        const QModelIndex changed = createIndex(node->row, ValueColumn, node);
        Q_EMIT dataChanged(changed, changed, {Qt::DisplayRole, Qt::EditRole});
    }
    return true;
}

void BodyTreeModel::setJson(const JsonValue &root)
{
    // Shape-preserving edits (the usual case: a value typed in the tree or the form) update the
    // items in place; anything else rebuilds the tree.
    if (!m_root->children.empty() && root.type() == m_root->type) {
        // A dry run first, so a shape change half way does not leave the tree half updated.
        auto probe = build(root, {}, nullptr, 0);
        const std::function<bool(const Node *, const Node *)> sameShape
            = [&sameShape](const Node *a, const Node *b) {
                  if (a->type != b->type || a->key != b->key
                      || a->children.size() != b->children.size())
                      return false;
                  for (size_t i = 0; i < a->children.size(); ++i) {
                      if (!sameShape(a->children[i].get(), b->children[i].get()))
                          return false;
                  }
                  return true;
              };
        if (sameShape(m_root.get(), probe.get())) {
            updateInPlace(m_root.get(), root);
            return;
        }
    }
    beginResetModel();
    m_root = build(root, {}, nullptr, 0);
    endResetModel();
}

void BodyTreeModel::clear()
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    endResetModel();
}

BodyTreeModel::Node *BodyTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex BodyTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    Node *node = nodeFor(parent);
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex BodyTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    Node *parent = nodeFor(child)->parent;
    if (!parent || parent == m_root.get())
        return {};
    return createIndex(parent->row, 0, parent);
}

int BodyTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int BodyTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant BodyTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeFor(index);
    if (role == PathRole)
        return node->path();
    if (role == Qt::EditRole && index.column() == ValueColumn)
        return node->type == JsonValue::Type::String ? node->display
                                                     : QString::fromUtf8(node->scalar);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case KeyColumn:
        return node->key;
    case ValueColumn:
        return node->display;
    case TypeColumn:
        return JsonValue::typeName(node->type);
    default:
        return {};
    }
}

bool BodyTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid)
        || index.column() != ValueColumn)
        return false;
    const Node *node = nodeFor(index);
    if (!isScalar(node->type))
        return false;
    const QString text = value.toString();
    QByteArray json;
    if (node->type == JsonValue::Type::String) {
        // A string stays a string whatever is typed.
        json = compose::jsonQuoted(text);
    } else {
        // Other scalars take the text as JSON when it parses (500, true, null), else a string.
        compose::JsonParseError error;
        const QByteArray utf8 = text.toUtf8();
        compose::parseJson(utf8, &error);
        json = error.ok() ? utf8.trimmed() : compose::jsonQuoted(text);
    }
    if (json == node->scalar)
        return true;
    // The change arrives through setJson once the owner has spliced it into the text.
    Q_EMIT valueEdited(node->path(), json);
    return true;
}

QVariant BodyTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return JsonTreeColumns::title(section, orientation, role);
}

Qt::ItemFlags BodyTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    const Node *node = nodeFor(index);
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (node->children.empty())
        flags |= Qt::ItemNeverHasChildren;
    if (index.column() == ValueColumn && isScalar(node->type))
        flags |= Qt::ItemIsEditable;
    return flags;
}

QModelIndex BodyTreeModel::indexForPath(const QStringList &path) const
{
    const Node *node = m_root.get();
    QModelIndex index;
    for (const QString &element : path) {
        const Node *next = nullptr;
        for (const auto &child : node->children) {
            if (child->pathElement == element) {
                next = child.get();
                break;
            }
        }
        if (!next)
            return {};
        node = next;
        index = createIndex(node->row, 0, const_cast<Node *>(node));
    }
    return index;
}

} // namespace hookscope::ui
