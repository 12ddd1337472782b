// libFuzzer target: what a user or a template file feeds the composer: `{{...}}` placeholders,
// `--set PATH=VALUE` overrides and the order-keeping JSON parser and writer.
// Input: the override on the first line, the template text after it.
#include "compose/JsonOverride.h"
#include "compose/OrderedJson.h"
#include "compose/Placeholders.h"
#include "json/JsonLexer.h"
#include "json/JsonTreeParser.h"

#include <QDateTime>

#include <cstdint>
#include <cstdlib>

using namespace hookscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype newline = input.indexOf('\n');
    const QByteArray assignment = newline < 0 ? QByteArray() : input.first(newline);
    const QByteArray text = newline < 0 ? input : input.sliced(newline + 1);

    // Placeholders, as a template body and headers are rendered.
    compose::PlaceholderContext context(7, QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC));
    const QString templateText = QString::fromUtf8(text);
    QString expanded;
    QString error;
    (void)context.expand(templateText, &expanded, &error);
    (void)context.wholeNumber(templateText, &error);
    // Escaping then expanding gives the text back.
    QString roundTrip;
    if (!context.expand(compose::PlaceholderContext::escaped(templateText), &roundTrip, &error)
        || roundTrip != templateText)
        std::abort();

    // The order-keeping parser: what it accepts it writes back as JSON that parses to the same.
    compose::JsonParseError parseError;
    const compose::JsonValue value = compose::parseJson(text, &parseError);
    if (parseError.ok()) {
        const QByteArray compact = value.toCompact();
        compose::JsonParseError again;
        const compose::JsonValue reparsed = compose::parseJson(compact, &again);
        if (!again.ok() || reparsed.toCompact() != compact)
            std::abort();
        (void)value.toPretty();
        // Both JSON parsers of the app must agree on what is JSON (both refuse invalid UTF-8;
        // the guard stays so a regression there shows up in TestFuzzRegressions first).
        if (json::firstInvalidUtf8(text) < 0 && !json::JsonTreeParser::parse(text).ok())
            std::abort();
    } else {
        (void)parseError.describe();
        if (!parseError.message.contains(QStringLiteral("too deep"))
            && json::JsonTreeParser::parse(text).ok())
            std::abort();
    }

    // --set PATH=VALUE spliced into the template text.
    compose::JsonOverride override;
    if (compose::JsonOverride::parse(QString::fromUtf8(assignment), &override, &error)) {
        QByteArray json = text;
        if (compose::applyOverride(json, override, &error)) {
            compose::JsonParseError spliced;
            (void)compose::parseJson(json, &spliced);
            if (!spliced.ok())
                std::abort(); // a splice must leave valid JSON behind
        }
    }
    return 0;
}
