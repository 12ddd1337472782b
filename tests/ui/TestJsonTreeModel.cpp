#include "JsonTreeModel.h"
#include "TestConfig.h"
#include "json/JsonTreeParser.h"
#include "payload/FormUrlEncoded.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QTest>

using namespace hookscope;
using ui::JsonTreeModel;

class TestJsonTreeModel final : public QObject
{
    Q_OBJECT

    static std::shared_ptr<const json::PayloadTree> parse(const QByteArray &text)
    {
        auto result = json::JsonTreeParser::parse(text);
        if (!result.ok())
            return {};
        return std::make_shared<const json::PayloadTree>(std::move(result.tree));
    }

    static QByteArray patreonPledge()
    {
        QFile file(QStringLiteral(HOOKSCOPE_TEST_DATA_DIR "/json/patreon-pledge.json"));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static QStringList keysUnder(const JsonTreeModel &model, const QModelIndex &parent)
    {
        QStringList keys;
        for (int row = 0; row < model.rowCount(parent); ++row)
            keys << model.index(row, JsonTreeModel::KeyColumn, parent).data().toString();
        return keys;
    }

    static QModelIndex child(const JsonTreeModel &model, const QModelIndex &parent,
                             const QString &key)
    {
        for (int row = 0; row < model.rowCount(parent); ++row) {
            const QModelIndex index = model.index(row, 0, parent);
            if (index.data().toString() == key)
                return index;
        }
        return {};
    }

private Q_SLOTS:
    void passesModelTesterOnNestedDuplicateAndHugeNumbers()
    {
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSections(
            {{u"body"_qs, u"$"_qs,
              parse(R"({"a":{"b":[1,{"c":null}],"b":12345678901234567890},"a":-0.0,
                        "e":[], "f":{}, "g":[[[1.0e-7]]]})")},
             {u"query"_qs, u"query"_qs,
              std::make_shared<const json::PayloadTree>(payload::parseFormUrlEncoded("x=1&x=2"))}});
        QCOMPARE(model.rowCount(), 2);
        const QModelIndex body = model.index(0, 0);
        QCOMPARE(keysUnder(model, body),
                 (QStringList {u"a"_qs, u"a"_qs, u"e"_qs, u"f"_qs, u"g"_qs}));
        const QModelIndex a = model.index(0, 0, body);
        QCOMPARE(keysUnder(model, a), (QStringList {u"b"_qs, u"b"_qs}));
        const QModelIndex huge = model.index(1, JsonTreeModel::ValueColumn, a);
        QCOMPARE(huge.data().toString(), u"12345678901234567890"_qs);
        QCOMPARE(huge.siblingAtColumn(JsonTreeModel::TypeColumn).data().toString(), u"number"_qs);
        QCOMPARE(model.index(1, JsonTreeModel::ValueColumn, body).data().toString(), u"-0.0"_qs);
        QVERIFY(model.flags(huge) & Qt::ItemNeverHasChildren);
        QVERIFY(!(model.flags(a) & Qt::ItemNeverHasChildren));
        QVERIFY(!model.hasChildren(model.index(2, 0, body))); // empty array

        // Walk everything so the tester sees every item.
        std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
            for (int row = 0; row < model.rowCount(parent); ++row)
                walk(model.index(row, 0, parent));
        };
        walk({});
        const QModelIndex deep
            = model.index(0, 0, model.index(0, 0, model.index(0, 0, model.index(4, 0, body))));
        QCOMPARE(deep.siblingAtColumn(1).data().toString(), u"1.0e-7"_qs);
        QCOMPARE(deep.data(JsonTreeModel::PathRole).toString(), u"$.g[0][0][0]"_qs);
        QCOMPARE(model.index(1, 0, model.index(1, 0)).data(JsonTreeModel::PathRole).toString(),
                 u"query.x"_qs);

        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void stylesKindsApart()
    {
        JsonTreeModel model;
        model.setSections({{u"body"_qs, u"$"_qs, parse(R"(["s", 1, true, null])")}});
        const QModelIndex body = model.index(0, 0);
        QSet<QRgb> colours;
        for (int row = 0; row < 4; ++row) {
            const QVariant colour
                = model.index(row, JsonTreeModel::ValueColumn, body).data(Qt::ForegroundRole);
            QVERIFY(colour.canConvert<QColor>());
            colours.insert(colour.value<QColor>().rgb());
        }
        QCOMPARE(colours.size(), 4);
        QCOMPARE(model.index(0, 1, body).data().toString(), u"\"s\""_qs);
        QCOMPARE(model.index(0, 1, body).data(JsonTreeModel::CopyValueRole).toString(), u"s"_qs);
        QCOMPARE(model.index(0, 2, body).data().toString(), u"string"_qs);
        QCOMPARE(model.index(2, 2, body).data().toString(), u"boolean"_qs);
        QCOMPARE(model.index(3, 2, body).data().toString(), u"null"_qs);
        QVERIFY(model.index(3, 1, body).data(Qt::FontRole).value<QFont>().italic());
    }

    void showsJsonApiResourcesInline()
    {
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSections({{u"body"_qs, u"$"_qs, parse(patreonPledge())}});
        const QModelIndex body = model.index(0, 0);
        QCOMPARE(keysUnder(model, body), (QStringList {u"data"_qs, u"included"_qs}));
        const QModelIndex relationships
            = child(model, child(model, body, u"data"_qs), u"relationships"_qs);
        QCOMPARE(
            keysUnder(model, relationships),
            (QStringList {u"address"_qs, u"card"_qs, u"creator"_qs, u"patron"_qs, u"reward"_qs}));
        const QModelIndex patron = child(model, relationships, u"patron"_qs);
        QCOMPARE(keysUnder(model, patron),
                 (QStringList {u"data"_qs, u"links"_qs, u"\u21b3 user 32187"_qs}));
        const QModelIndex resolved = model.index(2, 0, patron);
        QVERIFY(resolved.data(JsonTreeModel::ResolvedRole).toBool());
        QCOMPARE(resolved.data(JsonTreeModel::PathRole).toString(), u"$.included[1]"_qs);
        QCOMPARE(keysUnder(model, resolved),
                 (QStringList {u"attributes"_qs, u"id"_qs, u"type"_qs}));
        const QModelIndex fullName = child(model, model.index(0, 0, resolved), u"full_name"_qs);
        QCOMPARE(fullName.siblingAtColumn(1).data(JsonTreeModel::CopyValueRole).toString(),
                 u"Example Patron"_qs);
        QCOMPARE(fullName.data(JsonTreeModel::PathRole).toString(),
                 u"$.included[1].attributes.full_name"_qs);
        const QModelIndex id = child(model, model.index(0, 0, patron), u"id"_qs);
        QCOMPARE(id.data(JsonTreeModel::PathRole).toString(),
                 u"$.data.relationships.patron.data.id"_qs);
        QCOMPARE(
            child(model, relationships, u"address"_qs).data(JsonTreeModel::PathRole).toString(),
            u"$.data.relationships.address"_qs);
        QCOMPARE(model.rowCount(child(model, relationships, u"reward"_qs)), 3);
        QCOMPARE(model.rowCount(child(model, relationships, u"card"_qs)), 1);
    }

    void copiesObjectsAsTheirJsonText()
    {
        JsonTreeModel model;
        model.setSections({{u"body"_qs, u"$"_qs, parse(R"({"o": {"a": [1, 2.50]}})")}});
        const QModelIndex o = model.index(0, 0, model.index(0, 0));
        QCOMPARE(o.data(JsonTreeModel::CopyValueRole).toString(), u"{\"a\": [1, 2.50]}"_qs);
        QCOMPARE(o.siblingAtColumn(1).data().toString(), u"1 key"_qs);
    }

    void findsAcrossUnexpandedNodes()
    {
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSections({{u"body"_qs, u"$"_qs, parse(patreonPledge())}});
        QModelIndex hit = model.find(u"EXAMPLE PATRON"_qs, {});
        QVERIFY(hit.isValid());
        QCOMPARE(hit.data(JsonTreeModel::PathRole).toString(),
                 u"$.included[1].attributes.full_name"_qs);
        hit = model.find(u"amount_cents"_qs, {});
        QCOMPARE(hit.data(JsonTreeModel::PathRole).toString(),
                 u"$.data.attributes.amount_cents"_qs);
        hit = model.find(u"amount_cents"_qs, hit);
        QCOMPARE(hit.data(JsonTreeModel::PathRole).toString(),
                 u"$.included[2].attributes.amount_cents"_qs);
        hit = model.find(u"amount_cents"_qs, hit); // wraps around
        QCOMPARE(hit.data(JsonTreeModel::PathRole).toString(),
                 u"$.data.attributes.amount_cents"_qs);
        hit = model.find(u"amount_cents"_qs, hit, true);
        QCOMPARE(hit.data(JsonTreeModel::PathRole).toString(),
                 u"$.included[2].attributes.amount_cents"_qs);
        QVERIFY(!model.find(u"no such text"_qs, {}).isValid());
        QCOMPARE(model.find(u"\u00fc"_qs, {}), QModelIndex());
    }
};

QTEST_MAIN(TestJsonTreeModel)
#include "TestJsonTreeModel.moc"
