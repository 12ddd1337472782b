#include "CaptureDetailView.h"
#include "InspectorFixtures.h"
#include "JsonTreeModel.h"
#include "LiveWindow.h"
#include "MainWindow.h"
#include "PayloadTreeView.h"
#include "RequestListModel.h"
#include "store/RequestStore.h"
#include "store/StoreClient.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace hookscope;

// The main window at 500×400, the smallest size a user is likely to make it: the controls of
// the receiver bar, the filter bar and the tree's tools must each be whole, inside the window
// and clear of one another.
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

    // Widened again (as every window is after its first layout), the tree's key column gets
    // its usual width back: keys like is_email_verified are whole.
    void wideAgainTheKeysAreWhole()
    {
        QTreeView *tree = m_window->detailView()->payloadTree()->treeView();
        const int narrowKey = tree->header()->sectionSize(ui::JsonTreeModel::KeyColumn);
        m_window->resize(1400, 900);
        QTRY_VERIFY(tree->viewport()->width() > 600);
        QTRY_COMPARE(tree->header()->sectionSize(ui::JsonTreeModel::KeyColumn), 260);
        QVERIFY(narrowKey < 260);
    }
};

QTEST_MAIN(TestNarrowWindow)
#include "TestNarrowWindow.moc"
