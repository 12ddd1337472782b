#include "ComposeTestServer.h"
#include "LiveWindow.h"
#include "MainWindow.h"
#include "PayloadTreeView.h"
#include "compose/ComposeView.h"
#include "compose/SendHistoryModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace hookscope;

// Compose's send history: "Load into composer" brings an entry back as it was sent, and nothing
// of the composition before it passes for the entry's.
class TestHistoryInWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        test::forgetSettingsAndSecrets();
        m_dir = std::make_unique<QTemporaryDir>();
        m_window = test::openLiveWindow(*m_dir);
        QVERIFY(m_window);
        m_window->findChild<QTabWidget *>(u"pagesTabWidget"_qs)->setCurrentIndex(1);
        m_composer = m_window->composeView();
        // The history file lives in the test's data folder, which outlives one run. The
        // window's first load of it may land after the click, so the empty list is waited for
        // rather than the next load.
        m_composer->findChild<QPushButton *>(u"clearHistoryButton"_qs)->click();
        QTRY_COMPARE_WITH_TIMEOUT(m_composer->historyModel()->rowCount(), 0, 10000);
    }

    void cleanup()
    {
        m_window.reset();
        m_dir.reset();
    }

    // An entry sent without a template, loaded after a template was sent on a retry schedule:
    // the picker names the entry, not the template; the answer and attempts shown are the
    // entry's or none; the retry options are back to one delivery. An entry that came from a
    // template names that template.
    void anEntryLoadsWithNothingOfTheEarlierComposition()
    {
        auto *picker = m_composer->findChild<QComboBox *>(u"templateComboBox"_qs);
        auto *schedule = m_composer->findChild<QComboBox *>(u"retryScheduleComboBox"_qs);
        auto *twice = m_composer->findChild<QCheckBox *>(u"deliverTwiceCheckBox"_qs);
        auto *raw = m_composer->findChild<QPlainTextEdit *>(u"responseRawPlainTextEdit"_qs);
        auto *sent = m_composer->findChild<QPlainTextEdit *>(u"sentRequestPlainTextEdit"_qs);
        auto *url = m_composer->findChild<QLineEdit *>(u"urlLineEdit"_qs);
        QVERIFY(picker && schedule && twice && raw && sent && url);
        test::ComposeTestServer downstream;
        QVERIFY(downstream.isListening());

        // Entry 1: a hand-made body, no template.
        const QByteArray handMade = "{\"hand\":\"made\"}";
        m_composer->setBodyText(handMade);
        url->setText(downstream.url(u"/hand-made"_qs).toString());
        downstream.setResponse({{"Content-Type", "application/json"}}, "{\"answer\":\"first\"}");
        QVERIFY(sendAndWait());
        QCOMPARE(downstream.receivedCount(), 1);

        // Entry 2: GitHub's push template, on Stripe's retry schedule, delivered twice.
        QVERIFY(m_composer->selectTemplate(u"github/push"_qs));
        url->setText(downstream.url(u"/push"_qs).toString());
        schedule->setCurrentIndex(schedule->findData(u"stripe"_qs));
        twice->setChecked(true);
        downstream.setResponse({{"Content-Type", "application/json"}}, "{\"answer\":\"second\"}");
        QVERIFY(sendAndWait());
        QCOMPARE(downstream.receivedCount(), 3);
        QVERIFY(picker->currentText().contains(u"github/push"_qs));
        QCOMPARE(m_composer->timeline()->topLevelItemCount(), 2);
        ui::SendHistoryModel *history = m_composer->historyModel();
        QTRY_COMPARE(history->rowCount(), 3); // newest first: the push twice, then entry 1

        loadEntry(2);
        QTRY_COMPARE(m_composer->bodyText(), handMade);
        QCOMPARE(m_composer->currentTemplateName(), QString());
        QVERIFY2(!picker->currentText().contains(u"github"_qs), qPrintable(picker->currentText()));
        QCOMPARE(picker->currentIndex(), -1);
        QVERIFY2(picker->placeholderText().contains(u"from the history"_qs),
                 qPrintable(picker->placeholderText()));
        QCOMPARE(QUrl(url->text()).path(), u"/hand-made"_qs);
        // Its own answer, not the push's; no attempts of the push.
        QCOMPARE(raw->toPlainText(), u"{\"answer\":\"first\"}"_qs);
        QVERIFY(sent->toPlainText().contains(u"/hand-made"_qs));
        QCOMPARE(m_composer->timeline()->topLevelItemCount(), 0);
        QVERIFY(m_composer->responseTabs()->currentWidget() != m_composer->timeline());
        QCOMPARE(schedule->currentData().toString(), u"none"_qs);
        QVERIFY(!twice->isChecked());
        saveScreenshot(m_window.get(), u"history-entry-loaded.png"_qs);

        // Sent again: once, to the same place, with the same bytes.
        QVERIFY(sendAndWait());
        QCOMPARE(downstream.receivedCount(), 4);
        QCOMPARE(downstream.received().at(3).body, handMade);
        QCOMPARE(downstream.received().at(3).target, QByteArray("/hand-made"));
        QCOMPARE(m_composer->timeline()->topLevelItemCount(), 1);

        // An entry that came from a template names it.
        QTRY_COMPARE(history->rowCount(), 4);
        loadEntry(1); // the push's second delivery
        QTRY_COMPARE(m_composer->currentTemplateName(), u"github/push"_qs);
        QVERIFY2(picker->currentText().contains(u"github/push"_qs),
                 qPrintable(picker->currentText()));
        QCOMPARE(raw->toPlainText(), u"{\"answer\":\"second\"}"_qs);
        QCOMPARE(m_composer->timeline()->topLevelItemCount(), 0);
    }

private:
    // Selects history row `row` (its answer is shown) and presses "Load into composer".
    void loadEntry(int row)
    {
        QSignalSpy shown(m_composer, &ui::ComposeView::historyEntryShown);
        m_composer->historyView()->setCurrentIndex(m_composer->historyModel()->index(row, 0));
        QVERIFY(shown.wait(10000));
        m_composer->findChild<QPushButton *>(u"loadIntoComposerButton"_qs)->click();
    }

    bool sendAndWait()
    {
        QSignalSpy finished(m_composer, &ui::ComposeView::sendFinished);
        m_composer->send();
        return finished.wait(20000);
    }

    // For people to look at: build/tests/screenshots/<name>.
    static void saveScreenshot(QWidget *widget, const QString &name)
    {
        const QString directory = QCoreApplication::applicationDirPath() + u"/screenshots"_qs;
        QDir().mkpath(directory);
        QVERIFY(widget->grab().save(directory + u'/' + name));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ui::MainWindow> m_window;
    ui::ComposeView *m_composer = nullptr;
};

QTEST_MAIN(TestHistoryInWindow)
#include "TestHistoryInWindow.moc"
