#include "AccessibleNames.h"
#include "CaptureDetailView.h"
#include "InspectorFixtures.h"
#include "JsonTreeModel.h"
#include "LiveWindow.h"
#include "MainWindow.h"
#include "PayloadTreeView.h"
#include "ReceiverBar.h"
#include "RequestListModel.h"
#include "VerdictStyle.h"
#include "compose/ComposeView.h"
#include "session/ReceiverSession.h"
#include "store/RequestStore.h"
#include "store/StoreClient.h"

#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSplitter>
#include <QSslCertificate>
#include <QSslSocket>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

class TestMainWindow final : public QObject
{
    Q_OBJECT

    // One request per badge the list can show, with long text in every column: "OPTIONS", a
    // Patreon pledge's event, a size in KiB, a loopback source (the receiver's default).
    static QList<Capture> oneRequestPerBadge()
    {
        const QList<StoredVerdict> verdicts {
            {u"github"_qs, u"valid"_qs, {}},
            {u"github"_qs, u"invalid"_qs, {}},
            {u"stripe"_qs, u"missing-header"_qs, {}},
            {u"stripe"_qs, u"malformed-header"_qs, {}},
            {u"stripe"_qs, u"outside-tolerance"_qs, {}},
            {u"patreon"_qs, u"no-secret"_qs, {}},
            {QString(), u"no-secret"_qs, {}}, // unsigned
            {QString(), QString(), {}}, // malformed: not checked
        };
        QList<Capture> captures;
        for (const StoredVerdict &verdict : verdicts) {
            Capture capture;
            capture.method = "OPTIONS";
            capture.target = "/hooks/github/deliveries?installation=123456";
            capture.endpoint = u"github"_qs;
            capture.body = QByteArray(1023 * 1024 + 900, 'x'); // "1023.9 KiB"
            capture.remoteAddress = u"127.0.0.1"_qs;
            capture.remotePort = 54321;
            capture.receivedAtUs = QDateTime::currentMSecsSinceEpoch() * 1000;
            capture.eventType = u"members:pledge:create"_qs;
            capture.signature = verdict;
            capture.malformed = verdict.verdict.isEmpty();
            captures << capture;
        }
        return captures;
    }

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

    // Over HTTPS the window says where the self-signed certificate is, so a sender can be made
    // to trust it: beside the URL (copied by a click) and in the tooltips; it is the one served.
    void anHttpsReceiverSaysWhereItsCertificateIs()
    {
        test::forgetSettingsAndSecrets();
        QTemporaryDir dir;
        const std::unique_ptr<ui::MainWindow> window = test::openWindowWithoutReceiver(dir);
        QVERIFY(window);
        auto *bar = window->findChild<ui::ReceiverBar *>();
        auto *https = window->findChild<QCheckBox *>(u"tlsCheckBox"_qs);
        auto *port = window->findChild<QSpinBox *>(u"portSpinBox"_qs);
        auto *start = window->findChild<QPushButton *>(u"startStopButton"_qs);
        auto *copy = window->findChild<QPushButton *>(u"copyCertificatePathButton"_qs);
        auto *url = window->findChild<QLineEdit *>(u"receiverUrlLineEdit"_qs);
        QVERIFY(bar && https && port && start && copy && url);
        QVERIFY(copy->isHidden()); // nothing to say while stopped

        port->setValue(0);
        QTest::mouseClick(https, Qt::LeftButton);
        QVERIFY(https->isChecked());
        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_VERIFY(window->session().isListening());
        QVERIFY2(window->session().url().startsWith(u"https://"_qs),
                 qPrintable(window->session().url()));

        // The certificate lies beside the database, as `listen --tls` keeps it.
        const QString path = QFileInfo(dir.filePath(u"captures.sqlite"_qs)).absolutePath()
            + u"/localhost-cert.pem"_qs;
        QVERIFY(QFile::exists(path));
        QCOMPARE(bar->certificatePath(), path);
        QTRY_VERIFY(copy->isVisible());
        QVERIFY2(url->toolTip().contains(path), qPrintable(url->toolTip()));
        QVERIFY(copy->toolTip().contains(path));
        QVERIFY(copy->toolTip().contains(u"--cacert"_qs));
        auto *status = window->findChild<QLabel *>(u"statusUrlLabel"_qs);
        QVERIFY(status && status->toolTip().contains(path));
        QApplication::clipboard()->setText(u"before"_qs);
        QTest::mouseClick(copy, Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), path);
        // The button fits the bar: nothing of it is cut off at the right.
        QVERIFY(copy->width() >= copy->sizeHint().width());
        QVERIFY(copy->mapTo(bar, QPoint(copy->width(), 0)).x() <= bar->width());

        // It is the certificate the receiver presents.
        const QList<QSslCertificate> onDisk = QSslCertificate::fromPath(path);
        QCOMPARE(onDisk.size(), 1);
        QSslSocket socket;
        socket.setPeerVerifyMode(QSslSocket::QueryPeer);
        socket.connectToHostEncrypted(u"127.0.0.1"_qs, test::portOfUrl(window->session().url()));
        QVERIFY2(socket.waitForEncrypted(10000), qPrintable(socket.errorString()));
        QCOMPARE(socket.peerCertificate(), onDisk.first());
        socket.disconnectFromHost();

        // The composer sends to this receiver without "Accept this self-signed certificate".
        ui::ComposeView *composer = window->composeView();
        auto *composeUrl = composer->findChild<QLineEdit *>(u"urlLineEdit"_qs);
        auto *insecure = composer->findChild<QCheckBox *>(u"insecureCheckBox"_qs);
        QVERIFY(composeUrl && insecure);
        QVERIFY(composeUrl->text().startsWith(window->session().url()));
        QVERIFY(!insecure->isChecked());
        QSignalSpy sent(composer, &ui::ComposeView::sendFinished);
        composer->send();
        QVERIFY(sent.wait(15000));
        QTRY_COMPARE(window->requestModel()->rowCount(), 1);

        // Stopped, or listening over plain HTTP, there is no certificate to speak of.
        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_VERIFY(!window->session().isListening());
        QVERIFY(copy->isHidden());
        QVERIFY(url->toolTip().isEmpty());
        QVERIFY(bar->certificatePath().isEmpty());
        QTest::mouseClick(https, Qt::LeftButton);
        QVERIFY(!https->isChecked());
        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_VERIFY(window->session().isListening());
        QVERIFY(window->session().url().startsWith(u"http://"_qs));
        QVERIFY(copy->isHidden());
        QVERIFY(status->toolTip().isEmpty());
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

    // On a first start (no saved layout), at the default window size, every column shows its
    // content and its title whole, badges included; the path takes what is left, and nothing is
    // scrolled out of sight to the right.
    void theDefaultColumnsShowTheirContentWhole()
    {
        QTemporaryDir dir;
        const std::unique_ptr<ui::MainWindow> window = test::openWindowWithoutReceiver(dir);
        QVERIFY(window);
        QCOMPARE(window->size(), QSize(1280, 800));
        const QList<Capture> captures = oneRequestPerBadge();
        for (const Capture &capture : captures)
            window->session().store().store()->submit(capture);
        QTRY_COMPARE(window->requestModel()->rowCount(), captures.size());
        QCoreApplication::processEvents();

        QTableView *table = window->requestListView();
        const QAbstractItemView *list = table; // where sizeHintForColumn() is public
        QHeaderView *header = table->horizontalHeader();
        const QString picture
            = savedScreenshot(window.get(), u"request-list-default-columns.png"_qs);
        for (int column = 0; column < ui::RequestListModel::ColumnCount; ++column) {
            if (column == ui::RequestListModel::PathColumn)
                continue;
            const QString name
                = window->requestModel()->headerData(column, Qt::Horizontal).toString();
            QVERIFY2(list->sizeHintForColumn(column) <= header->sectionSize(column),
                     qPrintable(u"%1: content needs %2 px, has %3 (see %4)"_qs.arg(name)
                                    .arg(list->sizeHintForColumn(column))
                                    .arg(header->sectionSize(column))
                                    .arg(picture)));
            QVERIFY2(header->sectionSizeHint(column) <= header->sectionSize(column),
                     qPrintable(u"%1: title needs %2 px, has %3"_qs.arg(name)
                                    .arg(header->sectionSizeHint(column))
                                    .arg(header->sectionSize(column))));
        }
        // Every badge fits, not only those listed: the column is as wide as the widest one.
        const int badgeRoom = header->sectionSize(ui::RequestListModel::SignatureColumn);
        for (const Capture &capture : captures) {
            const QString badge = ui::verdictLabel(capture.signature);
            QVERIFY2(list->fontMetrics().horizontalAdvance(badge) + 22 <= badgeRoom,
                     qPrintable(badge));
        }
        int right = 0;
        for (int column = 0; column < ui::RequestListModel::ColumnCount; ++column)
            right = std::max(right,
                             header->sectionViewportPosition(column) + header->sectionSize(column));
        QVERIFY2(right <= list->viewport()->width(),
                 qPrintable(u"the columns end at %1 px, the list at %2"_qs.arg(right).arg(
                     list->viewport()->width())));
        QVERIFY(!table->horizontalScrollBar()->isVisible());
        // The path, the text that varies most, takes the room that is left.
        QVERIFY2(
            header->sectionSize(ui::RequestListModel::PathColumn)
                >= header->sectionSizeHint(ui::RequestListModel::PathColumn),
            qPrintable(QString::number(header->sectionSize(ui::RequestListModel::PathColumn))));
    }

    // A layout saved by an earlier version (the source column stretched, the path 126 px wide)
    // loads as it was saved, from the same settings key.
    void aSavedListLayoutStillLoads()
    {
        test::forgetSettingsAndSecrets();
        QHeaderView saved(Qt::Horizontal);
        QStandardItemModel columns(1, ui::RequestListModel::ColumnCount);
        saved.setModel(&columns);
        saved.setStretchLastSection(true);
        for (int column = 0; column < ui::RequestListModel::ColumnCount; ++column)
            saved.resizeSection(column, 50 + 10 * column);
        saved.resizeSection(ui::RequestListModel::PathColumn, 126);
        saved.resizeSection(ui::RequestListModel::SignatureColumn, 91);
        QSettings().setValue(u"mainWindow/listHeader2"_qs, saved.saveState());

        QTemporaryDir dir;
        ui::MainWindowOptions options;
        options.databasePath = dir.filePath(u"captures.sqlite"_qs);
        options.startReceiver = false;
        ui::MainWindow window(options);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QHeaderView *header = window.requestListView()->horizontalHeader();
        QVERIFY(header->stretchLastSection());
        QCOMPARE(header->sectionSize(ui::RequestListModel::PathColumn), 126);
        QCOMPARE(header->sectionSize(ui::RequestListModel::SignatureColumn), 91);
        QCOMPARE(header->sectionSize(ui::RequestListModel::MethodColumn), 70);
        QCOMPARE(header->sectionResizeMode(ui::RequestListModel::PathColumn),
                 QHeaderView::Interactive);
        QVERIFY(window.close());
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

private:
    // For people to look at: build/tests/screenshots/<name>; returns its path.
    static QString savedScreenshot(QWidget *widget, const QString &name)
    {
        const QString directory = QCoreApplication::applicationDirPath() + u"/screenshots"_qs;
        QDir().mkpath(directory);
        const QString path = directory + u'/' + name;
        return widget->grab().save(path) ? path : QString();
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
