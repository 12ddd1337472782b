#pragma once

#include "json/PayloadTree.h"

#include <QHash>

namespace hookscope::json {

// JSON:API (Patreon and others): links each relationship's resource identifier
// ({"data":{"id":..,"type":..}} under "relationships") to the full resource object in the
// document's top-level "included" array, so the tree can show it inline.
class JsonApiIndex final
{
public:
    JsonApiIndex() = default;
    explicit JsonApiIndex(const PayloadTree &tree);

    bool isEmpty() const { return m_resolved.isEmpty(); }
    // For a to-one relationship node (e.g. "patron") or an element of a to-many relationship's
    // data array: the included object it refers to, or kNone.
    PayloadTree::Index resolved(PayloadTree::Index node) const
    {
        return m_resolved.value(node, PayloadTree::kNone);
    }
    // "user 32187" for a resource object.
    static QString describe(const PayloadTree &tree, PayloadTree::Index resource);

private:
    QHash<PayloadTree::Index, PayloadTree::Index> m_resolved;
};

} // namespace hookscope::json
