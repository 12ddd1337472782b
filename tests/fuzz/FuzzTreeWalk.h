#pragma once
// Shared by the fuzz targets: touches every node of a PayloadTree the way the inspector's tree
// model does, and checks the links between nodes stay inside the tree.

#include "json/PayloadTree.h"

#include <cstdlib>

namespace hookscope::fuzz {

inline void walkTree(const json::PayloadTree &tree)
{
    using json::PayloadTree;
    const PayloadTree::Index size = tree.size();
    for (PayloadTree::Index i = 0; i < size; ++i) {
        const json::PayloadNode &node = tree.node(i);
        if (i != PayloadTree::kRoot && node.parent >= i)
            std::abort(); // pre-order: a parent comes before its children
        if (node.nextSibling != PayloadTree::kNone && node.nextSibling >= size)
            std::abort();
        if (qsizetype(node.valueOffset) + qsizetype(node.valueLength) > tree.text().size())
            std::abort();
        if (tree.hasKey(i) && qsizetype(node.keyOffset) + node.keyLength > tree.text().size())
            std::abort();
        (void)tree.key(i);
        (void)tree.value(i);
        (void)tree.rawValue(i);
        (void)tree.rawKey(i);
        PayloadTree::Index counted = 0;
        for (PayloadTree::Index child = tree.firstChild(i); child != PayloadTree::kNone;
             child = tree.nextSibling(child)) {
            if (tree.parent(child) != i || ++counted > tree.childCount(i))
                std::abort();
        }
        if (counted != tree.childCount(i))
            std::abort();
        // Paths walk up to the root: keep it to the first nodes so deep trees stay fast.
        if (i < 512) {
            (void)tree.path(i);
            (void)tree.row(i);
        }
    }
}

} // namespace hookscope::fuzz
