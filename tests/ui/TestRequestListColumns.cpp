#include "CutTextDelegate.h"
#include "LiveWindow.h"
#include "MainWindow.h"
#include "RequestListModel.h"
#include "session/ReceiverSession.h"
#include "signing/Signing.h"
#include "store/RequestStore.h"
#include "store/StoreClient.h"

#include <QApplication>
#include <QDateTime>
#include <QHeaderView>
#include <QHelpEvent>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>

using namespace hookscope;
using Columns = ui::RequestListModel;

namespace {

Capture requestTo(const QByteArray &target)
{
    Capture capture;
    capture.method = "POST";
    capture.target = target;
    capture.endpoint = u"github"_qs;
    capture.headers = {{"Host", "127.0.0.1:8787"}, {"Content-Type", "application/json"}};
    capture.body = R"({"zen":"Keep it logically awesome."})";
    capture.remoteAddress = u"127.0.0.1"_qs;
    capture.remotePort = 54321;
    capture.receivedAtUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    capture.eventType = u"members:pledge:create"_qs;
    capture.signature = {u"github"_qs, u"valid"_qs, {}};
    return capture;
}

// What a user resting the pointer on the cell sees in a tooltip: empty when none shows.
QString tooltipOver(QTableView *list, const QModelIndex &index)
{
    QToolTip::hideText();
    if (!QTest::qWaitFor([] { return !QToolTip::isVisible(); }, 2000))
        return u"(an earlier tooltip stays)"_qs;
    const QPoint pos = list->visualRect(index).center();
    QHelpEvent event(QEvent::ToolTip, pos, list->viewport()->mapToGlobal(pos));
    QApplication::sendEvent(list->viewport(), &event);
    return QToolTip::isVisible() ? QToolTip::text() : QString();
}

// Whether the cell's text is drawn whole, as the list's own delegate measures it.
bool showsWhole(QTableView *list, const QModelIndex &index)
{
    auto *delegate = qobject_cast<ui::CutTextDelegate *>(list->itemDelegateForIndex(index));
    if (!delegate)
        return false;
    QStyleOptionViewItem option;
    option.initFrom(list);
    option.widget = list;
    option.font = list->font();
    option.rect = list->visualRect(index);
    return !delegate->isCut(option, index);
}

} // namespace

// The request list's text columns as a user reads them: a cut text says itself whole in a
// tooltip, and the id column keeps up with ids of any length.
class TestRequestListColumns final : public QObject
{
    Q_OBJECT

    std::unique_ptr<ui::MainWindow> m_window;

    // Stores `capture` and waits for its row at the top of the list; its id, 0 on a timeout.
    qint64 store(const Capture &capture)
    {
        const int before = m_window->requestModel()->rowCount();
        m_window->session().store().store()->submit(capture);
        if (!QTest::qWaitFor([&] { return m_window->requestModel()->rowCount() == before + 1; },
                             10000))
            return 0;
        return m_window->requestModel()->idAt(0);
    }

private Q_SLOTS:
    void cleanup() { m_window.reset(); }

    void aCutTextSaysItselfWholeInATooltip()
    {
        QTemporaryDir dir;
        m_window = test::openWindowWithoutReceiver(dir);
        QVERIFY(m_window);
        QVERIFY(store(requestTo("/hooks/github/deliveries?installation=123456&attempt=3")));
        QVERIFY(store(requestTo("/<b>bold</b>/deliveries?installation=123456&attempt=3")));
        QTableView *list = m_window->requestListView();
        Columns *model = m_window->requestModel();
        QHeaderView *header = list->horizontalHeader();
        // The user narrows the path and the event columns until they cut their text.
        header->setSectionResizeMode(Columns::PathColumn, QHeaderView::Interactive);
        header->resizeSection(Columns::PathColumn, 90);
        header->resizeSection(Columns::EventColumn, 60);
        QCoreApplication::processEvents();

        const QModelIndex path = model->index(1, Columns::PathColumn);
        const QString wholePath = path.data().toString();
        QCOMPARE(wholePath, u"github  /hooks/github/deliveries?installation=123456&attempt=3"_qs);
        QCOMPARE(path.data(Qt::ToolTipRole).toString(), wholePath);
        QVERIFY(!showsWhole(list, path));
        QCOMPARE(tooltipOver(list, path), wholePath);
        const QModelIndex event = model->index(1, Columns::EventColumn);
        QVERIFY(!showsWhole(list, event));
        QCOMPARE(tooltipOver(list, event), u"members:pledge:create"_qs);

        // A sender's markup is shown as the characters it is, not rendered.
        const QString markupTip = tooltipOver(list, model->index(0, Columns::PathColumn));
        QVERIFY2(markupTip.contains(u"/&lt;b&gt;bold&lt;/b&gt;/deliveries"_qs),
                 qPrintable(markupTip));

        // Text shown whole needs no tooltip that says it again...
        const QModelIndex method = model->index(1, Columns::MethodColumn);
        QVERIFY(showsWhole(list, method));
        QCOMPARE(method.data(Qt::ToolTipRole).toString(), u"POST"_qs);
        QCOMPARE(tooltipOver(list, method), QString());
        const QModelIndex source = model->index(1, Columns::SourceColumn);
        QVERIFY(showsWhole(list, source));
        QCOMPARE(tooltipOver(list, source), QString());
        // ...and widened again, the path has none either.
        header->resizeSection(Columns::PathColumn,
                              2 * list->fontMetrics().horizontalAdvance(wholePath));
        QCoreApplication::processEvents();
        QVERIFY(showsWhole(list, path));
        QCOMPARE(tooltipOver(list, path), QString());
        // A tooltip that says more than the cell still shows: the time's full date.
        const QModelIndex time = model->index(1, Columns::TimeColumn);
        QVERIFY(showsWhole(list, time));
        QCOMPARE(tooltipOver(list, time), time.data(Qt::ToolTipRole).toString());
        QVERIFY(time.data(Qt::ToolTipRole)
                    .toString()
                    .startsWith(QString::number(QDate::currentDate().year())));
    }

    // A verdict's reason may quote the sender's signature header: its tooltip shows it as text.
    void aVerdictsReasonIsShownAsText()
    {
        QTemporaryDir dir;
        m_window = test::openWindowWithoutReceiver(dir);
        QVERIFY(m_window);
        Capture capture = requestTo("/hooks/github");
        capture.signature = {u"github"_qs, u"malformed-header"_qs,
                             u"The signature in X-Hub-Signature-256 starts with \"<b>x</b>\"."_qs};
        QVERIFY(store(capture));
        const QModelIndex badge = m_window->requestModel()->index(0, Columns::SignatureColumn);
        const QString tip = tooltipOver(m_window->requestListView(), badge);
        QVERIFY2(tip.contains(u"starts with &quot;&lt;b&gt;x&lt;/b&gt;&quot;."_qs),
                 qPrintable(tip));
    }

    // A store past #99999 (first start sizes the column for five digits) shows its ids whole,
    // and the column widens as a new id gets a digit more.
    void theIdColumnKeepsUpWithTheIds()
    {
        QTemporaryDir dir;
        m_window = test::openWindowWithoutReceiver(dir);
        QVERIFY(m_window);
        QVERIFY(store(requestTo("/hooks/first")));
        m_window.reset(); // closed: the database is free to be edited
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_qs, u"renumber"_qs);
            db.setDatabaseName(dir.filePath(u"captures.sqlite"_qs));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(u"UPDATE captures SET id = 99999"_qs));
        }
        QSqlDatabase::removeDatabase(u"renumber"_qs);

        m_window = test::openWindowWithoutReceiver(dir);
        QVERIFY(m_window);
        Columns *model = m_window->requestModel();
        QTableView *list = m_window->requestListView();
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(model->idAt(0), qint64(99999));
        QVERIFY(showsWhole(list, model->index(0, Columns::IdColumn)));
        const int fiveDigits = list->columnWidth(Columns::IdColumn);

        QCOMPARE(store(requestTo("/hooks/second")), qint64(100000));
        const QModelIndex newest = model->index(0, Columns::IdColumn);
        QCOMPARE(newest.data().toString(), u"#100000"_qs);
        QTRY_VERIFY(showsWhole(list, newest));
        QVERIFY(list->columnWidth(Columns::IdColumn) > fiveDigits);
        QVERIFY(showsWhole(list, model->index(1, Columns::IdColumn)));
        QCOMPARE(tooltipOver(list, newest), QString());
    }

    // The list names a scheme as the core does ("Custom", not "custom") to screen readers.
    void aVerdictIsReadOutWithTheCoresSchemeTitle()
    {
        QTemporaryDir dir;
        m_window = test::openWindowWithoutReceiver(dir);
        QVERIFY(m_window);
        Capture custom = requestTo("/hooks/custom");
        custom.signature = {u"custom"_qs, u"valid"_qs, {}};
        QVERIFY(store(custom));
        Capture stripe = requestTo("/hooks/stripe");
        stripe.signature = {u"stripe"_qs, u"no-secret"_qs, {}};
        QVERIFY(store(stripe));
        Columns *model = m_window->requestModel();
        QCOMPARE(model->index(1, Columns::SignatureColumn).data(Qt::AccessibleTextRole).toString(),
                 signing::schemeTitle(u"custom"_qs) + u" signature: valid"_qs);
        QCOMPARE(signing::schemeTitle(u"custom"_qs), u"Custom"_qs);
        QCOMPARE(model->index(0, Columns::SignatureColumn).data(Qt::AccessibleTextRole).toString(),
                 u"Signed with Stripe, but no secret is set to check it"_qs);
    }
    // The verdict is what people look for: in an 800×600 window, where the list cannot show
    // every column, it is in sight beside the method, and a Stripe event name reads whole at
    // 1280×800.
    void theVerdictIsInSightInANarrowWindow()
    {
        QTemporaryDir dir;
        m_window = test::openWindowWithoutReceiver(dir);
        QVERIFY(m_window);
        Capture stripe = requestTo("/hooks/stripe");
        stripe.eventType = u"payment_intent.succeeded"_qs;
        QVERIFY(store(stripe));
        QTableView *list = m_window->requestListView();
        const QModelIndex badge = m_window->requestModel()->index(0, Columns::SignatureColumn);
        QHeaderView *header = list->horizontalHeader();
        QCOMPARE(header->visualIndex(Columns::SignatureColumn),
                 header->visualIndex(Columns::MethodColumn) + 1);

        m_window->resize(1280, 800);
        QTRY_VERIFY(list->viewport()->rect().contains(list->visualRect(badge)));
        QVERIFY(showsWhole(list, m_window->requestModel()->index(0, Columns::EventColumn)));

        m_window->resize(800, 600);
        QTRY_COMPARE(m_window->size(), QSize(800, 600));
        QCoreApplication::processEvents();
        QVERIFY2(
            list->viewport()->rect().contains(list->visualRect(badge)),
            qPrintable(u"badge at x %1..%2, list %3 px wide"_qs.arg(list->visualRect(badge).left())
                           .arg(list->visualRect(badge).right())
                           .arg(list->viewport()->width())));
    }
};

QTEST_MAIN(TestRequestListColumns)
#include "TestRequestListColumns.moc"
