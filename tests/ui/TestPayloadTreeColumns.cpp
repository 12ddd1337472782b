#include "JsonTreeModel.h"
#include "PayloadTreeView.h"
#include "TestConfig.h"
#include "json/JsonTreeParser.h"

#include <QFile>
#include <QHeaderView>
#include <QTest>
#include <QTreeView>

#include <memory>

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

    int keyWidth() const
    {
        return m_view->treeView()->header()->sectionSize(JsonTreeModel::KeyColumn);
    }

    int keysWanted() const
    {
        const QAbstractItemView *rows = m_view->treeView(); // where sizeHintForColumn() is public
        return rows->sizeHintForColumn(JsonTreeModel::KeyColumn);
    }

    int room() const { return m_view->treeView()->viewport()->width(); }

    std::unique_ptr<PayloadTreeView> m_view;

private Q_SLOTS:
    void init()
    {
        m_view = std::make_unique<PayloadTreeView>();
        m_view->resize(500, 400);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }

    void cleanup() { m_view.reset(); }

    void deepKeysAreWholeInAPaneOf500Pixels()
    {
        m_view->setSections(body(deepKeys()));
        m_view->expandAll();
        QTRY_VERIFY2(keyWidth() >= keysWanted(),
                     qPrintable(u"%1 px for keys needing %2"_qs.arg(keyWidth()).arg(keysWanted())));
        QVERIFY(keyWidth() <= room() * 3 / 5);
        // Wider than the fixed width the column had, which cut is_email_verified.
        QVERIFY2(keysWanted() > 216, qPrintable(QString::number(keysWanted())));

        // Collapsed, the column gives the room back to the values; open again, it grows.
        m_view->collapseAll();
        QTRY_VERIFY(keyWidth() < 150);
        m_view->expandAll();
        QTRY_VERIFY(keyWidth() >= keysWanted());
    }

    // A JSON:API resource shown under its relationship: its type, "object (included)", whole.
    void includedTypesAreWhole()
    {
        QFile pledge(QStringLiteral(HOOKSCOPE_TEST_DATA_DIR "/json/patreon-pledge.json"));
        QVERIFY(pledge.open(QIODevice::ReadOnly));
        m_view->setSections(body(pledge.readAll()));
        m_view->expandAll();
        QTreeView *tree = m_view->treeView();
        const QAbstractItemView *rows = tree;
        QTRY_VERIFY(keyWidth() >= keysWanted());
        const int types = rows->sizeHintForColumn(JsonTreeModel::TypeColumn);
        QVERIFY2(tree->header()->sectionSize(JsonTreeModel::TypeColumn) >= types,
                 qPrintable(u"%1 px for types needing %2"_qs
                                .arg(tree->header()->sectionSize(JsonTreeModel::TypeColumn))
                                .arg(types)));
        QVERIFY(tree->header()->sectionSize(JsonTreeModel::ValueColumn) >= 120);
    }

    void aVeryLongKeyTakesAtMostThreeFifths()
    {
        const QByteArray key(120, 'k');
        m_view->setSections(body("{\"" + key + "\":1}"));
        QTRY_COMPARE(keyWidth(), room() * 3 / 5);
        QVERIFY(keysWanted() > keyWidth());
        QVERIFY(m_view->treeView()->header()->sectionSize(JsonTreeModel::ValueColumn) >= 120);

        // Wider, the share is wider too.
        m_view->resize(900, 400);
        QTRY_COMPARE(keyWidth(), room() * 3 / 5);
    }

    void aWidthTheUserDraggedStays()
    {
        // As a drag of the header's handle does; the column is Interactive.
        QHeaderView *header = m_view->treeView()->header();
        QCOMPARE(header->sectionResizeMode(JsonTreeModel::KeyColumn), QHeaderView::Interactive);
        header->resizeSection(JsonTreeModel::KeyColumn, 120);
        m_view->setSections(body(deepKeys()));
        m_view->expandAll();
        m_view->resize(700, 400);
        m_view->collapseAll();
        m_view->setSections(body(R"({"a":1})"));
        QTest::qWait(50);
        QCOMPARE(keyWidth(), 120);
    }
};

QTEST_MAIN(TestPayloadTreeColumns)
#include "TestPayloadTreeColumns.moc"
