#include "LiveWindow.h"
#include "MainWindow.h"
#include "RequestListModel.h"
#include "store/RequestStore.h"
#include "store/StoreClient.h"

#include <QAction>
#include <QDateTime>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

// Request → Follow New Requests: someone firing test events sees each one as it lands; without
// it, someone reading a request keeps it while others arrive.
class TestFollowNewRequests final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<ui::MainWindow> m_window;
    int m_sent = 0;

    void receive()
    {
        Capture capture;
        capture.method = "POST";
        capture.target = "/hooks/" + QByteArray::number(++m_sent);
        capture.headers = {{"Host", "127.0.0.1:8787"}};
        capture.body = "{}";
        capture.receivedAtUs = QDateTime::currentMSecsSinceEpoch() * 1000;
        m_window->session().store().store()->submit(capture);
    }

    QAction *follow() const
    {
        return m_window->findChild<QAction *>(u"followNewRequestsAction"_qs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_window = test::openWindowWithoutReceiver(m_dir);
        QVERIFY(m_window);
        QVERIFY(follow());
        QVERIFY(follow()->isCheckable());
        QVERIFY(!follow()->isChecked()); // off unless chosen
    }

    void cleanupTestCase() { m_window.reset(); }

    void withoutFollowingTheRequestReadStays()
    {
        QSignalSpy shown(m_window.get(), &ui::MainWindow::captureShown);
        receive();
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 1);
        m_window->requestListView()->setCurrentIndex(m_window->requestModel()->index(0, 0));
        QTRY_COMPARE(shown.count(), 1);
        const qint64 reading = shown.takeFirst().at(0).toLongLong();

        receive();
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 2);
        QTest::qWait(200); // time for a wrong switch to show
        QCOMPARE(shown.count(), 0);
        QCOMPARE(m_window->requestModel()->idAt(m_window->requestListView()->currentIndex().row()),
                 reading);
    }

    void followingShowsTheNewestAndEachNewOne()
    {
        QSignalSpy shown(m_window.get(), &ui::MainWindow::captureShown);
        follow()->trigger();
        QVERIFY(follow()->isChecked());
        QVERIFY(QSettings().value(u"mainWindow/followNewRequests"_qs).toBool());
        // The newest already there is shown at once.
        QTRY_COMPARE(shown.count(), 1);
        QCOMPARE(shown.takeFirst().at(0).toLongLong(), m_window->requestModel()->idAt(0));

        receive();
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 3);
        QTRY_COMPARE(shown.count(), 1);
        QCOMPARE(shown.takeFirst().at(0).toLongLong(), m_window->requestModel()->idAt(0));
        QCOMPARE(m_window->requestListView()->currentIndex().row(), 0);

        follow()->trigger();
        QVERIFY(!QSettings().value(u"mainWindow/followNewRequests"_qs).toBool());
    }
};

QTEST_MAIN(TestFollowNewRequests)
#include "TestFollowNewRequests.moc"
