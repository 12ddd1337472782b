#include "HeaderTableModel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace hookscope;

class TestHeaderTableModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsOrderDuplicatesAndCase()
    {
        ui::HeaderTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setHeaders({{"Host", "127.0.0.1:8080"},
                          {"X-Patreon-Event", "pledges:create"},
                          {"x-custom", "one"},
                          {"X-CUSTOM", "two"},
                          {"Accept", "caf\xc3\xa9"}});
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.columnCount(), 2);
        QStringList names;
        for (int row = 0; row < model.rowCount(); ++row)
            names << model.index(row, 0).data().toString();
        QCOMPARE(names,
                 (QStringList {u"Host"_qs, u"X-Patreon-Event"_qs, u"x-custom"_qs, u"X-CUSTOM"_qs,
                               u"Accept"_qs}));
        QCOMPARE(model.index(3, 1).data().toString(), u"two"_qs);
        QCOMPARE(model.index(4, 1).data().toString(), QString::fromUtf8("café"));
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), u"Name"_qs);
        model.setHeaders({});
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestHeaderTableModel)
#include "TestHeaderTableModel.moc"
