#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <utility>

namespace hookscope::compose {

// Where a value sits in the parsed text, in bytes: [begin, end).
struct JsonSpan {
    qsizetype begin = 0;
    qsizetype end = 0;
};

// A JSON value that keeps object keys in the order they were written (QJsonDocument sorts them,
// which would change a body's bytes and break signatures). Numbers keep their source text.
class JsonValue final
{
public:
    enum class Type { Null, Bool, Number, String, Array, Object };
    using Member = std::pair<QString, JsonValue>;

    JsonValue() = default;
    static JsonValue null() { return {}; }
    static JsonValue boolean(bool value);
    static JsonValue number(const QByteArray &text); // text must be a valid JSON number
    static JsonValue number(qint64 value);
    static JsonValue number(double value);
    static JsonValue string(const QString &value);
    static JsonValue array();
    static JsonValue object();

    Type type() const { return m_type; }
    // "null", "boolean", "number", "string", "array" or "object", as JSON names them.
    static QString typeName(Type type);
    bool isNull() const { return m_type == Type::Null; }
    bool isString() const { return m_type == Type::String; }
    bool isObject() const { return m_type == Type::Object; }
    bool isArray() const { return m_type == Type::Array; }

    bool toBool() const { return m_bool; }
    const QByteArray &numberText() const { return m_number; }
    qint64 toInteger(qint64 fallback = 0) const;
    const QString &toString() const { return m_string; }

    // Arrays
    const QList<JsonValue> &elements() const { return m_elements; }
    QList<JsonValue> &elements() { return m_elements; }
    JsonValue &append(JsonValue value);

    // Objects (first match wins for lookups; duplicates are kept as written)
    const QList<Member> &members() const { return m_members; }
    QList<Member> &members() { return m_members; }
    const JsonValue *find(QStringView key) const;
    JsonValue *find(QStringView key);
    JsonValue value(QStringView key) const; // null when absent
    QString stringValue(QStringView key, const QString &fallback = {}) const;
    // Replaces the first member named key, or appends one.
    JsonValue &insert(const QString &key, JsonValue value);

    // Where the parser found this value in its input; empty for built values.
    JsonSpan span() const { return m_span; }

    // Serialisation: compact has no whitespace; pretty indents by `indent` spaces.
    QByteArray toCompact() const;
    QByteArray toPretty(int indent = 2) const;

private:
    friend class JsonParser;
    void write(QByteArray &out, int indent, int depth) const;

    Type m_type = Type::Null;
    bool m_bool = false;
    QByteArray m_number;
    QString m_string;
    QList<JsonValue> m_elements;
    QList<Member> m_members;
    JsonSpan m_span;
};

struct JsonParseError {
    QString message;
    qsizetype offset = 0; // bytes from the start
    int line = 0; // 1-based
    int column = 0; // 1-based, in bytes
    bool ok() const { return message.isEmpty(); }
    QString describe() const; // "line L, column C: message"
};

// Parses RFC 8259 JSON (one value, surrounding whitespace allowed). On error the returned value is
// null and `error` says where.
JsonValue parseJson(QByteArrayView text, JsonParseError *error = nullptr);

// Escapes a string as a JSON string literal, quotes included; non-ASCII stays UTF-8.
QByteArray jsonQuoted(const QString &value);

} // namespace hookscope::compose
