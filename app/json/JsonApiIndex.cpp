#include "json/JsonApiIndex.h"

namespace hookscope::json {

namespace {

// "type\x1fid" for a resource object or identifier; empty when either is missing.
QString resourceKey(const PayloadTree &tree, PayloadTree::Index object)
{
    if (tree.kind(object) != NodeKind::Object)
        return {};
    const auto type = tree.childByKey(object, u"type");
    const auto id = tree.childByKey(object, u"id");
    if (type == PayloadTree::kNone || id == PayloadTree::kNone)
        return {};
    if (tree.kind(type) != NodeKind::String)
        return {};
    return tree.value(type) + QChar(0x1f) + tree.value(id);
}

} // namespace

JsonApiIndex::JsonApiIndex(const PayloadTree &tree)
{
    if (tree.isEmpty() || tree.kind(PayloadTree::kRoot) != NodeKind::Object)
        return;
    const auto included = tree.childByKey(PayloadTree::kRoot, u"included");
    if (included == PayloadTree::kNone || tree.kind(included) != NodeKind::Array)
        return;
    QHash<QString, PayloadTree::Index> resources;
    for (PayloadTree::Index resource : tree.children(included)) {
        const QString key = resourceKey(tree, resource);
        if (!key.isEmpty() && !resources.contains(key))
            resources.insert(key, resource);
    }
    if (resources.isEmpty())
        return;

    auto link = [&](PayloadTree::Index node, PayloadTree::Index identifier) {
        const auto found = resources.constFind(resourceKey(tree, identifier));
        if (found != resources.constEnd() && *found != identifier)
            m_resolved.insert(node, *found);
    };
    const QByteArrayView relationshipsKey("relationships");
    for (PayloadTree::Index at = 0; at < tree.size(); ++at) {
        if (!tree.hasKey(at) || tree.kind(at) != NodeKind::Object
            || tree.rawKey(at) != relationshipsKey)
            continue;
        for (PayloadTree::Index relationship : tree.children(at)) {
            if (tree.kind(relationship) != NodeKind::Object)
                continue;
            const auto data = tree.childByKey(relationship, u"data");
            if (data == PayloadTree::kNone)
                continue;
            if (tree.kind(data) == NodeKind::Object) {
                link(relationship, data);
            } else if (tree.kind(data) == NodeKind::Array) {
                for (PayloadTree::Index identifier : tree.children(data))
                    link(identifier, identifier);
            }
        }
    }
}

QString JsonApiIndex::describe(const PayloadTree &tree, PayloadTree::Index resource)
{
    const auto type = tree.childByKey(resource, u"type");
    const auto id = tree.childByKey(resource, u"id");
    QString text = type != PayloadTree::kNone ? tree.value(type) : QString();
    if (id != PayloadTree::kNone)
        text += u' ' + tree.value(id);
    return text;
}

} // namespace hookscope::json
