#include "compose/TemplateLibrary.h"
#include "compose/TemplateSuggestion.h"
#include "core/ClosestName.h"
#include "core/EditDistance.h"

#include <QTest>

using namespace hookscope;

// The distance "did you mean" ranks by, and the two places that suggest with it: commands and
// options, and template names.
class TestEditDistance final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void distances_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<int>("expected");
        QTest::newRow("same") << u"listen"_qs << u"listen"_qs << 0;
        QTest::newRow("a letter left out") << u"lisen"_qs << u"listen"_qs << 1;
        QTest::newRow("neighbours swapped") << u"prot"_qs << u"port"_qs << 1;
        QTest::newRow("from nothing") << QString() << u"abc"_qs << 3;
        QTest::newRow("classic") << u"kitten"_qs << u"sitting"_qs << 3;
        QTest::newRow("unrelated") << u"ver"_qs << u"key"_qs << 2;
    }

    void distances()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(int, expected);
        QCOMPARE(editDistance(a, b), qsizetype(expected));
        QCOMPARE(editDistance(b, a), qsizetype(expected));
    }

    void suggestions()
    {
        const QStringList commands {u"listen"_qs, u"send"_qs, u"sign"_qs, u"verify"_qs};
        QCOMPARE(closestName(u"lisen"_qs, commands), u"listen"_qs);
        QCOMPARE(closestName(u"ver"_qs, commands), u"verify"_qs); // a prefix
        QCOMPARE(closestName(u"xyz"_qs, commands), QString());

        const compose::TemplateLibrary library(QString {});
        QCOMPARE(compose::similarTemplateNames(library.templates(), u"patreon/pledges_create"_qs)
                     .value(0),
                 u"patreon/pledges:create"_qs);
        QCOMPARE(
            compose::similarTemplateNames(library.templates(), u"slack/app_mentoin"_qs).value(0),
            u"slack/app_mention"_qs);
    }
};

QTEST_GUILESS_MAIN(TestEditDistance)
#include "TestEditDistance.moc"
