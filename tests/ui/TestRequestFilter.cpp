#include "InspectorFixtures.h"
#include "LiveWindow.h"
#include "MainWindow.h"
#include "RequestListModel.h"
#include "store/RequestStore.h"
#include "store/StoreClient.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

// The request list's filters as people use them: what the status bar counts, what an empty
// result says, and finding the malformed requests.
class TestRequestFilter final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ui::MainWindow> m_window;

    QLabel *countLabel() const
    {
        return m_window->findChild<QLabel *>(QStringLiteral("statusCountLabel"));
    }
    QLabel *emptyListLabel() const
    {
        return m_window->requestListView()->findChild<QLabel *>(QStringLiteral("emptyListLabel"));
    }
    QLineEdit *filterText() const
    {
        return m_window->findChild<QLineEdit *>(QStringLiteral("filterTextLineEdit"));
    }
    QComboBox *verdictFilter() const
    {
        return m_window->findChild<QComboBox *>(QStringLiteral("filterVerdictComboBox"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_window = test::openWindowWithoutReceiver(m_dir);
        QVERIFY(m_window);
        store::RequestStore *store = m_window->session().store().store();
        for (int i = 0; i < 3; ++i) {
            Capture capture = test::patreonPledgeCapture();
            capture.target = "/hooks/" + QByteArray::number(i);
            store->submit(capture);
        }
        Capture malformed;
        malformed.body = "GARBAGE /\x01\x02 HTTP/1.1\r\n\r\n";
        malformed.malformed = true;
        malformed.parseError = QStringLiteral("invalid URL");
        // A malformed signature header is another thing, with a filter entry of its own.
        Capture badSignature = test::patreonPledgeCapture();
        badSignature.signature.verdict = QStringLiteral("malformed-header");
        store->submit(malformed);
        store->submit(badSignature);
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 5);
        QTRY_COMPARE(countLabel()->text(), u"5 request(s)"_qs);
    }

    void cleanupTestCase() { m_window.reset(); }

    void theCountSaysHowManyOfAllMatch()
    {
        filterText()->setText(QStringLiteral("/hooks/1"));
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 1);
        QTRY_COMPARE(countLabel()->text(), u"1 of 5 request(s)"_qs);
        QVERIFY(!emptyListLabel() || !emptyListLabel()->isVisible());

        filterText()->setText(QStringLiteral("nothing has this"));
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 0);
        QTRY_COMPARE(countLabel()->text(), u"0 of 5 request(s)"_qs);
        QTRY_VERIFY(emptyListLabel() && emptyListLabel()->isVisible());
        QVERIFY2(emptyListLabel()->text().contains(u"No request matches"),
                 qPrintable(emptyListLabel()->text()));

        filterText()->clear();
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 5);
        QTRY_COMPARE(countLabel()->text(), u"5 request(s)"_qs);
        QVERIFY(!emptyListLabel()->isVisible());
    }

    void malformedRequestsHaveAFilter()
    {
        QComboBox *verdicts = verdictFilter();
        const int request = verdicts->findText(u"malformed request"_qs, Qt::MatchContains);
        const int header = verdicts->findData(u"malformed-header"_qs);
        QVERIFY(request > 0);
        QVERIFY(header > 0);
        QVERIFY(verdicts->itemText(request) != verdicts->itemText(header));
        QVERIFY2(verdicts->itemText(header).contains(u"signature"),
                 qPrintable(verdicts->itemText(header)));

        verdicts->setCurrentIndex(request);
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 1);
        QVERIFY(m_window->requestModel()
                    ->index(0, 0)
                    .data(ui::RequestListModel::MalformedRole)
                    .toBool());
        QTRY_COMPARE(countLabel()->text(), u"1 of 5 request(s)"_qs);

        verdicts->setCurrentIndex(header);
        // Still one row, the other one.
        QTRY_VERIFY(m_window->requestModel()->rowCount() == 1
                    && !m_window->requestModel()
                            ->index(0, 0)
                            .data(ui::RequestListModel::MalformedRole)
                            .toBool());
        QCOMPARE(m_window->requestModel()->index(0, 0).data(ui::RequestListModel::VerdictRole),
                 u"malformed-header"_qs);
        verdicts->setCurrentIndex(0);
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 5);
    }
};

QTEST_MAIN(TestRequestFilter)
#include "TestRequestFilter.moc"
