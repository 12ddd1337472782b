#pragma once

#include "json/PayloadTree.h"

namespace hookscope::json {

// Builds a PayloadTree from decoded text (forms, multipart, query strings): keys and values are
// copied into the tree's own buffer, so the result has the same shape as a parsed JSON body.
class PayloadTreeBuilder final
{
public:
    // Starts the tree with a root container of this kind.
    explicit PayloadTreeBuilder(NodeKind rootKind = NodeKind::Object);

    void beginContainer(QByteArrayView key, NodeKind kind = NodeKind::Object);
    void endContainer();
    void addString(QByteArrayView key, QByteArrayView value);
    void addNumber(QByteArrayView key, qint64 number);
    // Grafts a whole tree (e.g. JSON found inside a form field) as one member.
    void addTree(QByteArrayView key, const PayloadTree &tree);
    PayloadTree::Index currentContainer() const { return m_open.back(); }
    PayloadTree finish();

private:
    PayloadTree::Index addNode(QByteArrayView key, NodeKind kind, QByteArrayView value);

    QByteArray m_text;
    std::vector<PayloadNode> m_nodes;
    std::vector<PayloadTree::Index> m_open; // containers not yet ended, innermost last
    std::vector<PayloadTree::Index> m_lastChild;
};

} // namespace hookscope::json
