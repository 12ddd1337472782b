// The window on a database it cannot open: a file another Hookscope holds, a damaged file and
// one from a newer Hookscope each get a clear message and a choice, driven here through the
// real dialog's buttons. A file set aside stays byte for byte what it was.
#include "HttpTestClient.h"
#include "MainWindow.h"
#include "RequestListModel.h"
#include "dialogs/FileChooser.h"
#include "dialogs/StoreProblemDialog.h"
#include "session/ReceiverSession.h"
#include "store/RequestStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace hookscope;
using ui::StoreProblemDialog;

namespace {

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

quint16 portOf(const QString &url)
{
    return quint16(url.section(u':', -1).toUInt());
}

} // namespace

class TestStoreProblemDialog final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ui::MainWindow> m_window;

    QString dbPath() const { return m_dir->filePath(QStringLiteral("captures.sqlite")); }

    void openWindow(const QString &path)
    {
        ui::MainWindowOptions options;
        options.databasePath = path;
        options.port = 0;
        m_window = std::make_unique<ui::MainWindow>(options);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    // The dialog the window shows now (a new one after each choice that fails again).
    StoreProblemDialog *waitForDialog(StoreProblemDialog *previous = nullptr)
    {
        QPointer<StoreProblemDialog> old(previous);
        StoreProblemDialog *dialog = nullptr;
        const bool shown = QTest::qWaitFor(
            [&] {
                dialog = old ? nullptr : m_window->findChild<StoreProblemDialog *>();
                return dialog && dialog->isVisible();
            },
            10000);
        return shown ? dialog : nullptr;
    }

    static QPushButton *button(StoreProblemDialog *dialog, const char *name)
    {
        return dialog->findChild<QPushButton *>(QString::fromLatin1(name));
    }

    // The new database works: a request posted to the window's receiver is stored and listed.
    void checkWindowStores()
    {
        QTRY_VERIFY_WITH_TIMEOUT(m_window->session().isListening(), 10000);
        const test::RawResponse response
            = test::roundTrip(portOf(m_window->session().url()),
                              "POST /after HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}");
        QCOMPARE(response.status, 200);
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 1);
    }

private Q_SLOTS:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void cleanup()
    {
        m_window.reset();
        m_dir.reset();
    }

    void aDatabaseInUseOffersTryAgainAnotherFileOrNoStoring()
    {
        store::RequestStore holder; // "another Hookscope"
        QCOMPARE(holder.open(dbPath()), QString());
        openWindow(dbPath());
        StoreProblemDialog *dialog = waitForDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->failure(), store::OpenFailure::InUse);
        QVERIFY2(dialog->message().contains(QStringLiteral("open in another Hookscope")),
                 qPrintable(dialog->message()));
        QVERIFY(dialog->message().contains(dbPath()));
        QVERIFY(button(dialog, "tryAgainPushButton"));
        QVERIFY(button(dialog, "openAnotherPushButton"));
        QVERIFY(button(dialog, "continueWithoutStoringPushButton"));
        QVERIFY(!button(dialog, "startNewPushButton")); // nothing to set aside: it is fine
        QVERIFY(!m_window->isStoreReady());

        // Still held: trying again asks again.
        QTest::mouseClick(button(dialog, "tryAgainPushButton"), Qt::LeftButton);
        dialog = waitForDialog(dialog);
        QVERIFY(dialog);
        QCOMPARE(dialog->failure(), store::OpenFailure::InUse);

        // The other one closes; now it opens.
        holder.close();
        QSignalSpy ready(m_window.get(), &ui::MainWindow::storeReady);
        QTest::mouseClick(button(dialog, "tryAgainPushButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 10000);
        QVERIFY(m_window->isStoreReady());
        QVERIFY(!m_window->findChild<StoreProblemDialog *>());
        checkWindowStores();
    }

    void anotherDatabaseCanBeChosen()
    {
        store::RequestStore holder;
        QCOMPARE(holder.open(dbPath()), QString());
        openWindow(dbPath());
        StoreProblemDialog *dialog = waitForDialog();
        QVERIFY(dialog);

        // Cancelling the file picker leaves the question open.
        ui::FileChooser::setNextFileName(QString());
        QTest::mouseClick(button(dialog, "openAnotherPushButton"), Qt::LeftButton);
        dialog = waitForDialog(dialog);
        QVERIFY(dialog);

        const QString other = m_dir->filePath(QStringLiteral("other.sqlite"));
        ui::FileChooser::setNextFileName(other);
        QSignalSpy ready(m_window.get(), &ui::MainWindow::storeReady);
        QTest::mouseClick(button(dialog, "openAnotherPushButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 10000);
        QCOMPARE(m_window->session().storePath(), other);
        QVERIFY(QFile::exists(other));
        checkWindowStores();
        QCOMPARE(holder.count(), 0); // the held file got nothing
    }

    void continuingWithoutStoringSaysSo()
    {
        store::RequestStore holder;
        QCOMPARE(holder.open(dbPath()), QString());
        openWindow(dbPath());
        QPointer<StoreProblemDialog> dialog = waitForDialog();
        QVERIFY(dialog);
        QTest::mouseClick(button(dialog, "continueWithoutStoringPushButton"), Qt::LeftButton);
        QTRY_VERIFY(!dialog);
        QVERIFY(!m_window->isStoreReady());
        QVERIFY(!m_window->session().isListening());
        bool said = false;
        for (const QLabel *label : m_window->findChildren<QLabel *>())
            said = said || label->text().startsWith(QStringLiteral("Not storing requests"));
        QVERIFY(said);
    }

    void anUnreadableDatabaseCanBeSetAsideForANewOne_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("damaged") << QStringLiteral("damaged");
        QTest::newRow("newer schema") << QStringLiteral("newer");
    }

    void anUnreadableDatabaseCanBeSetAsideForANewOne()
    {
        QFETCH(QString, kind);
        if (kind == u"damaged") {
            QFile file(dbPath());
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray(8192, '\x5a'));
        } else {
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                            QStringLiteral("future"));
                db.setDatabaseName(dbPath());
                QVERIFY(db.open());
                QSqlQuery query(db);
                QVERIFY(query.exec(QStringLiteral("CREATE TABLE captures (x)")));
                QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 99")));
            }
            QSqlDatabase::removeDatabase(QStringLiteral("future"));
        }
        const QByteArray before = fileHash(dbPath());
        QVERIFY(!before.isEmpty());

        openWindow(dbPath());
        StoreProblemDialog *dialog = waitForDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->failure(), store::OpenFailure::Unreadable);
        QVERIFY2(dialog->message().contains(QStringLiteral("cannot read the database")),
                 qPrintable(dialog->message()));
        QVERIFY(button(dialog, "startNewPushButton"));
        QVERIFY(button(dialog, "openAnotherPushButton"));
        QVERIFY(button(dialog, "continueWithoutStoringPushButton"));
        QVERIFY(!button(dialog, "tryAgainPushButton"));
        // Asking changed nothing.
        QCOMPARE(fileHash(dbPath()), before);
        QVERIFY(!m_window->session().isListening());

        QSignalSpy ready(m_window.get(), &ui::MainWindow::storeReady);
        QTest::mouseClick(button(dialog, "startNewPushButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 10000);

        const QStringList aside
            = QDir(m_dir->path())
                  .entryList({QStringLiteral("captures.sqlite.unreadable-*")}, QDir::Files);
        QCOMPARE(aside.size(), 1);
        QVERIFY(QRegularExpression(QStringLiteral("^captures\\.sqlite\\.unreadable-\\d{8}-\\d{6}$"))
                    .match(aside.first())
                    .hasMatch());
        QCOMPARE(fileHash(m_dir->filePath(aside.first())), before);
        QCOMPARE(m_window->session().storePath(), dbPath());
        QVERIFY(fileHash(dbPath()) != before);
        checkWindowStores();
    }
};

QTEST_MAIN(TestStoreProblemDialog)
#include "TestStoreProblemDialog.moc"
