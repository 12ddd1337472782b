#include "AccessibleNames.h"
#include "CaptureDetailView.h"
#include "InspectorFixtures.h"
#include "JsonTreeModel.h"
#include "LiveWindow.h"
#include "MainWindow.h"
#include "PayloadTreeView.h"
#include "ReceiverBar.h"
#include "session/ReceiverSession.h"

#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensWithNameAndIconAndClosesCleanly()
    {
        ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Hookscope"));
        QCOMPARE(window.objectName(), QStringLiteral("mainWindow"));
        QVERIFY(!window.windowIcon().isNull());
        QVERIFY(!window.windowIcon().pixmap(64, 64).isNull());

        auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("detailTabWidget"));
        QVERIFY(tabs);
        QCOMPARE(tabs, window.detailView());
        QVERIFY(window.findChild<QTableView *>(QStringLiteral("requestListView")));
        QStringList names;
        for (int i = 0; i < tabs->count(); ++i)
            names << tabs->tabText(i);
        QCOMPARE(
            names,
            (QStringList {QStringLiteral("Tree"), QStringLiteral("Headers"), QStringLiteral("Raw"),
                          QStringLiteral("Signature"), QStringLiteral("Response")}));

        QVERIFY(window.close());
        QVERIFY(!window.isVisible());
    }

    void showsACaptureInTheDetailView()
    {
        ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.detailView()->setCapture(test::patreonPledgeCapture());
        const ui::JsonTreeModel *model = window.detailView()->payloadTree()->model();
        QCOMPARE(model->index(0, 0, model->index(0, 0)).data().toString(), u"data"_qs);

        // The tree's actions are in the menu bar, each with a name and a shortcut.
        QStringList shortcuts;
        for (const QString &name :
             {u"copyValueAction"_qs, u"copyPathAction"_qs, u"expandAllAction"_qs,
              u"collapseAllAction"_qs, u"findInTreeAction"_qs}) {
            auto *action = window.findChild<QAction *>(name);
            QVERIFY2(action, qPrintable(name));
            QVERIFY2(!action->shortcut().isEmpty(), qPrintable(name));
            QVERIFY(!action->associatedObjects().isEmpty());
        }
    }

    // Every page and tab of the window, shown or not, with a request selected and the
    // receiver listening.
    void everyControlIsNamed()
    {
        test::forgetSettingsAndSecrets();
        QTemporaryDir dir;
        const std::unique_ptr<ui::MainWindow> window = test::openLiveWindow(dir);
        QVERIFY(window);
        window->detailView()->setCapture(test::patreonPledgeCapture());
        const QStringList unnamed = test::unnamedControls(window.get());
        for (const QString &control : unnamed)
            qWarning("no accessible name: %s", qPrintable(control));
        QCOMPARE(unnamed.size(), 0);
    }

    void receiverUrlIsDescribedByTheReceiversState()
    {
        test::forgetSettingsAndSecrets();
        QTemporaryDir dir;
        const std::unique_ptr<ui::MainWindow> window = test::openLiveWindow(dir);
        QVERIFY(window);
        auto *url = window->findChild<QLineEdit *>(u"receiverUrlLineEdit"_qs);
        QVERIFY(url);
        // A line edit with no description of its own is described by its placeholder.
        const auto description = [url] {
            return QAccessible::queryAccessibleInterface(url)->text(QAccessible::Description);
        };
        QVERIFY2(!description().contains(u"stopped"), qPrintable(description()));
        QCOMPARE(url->text(), window->session().url());
        window->session().stopReceiver();
        QTRY_VERIFY(url->text().isEmpty());
        QVERIFY2(description().contains(u"stopped"), qPrintable(description()));
    }

    // Started on port 0 ("any free"), the Port box shows the port the receiver got, as the
    // URL does; "any free" stays the setting, for the next start and the next run.
    void thePortBoxShowsThePortTheReceiverGot()
    {
        test::forgetSettingsAndSecrets();
        QTemporaryDir dir;
        const std::unique_ptr<ui::MainWindow> window = test::openLiveWindow(dir, 0);
        QVERIFY(window);
        auto *bar = window->findChild<ui::ReceiverBar *>();
        auto *port = window->findChild<QSpinBox *>(u"portSpinBox"_qs);
        QVERIFY(bar && port);
        const quint16 listening = test::portOfUrl(window->session().url());
        QVERIFY(listening != 0);
        QCOMPARE(port->text(), QString::number(listening));
        QCOMPARE(bar->port(), quint16(0));
        QCOMPARE(QSettings().value(u"receiver/port"_qs).toInt(), 0);
        const QString directory = QCoreApplication::applicationDirPath() + u"/screenshots"_qs;
        QDir().mkpath(directory);
        QVERIFY(bar->grab().save(directory + u"/receiver-port-chosen.png"_qs));

        // New endpoints restart the receiver on the same port, and "any free" stays the setting.
        session::ReceiverProfile profile;
        http::EndpointConfig endpoint;
        endpoint.name = u"github"_qs;
        endpoint.pathPrefix = "/gh";
        profile.endpoints << endpoint;
        window->applyReceiverProfile(profile, {});
        QTRY_VERIFY(window->session().isListening());
        QCOMPARE(test::portOfUrl(window->session().url()), listening);
        QCOMPARE(port->text(), QString::number(listening));
        QCOMPARE(QSettings().value(u"receiver/port"_qs).toInt(), 0);

        window->session().stopReceiver();
        QTRY_COMPARE(port->text(), u"any free"_qs);
        QCOMPARE(bar->port(), quint16(0));
        // The bar is laid out again for the Endpoints button's new text before it is pictured.
        auto *endpoints = bar->findChild<QPushButton *>(u"endpointsButton"_qs);
        QTRY_VERIFY(endpoints->width() >= endpoints->sizeHint().width());
        QVERIFY(bar->grab().save(directory + u"/receiver-port-stopped.png"_qs));
    }

    void restoresGeometryAndSplitter()
    {
        QList<int> sizes;
        {
            ui::MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(1000, 640);
            auto *splitter = window.findChild<QSplitter *>(u"mainSplitter"_qs);
            splitter->setSizes({250, 750});
            QCoreApplication::processEvents();
            sizes = splitter->sizes();
            QVERIFY(window.close());
        }
        QVERIFY(QSettings().contains(u"mainWindow/geometry"_qs));
        ui::MainWindow again;
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.size(), QSize(1000, 640));
        QCOMPARE(again.findChild<QSplitter *>(u"mainSplitter"_qs)->sizes(), sizes);
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
