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

#include <QAbstractButton>
#include <QComboBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace hookscope;

// The main window at 500×400, the smallest size a user is likely to make it: the controls of
// the receiver bar, the filter bar and the tree's tools must each be whole, inside the window
// and clear of one another; the filters leave the list its room, and the status bar's count
// stays readable beside a long message.
class TestNarrowWindow final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ui::MainWindow> m_window;

    // The controls a user reads or clicks, visible, under `parent`.
    static QList<QWidget *> controlsIn(QWidget *parent)
    {
        QList<QWidget *> controls;
        for (QWidget *widget : parent->findChildren<QWidget *>()) {
            const bool control = qobject_cast<QAbstractButton *>(widget)
                || qobject_cast<QComboBox *>(widget) || qobject_cast<QAbstractSpinBox *>(widget)
                || (qobject_cast<QLineEdit *>(widget)
                    && !qobject_cast<QComboBox *>(widget->parentWidget())
                    && !qobject_cast<QAbstractSpinBox *>(widget->parentWidget()))
                || (qobject_cast<QLabel *>(widget)
                    && !qobject_cast<QLabel *>(widget)->text().isEmpty());
            if (control && widget->isVisibleTo(parent) && !widget->objectName().startsWith(u"qt_"))
                controls << widget;
        }
        return controls;
    }

    static QString nameOf(const QWidget *widget)
    {
        return widget->objectName().isEmpty()
            ? QString::fromLatin1(widget->metaObject()->className())
            : widget->objectName();
    }

    // Each control is inside the window, not squeezed below its smallest size, and overlaps no
    // other.
    void checkWhole(QWidget *area)
    {
        const QList<QWidget *> controls = controlsIn(area);
        QVERIFY(!controls.isEmpty());
        const QRect window = m_window->rect();
        QList<QRect> rects;
        for (QWidget *control : controls) {
            const QRect rect(control->mapTo(m_window.get(), QPoint(0, 0)), control->size());
            QVERIFY2(
                window.contains(rect),
                qPrintable(u"%1 at %2,%3 %4×%5 is cut off by the window"_qs.arg(nameOf(control))
                               .arg(rect.x())
                               .arg(rect.y())
                               .arg(rect.width())
                               .arg(rect.height())));
            const QSize least = control->minimumSizeHint();
            QVERIFY2(control->width() >= least.width() && control->height() >= least.height(),
                     qPrintable(u"%1 is %2 wide, below its least %3"_qs.arg(nameOf(control))
                                    .arg(control->width())
                                    .arg(least.width())));
            rects << rect;
        }
        for (qsizetype i = 0; i < rects.size(); ++i) {
            for (qsizetype k = i + 1; k < rects.size(); ++k) {
                if (controls[i]->isAncestorOf(controls[k])
                    || controls[k]->isAncestorOf(controls[i]))
                    continue;
                QVERIFY2(
                    !rects[i].intersects(rects[k]),
                    qPrintable(u"%1 overlaps %2"_qs.arg(nameOf(controls[i]), nameOf(controls[k]))));
            }
        }
    }

    QRect rectInWindow(const QWidget *widget) const
    {
        return {widget->mapTo(m_window.get(), QPoint(0, 0)), widget->size()};
    }

    // How many rows the visible controls under `parent` take.
    static int rowsOf(QWidget *parent)
    {
        QList<QRect> rects;
        for (QWidget *control : controlsIn(parent))
            rects << QRect(control->mapTo(parent, QPoint(0, 0)), control->size());
        std::sort(rects.begin(), rects.end(),
                  [](const QRect &a, const QRect &b) { return a.top() < b.top(); });
        int rows = 0;
        int bottom = -1;
        for (const QRect &rect : rects) {
            if (rect.top() > bottom)
                ++rows;
            bottom = std::max(bottom, rect.bottom());
        }
        return rows;
    }

    // The Signature tab at the window's size: the form fits the pane's width (no sideways
    // scrolling), every control and line of text is whole inside it. Saves a screenshot to look
    // at under screenshots/.
    void checkSignatureTabFits(const QString &screenshot)
    {
        auto *scroll = m_window->findChild<QScrollArea *>(u"signatureScrollArea"_qs);
        QVERIFY(scroll);
        QWidget *panel = m_window->signaturePanel();
        m_window->detailView()->setCurrentWidget(scroll);
        QTRY_VERIFY(panel->isVisible());
        QTest::qWait(50); // let the tab lay out at its width
        const int room = scroll->viewport()->width();
        QVERIFY2(scroll->widget()->minimumSizeHint().width() <= room,
                 qPrintable(u"the form needs %1 px, the pane has %2"_qs
                                .arg(scroll->widget()->minimumSizeHint().width())
                                .arg(room)));
        QVERIFY(!scroll->horizontalScrollBar()->isVisible());
        const QRect viewport = scroll->viewport()->rect();
        for (QWidget *control : controlsIn(panel)) {
            const QRect rect(control->mapTo(scroll->viewport(), QPoint(0, 0)), control->size());
            QVERIFY2(rect.left() >= viewport.left() && rect.right() <= viewport.right(),
                     qPrintable(u"%1 spans %2..%3 of %4 px"_qs.arg(nameOf(control))
                                    .arg(rect.left())
                                    .arg(rect.right())
                                    .arg(viewport.width())));
            QVERIFY2(control->width() >= control->minimumSizeHint().width(),
                     qPrintable(nameOf(control)));
            if (auto *label = qobject_cast<QLabel *>(control); label && label->wordWrap())
                QVERIFY2(label->height() >= label->heightForWidth(label->width()),
                         qPrintable(nameOf(control)));
        }
        const QString directory = QCoreApplication::applicationDirPath() + u"/screenshots"_qs;
        QDir().mkpath(directory);
        QVERIFY(m_window->grab().save(directory + u'/' + screenshot));
    }

    QList<QWidget *> filterChoices() const
    {
        QList<QWidget *> choices;
        for (const char *name : {"filterMethodComboBox", "filterEndpointComboBox",
                                 "filterEventLineEdit", "filterVerdictComboBox"})
            choices << m_window->findChild<QWidget *>(QString::fromLatin1(name));
        return choices;
    }

    // The request count is in the window, its text whole, and `message` (shown, its text
    // cut with "…" if need be) is clear of it and says it whole in its tooltip.
    void checkCountReadableBeside(QLabel *message, const QString &text)
    {
        auto *count = m_window->findChild<QLabel *>(u"statusCountLabel"_qs);
        QVERIFY(count);
        QTRY_VERIFY(message->isVisible());
        QTest::qWait(50); // let the status bar lay out the message
        QVERIFY(count->isVisible());
        QTRY_COMPARE(count->text(), u"1 request"_qs); // counted off the GUI thread
        QVERIFY2(count->fontMetrics().horizontalAdvance(count->text())
                     <= count->contentsRect().width(),
                 qPrintable(u"the count is %1 wide"_qs.arg(count->contentsRect().width())));
        QVERIFY(m_window->rect().contains(rectInWindow(count)));
        QVERIFY2(!rectInWindow(message).intersects(rectInWindow(count)),
                 qPrintable(u"the message at %1+%2 covers the count at %3"_qs
                                .arg(rectInWindow(message).x())
                                .arg(message->width())
                                .arg(rectInWindow(count).x())));
        QVERIFY(m_window->rect().contains(rectInWindow(message)));
        QCOMPARE(message->text(), text);
        QCOMPARE(message->toolTip(), text);
        QCOMPARE(m_window->size(), QSize(500, 400));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_window = test::openWindowWithoutReceiver(m_dir);
        QVERIFY(m_window);
        m_window->resize(500, 400);
        m_window->session().store().store()->submit(test::patreonPledgeCapture());
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 1);
        QSignalSpy shown(m_window.get(), &ui::MainWindow::captureShown);
        m_window->requestListView()->setCurrentIndex(m_window->requestModel()->index(0, 0));
        QTRY_COMPARE(shown.count(), 1);
        QTest::qWait(50); // let the layouts settle at the new size

        const QString directory = QCoreApplication::applicationDirPath() + u"/screenshots"_qs;
        QDir().mkpath(directory);
        const QString path = directory + u"/main-window-500x400.png"_qs;
        QVERIFY(m_window->grab().save(path));
        qInfo("wrote %s", qPrintable(path));
    }

    void cleanupTestCase() { m_window.reset(); }

    // Nothing in the window asks for more room than 500×400.
    void windowTakesTheSize() { QCOMPARE(m_window->size(), QSize(500, 400)); }

    void receiverBarIsWhole() { checkWhole(m_window->findChild<QWidget *>(u"receiverBar"_qs)); }

    // The bind address field shows an address whole, with room to spare (it used to end at
    // the frame with 127.0.0.1, and cut off longer ones).
    void bindAddressIsWhole()
    {
        auto *address = m_window->findChild<QComboBox *>(u"bindAddressComboBox"_qs);
        QLineEdit *edit = address->lineEdit();
        const QString before = edit->text();
        for (const QString &typed : {u"127.0.0.1"_qs, u"192.168.100.200"_qs}) {
            edit->setText(typed);
            // QLineEdit keeps 2 px each side of its text.
            const int room = edit->contentsRect().width() - edit->textMargins().left()
                - edit->textMargins().right() - 4;
            QVERIFY2(edit->fontMetrics().horizontalAdvance(typed) <= room,
                     qPrintable(u"%1 needs %2 px, has %3"_qs.arg(typed)
                                    .arg(edit->fontMetrics().horizontalAdvance(typed))
                                    .arg(room)));
        }
        edit->setText(before);
    }

    void filterBarIsWhole() { checkWhole(m_window->findChild<QWidget *>(u"filterBar"_qs)); }

    void treeToolsAreWhole()
    {
        ui::PayloadTreeView *pane = m_window->detailView()->payloadTree();
        QVERIFY(pane->isVisible());
        checkWhole(pane);
        // The values are in sight, not pushed right by a key column wider than the pane.
        QTreeView *tree = pane->treeView();
        const int valueStarts = tree->header()->sectionPosition(ui::JsonTreeModel::ValueColumn);
        QVERIFY2(
            valueStarts < tree->viewport()->width() / 2,
            qPrintable(
                u"values start at %1 of %2"_qs.arg(valueStarts).arg(tree->viewport()->width())));
    }

    // The one-time keyring message is longer than the room beside the count and URL.
    void countStaysReadableBesideALongMessage()
    {
        const QString message = u"No system keyring: secrets are kept in "
                                u"/home/someone/.config/hookscope/secrets.json (readable by you "
                                u"only)."_qs;
        m_window->statusBar()->showMessage(message, 60000);
        auto *shown = m_window->statusBar()->findChild<QLabel *>(u"statusMessageLabel"_qs);
        QVERIFY(shown);
        checkCountReadableBeside(shown, message);
        m_window->statusBar()->clearMessage();
        QTRY_VERIFY(!shown->isVisible());
    }

    // A port in use, as a user meets it: Start on a taken port says so, with a hint.
    void countStaysReadableBesideAPortInUse()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost));
        m_window->findChild<QSpinBox *>(u"portSpinBox"_qs)->setValue(taken.serverPort());
        m_window->findChild<QAbstractButton *>(u"startStopButton"_qs)->click();
        auto *error = m_window->findChild<QLabel *>(u"statusErrorLabel"_qs);
        QTRY_VERIFY(error->text().contains(u"already in use"_qs));
        checkCountReadableBeside(error, error->text());
        QVERIFY(!m_window->session().isListening());
    }

    // The method, endpoint, event and verdict filters fold behind one button beside the text:
    // one row of filters over the list rather than five, each filter a click away and named.
    void filtersTakeOneRowWhenNarrow()
    {
        auto *bar = m_window->findChild<QWidget *>(u"filterBar"_qs);
        auto *more = bar->findChild<QToolButton *>(u"filterMoreToolButton"_qs);
        QVERIFY(more);
        QVERIFY(more->isVisible());
        QVERIFY(!more->accessibleName().isEmpty());
        QCOMPARE(more->text(), u"Filters"_qs);
        QCOMPARE(rowsOf(bar), 1);
        const QList<QWidget *> choices = filterChoices();
        for (QWidget *choice : choices) {
            QVERIFY(choice);
            QVERIFY2(!choice->isVisible(), qPrintable(choice->objectName()));
            QVERIFY2(!choice->accessibleName().isEmpty(), qPrintable(choice->objectName()));
        }

        QTest::mouseClick(more, Qt::LeftButton);
        for (QWidget *choice : choices)
            QTRY_VERIFY2(choice->isVisible(), qPrintable(choice->objectName()));
        QTest::qWait(50);
        checkWhole(bar);
        QCOMPARE(m_window->size(), QSize(500, 400));

        // A filter in use still applies folded away, and the button counts it.
        auto *method = m_window->findChild<QComboBox *>(u"filterMethodComboBox"_qs);
        method->setCurrentIndex(method->findData(u"GET"_qs));
        QCOMPARE(more->text(), u"Filters (1)"_qs);
        QTest::mouseClick(more, Qt::LeftButton);
        QTRY_VERIFY(!method->isVisible());
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 0);
        method->setCurrentIndex(0);
        QCOMPARE(more->text(), u"Filters"_qs);
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 1);
        QCOMPARE(rowsOf(bar), 1);
    }

    // Sizes in the list read as people write them (this was already so; kept by this test).
    void sizesHaveUnits()
    {
        const QModelIndex size
            = m_window->requestModel()->index(0, ui::RequestListModel::SizeColumn);
        QCOMPARE(size.data().toString(), u"1.8 KiB"_qs); // 1,885 bytes
        QCOMPARE(ui::formatSize(0), u"0 B"_qs);
        QCOMPARE(ui::formatSize(1023), u"1023 B"_qs);
        QCOMPARE(ui::formatSize(5 * 1024 * 1024 + 300 * 1024), u"5.3 MiB"_qs);
    }

    // The Signature tab of a request that fails: verdict, "Why:" and the secret's Show box are
    // in sight at 500×400 and 800×600 (below about 1000 px the long tolerance check box made
    // the form wider than its pane, which then had to be scrolled sideways to read them).
    void signatureTabFitsNarrowWindows()
    {
        ui::SignaturePanel *panel = m_window->signaturePanel();
        auto *secret = panel->findChild<QLineEdit *>(u"secretLineEdit"_qs);
        auto *diagnosis = panel->findChild<QLabel *>(u"diagnosisLabel"_qs);
        QVERIFY(secret && diagnosis);
        if (!m_window->requestListView()->currentIndex().isValid()) {
            QSignalSpy shown(m_window.get(), &ui::MainWindow::captureShown);
            m_window->requestListView()->setCurrentIndex(m_window->requestModel()->index(0, 0));
            QTRY_COMPARE(shown.count(), 1);
        }
        secret->clear();
        QTest::keyClicks(secret, u"a-wrong-secret-typed-by-hand"_qs);
        QTRY_VERIFY(panel->verdictWord() == u"invalid"_qs && !diagnosis->text().isEmpty());

        checkSignatureTabFits(u"signature-500x400.png"_qs);
        if (QTest::currentTestFailed())
            return;
        m_window->resize(800, 600);
        QTRY_COMPARE(m_window->size(), QSize(800, 600));
        checkSignatureTabFits(u"signature-800x600.png"_qs);
        if (QTest::currentTestFailed())
            return;

        m_window->resize(500, 400);
        QTRY_COMPARE(m_window->size(), QSize(500, 400));
        m_window->detailView()->setCurrentIndex(0);
        QTest::qWait(50);
    }

    // Widened again (as every window is after its first layout), the tree's key column is as
    // wide as its keys: keys like is_email_verified are whole.
    void wideAgainTheKeysAreWhole()
    {
        // The filters above cleared the selection, and with it the tree (hidden when empty).
        if (!m_window->requestListView()->currentIndex().isValid()) {
            QSignalSpy shown(m_window.get(), &ui::MainWindow::captureShown);
            m_window->requestListView()->setCurrentIndex(m_window->requestModel()->index(0, 0));
            QTRY_COMPARE(shown.count(), 1);
        }
        QTreeView *tree = m_window->detailView()->payloadTree()->treeView();
        QTRY_VERIFY(tree->isVisible());
        const int narrowKey = tree->header()->sectionSize(ui::JsonTreeModel::KeyColumn);
        m_window->resize(1400, 900);
        QTRY_VERIFY(tree->viewport()->width() > 600);
        const auto keyWidth
            = [tree] { return tree->header()->sectionSize(ui::JsonTreeModel::KeyColumn); };
        const QAbstractItemView *rows = tree; // where sizeHintForColumn() is public
        QTRY_VERIFY2(keyWidth() >= rows->sizeHintForColumn(ui::JsonTreeModel::KeyColumn),
                     qPrintable(QString::number(keyWidth())));
        QVERIFY(narrowKey <= keyWidth());
    }

    // In a wide window every filter is in sight, as before: the text, then one row of choices.
    void wideAgainTheFiltersAreInSight()
    {
        auto *bar = m_window->findChild<QWidget *>(u"filterBar"_qs);
        QTRY_VERIFY(!bar->findChild<QToolButton *>(u"filterMoreToolButton"_qs)->isVisible());
        for (QWidget *choice : filterChoices())
            QVERIFY2(choice->isVisible(), qPrintable(choice->objectName()));
        QCOMPARE(rowsOf(bar), 2);
        checkWhole(bar);
    }
};

QTEST_MAIN(TestNarrowWindow)
#include "TestNarrowWindow.moc"
