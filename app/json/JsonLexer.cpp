#include "json/JsonLexer.h"

namespace hookscope::json {

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

static int readHex4(QByteArrayView text, qsizetype at)
{
    if (at + 4 > text.size())
        return -1;
    int v = 0;
    for (qsizetype i = 0; i < 4; ++i) {
        const int h = hexValue(text[at + i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

QString unescapeJsonString(QByteArrayView escaped)
{
    QString out;
    out.reserve(escaped.size());
    qsizetype runStart = 0;
    qsizetype i = 0;
    auto flush = [&](qsizetype upTo) {
        if (upTo > runStart)
            out += QString::fromUtf8(escaped.sliced(runStart, upTo - runStart));
    };
    while (i < escaped.size()) {
        if (escaped[i] != '\\' || i + 1 >= escaped.size()) {
            ++i;
            continue;
        }
        flush(i);
        const char e = escaped[i + 1];
        qsizetype consumed = 2;
        switch (e) {
        case '"':
            out += u'"';
            break;
        case '\\':
            out += u'\\';
            break;
        case '/':
            out += u'/';
            break;
        case 'b':
            out += u'\b';
            break;
        case 'f':
            out += u'\f';
            break;
        case 'n':
            out += u'\n';
            break;
        case 'r':
            out += u'\r';
            break;
        case 't':
            out += u'\t';
            break;
        case 'u': {
            const int unit = readHex4(escaped, i + 2);
            if (unit < 0) {
                out += QString::fromUtf8(escaped.sliced(i, 2));
                break;
            }
            consumed = 6;
            char32_t code = char32_t(unit);
            if (unit >= 0xD800 && unit <= 0xDBFF && i + 7 < escaped.size() && escaped[i + 6] == '\\'
                && escaped[i + 7] == 'u') {
                const int low = readHex4(escaped, i + 8);
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    code = 0x10000 + ((char32_t(unit) - 0xD800) << 10) + (char32_t(low) - 0xDC00);
                    consumed = 12;
                }
            }
            if (code > 0xFFFF)
                out += QString::fromUcs4(&code, 1);
            else
                out += QChar(char16_t(code));
            break;
        }
        default:
            out += QString::fromUtf8(escaped.sliced(i, 2));
            break;
        }
        i += consumed;
        runStart = i;
    }
    flush(escaped.size());
    return out;
}

qsizetype scanJsonString(const char *begin, const char *end, bool *hasEscapes, const char **failure)
{
    auto fail = [failure](const char *at) {
        if (failure)
            *failure = at;
        return qsizetype(-1);
    };
    bool escapes = false;
    const char *p = begin;
    while (p < end) {
        const unsigned char c = static_cast<unsigned char>(*p);
        if (c == '"') {
            if (hasEscapes)
                *hasEscapes = escapes;
            return p - begin;
        }
        if (c < 0x20)
            return fail(p);
        if (c == '\\') {
            escapes = true;
            if (p + 1 >= end)
                return fail(p);
            const char e = p[1];
            if (e == 'u') {
                for (int k = 2; k < 6; ++k) {
                    if (p + k >= end || hexValue(p[k]) < 0)
                        return fail(p);
                }
                p += 6;
                continue;
            }
            if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r'
                && e != 't')
                return fail(p);
            p += 2;
            continue;
        }
        ++p;
    }
    return fail(end);
}

qsizetype scanJsonNumber(const char *begin, const char *end, const char **failure)
{
    const char *p = begin;
    auto isDigit = [&](const char *at) { return at < end && *at >= '0' && *at <= '9'; };
    auto fail = [failure](const char *at) {
        if (failure)
            *failure = at;
        return qsizetype(-1);
    };
    if (p < end && *p == '-')
        ++p;
    if (!isDigit(p))
        return fail(p);
    if (*p == '0') {
        ++p;
    } else {
        while (isDigit(p))
            ++p;
    }
    if (p < end && *p == '.') {
        ++p;
        if (!isDigit(p))
            return fail(p);
        while (isDigit(p))
            ++p;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        ++p;
        if (p < end && (*p == '+' || *p == '-'))
            ++p;
        if (!isDigit(p))
            return fail(p);
        while (isDigit(p))
            ++p;
    }
    return p - begin;
}

qsizetype firstInvalidUtf8(QByteArrayView text)
{
    const auto *s = reinterpret_cast<const unsigned char *>(text.data());
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        char32_t code = 0;
        char32_t minimum = 0;
        if ((c & 0xE0) == 0xC0) {
            extra = 1, code = c & 0x1F, minimum = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2, code = c & 0x0F, minimum = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3, code = c & 0x07, minimum = 0x10000;
        } else {
            return i;
        }
        if (i + extra >= n)
            return i;
        for (int k = 1; k <= extra; ++k) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            code = (code << 6) | (s[i + k] & 0x3F);
        }
        if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return i;
        i += extra + 1;
    }
    return -1;
}

} // namespace hookscope::json
