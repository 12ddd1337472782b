#include "compose/OrderedJson.h"

#include <QStringDecoder>

#include <cmath>

namespace hookscope::compose {

JsonValue JsonValue::boolean(bool value)
{
    JsonValue v;
    v.m_type = Type::Bool;
    v.m_bool = value;
    return v;
}

JsonValue JsonValue::number(const QByteArray &text)
{
    JsonValue v;
    v.m_type = Type::Number;
    v.m_number = text;
    return v;
}

JsonValue JsonValue::number(qint64 value)
{
    return number(QByteArray::number(value));
}

JsonValue JsonValue::number(double value)
{
    if (!std::isfinite(value))
        return null();
    return number(QByteArray::number(value, 'g', 17));
}

JsonValue JsonValue::string(const QString &value)
{
    JsonValue v;
    v.m_type = Type::String;
    v.m_string = value;
    return v;
}

JsonValue JsonValue::array()
{
    JsonValue v;
    v.m_type = Type::Array;
    return v;
}

JsonValue JsonValue::object()
{
    JsonValue v;
    v.m_type = Type::Object;
    return v;
}

QString JsonValue::typeName(Type type)
{
    switch (type) {
    case Type::Null:
        return QStringLiteral("null");
    case Type::Bool:
        return QStringLiteral("boolean");
    case Type::Number:
        return QStringLiteral("number");
    case Type::String:
        return QStringLiteral("string");
    case Type::Array:
        return QStringLiteral("array");
    case Type::Object:
        return QStringLiteral("object");
    }
    return {};
}

qint64 JsonValue::toInteger(qint64 fallback) const
{
    if (m_type != Type::Number)
        return fallback;
    bool ok = false;
    const qint64 value = m_number.toLongLong(&ok);
    if (ok)
        return value;
    const double d = m_number.toDouble(&ok);
    return ok ? static_cast<qint64>(d) : fallback;
}

JsonValue &JsonValue::append(JsonValue value)
{
    m_elements.append(std::move(value));
    return m_elements.last();
}

const JsonValue *JsonValue::find(QStringView key) const
{
    for (const Member &member : m_members) {
        if (member.first == key)
            return &member.second;
    }
    return nullptr;
}

JsonValue *JsonValue::find(QStringView key)
{
    for (Member &member : m_members) {
        if (member.first == key)
            return &member.second;
    }
    return nullptr;
}

JsonValue JsonValue::value(QStringView key) const
{
    const JsonValue *found = find(key);
    return found ? *found : JsonValue();
}

QString JsonValue::stringValue(QStringView key, const QString &fallback) const
{
    const JsonValue *found = find(key);
    return found && found->isString() ? found->toString() : fallback;
}

JsonValue &JsonValue::insert(const QString &key, JsonValue value)
{
    if (JsonValue *existing = find(key)) {
        *existing = std::move(value);
        return *existing;
    }
    m_members.append({key, std::move(value)});
    return m_members.last().second;
}

QByteArray jsonQuoted(const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out.append('"');
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        case '\b':
            out.append("\\b");
            break;
        case '\f':
            out.append("\\f");
            break;
        default:
            if (u < 0x20) {
                static const char hex[] = "0123456789abcdef";
                out.append("\\u00");
                out.append(hex[u >> 4]);
                out.append(hex[u & 0xf]);
            } else {
                out.append(c);
            }
        }
    }
    out.append('"');
    return out;
}

void JsonValue::write(QByteArray &out, int indent, int depth) const
{
    const auto newline = [&](int level) {
        if (indent <= 0)
            return;
        out.append('\n');
        out.append(QByteArray(level * indent, ' '));
    };
    switch (m_type) {
    case Type::Null:
        out.append("null");
        break;
    case Type::Bool:
        out.append(m_bool ? "true" : "false");
        break;
    case Type::Number:
        out.append(m_number);
        break;
    case Type::String:
        out.append(jsonQuoted(m_string));
        break;
    case Type::Array:
        out.append('[');
        for (qsizetype i = 0; i < m_elements.size(); ++i) {
            if (i > 0)
                out.append(',');
            newline(depth + 1);
            m_elements.at(i).write(out, indent, depth + 1);
        }
        if (!m_elements.isEmpty())
            newline(depth);
        out.append(']');
        break;
    case Type::Object:
        out.append('{');
        for (qsizetype i = 0; i < m_members.size(); ++i) {
            if (i > 0)
                out.append(',');
            newline(depth + 1);
            out.append(jsonQuoted(m_members.at(i).first));
            out.append(indent > 0 ? ": " : ":");
            m_members.at(i).second.write(out, indent, depth + 1);
        }
        if (!m_members.isEmpty())
            newline(depth);
        out.append('}');
        break;
    }
}

QByteArray JsonValue::toCompact() const
{
    QByteArray out;
    write(out, 0, 0);
    return out;
}

QByteArray JsonValue::toPretty(int indent) const
{
    QByteArray out;
    write(out, indent, 0);
    return out;
}

QString JsonParseError::describe() const
{
    return QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(message);
}

// A recursive-descent parser over bytes; nesting is capped so hostile input cannot overflow the
// stack.
class JsonParser final
{
public:
    explicit JsonParser(QByteArrayView text)
        : m_text(text)
    { }

    JsonValue parseDocument(JsonParseError *error)
    {
        skipSpace();
        JsonValue value = parseValue(0);
        if (m_error.isEmpty()) {
            skipSpace();
            if (m_pos < m_text.size())
                fail(QStringLiteral("unexpected text after the JSON value"));
        }
        if (!m_error.isEmpty()) {
            if (error) {
                error->message = m_error;
                error->offset = m_errorPos;
                error->line = 1;
                qsizetype lineStart = 0;
                for (qsizetype i = 0; i < m_errorPos && i < m_text.size(); ++i) {
                    if (m_text[i] == '\n') {
                        ++error->line;
                        lineStart = i + 1;
                    }
                }
                error->column = int(m_errorPos - lineStart) + 1;
            }
            return {};
        }
        if (error)
            *error = {};
        return value;
    }

private:
    static constexpr int kMaxDepth = 512;

    void fail(const QString &message)
    {
        if (m_error.isEmpty()) {
            m_error = message;
            m_errorPos = m_pos;
        }
    }

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }

    void skipSpace()
    {
        while (!atEnd()) {
            const char c = m_text[m_pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                break;
            ++m_pos;
        }
    }

    bool literal(QByteArrayView word)
    {
        if (m_text.sliced(m_pos).startsWith(word)) {
            m_pos += word.size();
            return true;
        }
        fail(QStringLiteral("invalid literal"));
        return false;
    }

    JsonValue parseValue(int depth)
    {
        if (depth > kMaxDepth) {
            fail(QStringLiteral("nesting too deep"));
            return {};
        }
        const qsizetype begin = m_pos;
        JsonValue value;
        switch (peek()) {
        case '{':
            value = parseObject(depth);
            break;
        case '[':
            value = parseArray(depth);
            break;
        case '"': {
            QString s;
            if (parseString(&s))
                value = JsonValue::string(s);
            break;
        }
        case 't':
            if (literal("true"))
                value = JsonValue::boolean(true);
            break;
        case 'f':
            if (literal("false"))
                value = JsonValue::boolean(false);
            break;
        case 'n':
            literal("null");
            break;
        case '\0':
            if (atEnd()) {
                fail(QStringLiteral("unexpected end of input"));
                break;
            }
            Q_FALLTHROUGH();
        default:
            if (peek() == '-' || (peek() >= '0' && peek() <= '9'))
                value = parseNumber();
            else
                fail(QStringLiteral("unexpected character '%1'").arg(QLatin1Char(peek())));
        }
        value.m_span = {begin, m_pos};
        return value;
    }

    JsonValue parseNumber()
    {
        const qsizetype begin = m_pos;
        const auto digits = [&] {
            const qsizetype start = m_pos;
            while (!atEnd() && peek() >= '0' && peek() <= '9')
                ++m_pos;
            return m_pos > start;
        };
        if (peek() == '-')
            ++m_pos;
        if (peek() == '0') {
            ++m_pos;
        } else if (!digits()) {
            fail(QStringLiteral("invalid number"));
            return {};
        }
        if (peek() == '.') {
            ++m_pos;
            if (!digits()) {
                fail(QStringLiteral("invalid number: digits expected after '.'"));
                return {};
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            ++m_pos;
            if (peek() == '+' || peek() == '-')
                ++m_pos;
            if (!digits()) {
                fail(QStringLiteral("invalid number: digits expected in the exponent"));
                return {};
            }
        }
        return JsonValue::number(m_text.sliced(begin, m_pos - begin).toByteArray());
    }

    static int hexValue(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    bool parseHex4(char16_t *unit)
    {
        if (m_pos + 4 > m_text.size()) {
            fail(QStringLiteral("truncated \\u escape"));
            return false;
        }
        int value = 0;
        for (int i = 0; i < 4; ++i) {
            const int h = hexValue(m_text[m_pos + i]);
            if (h < 0) {
                fail(QStringLiteral("invalid \\u escape"));
                return false;
            }
            value = value * 16 + h;
        }
        m_pos += 4;
        *unit = char16_t(value);
        return true;
    }

    bool parseString(QString *out)
    {
        const qsizetype start = m_pos;
        ++m_pos; // opening quote
        QByteArray utf8;
        while (true) {
            if (atEnd()) {
                fail(QStringLiteral("unterminated string"));
                return false;
            }
            const char c = m_text[m_pos];
            if (c == '"') {
                ++m_pos;
                break;
            }
            if (static_cast<unsigned char>(c) < 0x20) {
                fail(QStringLiteral("control character in a string (escape it)"));
                return false;
            }
            if (c != '\\') {
                utf8.append(c);
                ++m_pos;
                continue;
            }
            ++m_pos;
            const char e = peek();
            ++m_pos;
            switch (e) {
            case '"':
                utf8.append('"');
                break;
            case '\\':
                utf8.append('\\');
                break;
            case '/':
                utf8.append('/');
                break;
            case 'b':
                utf8.append('\b');
                break;
            case 'f':
                utf8.append('\f');
                break;
            case 'n':
                utf8.append('\n');
                break;
            case 'r':
                utf8.append('\r');
                break;
            case 't':
                utf8.append('\t');
                break;
            case 'u': {
                char16_t units[2] = {0, 0};
                if (!parseHex4(&units[0]))
                    return false;
                int count = 1;
                if (QChar::isHighSurrogate(units[0]) && m_text.sliced(m_pos).startsWith("\\u")) {
                    m_pos += 2;
                    if (!parseHex4(&units[1]))
                        return false;
                    count = 2;
                }
                utf8.append(QString(reinterpret_cast<const QChar *>(units), count).toUtf8());
                break;
            }
            default:
                --m_pos;
                fail(QStringLiteral("invalid escape in a string"));
                return false;
            }
        }
        // JSON text is UTF-8 (RFC 8259): bytes that are not would be replaced by U+FFFD and so
        // change what is sent. Refused here, the body stays raw text and is sent byte for byte.
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString decoded = decoder.decode(utf8);
        if (decoder.hasError()) {
            m_pos = start;
            fail(QStringLiteral("a string that is not valid UTF-8"));
            return false;
        }
        *out = std::move(decoded);
        return true;
    }

    JsonValue parseArray(int depth)
    {
        ++m_pos;
        JsonValue array = JsonValue::array();
        skipSpace();
        if (peek() == ']') {
            ++m_pos;
            return array;
        }
        while (m_error.isEmpty()) {
            skipSpace();
            array.append(parseValue(depth + 1));
            if (!m_error.isEmpty())
                break;
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == ']') {
                ++m_pos;
                break;
            }
            fail(QStringLiteral("',' or ']' expected"));
        }
        return array;
    }

    JsonValue parseObject(int depth)
    {
        ++m_pos;
        JsonValue object = JsonValue::object();
        skipSpace();
        if (peek() == '}') {
            ++m_pos;
            return object;
        }
        while (m_error.isEmpty()) {
            skipSpace();
            if (peek() != '"') {
                fail(QStringLiteral("a quoted key expected"));
                break;
            }
            QString key;
            if (!parseString(&key))
                break;
            skipSpace();
            if (peek() != ':') {
                fail(QStringLiteral("':' expected after a key"));
                break;
            }
            ++m_pos;
            skipSpace();
            JsonValue value = parseValue(depth + 1);
            if (!m_error.isEmpty())
                break;
            object.members().append({key, std::move(value)});
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == '}') {
                ++m_pos;
                break;
            }
            fail(QStringLiteral("',' or '}' expected"));
        }
        return object;
    }

    QByteArrayView m_text;
    qsizetype m_pos = 0;
    QString m_error;
    qsizetype m_errorPos = 0;
};

JsonValue parseJson(QByteArrayView text, JsonParseError *error)
{
    return JsonParser(text).parseDocument(error);
}

} // namespace hookscope::compose
