#include "compose/BodyTreeModel.h"
#include "compose/HeaderEditModel.h"
#include "compose/OrderedJson.h"
#include "compose/SendHistoryModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace hookscope;
using ui::BodyTreeModel;
using ui::HeaderEditModel;
using ui::SendHistoryModel;

class TestComposeModels final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headerModelKeepsOrderAndRefusesCrLf()
    {
        HeaderEditModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setHeaders({{QStringLiteral("B"), QStringLiteral("2")},
                          {QStringLiteral("A"), QStringLiteral("1")}});
        QVERIFY(model.appendHeader(QStringLiteral("B"), QStringLiteral("3")));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("B"));

        QSignalSpy rejected(&model, &HeaderEditModel::rejected);
        QVERIFY(!model.setData(model.index(0, 1), QStringLiteral("x\r\nEvil: 1")));
        QVERIFY(!model.setData(model.index(0, 0), QStringLiteral("X\nY")));
        QVERIFY(!model.appendHeader(QStringLiteral("C"), QStringLiteral("a\rb")));
        QCOMPARE(rejected.count(), 3);
        QVERIFY(rejected.at(0).at(0).toString().contains(QStringLiteral("CR or LF")));
        QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("2"));
        QCOMPARE(model.rowCount(), 3);

        QVERIFY(model.setData(model.index(1, 1), QStringLiteral("{{signature}}")));
        model.moveHeader(0, 1);
        QCOMPARE(model.headers().at(0).first, QStringLiteral("A"));
        QCOMPARE(model.headers().at(1).first, QStringLiteral("B"));
        model.moveHeader(2, -2);
        QCOMPARE(model.headers().at(0).second, QStringLiteral("3"));
        model.removeHeaderAt(0);
        QCOMPARE(model.rowCount(), 2);
    }

    void bodyTreeShowsKeysInOrderAndAsksForSplicedEdits()
    {
        BodyTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QByteArray text = R"({"z":1,"a":{"s":"x","n":null,"t":true},"l":[10,"y"]})";
        model.setJson(compose::parseJson(text));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("z"));
        QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("a"));
        const QModelIndex list = model.index(2, 0);
        QCOMPARE(model.rowCount(list), 2);
        QCOMPARE(model.index(1, 0, list).data().toString(), QStringLiteral("[1]"));
        QCOMPARE(model.index(1, 0, list).data(BodyTreeModel::PathRole).toStringList(),
                 (QStringList {QStringLiteral("l"), QStringLiteral("1")}));
        QVERIFY(!(model.flags(model.index(1, 1)) & Qt::ItemIsEditable)); // objects are not
        QVERIFY(model.flags(model.index(0, 1)) & Qt::ItemIsEditable);

        QSignalSpy edited(&model, &BodyTreeModel::valueEdited);
        const QModelIndex s = model.indexForPath({QStringLiteral("a"), QStringLiteral("s")});
        QVERIFY(s.isValid());
        // A string stays a string, even when the text looks like a number.
        QVERIFY(model.setData(s.siblingAtColumn(1), QStringLiteral("500")));
        QCOMPARE(edited.at(0).at(1).toByteArray(), QByteArray("\"500\""));
        // null takes JSON when it parses, else a string.
        const QModelIndex n = model.indexForPath({QStringLiteral("a"), QStringLiteral("n")});
        QVERIFY(model.setData(n.siblingAtColumn(1), QStringLiteral("42")));
        QCOMPARE(edited.at(1).at(1).toByteArray(), QByteArray("42"));
        QVERIFY(model.setData(n.siblingAtColumn(1), QStringLiteral("hello")));
        QCOMPARE(edited.at(2).at(1).toByteArray(), QByteArray("\"hello\""));

        // The same shape updates in place (no reset: expansion survives); a new shape resets.
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setJson(
            compose::parseJson(R"({"z":2,"a":{"s":"x","n":null,"t":true},"l":[10,"y"]})"));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("2"));
        model.setJson(compose::parseJson(R"({"z":2,"extra":[]})"));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 2);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void historyModelIsNewestFirst()
    {
        SendHistoryModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        history::SendRecord older;
        older.id = 1;
        older.method = "POST";
        older.url = QStringLiteral("http://127.0.0.1:1/a");
        older.status = 500;
        history::SendRecord newer = older;
        newer.id = 2;
        newer.status = 0;
        newer.error = QStringLiteral("connection refused");
        model.setRecords({older});
        model.prepend(newer);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.idAt(0), 2);
        QCOMPARE(model.index(0, SendHistoryModel::StatusColumn).data().toString(),
                 QStringLiteral("error"));
        QCOMPARE(model.index(1, SendHistoryModel::StatusColumn).data().toString(),
                 QStringLiteral("500"));
        QVERIFY(model.index(0, 0)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .endsWith(QStringLiteral("connection refused")));
        // Host and path in the narrow column (a loopback host is left out: the port says
        // which of one's servers); method and scheme in the tooltip.
        QCOMPARE(model.index(1, SendHistoryModel::UrlColumn).data().toString(),
                 QStringLiteral(":1/a"));
        QVERIFY(model.index(1, SendHistoryModel::UrlColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("POST http://127.0.0.1:1/a")));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestComposeModels)
#include "TestComposeModels.moc"
