#include "signing/BodyVariants.h"

#include <QJsonDocument>

#include <optional>

namespace hookscope::signing {

namespace {

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Splits JSON text into tokens, keeping strings, numbers and literals exactly as written so
// re-emitting them changes only the whitespace. The caller has already checked validity.
std::optional<QList<QByteArray>> jsonTokens(const QByteArray &text)
{
    QList<QByteArray> tokens;
    qsizetype i = 0;
    while (i < text.size()) {
        const char c = text.at(i);
        if (isJsonSpace(c)) {
            ++i;
        } else if (c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':') {
            tokens.append(QByteArray(1, c));
            ++i;
        } else if (c == '"') {
            qsizetype j = i + 1;
            while (j < text.size() && text.at(j) != '"')
                j += text.at(j) == '\\' ? 2 : 1;
            if (j >= text.size())
                return std::nullopt;
            tokens.append(text.mid(i, j - i + 1));
            i = j + 1;
        } else {
            qsizetype j = i;
            while (j < text.size() && !isJsonSpace(text.at(j))
                   && !QByteArrayView("{}[],:\"").contains(text.at(j)))
                ++j;
            tokens.append(text.mid(i, j - i));
            i = j;
        }
    }
    return tokens;
}

QByteArray emitCompact(const QList<QByteArray> &tokens, bool spaced)
{
    QByteArray out;
    for (const QByteArray &token : tokens) {
        out += token;
        if (spaced && (token == "," || token == ":"))
            out += ' ';
    }
    return out;
}

// JSON.stringify(value, null, indent) layout: empty containers stay "{}" and "[]".
QByteArray emitPretty(const QList<QByteArray> &tokens, const QByteArray &unit)
{
    QByteArray out;
    int level = 0;
    auto newline = [&out, &level, &unit] { out += '\n' + unit.repeated(level); };
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const QByteArray &token = tokens.at(i);
        const QByteArray next = tokens.value(i + 1);
        if (token == "{" || token == "[") {
            out += token;
            if (next != "}" && next != "]") {
                ++level;
                newline();
            }
        } else if (token == "}" || token == "]") {
            const QByteArray previous = tokens.value(i - 1);
            if (previous != "{" && previous != "[") {
                --level;
                newline();
            }
            out += token;
        } else if (token == ",") {
            out += ',';
            newline();
        } else if (token == ":") {
            out += ": ";
        } else {
            out += token;
        }
    }
    return out;
}

QList<QByteArray> mapStrings(QList<QByteArray> tokens, QByteArray (*transform)(const QByteArray &))
{
    for (QByteArray &token : tokens) {
        if (token.startsWith('"'))
            token = transform(token);
    }
    return tokens;
}

QByteArray escapeSlashes(const QByteArray &token)
{
    QByteArray out;
    for (qsizetype i = 0; i < token.size(); ++i) {
        const char c = token.at(i);
        if (c == '\\') { // keep existing escapes as they are
            out += token.mid(i, 2);
            ++i;
        } else if (c == '/') {
            out += "\\/";
        } else {
            out += c;
        }
    }
    return out;
}

// Python's json.dumps default (ensure_ascii): every non-ASCII character as \uXXXX.
QByteArray escapeNonAscii(const QByteArray &token)
{
    QByteArray out;
    const QString text = QString::fromUtf8(token);
    for (QChar c : text) {
        if (c.unicode() < 0x80)
            out += char(c.unicode());
        else
            out += "\\u" + QByteArray::number(c.unicode(), 16).rightJustified(4, '0');
    }
    return out;
}

} // namespace

QList<BodyVariant> bodyVariants(const QByteArray &body)
{
    QList<BodyVariant> variants;
    auto add = [&variants, &body](const QString &description, const QByteArray &variant) {
        if (variant == body)
            return;
        for (const BodyVariant &existing : std::as_const(variants)) {
            if (existing.body == variant)
                return;
        }
        variants.append({description, variant});
    };

    if (body.endsWith("\r\n"))
        add(QStringLiteral("the body without its final CRLF"), body.chopped(2));
    if (body.endsWith('\n'))
        add(QStringLiteral("the body without its final newline"), body.chopped(1));
    add(QStringLiteral("the body with a trailing newline added"), body + '\n');
    add(QStringLiteral("the body with a trailing CRLF added"), body + "\r\n");
    if (body.contains("\r\n"))
        add(QStringLiteral("the body with CRLF line endings turned into LF"),
            QByteArray(body).replace("\r\n", "\n"));
    else if (body.contains('\n'))
        add(QStringLiteral("the body with LF line endings turned into CRLF"),
            QByteArray(body).replace("\n", "\r\n"));

    if (body.size() > 1024 * 1024)
        return variants;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || document.isNull())
        return variants;
    const auto tokens = jsonTokens(body);
    if (!tokens)
        return variants;

    const QByteArray compact = emitCompact(*tokens, false);
    add(QStringLiteral("the body as compact JSON (whitespace removed, key order kept)"), compact);
    add(QStringLiteral("the body as compact JSON with a trailing newline"), compact + '\n');
    add(QStringLiteral("the body with Python json.dumps spacing (\", \" and \": \")"),
        emitCompact(*tokens, true));
    add(QStringLiteral("the body as JSON pretty-printed with 2 spaces"), emitPretty(*tokens, "  "));
    add(QStringLiteral("the body as JSON pretty-printed with 2 spaces and a final newline"),
        emitPretty(*tokens, "  ") + '\n');
    add(QStringLiteral("the body as JSON pretty-printed with 4 spaces"),
        emitPretty(*tokens, "    "));
    add(QStringLiteral("the body as JSON pretty-printed with a tab"), emitPretty(*tokens, "\t"));
    add(QStringLiteral("the body as compact JSON with keys sorted"),
        document.toJson(QJsonDocument::Compact));
    add(QStringLiteral("the body as JSON with keys sorted, indented by 4 spaces"),
        document.toJson(QJsonDocument::Indented));
    if (body.contains('/'))
        add(QStringLiteral("the body as compact JSON with \"/\" escaped as \"\\/\" (PHP's "
                           "json_encode)"),
            emitCompact(mapStrings(*tokens, escapeSlashes), false));
    const bool nonAscii = std::any_of(body.begin(), body.end(), [](char c) { return c & 0x80; });
    if (nonAscii) {
        const auto escaped = mapStrings(*tokens, escapeNonAscii);
        add(QStringLiteral("the body with non-ASCII characters escaped as \\uXXXX (Python's "
                           "json.dumps default)"),
            emitCompact(escaped, true));
        add(QStringLiteral("the body as compact JSON with non-ASCII characters escaped as "
                           "\\uXXXX"),
            emitCompact(escaped, false));
    }
    return variants;
}

} // namespace hookscope::signing
