#include "json/PayloadTree.h"

#include "json/JsonLexer.h"

namespace hookscope::json {

PayloadTree::PayloadTree(QByteArray text, std::vector<PayloadNode> nodes)
    : m_text(std::move(text))
    , m_nodes(std::move(nodes))
{ }

PayloadTree::Index PayloadTree::firstChild(Index index) const
{
    return m_nodes[index].childCount > 0 ? index + 1 : kNone;
}

std::vector<PayloadTree::Index> PayloadTree::children(Index index) const
{
    std::vector<Index> result;
    result.reserve(m_nodes[index].childCount);
    for (Index child = firstChild(index); child != kNone; child = m_nodes[child].nextSibling)
        result.push_back(child);
    return result;
}

bool PayloadTree::isContainer(Index index) const
{
    const NodeKind k = m_nodes[index].kind;
    return k == NodeKind::Object || k == NodeKind::Array || k == NodeKind::Part;
}

QByteArrayView PayloadTree::rawKey(Index index) const
{
    const PayloadNode &n = m_nodes[index];
    return QByteArrayView(m_text.constData() + n.keyOffset, n.keyLength);
}

QString PayloadTree::key(Index index) const
{
    const PayloadNode &n = m_nodes[index];
    if (!(n.flags & HasKey))
        return {};
    if (n.flags & KeyEscaped)
        return unescapeJsonString(rawKey(index));
    return QString::fromUtf8(rawKey(index));
}

QByteArrayView PayloadTree::rawValue(Index index) const
{
    const PayloadNode &n = m_nodes[index];
    return QByteArrayView(m_text.constData() + n.valueOffset, n.valueLength);
}

QString PayloadTree::value(Index index) const
{
    const PayloadNode &n = m_nodes[index];
    if (isContainer(index))
        return {};
    QByteArrayView raw = rawValue(index);
    if (n.kind == NodeKind::String && (n.flags & ValueQuoted) && raw.size() >= 2)
        raw = raw.sliced(1, raw.size() - 2);
    if (n.flags & ValueEscaped)
        return unescapeJsonString(raw);
    return QString::fromUtf8(raw);
}

PayloadTree::Index PayloadTree::row(Index index) const
{
    const Index p = m_nodes[index].parent;
    if (p == kNone)
        return 0;
    Index r = 0;
    for (Index child = firstChild(p); child != kNone && child != index;
         child = m_nodes[child].nextSibling)
        ++r;
    return r;
}

PayloadTree::Index PayloadTree::childByKey(Index index, QStringView wanted) const
{
    for (Index child = firstChild(index); child != kNone; child = m_nodes[child].nextSibling) {
        if (hasKey(child) && key(child) == wanted)
            return child;
    }
    return kNone;
}

static bool isIdentifier(const QString &key)
{
    if (key.isEmpty())
        return false;
    for (qsizetype i = 0; i < key.size(); ++i) {
        const QChar c = key.at(i);
        const bool letter
            = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_' || c == u'$';
        const bool digit = c >= u'0' && c <= u'9';
        if (!letter && !(digit && i > 0))
            return false;
    }
    return true;
}

QString pathSegmentForKey(const QString &key)
{
    if (isIdentifier(key))
        return u'.' + key;
    QString quoted = key;
    quoted.replace(u'\\', QStringLiteral("\\\\")).replace(u'\'', QStringLiteral("\\'"));
    return QStringLiteral("['") + quoted + QStringLiteral("']");
}

QString PayloadTree::path(Index index, const QString &rootName) const
{
    QStringList segments;
    for (Index at = index; at != kNone && m_nodes[at].parent != kNone; at = m_nodes[at].parent) {
        if (hasKey(at))
            segments.prepend(pathSegmentForKey(key(at)));
        else
            segments.prepend(u'[' + QString::number(row(at)) + u']');
    }
    return rootName + segments.join(QString());
}

QString PayloadTree::kindName(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Object:
        return QStringLiteral("object");
    case NodeKind::Array:
        return QStringLiteral("array");
    case NodeKind::String:
        return QStringLiteral("string");
    case NodeKind::Number:
        return QStringLiteral("number");
    case NodeKind::True:
    case NodeKind::False:
        return QStringLiteral("boolean");
    case NodeKind::Null:
        return QStringLiteral("null");
    case NodeKind::Part:
        return QStringLiteral("part");
    }
    return {};
}

} // namespace hookscope::json
