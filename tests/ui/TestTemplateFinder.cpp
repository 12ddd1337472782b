#include "ComposeFixture.h"
#include "compose/TemplateFinder.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {

// What the completer's open list shows, top to bottom.
QStringList listed(QCompleter *completer)
{
    QStringList names;
    QAbstractItemModel *model = completer->completionModel();
    for (int row = 0; row < model->rowCount(); ++row)
        names << model->index(row, 0).data().toString();
    return names;
}

} // namespace

// Fifty templates are too many to scroll through: the Compose page finds one by any part of
// its name, and its picker names each provider as people know it, Patreon first.
class TestTemplateFinder final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<ui::ComposeView> m_view;

    ui::TemplateFinder *finder() const
    {
        return m_view->findChild<ui::TemplateFinder *>(u"templateFinderEdit"_qs);
    }

private Q_SLOTS:
    void init()
    {
        m_view = test::composeViewIn(m_dir);
        m_view->resize(1280, 760);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        QVERIFY(finder());
        QVERIFY(finder()->isVisible());
    }

    void cleanup() { m_view.reset(); }

    void typingAPartListsTheTemplatesThatHoldIt()
    {
        finder()->setFocus();
        QTest::keyClicks(finder(), u"PLEDGE"_qs);
        QCompleter *completer = finder()->finder();
        QTRY_VERIFY(completer->popup()->isVisible());
        const QStringList names = listed(completer);
        QVERIFY2(names.contains(u"patreon/pledges:create"_qs)
                     && names.contains(u"patreon/members:pledge:update"_qs),
                 qPrintable(names.join(u", ")));
        for (const QString &name : names)
            QVERIFY2(name.contains(u"pledge"_qs), qPrintable(name));

        // Down to the first and Enter, as with any completion list.
        QTest::keyClick(completer->popup(), Qt::Key_Down);
        const QString first = completer->popup()->currentIndex().data().toString();
        QTest::keyClick(completer->popup(), Qt::Key_Return);
        QTRY_COMPARE(m_view->currentTemplateName(), first);
        auto *picker = m_view->findChild<QComboBox *>(u"templateComboBox"_qs);
        QCOMPARE(picker->currentData(Qt::UserRole + 1).toString(), first);
        QTRY_COMPARE(finder()->text(), QString()); // ready for the next search
    }

    void enterTakesTheOnlyMatch()
    {
        finder()->setFocus();
        QTest::keyClicks(finder(), u"payment_intent"_qs);
        QCompleter *completer = finder()->finder();
        QTRY_COMPARE(listed(completer), QStringList {u"stripe/payment_intent.succeeded"_qs});
        completer->popup()->hide(); // typed on without picking from the list
        QTest::keyClick(finder(), Qt::Key_Return);
        QTRY_COMPARE(m_view->currentTemplateName(), u"stripe/payment_intent.succeeded"_qs);
    }

    void anAmbiguousEnterPicksNothing()
    {
        finder()->setFocus();
        QTest::keyClicks(finder(), u"github"_qs);
        finder()->finder()->popup()->hide();
        QTest::keyClick(finder(), Qt::Key_Return);
        QTest::qWait(50);
        QCOMPARE(m_view->currentTemplateName(), QString()); // still the blank request
        QCOMPARE(finder()->text(), u"github"_qs);
    }

    void providersAreHeadedAsPeopleKnowThemPatreonFirst()
    {
        auto *picker = m_view->findChild<QComboBox *>(u"templateComboBox"_qs);
        auto *items = qobject_cast<QStandardItemModel *>(picker->model());
        QVERIFY(items);
        QStringList headings;
        for (int row = 0; row < items->rowCount(); ++row) {
            if (!(items->item(row)->flags() & Qt::ItemIsSelectable))
                headings << items->item(row)->text();
        }
        QCOMPARE(headings.value(0), u"Patreon"_qs);
        QVERIFY2(headings.contains(u"GitHub"_qs) && headings.contains(u"Standard Webhooks"_qs)
                     && headings.contains(u"api-reference (X-Signature)"_qs)
                     && headings.contains(u"webhook-api (X-Webhook-Signature)"_qs),
                 qPrintable(headings.join(u" | ")));
        QCOMPARE(items->item(0)->text(), u"Blank request"_qs);
    }
};

QTEST_MAIN(TestTemplateFinder)
#include "TestTemplateFinder.moc"
