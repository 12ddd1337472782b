#include "InspectorFixtures.h"
#include "LiveWindow.h"
#include "MainWindow.h"
#include "RequestListModel.h"
#include "TestConfig.h"
#include "dialogs/DiffDialog.h"
#include "dialogs/DiffTableModel.h"
#include "dialogs/ExportDialog.h"
#include "dialogs/ImportHarDialog.h"
#include "exchange/CaptureExchange.h"
#include "exchange/HarImport.h"
#include "session/ReceiverSession.h"
#include "store/RequestStore.h"
#include "store/StoreClient.h"

#include <QAction>
#include <QFile>
#include <QItemSelectionModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

// The inspector's Compare / Export / Import HAR actions, driven through the real main window.
// Until the window's menus hold these actions the test says so and skips.
class TestExchangeMenu final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ui::MainWindow> m_window;

    QAction *action(const char *name) const
    {
        return m_window->findChild<QAction *>(QString::fromLatin1(name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_window = test::openWindowWithoutReceiver(m_dir);
        QVERIFY(m_window);
        if (!action("compareRequestsAction"))
            QSKIP("MainWindow does not have the exchange actions wired in yet");

        Capture first = test::patreonPledgeCapture();
        Capture second = first;
        const qsizetype at = second.body.indexOf("\"amount_cents\": 250");
        QVERIFY(at > 0);
        second.body.replace(at, 19, "\"amount_cents\": 500"); // the pledge's, not the reward's
        store::RequestStore *store = m_window->session().store().store();
        store->submit(first);
        store->submit(second);
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 2);
    }

    void cleanupTestCase() { m_window.reset(); }

    void shortcuts()
    {
        QCOMPARE(action("compareRequestsAction")->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_D));
        QCOMPARE(action("exportAction")->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));
        QCOMPARE(action("importHarAction")->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_I));
    }

    void compareTwoSelected()
    {
        QTableView *list = m_window->requestListView();
        list->selectAll();
        action("compareRequestsAction")->trigger();
        ui::DiffDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<ui::DiffDialog *>()) != nullptr);
        QTRY_VERIFY(dialog->isReady());
        QCOMPARE(dialog->model()->rowCount(), 1);
        QCOMPARE(dialog->model()->index(0, ui::DiffTableModel::PathColumn).data().toString(),
                 QStringLiteral("$.data.attributes.amount_cents"));
        QCOMPARE(dialog->model()->index(0, ui::DiffTableModel::LeftColumn).data().toString(),
                 QStringLiteral("250"));
        dialog->close();
        QTRY_VERIFY(!m_window->findChild<ui::DiffDialog *>());
    }

    void exportSelected()
    {
        m_window->requestListView()->selectAll();
        action("exportAction")->trigger();
        ui::ExportDialog *dialog = m_window->findChild<ui::ExportDialog *>();
        QVERIFY(dialog);
        dialog->setFilePath(m_dir.filePath(QStringLiteral("two.har")));
        dialog->startExport();
        QTRY_VERIFY(!m_window->findChild<ui::ExportDialog *>());
        const exchange::HarImportResult back
            = exchange::importHarFile(m_dir.filePath(QStringLiteral("two.har")));
        QVERIFY2(back.ok(), qPrintable(back.fatalError));
        QCOMPARE(back.captures.size(), 2);
        QVERIFY(back.captures[0].body.contains("\"amount_cents\": 250"));
    }

    void importHar()
    {
        action("importHarAction")->trigger();
        ui::ImportHarDialog *dialog = m_window->findChild<ui::ImportHarDialog *>();
        QVERIFY(dialog);
        dialog->setFilePath(
            QStringLiteral(HOOKSCOPE_TEST_DATA_DIR "/exchange/chrome-devtools.har"));
        dialog->startImport();
        QTRY_VERIFY(!m_window->findChild<ui::ImportHarDialog *>());
        // The imported requests arrive in the live list like received ones.
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 4);
    }

    // Closing the window while a large HAR is still being read must neither crash nor lose
    // the requests already on their way to the store.
    void closingTheWindowMidImportKeepsEveryRequest()
    {
        QList<Capture> many(3000, test::patreonPledgeCapture());
        const QString path = m_dir.filePath(QStringLiteral("many.har"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(exchange::exportCaptures(many, exchange::ExportFormat::Har, file), QString());
        file.close();
        const qint64 before = m_window->requestModel()->rowCount();

        action("importHarAction")->trigger();
        ui::ImportHarDialog *dialog = m_window->findChild<ui::ImportHarDialog *>();
        QVERIFY(dialog);
        dialog->setFilePath(path);
        dialog->startImport();
        m_window.reset(); // at once, while the file is still being parsed

        store::RequestStore store;
        QCOMPARE(
            store.open(m_dir.filePath(QStringLiteral("captures.sqlite")), store::StoreOptions {}),
            QString());
        QCOMPARE(store.count(), before + 3000);
    }
};

QTEST_MAIN(TestExchangeMenu)
#include "TestExchangeMenu.moc"
