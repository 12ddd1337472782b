#include "json/JsonParseError.h"

#include "json/JsonLexer.h"

#include <QCoreApplication>

#include <vector>

namespace hookscope::json {

QString JsonParseError::toString() const
{
    return QCoreApplication::translate("hookscope::json", "Line %1, column %2: %3")
        .arg(line)
        .arg(column)
        .arg(message);
}

TextPosition textPositionAt(QByteArrayView text, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, text.size());
    TextPosition position;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++position.line;
            lineStart = i + 1;
        }
    }
    int column = 1;
    for (qsizetype i = lineStart; i < offset; ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
            ++column;
    }
    position.column = column;
    return position;
}

static JsonParseError makeError(QByteArrayView text, qsizetype offset, const char *message)
{
    const TextPosition position = textPositionAt(text, offset);
    return {QCoreApplication::translate("hookscope::json", message), offset, position.line,
            position.column};
}

std::optional<JsonParseError> locateJsonError(QByteArrayView text)
{
    if (const qsizetype bad = firstInvalidUtf8(text); bad >= 0)
        return makeError(text, bad, QT_TRANSLATE_NOOP("hookscope::json", "invalid UTF-8"));

    enum class Want { Value, ValueOrClose, Key, KeyOrClose, Colon, CommaOrClose, End };
    constexpr std::size_t kMaxDepth = 1024; // simdjson's default limit
    const char *const begin = text.data();
    const char *const end = begin + text.size();
    std::vector<char> stack;
    Want want = Want::Value;
    const char *p = begin;
    auto error
        = [&](const char *at, const char *message) { return makeError(text, at - begin, message); };
    auto afterValue = [&] { return stack.empty() ? Want::End : Want::CommaOrClose; };

    while (true) {
        while (p < end && isJsonWhitespace(*p))
            ++p;
        if (p == end) {
            if (want == Want::End)
                return std::nullopt;
            return error(p,
                         text.isEmpty()
                             ? QT_TRANSLATE_NOOP("hookscope::json", "empty body")
                             : QT_TRANSLATE_NOOP("hookscope::json", "unexpected end of input"));
        }
        const char c = *p;
        switch (want) {
        case Want::End:
            return error(
                p, QT_TRANSLATE_NOOP("hookscope::json", "unexpected content after the JSON value"));
        case Want::Colon:
            if (c != ':')
                return error(p, QT_TRANSLATE_NOOP("hookscope::json", "expected ':'"));
            ++p;
            want = Want::Value;
            continue;
        case Want::CommaOrClose: {
            const char close = stack.back() == '{' ? '}' : ']';
            if (c == ',') {
                ++p;
                want = stack.back() == '{' ? Want::Key : Want::Value;
            } else if (c == close) {
                ++p;
                stack.pop_back();
                want = afterValue();
            } else {
                return error(p,
                             close == '}'
                                 ? QT_TRANSLATE_NOOP("hookscope::json", "expected ',' or '}'")
                                 : QT_TRANSLATE_NOOP("hookscope::json", "expected ',' or ']'"));
            }
            continue;
        }
        case Want::Key:
        case Want::KeyOrClose: {
            if (c == '}' && want == Want::KeyOrClose) {
                ++p;
                stack.pop_back();
                want = afterValue();
                continue;
            }
            if (c != '"')
                return error(p, QT_TRANSLATE_NOOP("hookscope::json", "expected a string key"));
            const char *failure = nullptr;
            const qsizetype length = scanJsonString(p + 1, end, nullptr, &failure);
            if (length < 0)
                return error(failure, QT_TRANSLATE_NOOP("hookscope::json", "invalid string"));
            p += length + 2;
            want = Want::Colon;
            continue;
        }
        case Want::Value:
        case Want::ValueOrClose:
            break;
        }

        if (c == ']' && want == Want::ValueOrClose) {
            ++p;
            stack.pop_back();
            want = afterValue();
            continue;
        }
        if (c == '{' || c == '[') {
            if (stack.size() >= kMaxDepth)
                return error(p, QT_TRANSLATE_NOOP("hookscope::json", "nesting too deep"));
            stack.push_back(c);
            ++p;
            want = c == '{' ? Want::KeyOrClose : Want::ValueOrClose;
            continue;
        }
        if (c == '"') {
            const char *failure = nullptr;
            const qsizetype length = scanJsonString(p + 1, end, nullptr, &failure);
            if (length < 0)
                return error(failure, QT_TRANSLATE_NOOP("hookscope::json", "invalid string"));
            p += length + 2;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            const char *failure = nullptr;
            const qsizetype length = scanJsonNumber(p, end, &failure);
            if (length < 0)
                return error(failure, QT_TRANSLATE_NOOP("hookscope::json", "invalid number"));
            p += length;
        } else {
            bool matched = false;
            for (const QByteArrayView literal :
                 {QByteArrayView("true"), QByteArrayView("false"), QByteArrayView("null")}) {
                if (QByteArrayView(p, std::min<qsizetype>(end - p, literal.size())) == literal) {
                    p += literal.size();
                    matched = true;
                    break;
                }
            }
            if (!matched)
                return error(p, QT_TRANSLATE_NOOP("hookscope::json", "unexpected character"));
        }
        // A literal or number must be followed by a delimiter, not run into more text.
        if (p < end && !isJsonWhitespace(*p) && *p != ',' && *p != '}' && *p != ']' && *p != ':')
            return error(p, QT_TRANSLATE_NOOP("hookscope::json", "unexpected character"));
        want = afterValue();
    }
}

} // namespace hookscope::json
