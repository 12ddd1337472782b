#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <cstdint>
#include <vector>

namespace hookscope::json {

enum class NodeKind : std::uint8_t { Object, Array, String, Number, True, False, Null, Part };

// One value of a payload. Nodes are stored flat in pre-order, so a node's first child is the next
// node and its subtree is contiguous; text lives in the tree's buffer, referenced by offset.
struct PayloadNode {
    static constexpr std::uint32_t kNone = 0xffffffffu;

    std::uint32_t parent = kNone;
    std::uint32_t nextSibling = kNone;
    std::uint32_t childCount = 0;
    std::uint32_t subtreeSize = 1; // this node and all its descendants
    std::uint32_t keyOffset = 0;
    std::uint32_t keyLength = 0;
    std::uint32_t valueOffset = 0;
    std::uint32_t valueLength = 0;
    NodeKind kind = NodeKind::Null;
    std::uint8_t flags = 0;
};

// A parsed payload (JSON, form, multipart or query string) as one tree shape, so one model shows
// them all. For JSON the buffer is the body itself: numbers keep their exact text, objects keep
// key order and duplicate keys, and strings are unescaped only when shown.
class PayloadTree final
{
public:
    enum Flag : std::uint8_t {
        HasKey = 1, // member of an object (array elements have an index instead)
        KeyEscaped = 2, // key text is JSON with backslash escapes
        ValueEscaped = 4, // string value text is JSON with backslash escapes
        ValueQuoted = 8, // value range includes the quotes of a JSON string
    };
    using Index = std::uint32_t;
    static constexpr Index kRoot = 0;
    static constexpr Index kNone = PayloadNode::kNone;

    PayloadTree() = default;
    PayloadTree(QByteArray text, std::vector<PayloadNode> nodes);

    bool isEmpty() const { return m_nodes.empty(); }
    Index size() const { return Index(m_nodes.size()); }
    const PayloadNode &node(Index index) const { return m_nodes[index]; }
    NodeKind kind(Index index) const { return m_nodes[index].kind; }
    Index parent(Index index) const { return m_nodes[index].parent; }
    Index childCount(Index index) const { return m_nodes[index].childCount; }
    Index firstChild(Index index) const;
    Index nextSibling(Index index) const { return m_nodes[index].nextSibling; }
    std::vector<Index> children(Index index) const;
    bool isContainer(Index index) const;
    bool hasKey(Index index) const { return m_nodes[index].flags & HasKey; }

    // Key as text (unescaped); empty for array elements and the root.
    QString key(Index index) const;
    QByteArrayView rawKey(Index index) const;
    // Leaf: the value as people read it (strings unescaped, numbers exact); container: "".
    QString value(Index index) const;
    // Exact source text of the value: a number's digits, a string with its quotes, an object's
    // whole JSON text.
    QByteArrayView rawValue(Index index) const;
    // Position of this node among its parent's children (walks the siblings).
    Index row(Index index) const;
    // The first child with this (unescaped) key, or kNone.
    Index childByKey(Index index, QStringView key) const;

    // "$.data.relationships.patron.data.id", "$.included[0].id", "$['odd key']".
    QString path(Index index, const QString &rootName = QStringLiteral("$")) const;

    static QString kindName(NodeKind kind);
    const QByteArray &text() const { return m_text; }

private:
    QByteArray m_text;
    std::vector<PayloadNode> m_nodes;
};

// JSONPath segment for a key: ".name" for identifiers, "['other key']" otherwise.
QString pathSegmentForKey(const QString &key);

} // namespace hookscope::json
