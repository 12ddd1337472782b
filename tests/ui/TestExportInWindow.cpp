#include "InspectorFixtures.h"
#include "LiveWindow.h"
#include "MainWindow.h"
#include "RequestListModel.h"
#include "dialogs/ExportDialog.h"
#include "exchange/HarImport.h"
#include "store/RequestStore.h"
#include "store/StoreClient.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

// File → Export… (Ctrl+E) in the real window, in a home folder with no Documents folder: the
// suggested file is in a folder that exists, and a folder typed that does not exist yet is
// created rather than failing with "No such file or directory".
class TestExportInWindow final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_home; // HOME, with no Documents folder in it
    std::unique_ptr<ui::MainWindow> m_window;

    // File → Export…, as the menu does; the dialog it opens.
    ui::ExportDialog *openExport()
    {
        m_window->findChild<QAction *>(QStringLiteral("exportAction"))->trigger();
        return m_window->findChild<ui::ExportDialog *>();
    }

    static QLineEdit *pathField(ui::ExportDialog *dialog)
    {
        return dialog->findChild<QLineEdit *>(QStringLiteral("pathLineEdit"));
    }

    // Types `path` over the suggested one and clicks Export.
    static void typeAndExport(ui::ExportDialog *dialog, const QString &path)
    {
        QLineEdit *field = pathField(dialog);
        field->selectAll();
        QTest::keyClicks(field, path);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("exportPushButton")),
                          Qt::LeftButton);
    }

    static int harEntries(const QString &path)
    {
        const exchange::HarImportResult back = exchange::importHarFile(path);
        return back.ok() ? int(back.captures.size()) : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_home.isValid());
        qputenv("HOME", QFile::encodeName(m_home.path()));
        // Where ~/.config/user-dirs.dirs would move Documents: none here.
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(QStringLiteral(".config"))));
        QVERIFY(!QFileInfo::exists(m_home.filePath(QStringLiteral("Documents"))));
        m_window = test::openWindowWithoutReceiver(m_dir);
        QVERIFY(m_window);
        m_window->session().store().store()->submit(test::patreonPledgeCapture());
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 1);
    }

    void cleanupTestCase() { m_window.reset(); }

    // The bug: the suggested ~/Documents/hookscope-requests.har failed where ~/Documents is
    // missing. The home folder is suggested instead, and Export just works.
    void withoutDocumentsTheHomeFolderIsSuggested()
    {
        ui::ExportDialog *dialog = openExport();
        QVERIFY(dialog);
        const QString suggested = pathField(dialog)->text();
        QCOMPARE(suggested, QDir(m_home.path()).filePath(QStringLiteral("hookscope-requests.har")));

        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("exportPushButton")),
                          Qt::LeftButton);
        QTRY_VERIFY(!m_window->findChild<ui::ExportDialog *>());
        QCOMPARE(harEntries(suggested), 1);
        const QString message = m_window->statusBar()->currentMessage();
        QVERIFY2(message.contains(u"Exported 1 request to "), qPrintable(message));
        QVERIFY(!QFileInfo::exists(m_home.filePath(QStringLiteral("Documents"))));
    }

    void documentsIsSuggestedWhereItExists()
    {
        QVERIFY(QDir(m_home.path()).mkdir(QStringLiteral("Documents")));
        ui::ExportDialog *dialog = openExport();
        QVERIFY(dialog);
        QCOMPARE(pathField(dialog)->text(),
                 m_home.filePath(QStringLiteral("Documents/hookscope-requests.har")));
        dialog->reject();
        QTRY_VERIFY(!m_window->findChild<ui::ExportDialog *>());
        QVERIFY(QDir(m_home.filePath(QStringLiteral("Documents"))).removeRecursively());
    }

    // A path typed in folders that do not exist yet: they are made, as most apps do.
    void missingFoldersOfATypedPathAreCreated()
    {
        const QString path = m_home.filePath(QStringLiteral("exports/2026/december/hooks.har"));
        ui::ExportDialog *dialog = openExport();
        QVERIFY(dialog);
        QSignalSpy finished(dialog, &ui::ExportDialog::exportFinished);
        typeAndExport(dialog, path);
        QTRY_VERIFY(!m_window->findChild<ui::ExportDialog *>());
        QCOMPARE(finished.count(), 1);
        QCOMPARE(harEntries(path), 1);
    }

    // A folder that cannot be made (a file is in the way) is named, and the dialog stays open
    // with the path, to correct it.
    void aFolderThatCannotBeMadeIsNamed()
    {
        QFile inTheWay(m_home.filePath(QStringLiteral("notes.txt")));
        QVERIFY(inTheWay.open(QIODevice::WriteOnly));
        inTheWay.close();
        const QString folder = m_home.filePath(QStringLiteral("notes.txt/hooks"));
        ui::ExportDialog *dialog = openExport();
        QVERIFY(dialog);
        QSignalSpy failed(dialog, &ui::ExportDialog::exportFailed);
        typeAndExport(dialog, folder + QStringLiteral("/all.har"));
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY(!dialog->isRunning());
        const QString status = dialog->statusText();
        QVERIFY2(status.startsWith(QStringLiteral("Export failed: cannot create the folder ")
                                   + folder + u':'),
                 qPrintable(status));
        QVERIFY2(status.contains(m_home.filePath(QStringLiteral("notes.txt"))
                                 + QStringLiteral(" exists")),
                 qPrintable(status));
        QVERIFY(dialog->isVisible());
        QVERIFY(pathField(dialog)->isEnabled());
        dialog->reject();
        QTRY_VERIFY(!m_window->findChild<ui::ExportDialog *>());
    }
};

QTEST_MAIN(TestExportInWindow)
#include "TestExportInWindow.moc"
