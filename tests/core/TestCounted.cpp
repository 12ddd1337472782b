#include "core/Counted.h"

#include <QTest>

using namespace hookscope;

// Counts in messages read as English: "1 request", "0 requests", never "request(s)".
class TestCounted final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void words_data()
    {
        QTest::addColumn<qint64>("n");
        QTest::addColumn<QString>("expected");
        QTest::newRow("none") << qint64(0) << u"0 requests"_qs;
        QTest::newRow("one") << qint64(1) << u"1 request"_qs;
        QTest::newRow("two") << qint64(2) << u"2 requests"_qs;
        QTest::newRow("a million") << qint64(1000000) << u"1000000 requests"_qs;
    }

    void words()
    {
        QFETCH(qint64, n);
        QFETCH(QString, expected);
        QCOMPARE(counted(n, u"request", u"requests"), expected);
    }

    void irregularPlurals()
    {
        QCOMPARE(counted(1, u"entry", u"entries"), u"1 entry"_qs);
        QCOMPARE(counted(5, u"entry", u"entries"), u"5 entries"_qs);
    }
};

QTEST_GUILESS_MAIN(TestCounted)
#include "TestCounted.moc"
