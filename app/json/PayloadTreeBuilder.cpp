#include "json/PayloadTreeBuilder.h"

namespace hookscope::json {

PayloadTreeBuilder::PayloadTreeBuilder(NodeKind rootKind)
{
    PayloadNode root;
    root.kind = rootKind;
    m_nodes.push_back(root);
    m_lastChild.push_back(PayloadTree::kNone);
    m_open.push_back(PayloadTree::kRoot);
}

PayloadTree::Index PayloadTreeBuilder::addNode(QByteArrayView key, NodeKind kind,
                                               QByteArrayView value)
{
    const PayloadTree::Index parent = m_open.back();
    const auto index = PayloadTree::Index(m_nodes.size());
    PayloadNode node;
    node.kind = kind;
    node.parent = parent;
    // Array elements are shown by index; everything else by name.
    if (m_nodes[parent].kind != NodeKind::Array) {
        node.flags |= PayloadTree::HasKey;
        node.keyOffset = std::uint32_t(m_text.size());
        node.keyLength = std::uint32_t(key.size());
        m_text.append(key);
    }
    node.valueOffset = std::uint32_t(m_text.size());
    node.valueLength = std::uint32_t(value.size());
    m_text.append(value);

    PayloadNode &p = m_nodes[parent];
    if (p.childCount > 0)
        m_nodes[m_lastChild[parent]].nextSibling = index;
    ++p.childCount;
    m_lastChild[parent] = index;
    m_nodes.push_back(node);
    m_lastChild.push_back(PayloadTree::kNone);
    return index;
}

void PayloadTreeBuilder::beginContainer(QByteArrayView key, NodeKind kind)
{
    m_open.push_back(addNode(key, kind, {}));
}

void PayloadTreeBuilder::endContainer()
{
    Q_ASSERT(m_open.size() > 1);
    m_open.pop_back();
}

void PayloadTreeBuilder::addString(QByteArrayView key, QByteArrayView value)
{
    addNode(key, NodeKind::String, value);
}

void PayloadTreeBuilder::addNumber(QByteArrayView key, qint64 number)
{
    addNode(key, NodeKind::Number, QByteArray::number(number));
}

void PayloadTreeBuilder::addTree(QByteArrayView key, const PayloadTree &tree)
{
    if (tree.isEmpty())
        return;
    // The grafted root takes the key; every other node keeps its own, shifted into our buffer.
    const PayloadTree::Index root = addNode(key, tree.kind(PayloadTree::kRoot), {});
    const auto shift = std::uint32_t(m_text.size());
    m_text.append(tree.text());
    PayloadNode &graft = m_nodes[root];
    const PayloadNode &source = tree.node(PayloadTree::kRoot);
    graft.childCount = source.childCount;
    graft.valueOffset = source.valueOffset + shift;
    graft.valueLength = source.valueLength;
    graft.flags |= source.flags & (PayloadTree::ValueEscaped | PayloadTree::ValueQuoted);
    const PayloadTree::Index offset = root; // tree index i lands at root + i
    for (PayloadTree::Index i = 1; i < tree.size(); ++i) {
        PayloadNode node = tree.node(i);
        node.parent += offset;
        if (node.nextSibling != PayloadTree::kNone)
            node.nextSibling += offset;
        node.keyOffset += shift;
        node.valueOffset += shift;
        m_nodes.push_back(node);
        m_lastChild.push_back(PayloadTree::kNone);
    }
}

PayloadTree PayloadTreeBuilder::finish()
{
    while (m_open.size() > 1)
        endContainer();
    m_open.clear();
    m_lastChild.clear();
    return PayloadTree(std::exchange(m_text, {}), std::exchange(m_nodes, {}));
}

} // namespace hookscope::json
