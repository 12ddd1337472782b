#include "ComposeFixture.h"
#include "ComposeTestServer.h"
#include "compose/LoadPanel.h"
#include "compose/SendHistoryModel.h"
#include "http/Capture.h"
#include "signing/Signing.h"

#include <QDir>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace hookscope;

namespace {

// A made-up secret for this test only.
const QByteArray kSecret = "load-test-patreon-secret";

// The value shown beside a measure in the results, or a null string.
QString resultValue(const QTreeWidget *tree, const QString &measure)
{
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        if (tree->topLevelItem(i)->text(0) == measure)
            return tree->topLevelItem(i)->text(1);
    }
    return {};
}

} // namespace

// The Compose page's load mode against a real local server: counts, signatures, percentiles,
// failures by kind, and cancelling a run mid-way.
class TestLoadPanel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_view = test::composeViewIn(*m_dir);
        m_view->resize(1500, 900);
        m_view->show();
        m_panel = m_view->loadPanel();
        QVERIFY(m_panel);
        m_view->responseTabs()->setCurrentWidget(m_panel);
    }

    void cleanup()
    {
        m_view.reset();
        m_dir.reset();
    }

    void everyControlIsNamedForScreenReaders()
    {
        const QList<QWidget *> controls {m_panel->countSpinBox(),       m_panel->rateSpinBox(),
                                         m_panel->connectionsSpinBox(), m_panel->runButton(),
                                         m_panel->progressLabel(),      m_panel->resultsTree()};
        for (QWidget *control : controls)
            QVERIFY2(!control->accessibleName().isEmpty(), qPrintable(control->objectName()));
        QCOMPARE(m_view->responseTabs()->tabText(m_view->responseTabs()->indexOf(m_panel)),
                 QStringLiteral("Load"));
    }

    void twoHundredSignedEventsOverFourConnections()
    {
        test::ComposeTestServer server;
        QVERIFY(server.isListening());
        // A member event: its id ({{uuid}}) and start time are placeholders, fresh per event.
        QVERIFY(m_view->selectTemplate(QStringLiteral("patreon/members:create")));
        setUrl(server.url().toString());
        typeSecret(kSecret);
        m_panel->countSpinBox()->setValue(200);
        m_panel->connectionsSpinBox()->setValue(4);
        QCOMPARE(m_panel->rateSpinBox()->value(), 0.0); // no limit
        QCOMPARE(m_panel->rateSpinBox()->text(), QStringLiteral("no limit"));

        QSignalSpy finished(m_panel, &ui::LoadPanel::runFinished);
        QTest::mouseClick(m_panel->runButton(), Qt::LeftButton);
        QVERIFY(m_panel->isRunning());
        QCOMPARE(m_panel->runButton()->text(), QStringLiteral("Cancel"));
        QVERIFY(!m_panel->countSpinBox()->isEnabled());
        QVERIFY(finished.wait(60000));
        QVERIFY(!m_panel->isRunning());
        QCOMPARE(m_panel->runButton()->text(), QStringLiteral("Run load"));

        // What the panel shows.
        QCOMPARE(m_panel->progressLabel()->text().section(QStringLiteral(" · "), 0, 2),
                 QStringLiteral("Sent 200 of 200 · answered 2xx 200 · failed 0"));
        const QTreeWidget *results = m_panel->resultsTree();
        QVERIFY(resultValue(results, QStringLiteral("Outcome"))
                    .startsWith(QStringLiteral("Done: 200 events in ")));
        QCOMPARE(resultValue(results, QStringLiteral("Answered 2xx")),
                 QStringLiteral("200 of 200"));
        QCOMPARE(resultValue(results, QStringLiteral("Failed")), QStringLiteral("0"));
        QCOMPARE(resultValue(results, QStringLiteral("HTTP 200")), QStringLiteral("200"));
        QVERIFY(resultValue(results, QStringLiteral("Throughput")).endsWith(u" requests/s"));
        for (const QString &name : {QStringLiteral("Latency p50"), QStringLiteral("Latency p90"),
                                    QStringLiteral("Latency p99"), QStringLiteral("Latency max")})
            QVERIFY2(resultValue(results, name).endsWith(u" ms"), qPrintable(name));
        const compose::LoadSummary &summary = m_panel->summary();
        QCOMPARE(summary.attempts(), 200);
        QCOMPARE(summary.delivered(), 200);
        QVERIFY(summary.latency().percentileUs(50) <= summary.latency().percentileUs(99));
        QVERIFY(summary.latency().percentileUs(99) <= summary.latency().percentileUs(100));

        // What the server got: 200 requests, each validly signed, each a fresh event.
        QCOMPARE(server.receivedCount(), 200);
        QSet<QByteArray> bodies;
        for (const test::ComposeReceived &request : server.received()) {
            QCOMPARE(request.method, QByteArray("POST"));
            QCOMPARE(headerValue(request.headers, "X-Patreon-Event"), QByteArray("members:create"));
            const signing::Verdict verdict = signing::verify(QStringLiteral("patreon"), kSecret,
                                                             request.headers, request.body);
            QVERIFY2(verdict.isValid(), qPrintable(verdict.detail));
            bodies.insert(request.body);
        }
        QCOMPARE(bodies.size(), 200);

        m_view->responseTabs()->setCurrentWidget(m_panel);
        QCoreApplication::processEvents();
        const QString directory
            = QCoreApplication::applicationDirPath() + QStringLiteral("/screenshots");
        QDir().mkpath(directory);
        const QString path = directory + QStringLiteral("/compose-load.png");
        QVERIFY(m_view->grab().save(path));
        qInfo("wrote %s", qPrintable(path));
    }

    void failuresAreCountedByKind()
    {
        test::ComposeTestServer server;
        server.setStatuses({200, 200, 503}); // two answered 2xx, then 503 for the rest
        QVERIFY(m_view->selectTemplate(QStringLiteral("github/ping")));
        setUrl(server.url().toString());
        m_panel->countSpinBox()->setValue(10);
        m_panel->connectionsSpinBox()->setValue(1);
        QSignalSpy finished(m_panel, &ui::LoadPanel::runFinished);
        m_panel->run();
        QVERIFY(finished.wait(30000));
        QCOMPARE(server.receivedCount(), 10);
        QCOMPARE(m_panel->progressLabel()->text().section(QStringLiteral(" · "), 0, 2),
                 QStringLiteral("Sent 10 of 10 · answered 2xx 2 · failed 8"));
        QCOMPARE(resultValue(m_panel->resultsTree(), QStringLiteral("HTTP 200")),
                 QStringLiteral("2"));
        QCOMPARE(resultValue(m_panel->resultsTree(), QStringLiteral("HTTP 503")),
                 QStringLiteral("8"));

        // Nothing listening: every event fails as a refused connection, with no latency.
        setUrl(QStringLiteral("http://127.0.0.1:%1/hook").arg(test::composeClosedPort()));
        m_panel->countSpinBox()->setValue(5);
        m_panel->run();
        QVERIFY(finished.wait(30000));
        QCOMPARE(resultValue(m_panel->resultsTree(), QStringLiteral("connection-refused")),
                 QStringLiteral("5"));
        QCOMPARE(resultValue(m_panel->resultsTree(), QStringLiteral("Latency p50")),
                 QStringLiteral("no answers"));
        QCOMPARE(m_panel->summary().failed(), 5);
    }

    // The Response line above the tabs speaks for the latest thing sent: a failed single send's
    // error gives way to the load run's outcome.
    void theResponseLineFollowsALoadRun()
    {
        QVERIFY(m_view->selectTemplate(QStringLiteral("github/ping")));
        auto *line = m_view->findChild<QLabel *>(QStringLiteral("responseStatusLabel"));
        QVERIFY(line);
        setUrl(QStringLiteral("http://127.0.0.1:%1/hook").arg(test::composeClosedPort()));
        QSignalSpy sent(m_view.get(), &ui::ComposeView::sendFinished);
        m_view->send();
        QVERIFY(sent.wait(10000));
        QVERIFY2(line->text().contains(u"refused"_qs), qPrintable(line->text()));
        QVERIFY(!line->styleSheet().isEmpty());

        test::ComposeTestServer server;
        setUrl(server.url().toString());
        m_panel->countSpinBox()->setValue(20);
        QSignalSpy finished(m_panel, &ui::LoadPanel::runFinished);
        m_panel->run();
        QVERIFY2(line->text().startsWith(u"Load run to http://127.0.0.1:"_qs),
                 qPrintable(line->text()));
        QVERIFY(finished.wait(30000));
        QCOMPARE(line->text(),
                 u"Load run: 20 of 20 events answered 2xx, 0 failed (see the Load tab)."_qs);
        QVERIFY(line->styleSheet().isEmpty());
    }

    // Loading a history entry or a replay starts a fresh composition: a load run of the old one
    // still going is cancelled (the Load tab says so), and its outcome does not take the
    // Response line the loaded entry's answer (or "Nothing sent yet.") holds.
    void loadingAnEntryOrAReplayEndsALoadRun()
    {
        test::ComposeTestServer server;
        QVERIFY(server.isListening());
        QVERIFY(m_view->selectTemplate(QStringLiteral("github/ping")));
        setUrl(server.url().toString());
        QSignalSpy sent(m_view.get(), &ui::ComposeView::sendFinished);
        m_view->send();
        QVERIFY(sent.wait(10000));
        QTRY_COMPARE(m_view->historyModel()->rowCount(), 1);
        auto *line = m_view->responseStatusLabel();
        QVERIFY2(line->text().startsWith(u"200 OK"_qs), qPrintable(line->text()));
        const QString entryAnswer = line->text();

        QSignalSpy finished(m_panel, &ui::LoadPanel::runFinished);
        const auto startRun = [&] {
            m_panel->countSpinBox()->setValue(200);
            m_panel->rateSpinBox()->setValue(50); // four seconds in all
            const int before = server.receivedCount();
            m_panel->run();
            QVERIFY(m_panel->isRunning());
            QVERIFY(server.waitForRequests(before + 3));
            QVERIFY(line->text().startsWith(u"Load run to "_qs));
        };
        const auto checkCancelled = [&] {
            QTRY_VERIFY_WITH_TIMEOUT(!m_panel->isRunning(), 1000);
            QVERIFY(!finished.isEmpty());
            QVERIFY(resultValue(m_panel->resultsTree(), QStringLiteral("Outcome"))
                        .startsWith(u"Cancelled after "_qs));
        };

        startRun();
        if (QTest::currentTestFailed())
            return;
        m_view->loadHistoryEntry(m_view->historyModel()->idAt(0));
        QTRY_COMPARE(m_view->findChild<QLineEdit *>(u"urlLineEdit"_qs)->text(),
                     server.url().toString());
        checkCancelled();
        if (QTest::currentTestFailed())
            return;
        QTest::qWait(100);
        QCOMPARE(line->text(), entryAnswer);

        finished.clear();
        startRun();
        if (QTest::currentTestFailed())
            return;
        Capture capture;
        capture.id = 7;
        capture.method = "POST";
        capture.target = "/replayed";
        capture.headers = {{"Host", "127.0.0.1"}, {"Content-Type", "application/json"}};
        capture.body = R"({"replayed":true})";
        m_view->loadCapture(capture, server.url());
        checkCancelled();
        if (QTest::currentTestFailed())
            return;
        QTest::qWait(100);
        QCOMPARE(line->text(), u"Nothing sent yet."_qs);
    }

    // A run's outcome goes to the Response line only while the line is still the run's: a
    // history entry clicked during the run, or a single send made during it, keeps the line.
    void aRunsOutcomeLeavesALineTakenSince()
    {
        test::ComposeTestServer server;
        QVERIFY(server.isListening());
        QVERIFY(m_view->selectTemplate(QStringLiteral("github/ping")));
        setUrl(server.url().toString());
        QSignalSpy sent(m_view.get(), &ui::ComposeView::sendFinished);
        m_view->send();
        QVERIFY(sent.wait(10000));
        QTRY_COMPARE(m_view->historyModel()->rowCount(), 1);
        auto *line = m_view->responseStatusLabel();
        QSignalSpy finished(m_panel, &ui::LoadPanel::runFinished);
        const auto startRun = [&] {
            m_panel->countSpinBox()->setValue(100);
            m_panel->rateSpinBox()->setValue(50); // two seconds in all
            const int before = server.receivedCount();
            QTest::mouseClick(m_panel->runButton(), Qt::LeftButton);
            QVERIFY(m_panel->isRunning());
            QVERIFY(server.waitForRequests(before + 3));
            QVERIFY2(line->text().startsWith(u"Load run to "_qs), qPrintable(line->text()));
        };
        const auto waitForOutcome = [&] {
            QVERIFY(finished.wait(30000));
            QVERIFY(!resultValue(m_panel->resultsTree(), QStringLiteral("Outcome")).isEmpty());
            QCOMPARE(m_panel->summary().delivered(), 100);
            QTest::qWait(100);
        };

        // A history entry clicked while the run goes on.
        startRun();
        if (QTest::currentTestFailed())
            return;
        QSignalSpy shown(m_view.get(), &ui::ComposeView::historyEntryShown);
        QTableView *history = m_view->historyView();
        QTest::mouseClick(history->viewport(), Qt::LeftButton, {},
                          history->visualRect(m_view->historyModel()->index(0, 0)).center());
        QVERIFY(shown.wait(10000));
        const QString entryAnswer = line->text();
        QVERIFY2(entryAnswer.startsWith(u"200 OK"_qs), qPrintable(entryAnswer));
        waitForOutcome();
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(line->text(), entryAnswer);
        QCOMPARE(history->currentIndex().row(), 0);

        // A single send made while the run goes on.
        finished.clear();
        startRun();
        if (QTest::currentTestFailed())
            return;
        QVERIFY(!history->selectionModel()->hasSelection()); // the run took the line from it
        sent.clear();
        m_view->send();
        QVERIFY(sent.wait(10000));
        const QString sendAnswer = line->text();
        QVERIFY2(sendAnswer.startsWith(u"200 OK"_qs), qPrintable(sendAnswer));
        waitForOutcome();
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(line->text(), sendAnswer);
    }

    void aRunIsCancelledMidWay()
    {
        test::ComposeTestServer server;
        QVERIFY(m_view->selectTemplate(QStringLiteral("patreon/pledges:create")));
        setUrl(server.url().toString());
        typeSecret(kSecret);
        m_panel->countSpinBox()->setValue(200);
        m_panel->rateSpinBox()->setValue(50); // four seconds in all
        m_panel->connectionsSpinBox()->setValue(4);
        QSignalSpy finished(m_panel, &ui::LoadPanel::runFinished);
        QTest::mouseClick(m_panel->runButton(), Qt::LeftButton);
        QVERIFY(server.waitForRequests(10));
        QVERIFY(m_panel->isRunning());
        QTest::mouseClick(m_panel->runButton(), Qt::LeftButton); // now "Cancel"
        QVERIFY(finished.wait(10000));
        QVERIFY(!m_panel->isRunning());
        const QString outcome = resultValue(m_panel->resultsTree(), QStringLiteral("Outcome"));
        QVERIFY2(outcome.startsWith(QStringLiteral("Cancelled after ")), qPrintable(outcome));
        QVERIFY(outcome.endsWith(QStringLiteral(" of 200 events")));
        // Answers still in flight at the cancel are dropped, not counted.
        const int answered = m_panel->summary().attempts();
        QVERIFY(answered > 0 && answered < 200);
        QVERIFY(answered <= server.receivedCount());

        // Nothing more goes out after the cancel.
        const int received = server.receivedCount();
        QVERIFY(received < 200);
        QTest::qWait(400);
        QVERIFY(server.receivedCount() <= received + 4); // at most what was already in flight
        const int settled = server.receivedCount();
        QTest::qWait(400);
        QCOMPARE(server.receivedCount(), settled);

        // And the panel runs again afterwards.
        m_panel->rateSpinBox()->setValue(0);
        m_panel->countSpinBox()->setValue(20);
        m_panel->run();
        QVERIFY(finished.wait(30000));
        QCOMPARE(m_panel->summary().delivered(), 20);
    }

private:
    void typeSecret(const QByteArray &secret)
    {
        auto *edit = m_view->findChild<QLineEdit *>(QStringLiteral("secretLineEdit"));
        QVERIFY(edit);
        edit->clear();
        QTest::keyClicks(edit, QString::fromUtf8(secret));
    }

    void setUrl(const QString &url)
    {
        auto *edit = m_view->findChild<QLineEdit *>(QStringLiteral("urlLineEdit"));
        QVERIFY(edit);
        edit->clear();
        QTest::keyClicks(edit, url);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ui::ComposeView> m_view;
    ui::LoadPanel *m_panel = nullptr;
};

QTEST_MAIN(TestLoadPanel)
#include "TestLoadPanel.moc"
