#include "compose/JsonOverride.h"
#include "compose/OrderedJson.h"

#include <QTest>

using namespace hookscope::compose;

// The ordered JSON value the templates are built on, and `--set` overrides spliced into text.
class TestTemplateJson final : public QObject
{
    Q_OBJECT

    static QByteArray overridden(QByteArray json, const QString &assignment)
    {
        JsonOverride override;
        QString error;
        if (!JsonOverride::parse(assignment, &override, &error)
            || !applyOverride(json, override, &error))
            return "ERROR: " + error.toUtf8();
        return json;
    }

private Q_SLOTS:
    // A value that is not JSON goes as a string; where the body had something else there, that
    // is said, since it is most often a typo the receiver would choke on.
    void aStringInPlaceOfANumberIsNoted()
    {
        const auto noteFor = [](const QString &assignment, QByteArray *json) {
            JsonOverride override;
            QString error;
            QString note;
            if (!JsonOverride::parse(assignment, &override, &error)
                || !applyOverride(*json, override, &error, &note))
                return u"ERROR: "_qs + error;
            return note;
        };
        QByteArray json = R"({"data":{"amount_cents":500,"name":"x","on":true}})";
        QCOMPARE(noteFor(u"data.amount_cents=5OO"_qs, &json),
                 u"note: --set data.amount_cents: the body has a number there, and '5OO' is not "
                 u"JSON, so it is sent as the string \"5OO\""_qs);
        QCOMPARE(json, QByteArray(R"({"data":{"amount_cents":"5OO","name":"x","on":true}})"));
        QVERIFY(noteFor(u"data.on=yes"_qs, &json).contains(u"a boolean there"_qs));
        // Nothing to say: a string for a string, JSON for anything, a new key.
        QCOMPARE(noteFor(u"data.name=Jane"_qs, &json), QString());
        QCOMPARE(noteFor(u"data.amount_cents=750"_qs, &json), QString());
        QCOMPARE(noteFor(u"data.extra=free text"_qs, &json), QString());
        QCOMPARE(json,
                 QByteArray(R"({"data":{"amount_cents":750,"name":"Jane","on":"yes",)"
                            R"("extra":"free text"}})"));
    }

    // Review: `--set repository.nme=foo` added "nme" without a word. A new last key is still
    // added (that is documented), but one a typo away from a sibling is noted.
    void aNewKeyNearASiblingIsNoted()
    {
        const auto apply = [](const QString &assignment, QByteArray *json) {
            JsonOverride override;
            QString error;
            QString note;
            if (!JsonOverride::parse(assignment, &override, &error)
                || !applyOverride(*json, override, &error, &note))
                return u"ERROR: "_qs + error;
            return note;
        };
        QByteArray json = R"({"repository":{"id":1,"name":"Hello-World","full_name":"o/H"}})";
        QCOMPARE(apply(u"repository.nme=foo"_qs, &json),
                 uR"(note: --set repository.nme: no key "nme", added it; did you mean "name"?)"_qs);
        QCOMPARE(json,
                 QByteArray(R"({"repository":{"id":1,"name":"Hello-World","full_name":"o/H",)"
                            R"("nme":"foo"}})"));
        // Two edits on a longer key, a swap of neighbours, and case are typos too.
        QVERIFY(apply(u"repository.fulname=x"_qs, &json).endsWith(uR"("full_name"?)"_qs));
        QVERIFY(apply(u"repository.naem=x"_qs, &json).endsWith(uR"(mean "name"?)"_qs));
        QVERIFY(apply(u"repository.Name=x"_qs, &json).endsWith(uR"(mean "name"?)"_qs));
        // A key far from every sibling is meant as new, and an existing key is no news.
        QCOMPARE(apply(u"repository.topics=[]"_qs, &json), QString());
        QCOMPARE(apply(u"repository.name=foo"_qs, &json), QString());
        QCOMPARE(apply(u"repository.nme=bar"_qs, &json), QString());
        QCOMPARE(apply(u"added=1"_qs, &json), QString());
        // A missing middle key is still refused.
        QCOMPARE(apply(u"repositry.name=x"_qs, &json),
                 u"ERROR: repositry.name: no key 'repositry'"_qs);
    }

    void roundTripKeepsKeyOrderAndNumbers()
    {
        const QByteArray text
            = R"({"z":1,"a":{"y":[1,2.50,-3e+2],"b":null},"m":"\u00e9\n","t":true})";
        JsonParseError error;
        const JsonValue value = parseJson(text, &error);
        QVERIFY2(error.ok(), qPrintable(error.describe()));
        QCOMPARE(value.toCompact(),
                 QByteArray("{\"z\":1,\"a\":{\"y\":[1,2.50,-3e+2],\"b\":null},\"m\":\"é\\n\",\"t\":"
                            "true}"));
        QCOMPARE(value.members().at(0).first, QStringLiteral("z"));
        QCOMPARE(parseJson(value.toPretty()).toCompact(), value.toCompact());
    }

    void prettyPrintsTwoSpaces()
    {
        const JsonValue value = parseJson(R"({"a":[1,{}],"b":{}})");
        QCOMPARE(value.toPretty(),
                 QByteArray("{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": {}\n}"));
    }

    void errorsPointAtLineAndColumn_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::newRow("missing comma") << QByteArray("{\n  \"a\": 1\n  \"b\": 2\n}") << 3 << 3;
        QTest::newRow("trailing comma") << QByteArray("[1,2,]") << 1 << 6;
        QTest::newRow("bad literal") << QByteArray("{\"a\": tru}") << 1 << 7;
        QTest::newRow("unterminated") << QByteArray("\"abc") << 1 << 5;
        QTest::newRow("garbage after") << QByteArray("{} x") << 1 << 4;
        QTest::newRow("empty") << QByteArray("") << 1 << 1;
        QTest::newRow("raw newline in string") << QByteArray("\"a\nb\"") << 1 << 3;
    }

    void errorsPointAtLineAndColumn()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(int, column);
        JsonParseError error;
        const JsonValue value = parseJson(text, &error);
        QVERIFY(!error.ok());
        QVERIFY(value.isNull());
        QCOMPARE(error.line, line);
        QCOMPARE(error.column, column);
    }

    void deepNestingIsRefusedNotCrashing()
    {
        const QByteArray deep = QByteArray(100000, '[') + QByteArray(100000, ']');
        JsonParseError error;
        parseJson(deep, &error);
        QVERIFY(!error.ok());
        QVERIFY(error.message.contains(QStringLiteral("deep")));
    }

    void surrogatePairsDecode()
    {
        const JsonValue value = parseJson(R"(["\ud83d\ude00"])");
        QCOMPARE(value.elements().at(0).toString(), QString::fromUtf8("😀"));
    }

    void overrideReplacesOnlyTheValueBytes_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("assignment");
        QTest::addColumn<QByteArray>("expected");
        const QByteArray pledge
            = R"({"data":{"attributes":{"amount_cents":250,"created_at":"x"},"id":"1"}})";
        QTest::newRow("number")
            << pledge << QStringLiteral("data.attributes.amount_cents=500")
            << QByteArray(
                   R"({"data":{"attributes":{"amount_cents":500,"created_at":"x"},"id":"1"}})");
        QTest::newRow("string when not JSON")
            << pledge << QStringLiteral("data.id=abc")
            << QByteArray(
                   R"({"data":{"attributes":{"amount_cents":250,"created_at":"x"},"id":"abc"}})");
        QTest::newRow("JSON string stays a string")
            << pledge << QStringLiteral("data.id=\"7\"")
            << QByteArray(
                   R"({"data":{"attributes":{"amount_cents":250,"created_at":"x"},"id":"7"}})");
        QTest::newRow("null and objects")
            << pledge << QStringLiteral("data.attributes={\"b\": null, \"a\": 1}")
            << QByteArray(R"({"data":{"attributes":{"b":null,"a":1},"id":"1"}})");
        QTest::newRow("new key appended last")
            << pledge << QStringLiteral("data.attributes.declined_since=null")
            << QByteArray(
                   R"({"data":{"attributes":{"amount_cents":250,"created_at":"x","declined_since":null},"id":"1"}})");
        QTest::newRow("into an empty object")
            << QByteArray(R"({"a":{}})") << QStringLiteral("a.k=1")
            << QByteArray(R"({"a":{"k":1}})");
        QTest::newRow("array index") << QByteArray(R"({"included":[{"id":"1"},{"id":"2"}]})")
                                     << QStringLiteral("included.1.id=9")
                                     << QByteArray(R"({"included":[{"id":"1"},{"id":9}]})");
        QTest::newRow("bracket index") << QByteArray(R"({"included":[{"id":"1"},{"id":"2"}]})")
                                       << QStringLiteral("included[0].id=x")
                                       << QByteArray(R"({"included":[{"id":"x"},{"id":"2"}]})");
        QTest::newRow("append to array") << QByteArray(R"({"a":[1]})") << QStringLiteral("a.1=2")
                                         << QByteArray(R"({"a":[1,2]})");
        QTest::newRow("escaped dot in key")
            << QByteArray(R"({"a.b":1})") << QStringLiteral("a\\.b=2")
            << QByteArray(R"({"a.b":2})");
        QTest::newRow("pretty text keeps its layout")
            << QByteArray("{\n  \"z\": 1,\n  \"a\": 2\n}\n") << QStringLiteral("z=3")
            << QByteArray("{\n  \"z\": 3,\n  \"a\": 2\n}\n");
        QTest::newRow("value with = inside")
            << QByteArray(R"({"q":""})") << QStringLiteral("q=a=b") << QByteArray(R"({"q":"a=b"})");
    }

    void overrideReplacesOnlyTheValueBytes()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, assignment);
        QFETCH(QByteArray, expected);
        QCOMPARE(overridden(json, assignment), expected);
    }

    void overrideErrorsAreClear_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("assignment");
        QTest::addColumn<QString>("message");
        QTest::newRow("no equals")
            << QByteArray("{}") << QStringLiteral("a.b") << QStringLiteral("PATH=VALUE");
        QTest::newRow("missing parent") << QByteArray(R"({"a":{}})") << QStringLiteral("a.b.c=1")
                                        << QStringLiteral("no key 'b'");
        QTest::newRow("not an index") << QByteArray(R"({"a":[]})") << QStringLiteral("a.x=1")
                                      << QStringLiteral("not an array index");
        QTest::newRow("past the end") << QByteArray(R"({"a":[]})") << QStringLiteral("a.3=1")
                                      << QStringLiteral("past the end");
        QTest::newRow("into a scalar") << QByteArray(R"({"a":1})") << QStringLiteral("a.b=1")
                                       << QStringLiteral("neither object nor array");
        QTest::newRow("body not JSON")
            << QByteArray("plain") << QStringLiteral("a=1") << QStringLiteral("not valid JSON");
        QTest::newRow("empty segment")
            << QByteArray("{}") << QStringLiteral("a..b=1") << QStringLiteral("empty path segment");
    }

    void overrideErrorsAreClear()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, assignment);
        QFETCH(QString, message);
        const QByteArray result = overridden(json, assignment);
        QVERIFY2(result.startsWith("ERROR: ") && result.contains(message.toUtf8()),
                 result.constData());
    }
};

QTEST_GUILESS_MAIN(TestTemplateJson)
#include "TestTemplateJson.moc"
