#include "CaptureDetailView.h"
#include "InspectorFixtures.h"
#include "JsonTreeModel.h"
#include "LiveWindow.h"
#include "MainWindow.h"
#include "PayloadTreeView.h"
#include "RequestListModel.h"
#include "SignaturePanel.h"
#include "store/RequestStore.h"
#include "store/StoreClient.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
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
        QTRY_COMPARE(countLabel()->text(), u"5 requests"_qs);
    }

    void cleanupTestCase() { m_window.reset(); }

    void theCountSaysHowManyOfAllMatch()
    {
        filterText()->setText(QStringLiteral("/hooks/1"));
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 1);
        QTRY_COMPARE(countLabel()->text(), u"1 of 5 requests"_qs);
        QVERIFY(!emptyListLabel() || !emptyListLabel()->isVisible());

        filterText()->setText(QStringLiteral("nothing has this"));
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 0);
        QTRY_COMPARE(countLabel()->text(), u"0 of 5 requests"_qs);
        QTRY_VERIFY(emptyListLabel() && emptyListLabel()->isVisible());
        QVERIFY2(emptyListLabel()->text().contains(u"No request matches"),
                 qPrintable(emptyListLabel()->text()));

        filterText()->clear();
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 5);
        QTRY_COMPARE(countLabel()->text(), u"5 requests"_qs);
        QVERIFY(!emptyListLabel()->isVisible());
    }

    // The request shown stays selected, and shown, through filter changes that still list it;
    // a filter that leaves it out empties the tabs to their "select a request" hints. (Every
    // change of the filter used to blank the tabs and drop the selection.)
    void theShownRequestStaysSelectedWhileListed()
    {
        ui::RequestListModel *model = m_window->requestModel();
        QTableView *list = m_window->requestListView();
        const auto targetAt = [this](int row) {
            return m_window->requestModel()
                ->index(row, ui::RequestListModel::PathColumn)
                .data()
                .toString();
        };
        int row = 0;
        while (row < model->rowCount() && !targetAt(row).endsWith(u"/hooks/1"))
            ++row;
        QVERIFY(row < model->rowCount());
        QSignalSpy shown(m_window.get(), &ui::MainWindow::captureShown);
        list->setCurrentIndex(model->index(row, 0));
        QTRY_COMPARE(shown.count(), 1);
        const qint64 id = model->idAt(row);
        ui::CaptureDetailView *detail = m_window->detailView();
        const auto stillShown = [&] {
            return list->currentIndex().isValid() && model->idAt(list->currentIndex().row()) == id
                && list->selectionModel()->isRowSelected(list->currentIndex().row())
                && detail->hasCapture() && detail->capture().id == id
                && detail->payloadTree()->model()->rowCount() > 0;
        };

        filterText()->setFocus();
        QTest::keyClicks(filterText(), u"/hooks/1"_qs);
        QTRY_COMPARE(model->rowCount(), 1);
        QTRY_VERIFY(stillShown());
        filterText()->clear();
        QTRY_COMPARE(model->rowCount(), 5);
        QTRY_VERIFY(stillShown());
        QCOMPARE(targetAt(list->currentIndex().row()), targetAt(row));
        QCOMPARE(shown.count(), 1); // kept, not loaded again

        // Left out by the filter: the tabs say to select a request, as at start.
        QTest::keyClicks(filterText(), u"/hooks/2"_qs);
        QTRY_COMPARE(model->rowCount(), 1);
        QTRY_VERIFY(!detail->hasCapture());
        QVERIFY(!list->currentIndex().isValid());
        QVERIFY2(detail->payloadTree()->problem().contains(u"Select a request"),
                 qPrintable(detail->payloadTree()->problem()));
        auto *verdictDetail
            = m_window->signaturePanel()->findChild<QLabel *>(u"verdictDetailLabel"_qs);
        QVERIFY(verdictDetail->text().contains(u"Select a request"));
        filterText()->clear();
        QTRY_COMPARE(model->rowCount(), 5);
        QTest::qWait(50);
        QVERIFY(!detail->hasCapture());
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
        QTRY_COMPARE(countLabel()->text(), u"1 of 5 requests"_qs);

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

    // A request nothing signed has an entry of its own, apart from "no secret" (signed, with
    // nothing to check it): both used to be stored as no-secret.
    void unsignedRequestsHaveAFilter()
    {
        Capture plain;
        plain.method = "POST";
        plain.target = "/plain";
        plain.body = "{}";
        plain.signature.verdict = QStringLiteral("unsigned");
        Capture noSecret = test::patreonPledgeCapture();
        noSecret.signature = {u"patreon"_qs, u"no-secret"_qs, QString()};
        store::RequestStore *store = m_window->session().store().store();
        store->submit(plain);
        store->submit(noSecret);
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 7);

        QComboBox *verdicts = verdictFilter();
        const int unsignedEntry = verdicts->findData(u"unsigned"_qs);
        QVERIFY(unsignedEntry > 0);
        QCOMPARE(verdicts->itemText(unsignedEntry), u"unsigned"_qs);
        verdicts->setCurrentIndex(unsignedEntry);
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 1);
        QCOMPARE(
            m_window->requestModel()->index(0, ui::RequestListModel::PathColumn).data().toString(),
            u"/plain"_qs);
        QTRY_COMPARE(countLabel()->text(), u"1 of 7 requests"_qs);

        verdicts->setCurrentIndex(verdicts->findData(u"no-secret"_qs));
        QTRY_VERIFY(m_window->requestModel()->rowCount() == 1
                    && m_window->requestModel()
                            ->index(0, 0)
                            .data(ui::RequestListModel::VerdictRole)
                            .toString()
                        == u"no-secret"_qs);
        verdicts->setCurrentIndex(0);
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 7);
    }
};

QTEST_MAIN(TestRequestFilter)
#include "TestRequestFilter.moc"
