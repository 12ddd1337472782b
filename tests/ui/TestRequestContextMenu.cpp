#include "LiveWindow.h"
#include "MainWindow.h"
#include "RequestListModel.h"
#include "store/RequestStore.h"
#include "store/StoreClient.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDateTime>
#include <QMenu>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace hookscope;

namespace {

Capture requestTo(const QByteArray &target)
{
    Capture capture;
    capture.method = "POST";
    capture.target = target;
    capture.headers = {{"Host", "127.0.0.1:8787"}, {"Content-Type", "application/json"}};
    capture.body = R"({"zen":"Design for failure."})";
    capture.remoteAddress = u"127.0.0.1"_qs;
    capture.remotePort = 54321;
    capture.receivedAtUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    return capture;
}

// The texts of a menu's entries, "-" for a separator, as a user reads them top to bottom.
QStringList entries(const QMenu *menu)
{
    QStringList texts;
    for (const QAction *action : menu->actions())
        texts << (action->isSeparator() ? u"-"_qs : action->text().remove(u'&'));
    return texts;
}

} // namespace

// A right-click on the request list offers what the Request menu does for those rows, as in
// a file manager: outside the selection it selects the row clicked first.
class TestRequestContextMenu final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<ui::MainWindow> m_window;

    QTableView *list() const { return m_window->requestListView(); }

    // Right-clicks `row`; `inMenu` runs while the menu is open, then the menu is closed unless
    // it triggered an entry. The menu's entries, empty when none opened.
    QStringList rightClick(int row, const std::function<void(QMenu *)> &inMenu = {})
    {
        QStringList seen;
        QTimer poll;
        poll.setInterval(20);
        connect(&poll, &QTimer::timeout, this, [&] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            if (!menu)
                return;
            poll.stop();
            seen = entries(menu);
            if (inMenu)
                inMenu(menu);
            if (menu->isVisible())
                menu->close();
        });
        poll.start();
        const QPoint position
            = list()->visualRect(m_window->requestModel()->index(row, 0)).center();
        QContextMenuEvent event(QContextMenuEvent::Mouse, position,
                                list()->viewport()->mapToGlobal(position));
        // The menu runs its own loop, so the event returns once it is closed.
        QApplication::sendEvent(list()->viewport(), &event);
        return seen;
    }

    QList<int> selectedRows() const
    {
        QList<int> rows;
        for (const QModelIndex &index : list()->selectionModel()->selectedRows())
            rows << index.row();
        std::sort(rows.begin(), rows.end());
        return rows;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_window = test::openWindowWithoutReceiver(m_dir);
        QVERIFY(m_window);
        m_window->session().store().store()->submit(requestTo("/hooks/older"));
        m_window->session().store().store()->submit(requestTo("/hooks/newer"));
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 2);
    }

    void cleanupTestCase() { m_window.reset(); }

    void aRowOutsideTheSelectionIsSelectedAndOffered()
    {
        QSignalSpy shown(m_window.get(), &ui::MainWindow::captureShown);
        list()->setCurrentIndex(m_window->requestModel()->index(0, 0));
        QTRY_VERIFY(!shown.isEmpty());
        shown.clear();

        QApplication::clipboard()->clear();
        const QStringList seen = rightClick(1, [&](QMenu *menu) {
            // The row's request is shown by the time a user picks an entry.
            QTRY_VERIFY(!shown.isEmpty());
            for (QAction *action : menu->actions()) {
                if (action->objectName() == u"copyAsCurlAction")
                    action->trigger();
            }
        });
        QCOMPARE(seen,
                 (QStringList {u"Copy as curl"_qs, u"Replay in Composer"_qs, u"Save as Template"_qs,
                               u"-"_qs, u"Delete Selected…"_qs}));
        QCOMPARE(selectedRows(), QList<int> {1});
        const QString command = QApplication::clipboard()->text();
        QVERIFY2(command.startsWith(u"curl "_qs) && command.contains(u"/hooks/older"_qs),
                 qPrintable(command));
    }

    void twoSelectedRowsStaySelectedAndCanBeCompared()
    {
        list()->selectAll();
        QCOMPARE(selectedRows(), (QList<int> {0, 1}));
        const QStringList seen = rightClick(0);
        QCOMPARE(selectedRows(), (QList<int> {0, 1}));
        QVERIFY2(seen.contains(u"Compare Two Selected Requests"_qs), qPrintable(seen.join(u'|')));
        QCOMPARE(seen.last(), u"Delete Selected…"_qs);
    }

    void blankSpaceOffersNothing()
    {
        QTimer poll;
        bool opened = false;
        poll.setInterval(20);
        connect(&poll, &QTimer::timeout, this, [&] {
            if (auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) {
                opened = true;
                menu->close();
            }
        });
        poll.start();
        const QPoint below(10, list()->viewport()->height() - 5);
        QVERIFY(!list()->indexAt(below).isValid());
        QContextMenuEvent event(QContextMenuEvent::Mouse, below,
                                list()->viewport()->mapToGlobal(below));
        QApplication::sendEvent(list()->viewport(), &event);
        QTest::qWait(200);
        QVERIFY(!opened);
    }
};

QTEST_MAIN(TestRequestContextMenu)
#include "TestRequestContextMenu.moc"
