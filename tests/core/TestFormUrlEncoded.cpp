#include "payload/BodyParser.h"
#include "payload/FormUrlEncoded.h"

#include <QTest>

using namespace hookscope;
using json::NodeKind;
using json::PayloadTree;

class TestFormUrlEncoded final : public QObject
{
    Q_OBJECT

    static QList<QPair<QString, QString>> pairs(const PayloadTree &tree)
    {
        QList<QPair<QString, QString>> result;
        for (PayloadTree::Index child : tree.children(PayloadTree::kRoot))
            result.append({tree.key(child), tree.value(child)});
        return result;
    }

private Q_SLOTS:
    void decodesPairsInOrderWithRepeats()
    {
        const PayloadTree tree
            = payload::parseFormUrlEncoded("b=2&a=hello+world&b=%E2%9C%93&empty=&flag&&c=%3D%26");
        QCOMPARE(tree.kind(PayloadTree::kRoot), NodeKind::Object);
        const QList<QPair<QString, QString>> expected {
            {u"b"_qs, u"2"_qs},
            {u"a"_qs, u"hello world"_qs},
            {u"b"_qs, QString(QChar(0x2713))},
            {u"empty"_qs, {}},
            {u"flag"_qs, {}},
            {u"c"_qs, u"=&"_qs},
        };
        QCOMPARE(pairs(tree), expected);
        for (PayloadTree::Index child : tree.children(PayloadTree::kRoot))
            QCOMPARE(tree.kind(child), NodeKind::String);
        QCOMPARE(tree.path(tree.children(PayloadTree::kRoot)[1]), u"$.a"_qs);
    }

    void jsonInsideAFieldBecomesASubtree()
    {
        const PayloadTree tree = payload::parseFormUrlEncoded(
            "payload=%7B%22action%22%3A%22opened%22%2C%22n%22%3A%5B1%2C2.50%5D%2C%22e%22%3A%22"
            "%5Cu00e9%22%7D&broken=%7Bnope&x=1");
        const auto fields = tree.children(PayloadTree::kRoot);
        QCOMPARE(fields.size(), 3u);
        QCOMPARE(tree.kind(fields[0]), NodeKind::Object);
        QCOMPARE(tree.key(fields[0]), u"payload"_qs);
        QCOMPARE(tree.rawValue(fields[0]),
                 QByteArrayView("{\"action\":\"opened\",\"n\":[1,2.50],\"e\":\"\\u00e9\"}"));
        const auto members = tree.children(fields[0]);
        QCOMPARE(members.size(), 3u);
        QCOMPARE(tree.key(members[0]), u"action"_qs);
        QCOMPARE(tree.value(members[0]), u"opened"_qs);
        QCOMPARE(tree.parent(members[0]), fields[0]);
        const auto numbers = tree.children(members[1]);
        QCOMPARE(tree.value(numbers[1]), u"2.50"_qs);
        QCOMPARE(tree.path(numbers[1]), u"$.payload.n[1]"_qs);
        QCOMPARE(tree.value(members[2]), QString(QChar(0xe9)));
        QCOMPARE(tree.nextSibling(fields[0]), fields[1]);
        QCOMPARE(tree.kind(fields[1]), NodeKind::String); // not valid JSON: kept as text
        QCOMPARE(tree.value(fields[1]), u"{nope"_qs);
        QCOMPARE(tree.value(fields[2]), u"1"_qs);
        QCOMPARE(tree.parent(fields[2]), PayloadTree::kRoot);
    }

    void decodingEdgeCases()
    {
        QCOMPARE(payload::decodeFormComponent("100%"), QByteArray("100%"));
        QCOMPARE(payload::decodeFormComponent("%zz%4"), QByteArray("%zz%4"));
        QCOMPARE(payload::decodeFormComponent("a%2Bb+c"), QByteArray("a+b c"));
        QCOMPARE(payload::decodeFormComponent("%c3%A9"), QByteArray("\xc3\xa9"));
        QCOMPARE(payload::decodeFormComponent(""), QByteArray());
    }

    void keysDecodeAndOddKeysGetBracketPaths()
    {
        const PayloadTree tree = payload::parseFormUrlEncoded("user%5Bname%5D=x&=novalue");
        const auto children = tree.children(PayloadTree::kRoot);
        QCOMPARE(children.size(), 2u);
        QCOMPARE(tree.key(children[0]), u"user[name]"_qs);
        QCOMPARE(tree.path(children[0]), u"$['user[name]']"_qs);
        QCOMPARE(tree.key(children[1]), QString());
        QCOMPARE(tree.value(children[1]), u"novalue"_qs);
    }

    void emptyBody()
    {
        const PayloadTree tree = payload::parseFormUrlEncoded("");
        QCOMPARE(tree.size(), 1u);
        QCOMPARE(tree.childCount(PayloadTree::kRoot), 0u);
    }

    void queryOfTarget()
    {
        bool hasQuery = false;
        QCOMPARE(payload::queryOfTarget("/hook?a=1&b=2#frag", &hasQuery),
                 QByteArrayView("a=1&b=2"));
        QVERIFY(hasQuery);
        QCOMPARE(payload::queryOfTarget("/hook?", &hasQuery), QByteArrayView(""));
        QVERIFY(hasQuery);
        QCOMPARE(payload::queryOfTarget("/hook#x?y", &hasQuery), QByteArrayView());
        QVERIFY(!hasQuery);
        const PayloadTree tree = payload::parseFormUrlEncoded(
            payload::queryOfTarget("/hooks/patreon?token=a%20b&token=c+d"));
        QCOMPARE(
            pairs(tree),
            (QList<QPair<QString, QString>> {{u"token"_qs, u"a b"_qs}, {u"token"_qs, u"c d"_qs}}));
    }

    void contentTypeChoosesParser_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("format");
        using F = payload::BodyFormat;
        QTest::newRow("json") << QByteArray("application/json; charset=utf-8") << QByteArray("1")
                              << int(F::Json);
        QTest::newRow("json:api") << QByteArray("application/vnd.api+json") << QByteArray("{}")
                                  << int(F::Json);
        QTest::newRow("form") << QByteArray("Application/X-WWW-Form-Urlencoded")
                              << QByteArray("a=1") << int(F::FormUrlEncoded);
        QTest::newRow("multipart")
            << QByteArray("multipart/form-data; boundary=x") << QByteArray() << int(F::Multipart);
        QTest::newRow("sniffed") << QByteArray() << QByteArray(" \n{\"a\":1}") << int(F::Json);
        QTest::newRow("text") << QByteArray("text/plain") << QByteArray("hello") << int(F::None);
        QTest::newRow("xml") << QByteArray("application/xml") << QByteArray("{") << int(F::None);
    }

    void contentTypeChoosesParser()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(int, format);
        QCOMPARE(int(payload::bodyFormatFor(contentType, body)), format);
    }

    void parseBodyReportsJsonErrors()
    {
        const payload::ParsedBody bad = payload::parseBody("application/json", "{\"a\":}");
        QCOMPARE(bad.format, payload::BodyFormat::Json);
        QVERIFY(bad.tree.isEmpty());
        QVERIFY(bad.jsonError);
        QCOMPARE(bad.jsonError->column, 6);

        const payload::ParsedBody empty = payload::parseBody("application/json", " \r\n");
        QVERIFY(!empty.jsonError);
        QVERIFY(empty.tree.isEmpty());

        const payload::ParsedBody form
            = payload::parseBody("application/x-www-form-urlencoded", "x=1");
        QVERIFY(!form.jsonError);
        QCOMPARE(form.tree.childCount(PayloadTree::kRoot), 1u);
    }
};

QTEST_GUILESS_MAIN(TestFormUrlEncoded)
#include "TestFormUrlEncoded.moc"
