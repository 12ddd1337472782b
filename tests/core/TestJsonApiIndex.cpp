#include "TestConfig.h"
#include "json/JsonApiIndex.h"
#include "json/JsonTreeParser.h"

#include <QFile>
#include <QTest>

using namespace hookscope::json;

class TestJsonApiIndex final : public QObject
{
    Q_OBJECT

    static PayloadTree::Index at(const PayloadTree &tree, const QStringList &keys)
    {
        PayloadTree::Index index = PayloadTree::kRoot;
        for (const QString &key : keys) {
            index = tree.childByKey(index, key);
            if (index == PayloadTree::kNone)
                return index;
        }
        return index;
    }

private Q_SLOTS:
    void resolvesPatreonPledgeRelationships()
    {
        QFile file(QStringLiteral(HOOKSCOPE_TEST_DATA_DIR "/json/patreon-pledge.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto result = JsonTreeParser::parse(file.readAll());
        QVERIFY(result.ok());
        const PayloadTree &tree = result.tree;
        const JsonApiIndex index(tree);
        QVERIFY(!index.isEmpty());

        const QString rel = QStringLiteral("relationships");
        const auto creator = at(tree, {u"data"_qs, rel, u"creator"_qs});
        const auto patron = at(tree, {u"data"_qs, rel, u"patron"_qs});
        const auto reward = at(tree, {u"data"_qs, rel, u"reward"_qs});
        const auto address = at(tree, {u"data"_qs, rel, u"address"_qs});
        QVERIFY(creator != PayloadTree::kNone && patron != PayloadTree::kNone);

        QCOMPARE(tree.path(index.resolved(creator)), u"$.included[0]"_qs);
        QCOMPARE(tree.path(index.resolved(patron)), u"$.included[1]"_qs);
        QCOMPARE(tree.path(index.resolved(reward)), u"$.included[2]"_qs);
        QCOMPARE(index.resolved(address), PayloadTree::kNone); // "data": null
        QCOMPARE(JsonApiIndex::describe(tree, index.resolved(patron)), u"user 32187"_qs);
        QCOMPARE(JsonApiIndex::describe(tree, index.resolved(reward)), u"reward 599336"_qs);
        const auto fullName
            = tree.childByKey(tree.childByKey(index.resolved(patron), u"attributes"), u"full_name");
        QCOMPARE(tree.value(fullName), u"Example Patron"_qs);
    }

    void resolvesToManyAndIgnoresUnknown()
    {
        const auto result = JsonTreeParser::parse(
            R"({"data":{"relationships":{"tags":{"data":[{"type":"tag","id":"1"},
               {"type":"tag","id":"9"}]}}},
               "included":[{"type":"tag","id":"1","attributes":{"n":"one"}}]})");
        QVERIFY(result.ok());
        const JsonApiIndex index(result.tree);
        const auto tags = at(result.tree, {u"data"_qs, u"relationships"_qs, u"tags"_qs});
        QCOMPARE(index.resolved(tags), PayloadTree::kNone);
        const auto identifiers = result.tree.children(result.tree.childByKey(tags, u"data"));
        QCOMPARE(result.tree.path(index.resolved(identifiers[0])), u"$.included[0]"_qs);
        QCOMPARE(index.resolved(identifiers[1]), PayloadTree::kNone);
    }

    void plainJsonHasNoLinks()
    {
        const auto result = JsonTreeParser::parse(R"({"relationships":{"a":{"data":{"id":"1",
            "type":"x"}}}})");
        QVERIFY(result.ok());
        QVERIFY(JsonApiIndex(result.tree).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestJsonApiIndex)
#include "TestJsonApiIndex.moc"
