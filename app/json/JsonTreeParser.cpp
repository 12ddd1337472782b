#include "json/JsonTreeParser.h"

#include "json/JsonLexer.h"

#include <simdjson.h>

namespace hookscope::json {

namespace {

namespace od = simdjson::ondemand;
using Index = PayloadTree::Index;

struct KeyRef {
    const char *text = nullptr; // inside the quotes; nullptr for array elements and the root
    std::uint32_t length = 0;
    bool escaped = false;
};

// value::raw_json_token() cannot fail; document::raw_json_token() can.
bool rawToken(od::value &value, std::string_view &token)
{
    token = value.raw_json_token();
    return true;
}

bool rawToken(od::document &document, std::string_view &token)
{
    return document.raw_json_token().get(token) == simdjson::SUCCESS;
}

// Walks the On-Demand document once, appending nodes in pre-order. Any failure just stops the
// walk: the error text and position come from locateJsonError, which reads more clearly.
class TreeWalker final
{
public:
    TreeWalker(const char *base, const char *end)
        : m_base(base)
        , m_end(end)
    { }

    template<typename Value> bool walk(Value &value, Index parent, const KeyRef &key)
    {
        od::json_type type;
        if (value.type().get(type) != simdjson::SUCCESS)
            return false;
        std::string_view token;
        if (!rawToken(value, token))
            return false;
        const Index index = addNode(parent, key, token.data());
        switch (type) {
        case od::json_type::object: {
            m_nodes[index].kind = NodeKind::Object;
            od::object object;
            if (value.get_object().get(object) != simdjson::SUCCESS)
                return false;
            m_lastEnd = token.data() + 1;
            for (auto field : object) {
                od::raw_json_string rawKey;
                if (field.key().get(rawKey) != simdjson::SUCCESS)
                    return false;
                KeyRef childKey;
                childKey.text = rawKey.raw();
                const qsizetype length = scanJsonString(childKey.text, m_end, &childKey.escaped);
                if (length < 0)
                    return false;
                childKey.length = std::uint32_t(length);
                od::value child;
                if (field.value().get(child) != simdjson::SUCCESS)
                    return false;
                if (!walk(child, index, childKey))
                    return false;
            }
            return closeContainer(index, '}');
        }
        case od::json_type::array: {
            m_nodes[index].kind = NodeKind::Array;
            od::array array;
            if (value.get_array().get(array) != simdjson::SUCCESS)
                return false;
            m_lastEnd = token.data() + 1;
            for (auto element : array) {
                od::value child;
                if (element.get(child) != simdjson::SUCCESS)
                    return false;
                if (!walk(child, index, KeyRef()))
                    return false;
            }
            return closeContainer(index, ']');
        }
        default:
            return setScalar(index, type, token);
        }
    }

    std::vector<PayloadNode> takeNodes() { return std::move(m_nodes); }
    const char *lastEnd() const { return m_lastEnd; }

private:
    Index addNode(Index parent, const KeyRef &key, const char *valueStart)
    {
        const Index index = Index(m_nodes.size());
        PayloadNode node;
        node.parent = parent;
        node.valueOffset = std::uint32_t(valueStart - m_base);
        if (key.text) {
            node.flags |= PayloadTree::HasKey;
            if (key.escaped)
                node.flags |= PayloadTree::KeyEscaped;
            node.keyOffset = std::uint32_t(key.text - m_base);
            node.keyLength = key.length;
        }
        if (parent != PayloadTree::kNone) {
            PayloadNode &p = m_nodes[parent];
            if (p.childCount > 0)
                m_nodes[m_lastChild[parent]].nextSibling = index;
            ++p.childCount;
        }
        m_nodes.push_back(node);
        m_lastChild.push_back(PayloadTree::kNone);
        if (parent != PayloadTree::kNone)
            m_lastChild[parent] = index;
        return index;
    }

    bool closeContainer(Index index, char close)
    {
        const char *p = m_lastEnd;
        while (p < m_end && isJsonWhitespace(*p))
            ++p;
        if (p >= m_end || *p != close)
            return false;
        m_lastEnd = p + 1;
        PayloadNode &node = m_nodes[index];
        node.valueLength = std::uint32_t(m_lastEnd - (m_base + node.valueOffset));
        node.subtreeSize = std::uint32_t(m_nodes.size() - index);
        return true;
    }

    bool setScalar(Index index, od::json_type type, std::string_view token)
    {
        const char *start = token.data();
        const char *stop = start + token.size();
        while (stop > start && isJsonWhitespace(stop[-1]))
            --stop;
        PayloadNode &node = m_nodes[index];
        switch (type) {
        case od::json_type::string: {
            bool escaped = false;
            const qsizetype length = scanJsonString(start + 1, m_end, &escaped);
            if (length < 0 || start + length + 2 != stop)
                return false;
            node.kind = NodeKind::String;
            node.flags |= PayloadTree::ValueQuoted | (escaped ? PayloadTree::ValueEscaped : 0);
            break;
        }
        case od::json_type::number:
            if (scanJsonNumber(start, stop) != stop - start)
                return false;
            node.kind = NodeKind::Number;
            break;
        case od::json_type::boolean: {
            const std::string_view text(start, std::size_t(stop - start));
            if (text == "true")
                node.kind = NodeKind::True;
            else if (text == "false")
                node.kind = NodeKind::False;
            else
                return false;
            break;
        }
        case od::json_type::null:
            if (std::string_view(start, std::size_t(stop - start)) != "null")
                return false;
            node.kind = NodeKind::Null;
            break;
        default:
            return false;
        }
        node.valueLength = std::uint32_t(stop - start);
        m_lastEnd = stop;
        return true;
    }

    const char *m_base;
    const char *m_end;
    const char *m_lastEnd = nullptr;
    std::vector<PayloadNode> m_nodes;
    std::vector<Index> m_lastChild; // while building: each container's latest child
};

JsonParseResult failure(const QByteArray &body)
{
    JsonParseResult result;
    result.error = locateJsonError(body);
    if (!result.error) // the fast parser refused something the plain scan accepts
        result.error = JsonParseError {QStringLiteral("not valid JSON"), 0, 1, 1};
    return result;
}

} // namespace

JsonParseResult JsonTreeParser::parse(const QByteArray &body)
{
    // Offsets are stored as 32 bits; bodies over 4 GiB are not shown as trees.
    if (body.size() >= qsizetype(PayloadTree::kNone))
        return {{}, JsonParseError {QStringLiteral("body too large for the tree view"), 0, 1, 1}};

    const simdjson::padded_string padded(body.constData(), std::size_t(body.size()));
    od::parser parser;
    od::document document;
    if (parser.iterate(padded).get(document) != simdjson::SUCCESS)
        return failure(body);

    const char *base = padded.data();
    const char *end = base + padded.size();
    TreeWalker walker(base, end);
    if (!walker.walk(document, PayloadTree::kNone, KeyRef()))
        return failure(body);
    const char *p = walker.lastEnd();
    while (p < end && isJsonWhitespace(*p))
        ++p;
    if (p != end)
        return failure(body);
    return {PayloadTree(body, walker.takeNodes()), std::nullopt};
}

} // namespace hookscope::json
