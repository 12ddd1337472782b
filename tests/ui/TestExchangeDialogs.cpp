#include "TestConfig.h"
#include "dialogs/ExportDialog.h"
#include "dialogs/ImportHarDialog.h"
#include "exchange/HarImport.h"
#include "store/RequestStore.h"
#include "store/StoreClient.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using hookscope::ui::ExportDialog;
using hookscope::ui::ImportHarDialog;

namespace {

Capture makeCapture(int n)
{
    Capture capture;
    capture.method = "POST";
    capture.target = "/hooks/" + QByteArray::number(n) + "?q=" + QByteArray::number(n);
    capture.headers = {{"Host", "127.0.0.1:8787"},
                       {"Content-Type", "application/json"},
                       {"X-Seq", QByteArray::number(n)}};
    capture.body = "{\"n\":" + QByteArray::number(n) + ",\"bytes\":\"\xc3\xa9\"}";
    if (n == 2)
        capture.body = QByteArray("\xff\x00\x80 binary", 10);
    capture.receivedAtUs = 1795441043000000 + n;
    capture.remoteAddress = QStringLiteral("127.0.0.1");
    capture.remotePort = quint16(40000 + n);
    capture.endpoint = QStringLiteral("github");
    capture.responseStatus = 200;
    return capture;
}

// A PNG of a dialog in the build folder, for people to look at.
void saveScreenshot(QWidget &dialog, const QString &name)
{
    const QString directory
        = QCoreApplication::applicationDirPath() + QStringLiteral("/screenshots");
    QDir().mkpath(directory);
    QVERIFY(dialog.grab().toImage().save(directory + u'/' + name));
}

void verifyNamedControls(QWidget &dialog)
{
    for (QWidget *widget : dialog.findChildren<QWidget *>()) {
        const bool control = qobject_cast<QAbstractButton *>(widget)
            || qobject_cast<QComboBox *>(widget) || qobject_cast<QLineEdit *>(widget)
            || qobject_cast<QAbstractScrollArea *>(widget);
        if (!control || widget->objectName().startsWith(u"qt_") || widget->objectName().isEmpty())
            continue;
        QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
        QVERIFY2(widget->focusPolicy() & Qt::TabFocus, qPrintable(widget->objectName()));
    }
}

} // namespace

class TestExchangeDialogs final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<store::StoreClient> m_client;
    QList<qint64> m_ids;

    QString path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_client = std::make_unique<store::StoreClient>();
        std::optional<QString> opened;
        m_client->open(path("store.db"), {.fullSync = false},
                       [&opened](const QString &error) { opened = error; });
        QTRY_VERIFY(opened.has_value());
        QCOMPARE(*opened, QString());
        QList<qint64> ids(3, 0);
        for (int n = 1; n <= 3; ++n) {
            m_client->store()->submit(
                makeCapture(n), [&ids, n](const store::StoreOutcome &outcome) {
                    QMetaObject::invokeMethod(qApp,
                                              [&ids, n, id = outcome.id] { ids[n - 1] = id; });
                });
        }
        QTRY_VERIFY(!ids.contains(0));
        m_ids = ids;
    }

    void cleanupTestCase() { m_client.reset(); }

    void exportSelectedAsHar()
    {
        ExportDialog dialog(*m_client, {m_ids[2], m_ids[0]});
        verifyNamedControls(dialog);
        QVERIFY(!dialog.exportsAll());
        QCOMPARE(dialog.format(), exchange::ExportFormat::Har);
        dialog.setFilePath(QString());
        ExportDialog::setNextFileName(path("selected.har"));
        std::optional<qint64> exported;
        connect(&dialog, &ExportDialog::exportFinished, this,
                [&exported](const QString &, qint64 count) { exported = count; });
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        saveScreenshot(dialog, QStringLiteral("export-dialog.png"));
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("exportPushButton")),
                          Qt::LeftButton);
        QTRY_VERIFY(exported.has_value());
        QCOMPARE(*exported, qint64(2));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        const exchange::HarImportResult back = exchange::importHarFile(path("selected.har"));
        QVERIFY2(back.ok(), qPrintable(back.fatalError));
        QCOMPARE(back.captures.size(), 2);
        QCOMPARE(back.captures[0].target, makeCapture(3).target);
        QCOMPARE(back.captures[0].body, makeCapture(3).body);
        QCOMPARE(back.captures[1].headers, makeCapture(1).headers);
    }

    void exportAllAsJsonLines()
    {
        ExportDialog dialog(*m_client, {m_ids[0]});
        dialog.setExportsAll(true);
        dialog.setFilePath(path("all.har"));
        dialog.setFormat(exchange::ExportFormat::JsonLines);
        QCOMPARE(dialog.filePath(), path("all.jsonl")); // the suffix follows the format
        std::optional<qint64> exported;
        connect(&dialog, &ExportDialog::exportFinished, this,
                [&exported](const QString &, qint64 count) { exported = count; });
        dialog.startExport();
        QVERIFY(dialog.isRunning());
        QTRY_VERIFY(exported.has_value());
        QCOMPARE(*exported, qint64(3));
        QFile file(path("all.jsonl"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[1].contains("\"body_base64\""));
    }

    void exportFailureIsShown()
    {
        // A folder of the path is missing: it is made (ui.TestExportInWindow). What fails is a
        // file that cannot be written (here a folder is in the way) or a folder that cannot be
        // made (a file is in the way).
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("a-folder.har")));
        QFile file(path("a-file"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const QList<std::pair<QString, QString>> cases {
            {path("a-folder.har"), QStringLiteral("Export failed: cannot write ")},
            {path("a-file/out.har"),
             QStringLiteral("Export failed: cannot create the folder ") + path("a-file")}};
        for (const auto &[target, said] : cases) {
            ExportDialog dialog(*m_client, {});
            QVERIFY(dialog.exportsAll()); // nothing selected: only "all" is possible
            dialog.setFilePath(target);
            std::optional<QString> failure;
            connect(&dialog, &ExportDialog::exportFailed, this,
                    [&failure](const QString &message) { failure = message; });
            dialog.startExport();
            QTRY_VERIFY(failure.has_value());
            QVERIFY2(dialog.statusText().startsWith(said), qPrintable(dialog.statusText()));
            QVERIFY(!dialog.isRunning());
            QCOMPARE(dialog.result(), int(QDialog::Rejected));
        }
    }

    void importChromeHar()
    {
        ImportHarDialog dialog(*m_client->store());
        verifyNamedControls(dialog);
        QCOMPARE(dialog.endpoint(), QStringLiteral("imported"));
        // What the window passes: the verifier's verdict for each imported capture.
        dialog.setCapturePreparer([](Capture &capture) {
            capture.signature = {QStringLiteral("stripe"), QStringLiteral("no-secret"),
                                 QString::fromLatin1(capture.method)};
        });
        ImportHarDialog::setNextFileName(
            QStringLiteral(HOOKSCOPE_TEST_DATA_DIR "/exchange/chrome-devtools.har"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("browsePushButton")),
                          Qt::LeftButton);
        QVERIFY(dialog.filePath().endsWith(u"chrome-devtools.har"));
        std::optional<exchange::ImportOutcome> outcome;
        connect(&dialog, &ImportHarDialog::importFinished, this,
                [&outcome](const exchange::ImportOutcome &result) { outcome = result; });
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("importPushButton")),
                          Qt::LeftButton);
        QTRY_VERIFY(outcome.has_value());
        QCOMPARE(outcome->ids.size(), 2);
        QCOMPARE(dialog.statusText(),
                 QStringLiteral("Imported 2 requests from chrome-devtools.har."));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        std::optional<std::optional<Capture>> loaded;
        m_client->load(outcome->ids[1],
                       [&loaded](const std::optional<Capture> &capture) { loaded = capture; });
        QTRY_VERIFY(loaded.has_value());
        QVERIFY(loaded->has_value());
        const Capture &capture = **loaded;
        QCOMPARE(capture.endpoint, QStringLiteral("imported"));
        QCOMPARE(capture.method, QByteArray("PUT"));
        QCOMPARE(capture.body, QByteArray("\x00\x01\xff\xfe\x80\x0a", 6));
        QCOMPARE(capture.signature.verdict, QStringLiteral("no-secret"));
        QCOMPARE(capture.signature.detail, QStringLiteral("PUT"));
    }

    void importListsSkippedEntries()
    {
        ImportHarDialog dialog(*m_client->store());
        dialog.setFilePath(QStringLiteral(HOOKSCOPE_TEST_DATA_DIR "/exchange/broken-entries.har"));
        dialog.setEndpoint(QStringLiteral("from-file"));
        std::optional<exchange::ImportOutcome> outcome;
        connect(&dialog, &ImportHarDialog::importFinished, this,
                [&outcome](const exchange::ImportOutcome &result) { outcome = result; });
        dialog.startImport();
        QTRY_VERIFY(outcome.has_value());
        QCOMPARE(outcome->ids.size(), 1);
        QCOMPARE(dialog.statusText(),
                 QStringLiteral("Imported 1 request from broken-entries.har; 5 entries skipped."));
        QVERIFY(dialog.problemsText().startsWith(u"entry 2: request.url is missing\n"));
        QCOMPARE(dialog.result(), int(QDialog::Rejected)); // stays open to be read
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        saveScreenshot(dialog, QStringLiteral("import-har-dialog.png"));

        std::optional<qint64> count;
        store::CaptureFilter filter;
        filter.endpoint = QStringLiteral("from-file");
        m_client->count(filter, [&count](qint64 total) { count = total; });
        QTRY_VERIFY(count.has_value());
        QCOMPARE(*count, qint64(1));
    }

    void importUnreadableFile()
    {
        ImportHarDialog dialog(*m_client->store());
        dialog.setFilePath(QStringLiteral(HOOKSCOPE_TEST_DATA_DIR "/exchange/not-json.har"));
        std::optional<exchange::ImportOutcome> outcome;
        connect(&dialog, &ImportHarDialog::importFinished, this,
                [&outcome](const exchange::ImportOutcome &result) { outcome = result; });
        dialog.startImport();
        QTRY_VERIFY(outcome.has_value());
        QVERIFY(outcome->ids.isEmpty());
        QVERIFY2(dialog.statusText().startsWith(u"Could not import not-json.har:"),
                 qPrintable(dialog.statusText()));
    }
};

QTEST_MAIN(TestExchangeDialogs)
#include "TestExchangeDialogs.moc"
