#include "exchange/CaptureDiff.h"

#include "exchange/LineDiff.h"
#include "json/JsonTreeParser.h"
#include "payload/BodyParser.h"

#include <QHash>

namespace hookscope::exchange {

namespace {

using json::NodeKind;
using json::PayloadTree;
using Index = PayloadTree::Index;

QString cut(QString text, int maxLength)
{
    if (text.size() > maxLength) {
        text.truncate(maxLength);
        text += u'…';
    }
    return text;
}

// A JSON number split into sign, significant digits and decimal exponent: equal triples are
// equal numbers, however they were spelled.
struct DecimalNumber {
    bool negative = false;
    QByteArray digits;
    qint64 exponent = 0;
    friend bool operator==(const DecimalNumber &, const DecimalNumber &) = default;
};

std::optional<DecimalNumber> decimal(QByteArrayView text)
{
    DecimalNumber number;
    qsizetype at = 0;
    if (at < text.size() && text[at] == '-') {
        number.negative = true;
        ++at;
    }
    QByteArray digits;
    qint64 fractionDigits = 0;
    bool inFraction = false;
    for (; at < text.size(); ++at) {
        const char c = text[at];
        if (c >= '0' && c <= '9') {
            digits += c;
            if (inFraction)
                ++fractionDigits;
        } else if (c == '.' && !inFraction) {
            inFraction = true;
        } else {
            break;
        }
    }
    qint64 exponent = 0;
    if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
        ++at;
        bool negativeExponent = false;
        if (at < text.size() && (text[at] == '+' || text[at] == '-'))
            negativeExponent = text[at++] == '-';
        if (at == text.size())
            return std::nullopt;
        for (; at < text.size(); ++at) {
            if (text[at] < '0' || text[at] > '9')
                return std::nullopt;
            if (exponent < 1'000'000'000'000)
                exponent = exponent * 10 + (text[at] - '0');
        }
        if (negativeExponent)
            exponent = -exponent;
    }
    if (at != text.size() || digits.isEmpty())
        return std::nullopt;
    qsizetype first = 0;
    while (first < digits.size() && digits[first] == '0')
        ++first;
    digits = digits.mid(first);
    exponent -= fractionDigits;
    while (!digits.isEmpty() && digits.endsWith('0')) {
        digits.chop(1);
        ++exponent;
    }
    if (digits.isEmpty())
        return DecimalNumber {}; // every zero, signed or not, is the same zero
    number.digits = digits;
    number.exponent = exponent;
    return number;
}

// Whitespace outside strings, each run tagged with how many bytes of non-whitespace came before
// it: equal skeletons mean equal formatting.
QByteArray whitespaceSkeleton(const QByteArray &text)
{
    QByteArray skeleton;
    bool inString = false;
    bool escaped = false;
    qsizetype significant = 0;
    bool inRun = false;
    for (const char c : text) {
        if (inString) {
            ++significant;
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            inRun = false;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (!inRun) {
                skeleton += '@' + QByteArray::number(significant) + ':';
                inRun = true;
            }
            skeleton += c;
            continue;
        }
        inRun = false;
        ++significant;
        if (c == '"')
            inString = true;
    }
    return skeleton;
}

class TreeDiff
{
public:
    TreeDiff(const PayloadTree &left, const PayloadTree &right, bool isJson,
             const DiffOptions &options, CaptureDiffResult &result)
        : m_left(left)
        , m_right(right)
        , m_isJson(isJson)
        , m_options(options)
        , m_result(result)
    { }

    void run()
    {
        compare(PayloadTree::kRoot, PayloadTree::kRoot, m_isJson ? QStringLiteral("$") : QString());
    }

private:
    QString display(const PayloadTree &tree, Index index) const
    {
        switch (tree.kind(index)) {
        case NodeKind::String:
            if (tree.node(index).flags & PayloadTree::ValueQuoted)
                return cut(QString::fromUtf8(tree.rawValue(index)), m_options.maxValueLength);
            return cut(u'"' + tree.value(index) + u'"', m_options.maxValueLength);
        case NodeKind::Object:
        case NodeKind::Array:
            if (m_isJson)
                return cut(QString::fromUtf8(tree.rawValue(index)).simplified(),
                           m_options.maxValueLength);
            return tree.kind(index) == NodeKind::Object
                ? QStringLiteral("{%1 members}").arg(tree.childCount(index))
                : QStringLiteral("[%1 items]").arg(tree.childCount(index));
        default:
            return cut(tree.value(index), m_options.maxValueLength);
        }
    }

    static QString typeOf(const PayloadTree &tree, Index index)
    {
        return PayloadTree::kindName(tree.kind(index));
    }

    void add(const QString &path, QString left, QString right, DiffKind kind)
    {
        m_result.entries.append({DiffSection::Body,
                                 path.isEmpty() ? QStringLiteral("(body)") : path, std::move(left),
                                 std::move(right), kind, false});
    }

    static QString childPath(const QString &parent, const PayloadTree &tree, Index child,
                             int position, int occurrence)
    {
        if (!tree.hasKey(child))
            return parent + u'[' + QString::number(position) + u']';
        QString segment = json::pathSegmentForKey(tree.key(child));
        if (parent.isEmpty() && segment.startsWith(u'.'))
            segment.remove(0, 1); // form fields read as "amount", not ".amount"
        if (occurrence > 1)
            segment += QStringLiteral(" (duplicate %1)").arg(occurrence);
        return parent + segment;
    }

    void compare(Index l, Index r, const QString &path)
    {
        const NodeKind lk = m_left.kind(l);
        const NodeKind rk = m_right.kind(r);
        if (typeOf(m_left, l) != typeOf(m_right, r)) {
            add(path, display(m_left, l) + QStringLiteral("  (") + typeOf(m_left, l) + u')',
                display(m_right, r) + QStringLiteral("  (") + typeOf(m_right, r) + u')',
                DiffKind::TypeChanged);
            return;
        }
        if (lk == NodeKind::Object || lk == NodeKind::Array || lk == NodeKind::Part) {
            compareContainers(l, r, path, lk == NodeKind::Array);
            return;
        }
        if (lk == NodeKind::Number) {
            const QByteArrayView a = m_left.rawValue(l);
            const QByteArrayView b = m_right.rawValue(r);
            const DiffKind kind = a == b ? DiffKind::Identical
                : sameJsonNumber(a, b)   ? DiffKind::NumberSpelling
                                         : DiffKind::Changed;
            add(path, display(m_left, l), display(m_right, r), kind);
            return;
        }
        if (lk == NodeKind::String) {
            const bool same = m_left.value(l) == m_right.value(r);
            if (same && m_left.rawValue(l) != m_right.rawValue(r))
                m_result.formattingDiffers = true; // "\u00e9" and "é" are one string
            add(path, display(m_left, l), display(m_right, r),
                same ? DiffKind::Identical : DiffKind::Changed);
            return;
        }
        add(path, display(m_left, l), display(m_right, r),
            lk == rk ? DiffKind::Identical : DiffKind::Changed);
    }

    void compareContainers(Index l, Index r, const QString &path, bool isArray)
    {
        const std::vector<Index> leftChildren = m_left.children(l);
        const std::vector<Index> rightChildren = m_right.children(r);
        if (isArray || !m_left.hasKey(leftChildren.empty() ? l : leftChildren.front())) {
            // Arrays (and keyless parts) pair by position.
            const size_t common = std::min(leftChildren.size(), rightChildren.size());
            for (size_t i = 0; i < common; ++i)
                compare(leftChildren[i], rightChildren[i],
                        childPath(path, m_left, leftChildren[i], int(i), 1));
            for (size_t i = common; i < leftChildren.size(); ++i)
                add(childPath(path, m_left, leftChildren[i], int(i), 1),
                    display(m_left, leftChildren[i]), QString(), DiffKind::Removed);
            for (size_t i = common; i < rightChildren.size(); ++i)
                add(childPath(path, m_right, rightChildren[i], int(i), 1), QString(),
                    display(m_right, rightChildren[i]), DiffKind::Added);
            return;
        }
        // Members pair by key and occurrence, so duplicate keys line up in order.
        QHash<QString, QList<Index>> rightByKey;
        QStringList rightOrder;
        for (const Index child : rightChildren) {
            rightByKey[m_right.key(child)].append(child);
            rightOrder.append(m_right.key(child));
        }
        QHash<QString, int> seen;
        QHash<Index, bool> matched;
        QStringList commonLeftOrder;
        for (size_t i = 0; i < leftChildren.size(); ++i) {
            const Index child = leftChildren[i];
            const QString key = m_left.key(child);
            const int occurrence = ++seen[key];
            const QString childAt = childPath(path, m_left, child, int(i), occurrence);
            const QList<Index> &candidates = rightByKey[key];
            if (occurrence <= candidates.size()) {
                const Index other = candidates[occurrence - 1];
                matched.insert(other, true);
                commonLeftOrder.append(key);
                compare(child, other, childAt);
            } else {
                add(childAt, display(m_left, child), QString(), DiffKind::Removed);
            }
        }
        QHash<QString, int> rightSeen;
        QStringList commonRightOrder;
        for (size_t i = 0; i < rightChildren.size(); ++i) {
            const Index child = rightChildren[i];
            const int occurrence = ++rightSeen[m_right.key(child)];
            if (matched.contains(child)) {
                commonRightOrder.append(m_right.key(child));
                continue;
            }
            add(childPath(path, m_right, child, int(i), occurrence), QString(),
                display(m_right, child), DiffKind::Added);
        }
        if (commonLeftOrder != commonRightOrder)
            add(path.isEmpty() ? QStringLiteral("(fields)") : path,
                cut(commonLeftOrder.join(QStringLiteral(", ")), m_options.maxValueLength),
                cut(commonRightOrder.join(QStringLiteral(", ")), m_options.maxValueLength),
                DiffKind::KeyOrder);
    }

    const PayloadTree &m_left;
    const PayloadTree &m_right;
    bool m_isJson;
    const DiffOptions &m_options;
    CaptureDiffResult &m_result;
};

void diffRequestLine(const Capture &left, const Capture &right, CaptureDiffResult &result)
{
    const auto add = [&](const QString &path, const QByteArray &a, const QByteArray &b) {
        result.entries.append({DiffSection::RequestLine, path, QString::fromUtf8(a),
                               QString::fromUtf8(b),
                               a == b ? DiffKind::Identical : DiffKind::Changed, false});
    };
    add(QStringLiteral("method"), left.method, right.method);
    add(QStringLiteral("target"), left.target, right.target);
    add(QStringLiteral("HTTP version"), left.httpVersion, right.httpVersion);
}

void diffHeaders(const Capture &left, const Capture &right, const DiffOptions &options,
                 CaptureDiffResult &result)
{
    QList<QByteArray> names; // lower-case, in order of first appearance (left, then right)
    QHash<QByteArray, QByteArray> shownName;
    QHash<QByteArray, QList<QByteArray>> leftValues;
    QHash<QByteArray, QList<QByteArray>> rightValues;
    const auto collect
        = [&](const HeaderList &headers, QHash<QByteArray, QList<QByteArray>> &into) {
              for (const HeaderField &field : headers) {
                  const QByteArray name = field.name.toLower();
                  if (!shownName.contains(name)) {
                      shownName.insert(name, field.name);
                      names.append(name);
                  }
                  into[name].append(field.value);
              }
          };
    collect(left.headers, leftValues);
    collect(right.headers, rightValues);

    for (const QByteArray &name : names) {
        const QList<QByteArray> a = leftValues.value(name);
        const QList<QByteArray> b = rightValues.value(name);
        const bool volatileName = options.flagVolatileHeaders && isVolatileHeader(name);
        const qsizetype count = std::max(a.size(), b.size());
        for (qsizetype i = 0; i < count; ++i) {
            DiffEntry entry;
            entry.section = DiffSection::Headers;
            entry.path = QString::fromLatin1(shownName.value(name));
            if (count > 1)
                entry.path += QStringLiteral(" #%1").arg(i + 1);
            entry.left = i < a.size() ? QString::fromUtf8(a[i]) : QString();
            entry.right = i < b.size() ? QString::fromUtf8(b[i]) : QString();
            if (i >= a.size())
                entry.kind = DiffKind::Added;
            else if (i >= b.size())
                entry.kind = DiffKind::Removed;
            else if (a[i] == b[i])
                entry.kind = DiffKind::Identical;
            else if (name == "content-length"
                     && a[i].trimmed() == QByteArray::number(left.body.size())
                     && b[i].trimmed() == QByteArray::number(right.body.size()))
                entry.kind = DiffKind::Derived; // the body diff already says why
            else
                entry.kind = DiffKind::Changed;
            entry.expectedToDiffer = volatileName && entry.kind != DiffKind::Identical
                && entry.kind != DiffKind::Derived;
            result.entries.append(entry);
        }
    }
}

void diffLinesOf(const Capture &left, const Capture &right, const DiffOptions &options,
                 CaptureDiffResult &result)
{
    result.bodyComparison = BodyComparison::Lines;
    const QList<QByteArray> a = splitLines(left.body);
    const QList<QByteArray> b = splitLines(right.body);
    const LineDiffResult lines = diffLines(a, b, options.maxLineCells);
    result.lineDiffTruncated = lines.truncated;
    const auto lineText = [&](const QList<QByteArray> &from, int line) {
        return cut(QString::fromUtf8(from[line]), options.maxValueLength);
    };
    const auto number
        = [](int line) { return line < 0 ? QStringLiteral("-") : QString::number(line + 1); };
    qsizetype at = 0;
    while (at < lines.edits.size()) {
        const LineEdit &edit = lines.edits[at];
        if (edit.kind == LineEdit::Same) {
            result.entries.append(
                {DiffSection::Body,
                 QStringLiteral("line %1 / %2").arg(number(edit.leftLine), number(edit.rightLine)),
                 lineText(a, edit.leftLine), lineText(b, edit.rightLine), DiffKind::Identical,
                 false});
            ++at;
            continue;
        }
        // A run of removed and added lines: pair them up as changed lines.
        QList<int> removed;
        QList<int> added;
        for (; at < lines.edits.size() && lines.edits[at].kind != LineEdit::Same; ++at) {
            if (lines.edits[at].kind == LineEdit::Removed)
                removed.append(lines.edits[at].leftLine);
            else
                added.append(lines.edits[at].rightLine);
        }
        const qsizetype count = std::max(removed.size(), added.size());
        for (qsizetype i = 0; i < count; ++i) {
            const int l = i < removed.size() ? removed[i] : -1;
            const int r = i < added.size() ? added[i] : -1;
            result.entries.append(
                {DiffSection::Body, QStringLiteral("line %1 / %2").arg(number(l), number(r)),
                 l >= 0 ? lineText(a, l) : QString(), r >= 0 ? lineText(b, r) : QString(),
                 l < 0       ? DiffKind::Added
                     : r < 0 ? DiffKind::Removed
                             : DiffKind::Changed,
                 false});
        }
    }
}

void diffBodies(const Capture &left, const Capture &right, const DiffOptions &options,
                CaptureDiffResult &result)
{
    if (left.body.isEmpty() && right.body.isEmpty()) {
        result.bodyComparison = BodyComparison::BothEmpty;
        return;
    }
    const QByteArray leftType = headerValue(left.headers, "content-type");
    const QByteArray rightType = headerValue(right.headers, "content-type");
    const payload::BodyFormat leftFormat = payload::bodyFormatFor(leftType, left.body);
    const payload::BodyFormat rightFormat = payload::bodyFormatFor(rightType, right.body);
    if (leftFormat == rightFormat
        && (leftFormat == payload::BodyFormat::Json
            || leftFormat == payload::BodyFormat::FormUrlEncoded)) {
        const payload::ParsedBody a = payload::parseBody(leftType, left.body);
        const payload::ParsedBody b = payload::parseBody(rightType, right.body);
        if (!a.tree.isEmpty() && !b.tree.isEmpty()) {
            const bool isJson = leftFormat == payload::BodyFormat::Json;
            result.bodyComparison = isJson ? BodyComparison::Json : BodyComparison::Form;
            TreeDiff(a.tree, b.tree, isJson, options, result).run();
            if (isJson && whitespaceSkeleton(left.body) != whitespaceSkeleton(right.body))
                result.formattingDiffers = true;
            return;
        }
        if (a.jsonError)
            result.bodyNote
                = QStringLiteral("left body is not valid JSON: ") + a.jsonError->toString();
        else if (b.jsonError)
            result.bodyNote
                = QStringLiteral("right body is not valid JSON: ") + b.jsonError->toString();
    } else if (leftFormat != rightFormat) {
        result.bodyNote = QStringLiteral("the bodies are of different types");
    }
    diffLinesOf(left, right, options, result);
}

} // namespace

bool isVolatileHeader(QByteArrayView name)
{
    const QByteArray lower = name.toByteArray().toLower();
    static const QByteArrayList exact {"date",        "content-length",  "webhook-id",
                                       "svix-id",     "x-request-id",    "request-id",
                                       "traceparent", "x-amzn-trace-id", "x-cloud-trace-context",
                                       "cf-ray"};
    static const QByteArrayList parts {"signature", "delivery", "timestamp", "idempotency",
                                       "nonce"};
    if (exact.contains(lower))
        return true;
    for (const QByteArray &part : parts) {
        if (lower.contains(part))
            return true;
    }
    return false;
}

bool sameJsonNumber(QByteArrayView a, QByteArrayView b)
{
    const auto x = decimal(a);
    const auto y = decimal(b);
    return x && y && *x == *y;
}

QString sectionName(DiffSection section)
{
    switch (section) {
    case DiffSection::RequestLine:
        return QStringLiteral("Request line");
    case DiffSection::Headers:
        return QStringLiteral("Headers");
    case DiffSection::Body:
        return QStringLiteral("Body");
    }
    return {};
}

QString kindName(DiffKind kind)
{
    switch (kind) {
    case DiffKind::Identical:
        return QStringLiteral("identical");
    case DiffKind::Added:
        return QStringLiteral("added");
    case DiffKind::Removed:
        return QStringLiteral("removed");
    case DiffKind::Changed:
        return QStringLiteral("changed");
    case DiffKind::TypeChanged:
        return QStringLiteral("type changed");
    case DiffKind::NumberSpelling:
        return QStringLiteral("same number, spelled differently");
    case DiffKind::KeyOrder:
        return QStringLiteral("key order changed");
    case DiffKind::Derived:
        return QStringLiteral("follows the body");
    }
    return {};
}

int CaptureDiffResult::count(DiffSection section, bool includeExpected) const
{
    int total = 0;
    for (const DiffEntry &entry : entries) {
        if (entry.section == section && isDifference(entry) && entry.kind != DiffKind::Derived
            && (includeExpected || !entry.expectedToDiffer))
            ++total;
    }
    return total;
}

QString CaptureDiffResult::summary() const
{
    QStringList parts;
    if (const int n = count(DiffSection::RequestLine, true))
        parts << (n == 1 ? QStringLiteral("1 request line part differs")
                         : QStringLiteral("%1 request line parts differ").arg(n));
    if (const int n = count(DiffSection::Headers, true)) {
        const int expected = n - count(DiffSection::Headers, false);
        QString text = n == 1 ? QStringLiteral("1 header differs")
                              : QStringLiteral("%1 headers differ").arg(n);
        if (expected > 0)
            text += QStringLiteral(" (%1 expected to differ)").arg(expected);
        parts << text;
    }
    int changed = 0;
    int added = 0;
    int removed = 0;
    int keyOrder = 0;
    int spelling = 0;
    for (const DiffEntry &entry : entries) {
        if (entry.section != DiffSection::Body)
            continue;
        switch (entry.kind) {
        case DiffKind::Changed:
        case DiffKind::TypeChanged:
            ++changed;
            break;
        case DiffKind::Added:
            ++added;
            break;
        case DiffKind::Removed:
            ++removed;
            break;
        case DiffKind::KeyOrder:
            ++keyOrder;
            break;
        case DiffKind::NumberSpelling:
            ++spelling;
            break;
        default:
            break;
        }
    }
    const bool byLine = bodyComparison == BodyComparison::Lines;
    const QString unit = byLine ? QStringLiteral("body line") : QStringLiteral("body path");
    const auto plural = [](int n, const QString &one) {
        return n == 1 ? QStringLiteral("1 ") + one : QStringLiteral("%1 %2s").arg(n).arg(one);
    };
    if (changed)
        parts << plural(changed, unit) + QStringLiteral(" changed");
    if (added)
        parts << plural(added, unit) + QStringLiteral(" added");
    if (removed)
        parts << plural(removed, unit) + QStringLiteral(" removed");
    if (keyOrder)
        parts << QStringLiteral("key order differs in ")
                + plural(keyOrder, QStringLiteral("object"));
    if (spelling)
        parts << plural(spelling, QStringLiteral("number"))
                + QStringLiteral(" spelled differently (same value)");
    if (lineDiffTruncated)
        parts << QStringLiteral("bodies too large to align line by line");
    if (formattingDiffers)
        parts << QStringLiteral("formatting-only differences ignored");
    QString text = parts.isEmpty() ? QStringLiteral("The requests are identical")
                                   : parts.join(QStringLiteral(", "));
    if (parts.size() == 1 && formattingDiffers)
        text = QStringLiteral(
            "No differences apart from formatting (formatting-only differences ignored)");
    if (!bodyNote.isEmpty())
        text += QStringLiteral("; body compared as text: ") + bodyNote;
    return text;
}

CaptureDiffResult diffCaptures(const Capture &left, const Capture &right,
                               const DiffOptions &options)
{
    CaptureDiffResult result;
    diffRequestLine(left, right, result);
    diffHeaders(left, right, options, result);
    diffBodies(left, right, options, result);
    return result;
}

} // namespace hookscope::exchange
