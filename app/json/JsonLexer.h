#pragma once

#include <QByteArrayView>
#include <QString>

namespace hookscope::json {

// Decodes the inside of a JSON string literal (without its quotes): backslash escapes and
// \uXXXX surrogate pairs. Malformed escapes are kept as written.
QString unescapeJsonString(QByteArrayView escaped);

// Length of the string body starting just after an opening quote, up to (not including) the
// closing quote; -1 when unterminated or when it holds a bad escape or a raw control character.
// Sets *hasEscapes when a backslash occurs, and *failure to the offending byte on error.
qsizetype scanJsonString(const char *begin, const char *end, bool *hasEscapes,
                         const char **failure = nullptr);

// Length of the JSON number at begin (RFC 8259 grammar), or -1 with *failure at the bad byte.
qsizetype scanJsonNumber(const char *begin, const char *end, const char **failure = nullptr);

// Offset of the first byte that is not valid UTF-8, or -1.
qsizetype firstInvalidUtf8(QByteArrayView text);

inline bool isJsonWhitespace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

} // namespace hookscope::json
