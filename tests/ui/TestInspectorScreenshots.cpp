#include "CaptureDetailView.h"
#include "DarkPalette.h"
#include "InspectorFixtures.h"
#include "JsonTreeModel.h"
#include "MainWindow.h"
#include "PayloadTreeView.h"
#include "RequestListModel.h"
#include "http/EventType.h"
#include "session/ReceiverSession.h"
#include "store/RequestStore.h"
#include "store/StoreClient.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QSignalSpy>
#include <QStyle>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace hookscope;
using hookscope::test::darkPalette;

// Writes PNGs of the main window showing a Patreon pledge, in a light and a dark palette, into
// <build>/tests/screenshots/ for people to look at.
class TestInspectorScreenshots final : public QObject
{
    Q_OBJECT

    static double meanLightness(const QImage &image)
    {
        double sum = 0;
        int count = 0;
        for (int y = 0; y < image.height(); y += 4) {
            for (int x = 0; x < image.width(); x += 4) {
                sum += QColor(image.pixel(x, y)).lightness();
                ++count;
            }
        }
        return count ? sum / count : 0;
    }

    // A window on a database of its own holding `capture`, with that request selected in the
    // list as a user would select it; null when any step timed out.
    std::unique_ptr<ui::MainWindow> windowShowing(const Capture &capture)
    {
        ui::MainWindowOptions options;
        options.databasePath
            = m_dir.filePath(u"shot-%1.sqlite"_qs.arg(++m_windows)); // a fresh store each time
        options.port = 0;
        auto window = std::make_unique<ui::MainWindow>(options);
        window->resize(1280, 820);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get())
            || !QTest::qWaitFor([&] { return window->isStoreReady(); }, 10000))
            return {};
        Capture stored = capture;
        stored.eventType = http::deriveEventType(stored.headers, stored.body); // as received
        window->session().store().store()->submit(stored);
        if (!QTest::qWaitFor([&] { return window->requestModel()->rowCount() == 1; }, 10000))
            return {};
        QSignalSpy shown(window.get(), &ui::MainWindow::captureShown);
        window->requestListView()->setCurrentIndex(window->requestModel()->index(0, 0));
        auto *count = window->findChild<QLabel *>(u"statusCountLabel"_qs);
        if (!QTest::qWaitFor([&] { return shown.count() == 1 && count->text() == u"1 request"; },
                             10000))
            return {};
        return window;
    }

    QImage shoot(const QPalette &palette, const QString &name,
                 ui::CaptureDetailView::Tab tab = ui::CaptureDetailView::TreeTab)
    {
        QApplication::setPalette(palette);
        const std::unique_ptr<ui::MainWindow> shown = windowShowing(test::patreonPledgeCapture());
        if (!shown)
            return {};
        ui::MainWindow &window = *shown;
        ui::CaptureDetailView *detail = window.detailView();

        // Show the pledge with its patron relationship resolved inline and selected.
        ui::PayloadTreeView *pane = detail->payloadTree();
        QTreeView *tree = pane->treeView();
        const ui::JsonTreeModel *model = pane->model();
        const QModelIndex id = model->find(u"32187"_qs, {});
        const QModelIndex patron = id.parent().parent();
        tree->expand(patron);
        const QModelIndex resolved = model->index(model->rowCount(patron) - 1, 0, patron);
        tree->expand(resolved);
        tree->expand(model->index(0, 0, resolved));
        for (const QString &collapse : {u"card"_qs, u"address"_qs}) {
            const QModelIndex hit = model->find(collapse, {});
            tree->collapse(hit);
        }
        tree->setCurrentIndex(id);
        tree->scrollTo(model->index(0, 0));
        tree->setFocus();
        detail->setCurrentIndex(tab);
        QCoreApplication::processEvents();

        const QImage image = window.grab().toImage();
        const QString directory = QCoreApplication::applicationDirPath() + u"/screenshots"_qs;
        QDir().mkpath(directory);
        const QString path = directory + u'/' + name;
        if (!image.save(path))
            return {};
        qInfo("wrote %s", qPrintable(path));
        return image;
    }

    QTemporaryDir m_dir;
    int m_windows = 0;

private Q_SLOTS:
    void initTestCase() { QApplication::setStyle(QStyleFactory::create(u"Fusion"_qs)); }

    void lightAndDark()
    {
        const QImage light
            = shoot(QApplication::style()->standardPalette(), u"inspector-patreon-light.png"_qs);
        QVERIFY(!light.isNull());
        const QImage dark = shoot(darkPalette(), u"inspector-patreon-dark.png"_qs);
        QVERIFY(!dark.isNull());
        QCOMPARE(light.size(), dark.size());
        // The window follows the palette: the dark shot is clearly darker overall.
        QVERIFY2(meanLightness(light) > meanLightness(dark) + 80,
                 qPrintable(u"%1 vs %2"_qs.arg(meanLightness(light)).arg(meanLightness(dark))));
    }

    void invalidJson()
    {
        for (const bool dark : {false, true}) {
            QApplication::setPalette(dark ? darkPalette()
                                          : QApplication::style()->standardPalette());
            Capture capture = test::patreonPledgeCapture();
            capture.body.replace("\"amount_cents\": 250,", "\"amount_cents\": 250");
            const std::unique_ptr<ui::MainWindow> shown = windowShowing(capture);
            QVERIFY(shown);
            ui::MainWindow &window = *shown;
            QCoreApplication::processEvents();
            const QString path = QCoreApplication::applicationDirPath()
                + u"/screenshots/inspector-invalid-json-%1.png"_qs.arg(dark ? u"dark"_qs
                                                                            : u"light"_qs);
            QVERIFY(window.grab().save(path));
        }
    }

    void otherTabs()
    {
        using Tab = ui::CaptureDetailView::Tab;
        const QList<QPair<Tab, QString>> tabs {{Tab::HeadersTab, u"headers"_qs},
                                               {Tab::RawTab, u"raw"_qs},
                                               {Tab::ResponseTab, u"response"_qs}};
        for (const auto &[tab, name] : tabs) {
            QVERIFY(!shoot(QApplication::style()->standardPalette(),
                           u"inspector-patreon-%1-light.png"_qs.arg(name), tab)
                         .isNull());
            QVERIFY(
                !shoot(darkPalette(), u"inspector-patreon-%1-dark.png"_qs.arg(name), tab).isNull());
        }
    }
};

QTEST_MAIN(TestInspectorScreenshots)
#include "TestInspectorScreenshots.moc"
