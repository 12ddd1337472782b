#include "CaptureDetailView.h"
#include "ComposeTestServer.h"
#include "HttpTestClient.h"
#include "InspectorFixtures.h"
#include "JsonTreeModel.h"
#include "LiveWindow.h"
#include "MainWindow.h"
#include "PayloadTreeView.h"
#include "RequestListModel.h"
#include "compose/ComposeView.h"
#include "secrets/SecretStore.h"
#include "session/ReceiverSession.h"
#include "signing/Signing.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace hookscope;

namespace {

// Made-up secrets for this test only.
const QByteArray kSecret = "replay-test-secret";
const QByteArray kOtherSecret = "replay-other-secret";

} // namespace

// The inspector's Request → Replay in Composer: a captured request goes out again byte for
// byte, as it was or re-signed with another secret.
class TestReplayInWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        test::forgetSettingsAndSecrets();
        m_dir = std::make_unique<QTemporaryDir>();
        m_window = test::openLiveWindow(*m_dir);
        QVERIFY(m_window);
    }

    void cleanup()
    {
        m_window.reset();
        m_dir.reset();
    }

    void aCaptureIsReplayedAsItWasThenResigned()
    {
        const QByteArray body = test::patreonPledgeCapture().body + "\n  "; // exact bytes matter
        const HeaderList signature = test::patreonSignatureHeaders(body, kSecret);
        QByteArray request = "POST /hooks/patreon?attempt=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Content-Type: application/json\r\nX-Custom: Kept As Is\r\n";
        for (const HeaderField &field : signature)
            request += field.name + ": " + field.value + "\r\n";
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        const quint16 port = test::portOfUrl(m_window->session().url());
        QCOMPARE(test::roundTrip(port, request).status, 200);

        ui::RequestListModel *model = m_window->requestModel();
        QTRY_COMPARE(model->rowCount(), 1);
        QSignalSpy shown(m_window.get(), &ui::MainWindow::captureShown);
        m_window->requestListView()->setCurrentIndex(model->index(0, 0));
        QTRY_COMPARE(shown.count(), 1);

        auto *replay = m_window->findChild<QAction *>(u"replayRequestAction"_qs);
        QVERIFY(replay);
        QCOMPARE(replay->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
        replay->trigger();
        auto *pages = m_window->findChild<QTabWidget *>(u"pagesTabWidget"_qs);
        QCOMPARE(pages->currentIndex(), 1);
        ui::ComposeView *composer = m_window->composeView();
        auto *url = composer->findChild<QLineEdit *>(u"urlLineEdit"_qs);
        // With no forward target it points back at this receiver, with the captured target.
        QCOMPARE(QUrl(url->text()).path(), u"/hooks/patreon"_qs);
        QCOMPARE(QUrl(url->text()).query(), u"attempt=1"_qs);
        QCOMPARE(composer->bodyText(), body);

        test::ComposeTestServer downstream;
        QVERIFY(downstream.isListening());
        url->setText(downstream.url(u"/webhooks"_qs).toString());
        QSignalSpy finished(composer, &ui::ComposeView::sendFinished);
        composer->send();
        QVERIFY(finished.wait(10000));
        QVERIFY(downstream.waitForRequests(1));
        const test::ComposeReceived asItWas = downstream.received().at(0);
        QCOMPARE(asItWas.body, body);
        QCOMPARE(headerValue(asItWas.headers, "X-Patreon-Signature"),
                 headerValue(signature, "X-Patreon-Signature"));
        QCOMPARE(headerValue(asItWas.headers, "X-Custom"), QByteArray("Kept As Is"));
        QCOMPARE(headerValue(asItWas.headers, "X-Patreon-Event"), QByteArray("pledges:create"));

        // The detected scheme is preselected; a secret re-signs the same bytes.
        auto *scheme = composer->findChild<QComboBox *>(u"schemeComboBox"_qs);
        QCOMPARE(scheme->currentData().toString(), u"patreon"_qs);
        composer->findChild<QLineEdit *>(u"secretLineEdit"_qs)
            ->setText(QString::fromUtf8(kOtherSecret));
        composer->send();
        QVERIFY(finished.wait(10000));
        QVERIFY(downstream.waitForRequests(2));
        const test::ComposeReceived resigned = downstream.received().at(1);
        QCOMPARE(resigned.body, body);
        const QByteArray newSignature = headerValue(resigned.headers, "X-Patreon-Signature");
        QCOMPARE(
            newSignature,
            headerValue(test::patreonSignatureHeaders(body, kOtherSecret), "X-Patreon-Signature"));
        int signatureHeaders = 0;
        for (const HeaderField &field : resigned.headers)
            signatureHeaders += field.name.compare("X-Patreon-Signature", Qt::CaseInsensitive) == 0;
        QCOMPARE(signatureHeaders, 1); // replaced, not added beside the old one
    }

    // What was composed before goes: the template's name, the last answer and the retry
    // schedule. The composer shows the replayed request, to be sent once.
    void aReplayLeavesNothingOfTheEarlierComposition()
    {
        ui::ComposeView *composer = m_window->composeView();
        auto *picker = composer->findChild<QComboBox *>(u"templateComboBox"_qs);
        auto *schedule = composer->findChild<QComboBox *>(u"retryScheduleComboBox"_qs);
        auto *twice = composer->findChild<QCheckBox *>(u"deliverTwiceCheckBox"_qs);
        auto *status = composer->findChild<QLabel *>(u"responseStatusLabel"_qs);
        auto *raw = composer->findChild<QPlainTextEdit *>(u"responseRawPlainTextEdit"_qs);
        auto *sent = composer->findChild<QPlainTextEdit *>(u"sentRequestPlainTextEdit"_qs);
        QVERIFY(picker && schedule && twice && status && raw && sent);
        const QString nothingSent = status->text();

        // An earlier composition: a template, sent on Stripe's schedule, answered.
        test::ComposeTestServer downstream;
        downstream.setResponse({{"Content-Type", "application/json"}}, "{\"earlier\":true}");
        QVERIFY(composer->selectTemplate(u"github/push"_qs));
        composer->findChild<QLineEdit *>(u"urlLineEdit"_qs)
            ->setText(downstream.url(u"/earlier"_qs).toString());
        schedule->setCurrentIndex(schedule->findData(u"stripe"_qs));
        QSignalSpy finished(composer, &ui::ComposeView::sendFinished);
        composer->send();
        QVERIFY(finished.wait(10000));
        QVERIFY(raw->toPlainText().contains(u"earlier"_qs));
        QVERIFY(picker->currentText().contains(u"github/push"_qs));
        QCOMPARE(composer->timeline()->topLevelItemCount(), 1);

        const quint16 port = test::portOfUrl(m_window->session().url());
        QCOMPARE(test::roundTrip(port,
                                 test::signedPatreonRequest(
                                     "/hooks/patreon", test::patreonPledgeCapture().body, kSecret))
                     .status,
                 200);
        ui::RequestListModel *model = m_window->requestModel();
        QTRY_COMPARE(model->rowCount(), 1);
        QSignalSpy shown(m_window.get(), &ui::MainWindow::captureShown);
        m_window->requestListView()->setCurrentIndex(model->index(0, 0));
        QTRY_COMPARE(shown.count(), 1);
        m_window->findChild<QAction *>(u"replayRequestAction"_qs)->trigger();

        QCOMPARE(composer->currentTemplateName(), QString());
        QVERIFY2(!picker->currentText().contains(u"github"_qs), qPrintable(picker->currentText()));
        QCOMPARE(picker->placeholderText(),
                 u"Request %1, replayed"_qs.arg(m_window->detailView()->capture().id));
        QCOMPARE(status->text(), nothingSent);
        QVERIFY(raw->toPlainText().isEmpty());
        QVERIFY(sent->toPlainText().isEmpty());
        QCOMPARE(composer->timeline()->topLevelItemCount(), 0);
        QCOMPARE(composer->responseTree()->model()->rowCount(), 0);
        QCOMPARE(schedule->currentData().toString(), u"none"_qs);
        QVERIFY(!twice->isChecked());
        saveScreenshot(m_window.get(), u"replay-in-composer.png"_qs);

        // Sent once, as the replay it is.
        composer->findChild<QLineEdit *>(u"urlLineEdit"_qs)
            ->setText(downstream.url(u"/replayed"_qs).toString());
        composer->send();
        QVERIFY(finished.wait(10000));
        QVERIFY(downstream.waitForRequests(2));
        QCOMPARE(composer->timeline()->topLevelItemCount(), 1);
    }

    void aMalformedCaptureIsExplainedNotReplayed()
    {
        const quint16 port = test::portOfUrl(m_window->session().url());
        QCOMPARE(test::roundTrip(port, "GARBAGE\r\n\r\n").status, 400);
        ui::RequestListModel *model = m_window->requestModel();
        QTRY_COMPARE(model->rowCount(), 1);
        QSignalSpy shown(m_window.get(), &ui::MainWindow::captureShown);
        m_window->requestListView()->setCurrentIndex(model->index(0, 0));
        QTRY_COMPARE(shown.count(), 1);

        m_window->findChild<QAction *>(u"replayRequestAction"_qs)->trigger();
        QCOMPARE(m_window->findChild<QTabWidget *>(u"pagesTabWidget"_qs)->currentIndex(), 0);
        // Said as for Copy as curl and Save as Template (TestMalformedInWindow).
        const QString message = m_window->statusBar()->currentMessage();
        QVERIFY2(message.contains(u"is malformed ("_qs), qPrintable(message));
        QVERIFY2(message.contains(u"Replay in Composer needs a well-formed HTTP request"_qs),
                 qPrintable(message));
    }

    // Replay goes to the first forward target: with its password, which the URL field shows as
    // ***; and as it was, even when a secret was left in the composer from before.
    void aForwardTargetsPasswordIsUsedButNotShown()
    {
        const QString password = QStringLiteral("r3playPassw0rd"); // made up for this test
        test::ComposeTestServer downstream;
        test::forwardTo(*m_window,
                        test::withRelayCredentials(downstream.url(u"/relay"_qs), password));
        ui::ComposeView *composer = m_window->composeView();
        auto *secret = composer->findChild<QLineEdit *>(u"secretLineEdit"_qs);
        secret->setText(QString::fromUtf8(kOtherSecret));

        const QByteArray body = test::patreonPledgeCapture().body;
        const HeaderList signature = test::patreonSignatureHeaders(body, kSecret);
        QByteArray request = "POST /hooks/patreon HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        for (const HeaderField &field : signature)
            request += field.name + ": " + field.value + "\r\n";
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        QCOMPARE(test::roundTrip(test::portOfUrl(m_window->session().url()), request).status, 200);
        QVERIFY(downstream.waitForRequests(1)); // the forward
        ui::RequestListModel *model = m_window->requestModel();
        QTRY_COMPARE(model->rowCount(), 1);
        QSignalSpy shown(m_window.get(), &ui::MainWindow::captureShown);
        m_window->requestListView()->setCurrentIndex(model->index(0, 0));
        QTRY_COMPARE(shown.count(), 1);
        m_window->findChild<QAction *>(u"replayRequestAction"_qs)->trigger();

        auto *url = composer->findChild<QLineEdit *>(u"urlLineEdit"_qs);
        QVERIFY2(!url->text().contains(password), "the URL field shows the password");
        QVERIFY2(url->text().contains(u"relay:***@127.0.0.1"_qs), qPrintable(url->text()));
        QVERIFY(secret->text().isEmpty());

        QSignalSpy finished(composer, &ui::ComposeView::sendFinished);
        composer->send();
        QVERIFY(finished.wait(10000));
        QVERIFY(downstream.waitForRequests(2));
        const test::ComposeReceived replayed = downstream.received().at(1);
        QCOMPARE(headerValue(replayed.headers, "Authorization"),
                 test::relayAuthorization(password));
        QCOMPARE(headerValue(replayed.headers, "X-Patreon-Signature"),
                 headerValue(signature, "X-Patreon-Signature"));
        QCOMPARE(replayed.body, body);

        // *** elsewhere stands for no known password: refused, not sent as the password.
        url->setText(QString(url->text()).replace(u"/relay"_qs, u"/elsewhere"_qs));
        composer->send();
        auto *status = composer->findChild<QLabel *>(u"responseStatusLabel"_qs);
        QTRY_VERIFY2(status->text().contains(u"hidden as ***"_qs), qPrintable(status->text()));
        QTest::qWait(200);
        QCOMPARE(downstream.receivedCount(), 2);
    }

private:
    // For people to look at: build/tests/screenshots/<name>.
    static void saveScreenshot(QWidget *widget, const QString &name)
    {
        const QString directory = QCoreApplication::applicationDirPath() + u"/screenshots"_qs;
        QDir().mkpath(directory);
        QVERIFY(widget->grab().save(directory + u'/' + name));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ui::MainWindow> m_window;
};

QTEST_MAIN(TestReplayInWindow)
#include "TestReplayInWindow.moc"
