#include "json/JsonTreeParser.h"

#include <QTest>

using namespace hookscope::json;

class TestJsonTreeParser final : public QObject
{
    Q_OBJECT

    static QStringList childKeys(const PayloadTree &tree, PayloadTree::Index index)
    {
        QStringList keys;
        for (PayloadTree::Index child : tree.children(index))
            keys << tree.key(child);
        return keys;
    }

private Q_SLOTS:
    void keepsKeyOrderAndDuplicates()
    {
        const auto result
            = JsonTreeParser::parse(R"({"z":1,"a":2,"m":{"b":true,"a":false},"a":3})");
        QVERIFY(result.ok());
        const PayloadTree &tree = result.tree;
        QCOMPARE(tree.kind(PayloadTree::kRoot), NodeKind::Object);
        QCOMPARE(childKeys(tree, PayloadTree::kRoot),
                 (QStringList {u"z"_qs, u"a"_qs, u"m"_qs, u"a"_qs}));
        const auto children = tree.children(PayloadTree::kRoot);
        QCOMPARE(tree.value(children[1]), u"2"_qs);
        QCOMPARE(tree.value(children[3]), u"3"_qs);
        QCOMPARE(childKeys(tree, children[2]), (QStringList {u"b"_qs, u"a"_qs}));
        QCOMPARE(tree.kind(tree.children(children[2])[0]), NodeKind::True);
        QCOMPARE(tree.kind(tree.children(children[2])[1]), NodeKind::False);
        QCOMPARE(tree.rawValue(children[2]), QByteArrayView(R"({"b":true,"a":false})"));
        QCOMPARE(tree.node(PayloadTree::kRoot).subtreeSize, tree.size());
    }

    void keepsExactNumberText_data()
    {
        QTest::addColumn<QByteArray>("number");
        QTest::newRow("beyond int64") << QByteArray("12345678901234567890");
        QTest::newRow("beyond uint64") << QByteArray("123456789012345678901234567890");
        QTest::newRow("exponent") << QByteArray("1.0e-7");
        QTest::newRow("negative zero") << QByteArray("-0.0");
        QTest::newRow("trailing zeros") << QByteArray("2.50");
        QTest::newRow("huge exponent") << QByteArray("1E400");
    }

    void keepsExactNumberText()
    {
        QFETCH(QByteArray, number);
        const auto result
            = JsonTreeParser::parse("{\"n\": " + number + " , \"a\":[" + number + "]}");
        QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
        const auto children = result.tree.children(PayloadTree::kRoot);
        QCOMPARE(result.tree.kind(children[0]), NodeKind::Number);
        QCOMPARE(result.tree.value(children[0]), QString::fromLatin1(number));
        QCOMPARE(result.tree.rawValue(result.tree.firstChild(children[1])), QByteArrayView(number));

        const auto root = JsonTreeParser::parse(number + "\n");
        QVERIFY(root.ok());
        QCOMPARE(root.tree.size(), 1u);
        QCOMPARE(root.tree.value(PayloadTree::kRoot), QString::fromLatin1(number));
    }

    void unescapesStringsOnlyWhenShown()
    {
        const auto result = JsonTreeParser::parse(
            "[\"plain\", \"tab\\there\", \"quote \\\" and \\\\\", \"\\u00e9\\ud83d\\ude00\", "
            "\"\", \"ünï\"]");
        QVERIFY(result.ok());
        const auto items = result.tree.children(PayloadTree::kRoot);
        QCOMPARE(items.size(), 6u);
        QCOMPARE(result.tree.value(items[0]), u"plain"_qs);
        QCOMPARE(result.tree.value(items[1]), u"tab\there"_qs);
        QCOMPARE(result.tree.value(items[2]), u"quote \" and \\"_qs);
        QCOMPARE(result.tree.value(items[3]), QString::fromUtf8("\xc3\xa9\xf0\x9f\x98\x80"));
        QCOMPARE(result.tree.value(items[4]), QString());
        QCOMPARE(result.tree.value(items[5]), QString::fromUtf8("ünï"));
        QCOMPARE(result.tree.rawValue(items[1]), QByteArrayView("\"tab\\there\""));
        for (auto item : items)
            QCOMPARE(result.tree.kind(item), NodeKind::String);
    }

    void escapedKeys()
    {
        const auto result = JsonTreeParser::parse("{\"a\\\"b\": null, \"c\\u0064\": 1}");
        QVERIFY(result.ok());
        const auto children = result.tree.children(PayloadTree::kRoot);
        QCOMPARE(result.tree.key(children[0]), u"a\"b"_qs);
        QCOMPARE(result.tree.kind(children[0]), NodeKind::Null);
        QCOMPARE(result.tree.key(children[1]), u"cd"_qs);
    }

    void emptyContainers()
    {
        const auto result = JsonTreeParser::parse(R"( { "o" : { } , "a" : [ ] } )");
        QVERIFY(result.ok());
        const auto children = result.tree.children(PayloadTree::kRoot);
        QCOMPARE(result.tree.childCount(children[0]), 0u);
        QCOMPARE(result.tree.kind(children[1]), NodeKind::Array);
        QCOMPARE(result.tree.rawValue(children[0]), QByteArrayView("{ }"));
        QCOMPARE(result.tree.rawValue(children[1]), QByteArrayView("[ ]"));
        QCOMPARE(result.tree.rawValue(PayloadTree::kRoot),
                 QByteArrayView(R"({ "o" : { } , "a" : [ ] })"));
    }

    void jsonPaths()
    {
        const auto result = JsonTreeParser::parse(
            R"({"data":{"relationships":{"patron":{"data":{"id":"32187"}}}},
                "included":[{"id":"1"},{"id":"2","odd key":{"it\u0027s":0}}]})");
        QVERIFY(result.ok());
        const PayloadTree &tree = result.tree;
        PayloadTree::Index id = tree.childByKey(PayloadTree::kRoot, u"data");
        for (auto key : {u"relationships", u"patron", u"data", u"id"})
            id = tree.childByKey(id, QStringView(key));
        QVERIFY(id != PayloadTree::kNone);
        QCOMPARE(tree.path(id), u"$.data.relationships.patron.data.id"_qs);
        const auto included = tree.children(tree.childByKey(PayloadTree::kRoot, u"included"));
        QCOMPARE(tree.path(tree.childByKey(included[0], u"id")), u"$.included[0].id"_qs);
        const auto odd = tree.childByKey(included[1], u"odd key");
        QCOMPARE(tree.path(odd), u"$.included[1]['odd key']"_qs);
        QCOMPARE(tree.path(tree.firstChild(odd)), u"$.included[1]['odd key']['it\\'s']"_qs);
        QCOMPARE(tree.path(PayloadTree::kRoot), u"$"_qs);
    }

    void invalidJsonReportsLineAndColumn_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::newRow("missing comma") << QByteArray("{\n  \"a\": 1\n  \"b\": 2\n}") << 3 << 3;
        QTest::newRow("trailing comma") << QByteArray("[1,2,]") << 1 << 6;
        QTest::newRow("unterminated") << QByteArray("{\"a\": \"abc") << 1 << 11;
        QTest::newRow("bad literal") << QByteArray("{\"a\": tru}") << 1 << 7;
        QTest::newRow("leading zero") << QByteArray("[01]") << 1 << 3;
        QTest::newRow("bad escape") << QByteArray("[\"a\\x\"]") << 1 << 4;
        QTest::newRow("trailing garbage") << QByteArray("{} x") << 1 << 4;
        QTest::newRow("empty") << QByteArray("") << 1 << 1;
        QTest::newRow("truncated") << QByteArray("{\"a\": [1, 2") << 1 << 12;
        QTest::newRow("control char") << QByteArray("[\"a\tb\"]") << 1 << 4;
        QTest::newRow("column counts characters")
            << QByteArray("{\"é\": 1,\n \"ü\": \"ö\" x}") << 2 << 11;
        QTest::newRow("invalid utf8") << QByteArray("[\"a\xff\"]") << 1 << 4;
        QTest::newRow("key not string") << QByteArray("{a:1}") << 1 << 2;
    }

    void invalidJsonReportsLineAndColumn()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, line);
        QFETCH(int, column);
        const auto result = JsonTreeParser::parse(body);
        QVERIFY(!result.ok());
        QVERIFY(result.tree.isEmpty());
        QVERIFY(!result.error->message.isEmpty());
        QCOMPARE(result.error->line, line);
        QCOMPARE(result.error->column, column);
        QVERIFY(result.error->toString().startsWith(
            QStringLiteral("Line %1, column %2: ").arg(line).arg(column)));
    }
};

QTEST_GUILESS_MAIN(TestJsonTreeParser)
#include "TestJsonTreeParser.moc"
