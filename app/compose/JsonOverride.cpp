#include "compose/JsonOverride.h"

#include "compose/OrderedJson.h"
#include "core/EditDistance.h"

namespace hookscope::compose {

namespace {

// "a number", "an object"; null has no article.
QString typeWithArticle(JsonValue::Type type)
{
    const QString name = JsonValue::typeName(type);
    if (type == JsonValue::Type::Null)
        return name;
    const bool vowel = name.startsWith(u'a') || name.startsWith(u'o');
    return (vowel ? QStringLiteral("an ") : QStringLiteral("a ")) + name;
}

// The existing key a new one most likely misspells ("nme" for "name"), or empty when none is
// within an edit (keys of up to 4 letters) or two: a new key far from all is meant as new.
QString nearSiblingKey(const QString &key, const QList<JsonValue::Member> &members)
{
    const qsizetype allowed = key.size() <= 4 ? 1 : 2;
    QString best;
    qsizetype bestDistance = allowed + 1;
    for (const JsonValue::Member &member : members) {
        const qsizetype distance = editDistance(key, member.first);
        if (distance < bestDistance) {
            best = member.first;
            bestDistance = distance;
        }
    }
    return best;
}

} // namespace

static QStringList splitPath(const QString &path)
{
    // "a[0][1].b" is read as "a.0.1.b"; "\." keeps a dot inside a key.
    QStringList segments;
    QString current;
    for (qsizetype i = 0; i < path.size(); ++i) {
        const QChar c = path.at(i);
        if (c == u'\\' && i + 1 < path.size()) {
            current.append(path.at(++i));
        } else if (c == u'.' || (c == u'[' && i > 0)) {
            segments.append(current);
            current.clear();
        } else if (c != u'[' && c != u']') {
            current.append(c);
        }
    }
    segments.append(current);
    return segments;
}

bool JsonOverride::parse(const QString &assignment, JsonOverride *out, QString *error)
{
    const qsizetype eq = assignment.indexOf(u'=');
    if (eq <= 0) {
        *error = QStringLiteral("'%1' is not PATH=VALUE").arg(assignment);
        return false;
    }
    out->path = splitPath(assignment.left(eq));
    out->value = assignment.mid(eq + 1);
    for (const QString &segment : std::as_const(out->path)) {
        if (segment.isEmpty()) {
            *error = QStringLiteral("'%1' has an empty path segment").arg(assignment.left(eq));
            return false;
        }
    }
    return true;
}

static bool arrayIndex(const QString &segment, qsizetype *index)
{
    bool ok = false;
    const qlonglong value = segment.toLongLong(&ok);
    if (!ok || value < 0)
        return false;
    *index = qsizetype(value);
    return true;
}

bool applyOverride(QByteArray &json, const JsonOverride &override, QString *error, QString *note)
{
    JsonParseError parseError;
    const JsonValue root = parseJson(json, &parseError);
    if (!parseError.ok()) {
        *error = QStringLiteral("the body is not valid JSON (%1), so --set cannot edit it")
                     .arg(parseError.describe());
        return false;
    }
    JsonParseError valueError;
    const JsonValue parsedValue = parseJson(override.value.toUtf8(), &valueError);
    const QByteArray replacement
        = valueError.ok() ? parsedValue.toCompact() : jsonQuoted(override.value);

    const JsonValue *node = &root;
    const QString where = override.path.join(u'.');
    for (qsizetype depth = 0; depth < override.path.size(); ++depth) {
        const QString &segment = override.path.at(depth);
        const bool last = depth == override.path.size() - 1;
        if (node->isObject()) {
            const JsonValue *child = node->find(segment);
            if (child) {
                node = child;
                continue;
            }
            if (!last) {
                *error = QStringLiteral("%1: no key '%2'").arg(where, segment);
                return false;
            }
            const auto &members = node->members();
            // Appending is documented and often meant; a key one typo away from a sibling is
            // most often that sibling mistyped, which would otherwise pass unseen.
            if (note) {
                if (const QString near = nearSiblingKey(segment, members); !near.isEmpty())
                    *note = QStringLiteral("note: --set %1: no key \"%2\", added it; did you "
                                           "mean \"%3\"?")
                                .arg(where, segment, near);
            }
            const QByteArray member = jsonQuoted(segment) + ':' + replacement;
            if (members.isEmpty())
                json.insert(node->span().begin + 1, member);
            else
                json.insert(members.last().second.span().end, ',' + member);
            return true;
        }
        if (node->isArray()) {
            qsizetype index = 0;
            if (!arrayIndex(segment, &index)) {
                *error = QStringLiteral("%1: '%2' is not an array index").arg(where, segment);
                return false;
            }
            const auto &elements = node->elements();
            if (index < elements.size()) {
                node = &elements.at(index);
                continue;
            }
            if (!last || index != elements.size()) {
                *error = QStringLiteral("%1: index %2 is past the end of an array of %3")
                             .arg(where)
                             .arg(index)
                             .arg(elements.size());
                return false;
            }
            if (elements.isEmpty())
                json.insert(node->span().begin + 1, replacement);
            else
                json.insert(elements.last().span().end, ',' + replacement);
            return true;
        }
        *error = QStringLiteral("%1: '%2' is inside a value that is neither object nor array")
                     .arg(where, segment);
        return false;
    }
    if (note && !valueError.ok() && !node->isString())
        *note = QStringLiteral("note: --set %1: the body has %2 there, and '%3' is not JSON, so "
                               "it is sent as the string %4")
                    .arg(where, typeWithArticle(node->type()), override.value,
                         QString::fromUtf8(replacement));
    const JsonSpan span = node->span();
    json.replace(span.begin, span.end - span.begin, replacement);
    return true;
}

} // namespace hookscope::compose
