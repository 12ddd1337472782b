#include "JsonTreeModel.h"
#include "PayloadTreeView.h"
#include "json/JsonTreeParser.h"

#include <QHeaderView>
#include <QTest>
#include <QTreeView>

using namespace hookscope;
using ui::JsonTreeModel;
using ui::PayloadTreeView;

// The tree's Key column in a pane about 500 px wide, as the detail pane of a 1280 px window:
// as wide as the keys, indentation included, up to 3/5 of the tree; a width the user dragged stays.
class TestPayloadTreeColumns final : public QObject
{
    Q_OBJECT

    static QList<JsonTreeModel::Section> body(const QByteArray &json)
    {
        auto result = json::JsonTreeParser::parse(json);
        if (!result.ok())
            return {};
        return {{u"JSON body"_qs, u"$"_qs,
                 std::make_shared<const json::PayloadTree>(std::move(result.tree)), true}};
    }

    // Five levels down, as the included user of a Patreon pledge.
    static QByteArray deepKeys()
    {
        return R"({"data":{"relationships":{"patron":{"data":{"attributes":
                  {"is_email_verified":true,"full_name":"Example Patron"}}}}}})";
    }

    static int keyWidth(const PayloadTreeView &view)
    {
        return view.treeView()->header()->sectionSize(JsonTreeModel::KeyColumn);
    }

    static int keysWanted(const PayloadTreeView &view)
    {
        const QAbstractItemView *rows = view.treeView(); // where sizeHintForColumn() is public
        return rows->sizeHintForColumn(JsonTreeModel::KeyColumn);
    }

private Q_SLOTS:
    void deepKeysAreWholeInAPaneOf500Pixels()
    {
        PayloadTreeView view;
        view.resize(500, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setSections(body(deepKeys()));
        view.expandAll();
        QTreeView *tree = view.treeView();
        QTRY_VERIFY2(
            keyWidth(view) >= keysWanted(view),
            qPrintable(u"%1 px for keys needing %2"_qs.arg(keyWidth(view)).arg(keysWanted(view))));
        QVERIFY(keyWidth(view) <= tree->viewport()->width() * 3 / 5);
        // Wider than the fixed width the column had, which cut is_email_verified.
        QVERIFY2(keysWanted(view) > 216, qPrintable(QString::number(keysWanted(view))));

        // Collapsed, the column gives the room back to the values; open again, it grows.
        view.collapseAll();
        QTRY_VERIFY(keyWidth(view) < 150);
        view.expandAll();
        QTRY_VERIFY(keyWidth(view) >= keysWanted(view));
    }

    void aVeryLongKeyTakesAtMostThreeFifths()
    {
        PayloadTreeView view;
        view.resize(500, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QByteArray key(120, 'k');
        view.setSections(body("{\"" + key + "\":1}"));
        QTreeView *tree = view.treeView();
        // The values keep 120 px there.
        QTRY_COMPARE(tree->header()->sectionSize(JsonTreeModel::ValueColumn), 120);
        QVERIFY(keyWidth(view) <= tree->viewport()->width() * 3 / 5);
        QVERIFY(keysWanted(view) > keyWidth(view));

        // Wider, the share is wider too.
        view.resize(900, 400);
        QTRY_COMPARE(keyWidth(view), tree->viewport()->width() * 3 / 5);
    }

    void aWidthTheUserDraggedStays()
    {
        PayloadTreeView view;
        view.resize(500, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setSections(body(deepKeys()));
        view.expandAll();
        QTRY_VERIFY(keyWidth(view) >= keysWanted(view));

        // As a drag of the header's handle does; the column is Interactive.
        QHeaderView *header = view.treeView()->header();
        QCOMPARE(header->sectionResizeMode(JsonTreeModel::KeyColumn), QHeaderView::Interactive);
        header->resizeSection(JsonTreeModel::KeyColumn, 120);
        view.resize(700, 400);
        view.collapseAll();
        view.setSections(body(R"({"a":1})"));
        QTest::qWait(50);
        QCOMPARE(keyWidth(view), 120);
    }
};

QTEST_MAIN(TestPayloadTreeColumns)
#include "TestPayloadTreeColumns.moc"
