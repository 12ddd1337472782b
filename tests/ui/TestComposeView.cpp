#include "ComposeFixture.h"
#include "ComposeTestServer.h"
#include "ModalAnswers.h"
#include "PayloadTreeView.h"
#include "compose/BodyTreeModel.h"
#include "compose/HeaderEditModel.h"
#include "compose/LoadPanel.h"
#include "compose/MemberBuilder.h"
#include "compose/PledgeBuilder.h"
#include "compose/RetrySchedule.h"
#include "compose/SendHistoryModel.h"
#include "compose/TemplateLibrary.h"
#include "http/ReceiverConfig.h"
#include "session/ReceiverSession.h"
#include "signing/Signing.h"
#include "store/StoreClient.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace hookscope;

namespace {

// Made-up secrets for this test only.
const QByteArray kSecret = "compose-test-patreon-secret";
const QByteArray kOtherSecret = "compose-test-other-secret";

struct Stored {
    QList<store::CaptureSummary> rows;
    std::optional<Capture> capture;
};

} // namespace

class TestComposeView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_view = makeView();
    }

    void cleanup()
    {
        m_testers.clear();
        m_view.reset();
        m_session.reset();
        m_dir.reset();
    }

    void aPledgeBuiltInTheFormArrivesSignedAndValid()
    {
        startReceiver();
        m_session->verifier().setSecret(QString(), QStringLiteral("patreon"), kSecret);
        QVERIFY(m_view->selectTemplate(QStringLiteral("patreon/pledges:create")));
        ui::PledgeBuilder *form = m_view->pledgeBuilder();
        QVERIFY(form->isVisibleTo(m_view.get()));
        form->amountSpinBox()->setValue(1234);
        QTest::keyClicks(form->pledgeCapLineEdit(), QStringLiteral("5000"));
        form->patronIdLineEdit()->selectAll();
        QTest::keyClicks(form->patronIdLineEdit(), QStringLiteral("777"));
        QVERIFY(m_view->bodyText().contains("\"amount_cents\": 1234"));
        QVERIFY(m_view->bodyText().contains("\"pledge_cap_cents\": 5000"));
        // The new patron id follows into "included" and the related link.
        QCOMPARE(m_view->bodyText().count("\"id\": \"777\""), 2);
        QVERIFY(m_view->bodyText().contains("\"https://www.patreon.com/api/user/777\""));

        typeSecret(kSecret);
        QVERIFY(sendAndWait());
        QVERIFY2(m_view->responseStatusLabel()->text().startsWith(QStringLiteral("200")),
                 qPrintable(m_view->responseStatusLabel()->text()));

        const Capture capture = latestCapture();
        QCOMPARE(capture.signature.scheme, QStringLiteral("patreon"));
        QCOMPARE(capture.signature.verdict, QStringLiteral("valid"));
        QCOMPARE(headerValue(capture.headers, "X-Patreon-Event"), QByteArray("pledges:create"));
        // Sent compact, keys in the template's order, with the form's values.
        QVERIFY(capture.body.startsWith(R"({"data":{"attributes":{"amount_cents":1234,)"));
        QVERIFY(capture.body.contains(R"("pledge_cap_cents":5000)"));
        QVERIFY(capture.body.contains(R"("patron":{"data":{"id":"777","type":"user"})"));

        // The secret is in no file the composer wrote (history, its WAL, templates).
        QTRY_COMPARE(m_view->historyModel()->rowCount(), 1);
        QDirIterator files(m_dir->path(), QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            if (file.fileName().contains(QStringLiteral("captures.sqlite")))
                continue; // the receiver's store
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(kSecret), qPrintable(file.fileName()));
        }

        // The response (the receiver's JSON answer) is shown as a tree.
        QVERIFY(m_view->responseTree()->model()->rowCount() > 0);
        screenshot(QStringLiteral("compose-pledge-sent.png"));
    }

    void anotherSecretIsInvalidAndDiagnosed()
    {
        startReceiver();
        m_session->verifier().setSecret(QString(), QStringLiteral("patreon"), kSecret);
        QVERIFY(m_view->selectTemplate(QStringLiteral("patreon/pledges:create")));
        typeSecret(kOtherSecret);
        QVERIFY(sendAndWait());
        const Capture capture = latestCapture();
        QCOMPARE(capture.signature.verdict, QStringLiteral("invalid"));

        signing::VerifyOptions options;
        options.diagnose = true;
        options.otherSecrets = {kOtherSecret};
        options.otherSecretNames = {QStringLiteral("the old secret")};
        const signing::Verdict verdict
            = signing::verifyCapture(QStringLiteral("patreon"), kSecret, capture, options);
        QCOMPARE(verdict.verdict, QStringLiteral("invalid"));
        QVERIFY2(!verdict.diagnosis.isEmpty(), qPrintable(verdict.detail));
    }

    void theFormAndTheRawEditorStayInSync()
    {
        QVERIFY(m_view->selectTemplate(QStringLiteral("patreon/pledges:update")));
        ui::PledgeBuilder *form = m_view->pledgeBuilder();
        const QByteArray before = m_view->bodyText();

        // Form -> raw: only the edited values change, keys stay in order.
        form->amountSpinBox()->setValue(999);
        form->patronPaysFeesCheckBox()->setChecked(true);
        QTest::keyClicks(form->declinedSinceLineEdit(),
                         QStringLiteral("2026-11-01T00:00:00+00:00"));
        const QByteArray after = m_view->bodyText();
        QVERIFY(after.contains("\"amount_cents\": 999"));
        QVERIFY(after.contains("\"declined_since\": \"2026-11-01T00:00:00+00:00\""));
        QVERIFY(after.contains("\"patron_pays_fees\": true"));
        QVERIFY(after.indexOf("amount_cents") < after.indexOf("created_at"));
        // Nothing but the three values changed.
        QByteArray expected = before;
        expected.replace("\"amount_cents\": " + QByteArray::number(amountOf(before)),
                         "\"amount_cents\": 999");
        expected.replace("\"declined_since\": null",
                         "\"declined_since\": \"2026-11-01T00:00:00+00:00\"");
        expected.replace("\"patron_pays_fees\": false", "\"patron_pays_fees\": true");
        QCOMPARE(after, expected);

        // Emptying declined_since writes null again.
        form->declinedSinceLineEdit()->selectAll();
        QTest::keyClick(form->declinedSinceLineEdit(), Qt::Key_Delete);
        QVERIFY(m_view->bodyText().contains("\"declined_since\": null"));

        // Raw -> form.
        QByteArray raw = m_view->bodyText();
        raw.replace("\"amount_cents\": 999", "\"amount_cents\": 4242");
        raw.replace("\"pledge_cap_cents\": null", "\"pledge_cap_cents\": 100");
        m_view->setBodyText(raw);
        QTRY_COMPARE(form->amountSpinBox()->value(), 4242);
        QCOMPARE(form->pledgeCapLineEdit()->text(), QStringLiteral("100"));
        // ...and reading it did not rewrite the text (no loop).
        QCOMPARE(m_view->bodyText(), raw);

        // An invalid field is reported and leaves the body alone.
        const QByteArray valid = m_view->bodyText();
        form->createdAtLineEdit()->selectAll();
        QTest::keyClicks(form->createdAtLineEdit(), QStringLiteral("yesterday"));
        QCOMPARE(m_view->bodyText(), valid);
        auto *problem = m_view->findChild<QLabel *>(QStringLiteral("pledgeValidationLabel"));
        QVERIFY(problem && problem->text().contains(QStringLiteral("created_at")));

        // A placeholder is a time too, filled when the event is sent, as in the member form.
        form->createdAtLineEdit()->selectAll();
        QTest::keyClicks(form->createdAtLineEdit(), QStringLiteral("{{now}}"));
        QTRY_VERIFY(m_view->bodyText().contains("\"created_at\": \"{{now}}\""));
        QVERIFY(!problem->isVisible());
    }

    void everyPledgeTemplateOpensInTheFormUnchanged()
    {
        for (const QString &name :
             {QStringLiteral("patreon/pledges:create"), QStringLiteral("patreon/pledges:update"),
              QStringLiteral("patreon/pledges:delete")}) {
            QVERIFY(m_view->selectTemplate(name));
            QVERIFY2(m_view->pledgeBuilder()->isVisibleTo(m_view.get()), qPrintable(name));
            QByteArray body = m_view->bodyText();
            QString error;
            QVERIFY2(m_view->pledgeBuilder()->applyTo(body, &error), qPrintable(error));
            QCOMPARE(body, m_view->bodyText());
        }
        // A non-pledge hides the form.
        QVERIFY(m_view->selectTemplate(QStringLiteral("github/ping")));
        QVERIFY(!m_view->pledgeBuilder()->isVisibleTo(m_view.get()));
    }

    // A Patreon v2 member (members:*, members:pledge:*) gets the member form, a v1 pledge the
    // pledge form, and anything else neither.
    void eachPatreonBodyGetsItsOwnForm()
    {
        const auto shown = [this](const char *name) {
            return m_view->findChild<QWidget *>(QString::fromLatin1(name))
                ->isVisibleTo(m_view.get());
        };
        QVERIFY(m_view->selectTemplate(QStringLiteral("patreon/members:pledge:create")));
        QVERIFY(shown("memberGroupBox"));
        QVERIFY(!shown("pledgeGroupBox"));
        QCOMPARE(m_view->memberBuilder()->willPayAmountSpinBox()->value(), 500);
        QVERIFY(m_view->selectTemplate(QStringLiteral("patreon/pledges:create")));
        QVERIFY(shown("pledgeGroupBox"));
        QVERIFY(!shown("memberGroupBox"));
        for (const QString &name :
             {QStringLiteral("patreon/members:create"), QStringLiteral("patreon/members:update"),
              QStringLiteral("patreon/members:delete"),
              QStringLiteral("patreon/members:pledge:update"),
              QStringLiteral("patreon/members:pledge:delete")}) {
            QVERIFY(m_view->selectTemplate(name));
            QVERIFY2(shown("memberGroupBox") && !shown("pledgeGroupBox"), qPrintable(name));
        }
        QVERIFY(m_view->selectTemplate(QStringLiteral("github/ping")));
        QVERIFY(!shown("memberGroupBox"));
        QVERIFY(!shown("pledgeGroupBox"));
    }

    // The member form writes into the body text it sits beside: only the edited value, the
    // {{placeholders}} untouched; an invalid date leaves the text alone.
    void theMemberFormEditsTheBodyInPlace()
    {
        QVERIFY(m_view->selectTemplate(QStringLiteral("patreon/members:pledge:create")));
        ui::MemberBuilder *form = m_view->memberBuilder();
        const QByteArray before = m_view->bodyText();
        QVERIFY(before.contains("{{now:ms-offset}}"));
        form->lastChargeStatusComboBox()->setCurrentText(QStringLiteral("Declined"));
        form->patronStatusComboBox()->setCurrentText(QStringLiteral("declined_patron"));
        QByteArray expected = before;
        expected.replace("\"last_charge_status\": \"Paid\"",
                         "\"last_charge_status\": \"Declined\"");
        expected.replace("\"patron_status\": \"active_patron\"",
                         "\"patron_status\": \"declined_patron\"");
        QCOMPARE(m_view->bodyText(), expected);

        form->relationshipStartLineEdit()->selectAll();
        QTest::keyClicks(form->relationshipStartLineEdit(), QStringLiteral("last week"));
        QCOMPARE(m_view->bodyText(), expected);
        auto *problem = m_view->findChild<QLabel *>(QStringLiteral("memberValidationLabel"));
        QVERIFY(problem && problem->isVisibleTo(m_view.get()));
        QVERIFY(problem->text().contains(QStringLiteral("pledge_relationship_start")));

        // Raw -> form, without writing back.
        QByteArray raw = m_view->bodyText();
        raw.replace("\"will_pay_amount_cents\": 500", "\"will_pay_amount_cents\": 750");
        raw.replace("\"pledge_relationship_start\": \"{{now:ms-offset}}\"",
                    "\"pledge_relationship_start\": \"2024-01-01T00:00:00+00:00\"");
        m_view->setBodyText(raw);
        QTRY_COMPARE(form->willPayAmountSpinBox()->value(), 750);
        QCOMPARE(form->relationshipStartLineEdit()->text(),
                 QStringLiteral("2024-01-01T00:00:00+00:00"));
        QVERIFY(!problem->isVisibleTo(form));
        QCOMPARE(m_view->bodyText(), raw);
    }

    void editingTheTreeWritesBackInPlace()
    {
        QVERIFY(m_view->selectTemplate(QStringLiteral("patreon/pledges:create")));
        ui::BodyTreeModel *tree = m_view->bodyTreeModel();
        const QByteArray before = m_view->bodyText();
        const QModelIndex amount = tree->indexForPath(
            {QStringLiteral("data"), QStringLiteral("attributes"), QStringLiteral("amount_cents")});
        QVERIFY(amount.isValid());
        QVERIFY(tree->setData(amount.siblingAtColumn(ui::BodyTreeModel::ValueColumn),
                              QStringLiteral("500")));
        // Only the pledge's amount changes (the reward in "included" has one too).
        QByteArray expected = before;
        const QByteArray old = "\"amount_cents\": 250";
        expected.replace(expected.indexOf(old), old.size(), "\"amount_cents\": 500");
        QCOMPARE(m_view->bodyText(), expected);
        QCOMPARE(tree->index(amount.row(), 1, amount.parent()).data().toString(),
                 QStringLiteral("500"));
        QCOMPARE(m_view->pledgeBuilder()->amountSpinBox()->value(), 500);
    }

    void aJsonErrorPointsAtItsLineAndColumnAndIsStillSendable()
    {
        m_view->setBodyText("{\n  \"a\": 1,\n  \"b\": tru\n}");
        m_view->validateNow();
        const QString status = m_view->jsonStatusLabel()->text();
        QVERIFY2(status.contains(QStringLiteral("line 3, column 8")), qPrintable(status));
        QVERIFY(status.contains(QStringLiteral("still be sent")));

        test::ComposeTestServer server;
        QVERIFY(server.isListening());
        setUrl(server.url().toString());
        QVERIFY(sendAndWait());
        QCOMPARE(server.receivedCount(), 1);
        QCOMPARE(server.received().at(0).body, QByteArray("{\n  \"a\": 1,\n  \"b\": tru\n}"));
    }

    void aHeaderWithCrOrLfIsRefusedWithAMessage()
    {
        ui::HeaderEditModel *headers = m_view->headerModel();
        const int rows = headers->rowCount();
        QVERIFY(!headers->appendHeader(QStringLiteral("X-Evil"), QStringLiteral("a\r\nHost: b")));
        QCOMPARE(headers->rowCount(), rows);
        auto *message = m_view->findChild<QLabel *>(QStringLiteral("headerMessageLabel"));
        QVERIFY(message && message->text().contains(QStringLiteral("CR or LF")));
        QVERIFY(!headers->setData(headers->index(0, 1), QStringLiteral("x\ny")));
    }

    void aRetryScheduleShowsATimelineWithOneEventId()
    {
        test::ComposeTestServer server;
        QVERIFY(server.isListening());
        server.setStatuses({500, 200});
        QVERIFY(m_view->selectTemplate(QStringLiteral("webhook-api/user.created")));
        setUrl(server.url().toString());
        auto *schedule = m_view->findChild<QComboBox *>(QStringLiteral("retryScheduleComboBox"));
        schedule->setCurrentIndex(schedule->findData(QStringLiteral("webhook-api")));
        m_view->findChild<QDoubleSpinBox *>(QStringLiteral("timeScaleSpinBox"))->setValue(60000);
        typeSecret("compose-test-webhook-secret");
        QVERIFY(sendAndWait());

        QTreeWidget *timeline = m_view->timeline();
        QCOMPARE(timeline->topLevelItemCount(), 2);
        const QString eventId = timeline->topLevelItem(0)->text(4);
        QVERIFY(eventId.startsWith(QStringLiteral("evt_")));
        QCOMPARE(timeline->topLevelItem(1)->text(4), eventId);
        QVERIFY(timeline->topLevelItem(0)->text(2).startsWith(QStringLiteral("500")));
        QVERIFY(timeline->topLevelItem(1)->text(2).startsWith(QStringLiteral("200")));
        // webhook-api waits a minute before the second attempt; ÷ 60000 makes it 1 ms.
        QCOMPARE(timeline->topLevelItem(0)->text(3), u"retry in 1 min (scaled: 1 ms)"_qs);
        QCOMPARE(timeline->topLevelItem(1)->text(3), QStringLiteral("final"));
        QCOMPARE(m_view->responseTabs()->currentWidget(), timeline);
        screenshot(QStringLiteral("compose-retry-timeline.png"), false);

        const QList<test::ComposeReceived> received = server.received();
        QCOMPARE(received.size(), 2);
        // The envelope's id is the event id, the same on both attempts.
        QVERIFY(received.at(0).body.contains("\"id\":\"" + eventId.toUtf8() + '"'));
        QCOMPARE(received.at(0).body, received.at(1).body);
        // Both attempts are in the history, newest first.
        QTRY_COMPARE(m_view->historyModel()->rowCount(), 2);
        QCOMPARE(
            m_view->historyModel()->index(0, ui::SendHistoryModel::AttemptColumn).data().toInt(),
            2);
    }

    // Each schedule says what it does; Slack's retries say they are retries, as Slack's do.
    void slackRetriesFromTheWindowAreMarked()
    {
        auto *schedule = m_view->findChild<QComboBox *>(QStringLiteral("retryScheduleComboBox"));
        for (int i = 0; i < schedule->count(); ++i)
            QVERIFY2(!schedule->itemData(i, Qt::ToolTipRole).toString().isEmpty(),
                     qPrintable(schedule->itemText(i)));
        const int slack = schedule->findData(QStringLiteral("slack"));
        QVERIFY(schedule->itemData(slack, Qt::ToolTipRole).toString().contains(u"1 min and 5 min"));

        test::ComposeTestServer server;
        QVERIFY(server.isListening());
        server.setStatuses({500, 200});
        QVERIFY(m_view->selectTemplate(QStringLiteral("slack/app_mention")));
        setUrl(server.url().toString());
        schedule->setCurrentIndex(slack);
        m_view->findChild<QDoubleSpinBox *>(QStringLiteral("timeScaleSpinBox"))->setValue(60000);
        typeSecret("compose-test-slack-secret");
        QVERIFY(sendAndWait());
        const QList<test::ComposeReceived> received = server.received();
        QCOMPARE(received.size(), 2);
        QVERIFY(!hasHeader(received.at(0).headers, "X-Slack-Retry-Num"));
        QCOMPARE(headerValue(received.at(1).headers, "X-Slack-Retry-Num"), QByteArray("1"));
        QCOMPARE(headerValue(received.at(1).headers, "X-Slack-Retry-Reason"),
                 QByteArray("http_error"));
        QVERIFY(hasHeader(received.at(1).headers, "X-Slack-Signature"));
    }

    // The Retries picker names schedules as people do ("Stripe (test mode)"), as the scheme
    // picker does; the ids stay the items' data, for the sending code and saved settings.
    void retrySchedulesAreNamedForPeople()
    {
        auto *schedule = m_view->findChild<QComboBox *>(QStringLiteral("retryScheduleComboBox"));
        QVERIFY(schedule);
        QCOMPARE(schedule->count(), int(compose::RetrySchedule::names().size()));
        QStringList titles;
        for (const QString &name : compose::RetrySchedule::names()) {
            const int row = schedule->findData(name);
            QVERIFY2(row >= 0, qPrintable(name));
            const QString title = schedule->itemText(row);
            QVERIFY2(title != name, qPrintable(title));
            QVERIFY2(!title.contains(u'-'), qPrintable(title));
            titles.append(title);
        }
        titles.removeDuplicates();
        QCOMPARE(titles.size(), schedule->count());
        const auto titleOf = [schedule](const QString &name) {
            return schedule->itemText(schedule->findData(name));
        };
        // As the core titles them (and `send --help` with them), tooltips with what they do.
        for (const QString &name : compose::RetrySchedule::names()) {
            QCOMPARE(titleOf(name), compose::RetrySchedule::title(name));
            QVERIFY(schedule->itemData(schedule->findData(name), Qt::ToolTipRole)
                        .toString()
                        .startsWith(compose::RetrySchedule::summary(name)));
        }
        QCOMPARE(titleOf(u"standard-webhooks"_qs), signing::schemeTitle(u"standard-webhooks"_qs));
        QCOMPARE(titleOf(u"twitter"_qs), signing::schemeTitle(u"twitter"_qs));
        QCOMPARE(titleOf(u"stripe-test"_qs), u"Stripe (test mode)"_qs);
        QCOMPARE(titleOf(u"stripe"_qs), u"Stripe (live mode)"_qs);
        QCOMPARE(titleOf(u"none"_qs), u"No retries"_qs);
        QCOMPARE(schedule->currentData().toString(), u"none"_qs);

        // Picked by its title, it sends on that schedule: Stripe test mode retries after 30 min.
        test::ComposeTestServer server;
        QVERIFY(server.isListening());
        server.setStatuses({500, 200});
        setUrl(server.url().toString());
        schedule->setCurrentIndex(schedule->findText(u"Stripe (test mode)"_qs));
        m_view->findChild<QDoubleSpinBox *>(QStringLiteral("timeScaleSpinBox"))->setValue(1800000);
        QVERIFY(sendAndWait());
        QCOMPARE(server.receivedCount(), 2);
        QCOMPARE(m_view->timeline()->topLevelItem(0)->text(3),
                 u"retry in 30 min (scaled: 1 ms)"_qs);
    }

    // Picking a template picks its provider's retry schedule, as `send --retry-schedule provider`
    // takes it; one that names none (and the blank request) retries not at all. The user can
    // still pick another, and that one is sent.
    void pickingATemplatePicksItsRetrySchedule()
    {
        auto *schedule = m_view->findChild<QComboBox *>(QStringLiteral("retryScheduleComboBox"));
        auto *picker = m_view->findChild<QComboBox *>(QStringLiteral("templateComboBox"));
        const compose::TemplateLibrary library(m_dir->filePath(QStringLiteral("templates")));
        const auto pick = [this, picker](const QString &name) {
            const int row = name.isEmpty() ? 0 : picker->findData(name, Qt::UserRole + 1);
            QVERIFY2(row >= 0, qPrintable(name));
            picker->setCurrentIndex(row);
            Q_EMIT picker->activated(row); // as a click on the item does
            QCOMPARE(m_view->currentTemplateName(), name);
        };
        for (const QString &name :
             {u"stripe/payment_intent.succeeded"_qs, u"patreon/pledges:create"_qs,
              u"slack/app_mention"_qs, u"api-reference/trial.ending"_qs}) {
            const QString expected = library.find(name)->retrySchedule;
            QVERIFY(!expected.isEmpty() && expected != u"none");
            pick(name);
            QCOMPARE(schedule->currentData().toString(), expected);
        }
        QVERIFY(library.find(u"twilio/sms.incoming"_qs)->retrySchedule.isEmpty());
        pick(u"twilio/sms.incoming"_qs);
        QCOMPARE(schedule->currentData().toString(), u"none"_qs);
        QVERIFY(m_view->selectTemplate(u"zoom/meeting.started"_qs)); // as "Save as template" picks
        QCOMPARE(schedule->currentData().toString(), u"zoom"_qs);
        pick(QString()); // the blank request
        QCOMPARE(schedule->currentData().toString(), u"none"_qs);

        // Sent on the template's schedule: webhook-api retries a 500 after a minute (÷ 60000).
        test::ComposeTestServer server;
        QVERIFY(server.isListening());
        server.setStatuses({500, 200});
        pick(u"webhook-api/user.created"_qs);
        setUrl(server.url().toString());
        m_view->findChild<QDoubleSpinBox *>(QStringLiteral("timeScaleSpinBox"))->setValue(60000);
        QVERIFY(sendAndWait());
        QCOMPARE(server.receivedCount(), 2);
        QCOMPARE(m_view->timeline()->topLevelItem(0)->text(3), u"retry in 1 min (scaled: 1 ms)"_qs);

        // Another schedule picked after the template is the one sent: no retries, one attempt.
        server.setStatuses({500, 200});
        schedule->setCurrentIndex(schedule->findData(u"none"_qs));
        QVERIFY(sendAndWait());
        QCOMPARE(server.receivedCount(), 3);
        QCOMPARE(m_view->timeline()->topLevelItemCount(), 1);
        QCOMPARE(schedule->currentData().toString(), u"none"_qs);
    }

    // A history entry loads to be sent as it was recorded: a secret typed for an earlier
    // composition is cleared, not used to sign the entry again. The scheme it was signed with
    // stays picked, and the empty secret field says what an empty and a typed secret do.
    void aHistoryEntryIsNotSignedAgainWithALeftoverSecret()
    {
        test::ComposeTestServer server;
        QVERIFY(server.isListening());
        QVERIFY(m_view->selectTemplate(QStringLiteral("github/ping")));
        setUrl(server.url().toString());
        typeSecret(kSecret);
        QVERIFY(sendAndWait());
        QCOMPARE(server.receivedCount(), 1);
        const test::ComposeReceived first = server.received().at(0);
        QVERIFY(signing::verify(u"github"_qs, kSecret, first.headers, first.body).isValid());
        QTRY_COMPARE(m_view->historyModel()->rowCount(), 1);

        // Another secret typed since (for something else), then the entry loaded.
        typeSecret(kOtherSecret);
        auto *secret = m_view->findChild<QLineEdit *>(QStringLiteral("secretLineEdit"));
        auto *scheme = m_view->findChild<QComboBox *>(QStringLiteral("schemeComboBox"));
        const QString usualHint = secret->placeholderText();
        // "Accept this self-signed certificate" was for the earlier send only.
        auto *insecure = m_view->findChild<QCheckBox *>(QStringLiteral("insecureCheckBox"));
        insecure->setChecked(true);
        loadHistoryRow(0);
        QTRY_COMPARE(m_view->bodyText(), first.body);
        QCOMPARE(secret->text(), QString());
        QCOMPARE(scheme->currentData().toString(), u"github"_qs);
        QVERIFY(!insecure->isChecked());
        QVERIFY2(secret->placeholderText().contains(u"as recorded"_qs),
                 qPrintable(secret->placeholderText()));

        // Sent as recorded: the signature the first secret made, byte for byte.
        QVERIFY(sendAndWait());
        QCOMPARE(server.receivedCount(), 2);
        const test::ComposeReceived again = server.received().at(1);
        QCOMPARE(again.body, first.body);
        QCOMPARE(headerValue(again.headers, "X-Hub-Signature-256"),
                 headerValue(first.headers, "X-Hub-Signature-256"));

        // A secret typed after loading signs it again, replacing the recorded signature.
        typeSecret(kOtherSecret);
        QVERIFY(sendAndWait());
        QCOMPARE(server.receivedCount(), 3);
        const test::ComposeReceived resigned = server.received().at(2);
        QVERIFY(
            signing::verify(u"github"_qs, kOtherSecret, resigned.headers, resigned.body).isValid());
        int signatureHeaders = 0;
        for (const HeaderField &field : resigned.headers)
            signatureHeaders += field.name.compare("X-Hub-Signature-256", Qt::CaseInsensitive) == 0;
        QCOMPARE(signatureHeaders, 1);

        // A template has no recorded signature: the field asks for a secret as usual.
        QVERIFY(m_view->selectTemplate(QStringLiteral("github/push")));
        QCOMPARE(secret->placeholderText(), usualHint);
    }

    // Selecting a history row shows that entry alone: its answer and the attempts of its own
    // delivery, not the timeline of the send before. A new send takes the pane back and leaves
    // no row selected, so selecting the same row again shows it again.
    void aSelectedEntryShowsItsOwnAnswerAndAttempts()
    {
        test::ComposeTestServer server;
        QVERIFY(server.isListening());
        QVERIFY(m_view->selectTemplate(QStringLiteral("webhook-api/user.created")));
        setUrl(server.url().toString());
        server.setResponse({{"Content-Type", "application/json"}}, R"({"answer":"once"})");
        QVERIFY(sendAndWait());
        QCOMPARE(m_view->timeline()->topLevelItemCount(), 1);
        const QString onceId = m_view->timeline()->topLevelItem(0)->text(4);

        // Then on a retry schedule: a 500, then a 200.
        server.setStatuses({500, 200});
        server.setResponse({{"Content-Type", "application/json"}}, R"({"answer":"retried"})");
        auto *schedule = m_view->findChild<QComboBox *>(QStringLiteral("retryScheduleComboBox"));
        schedule->setCurrentIndex(schedule->findData(QStringLiteral("webhook-api")));
        m_view->findChild<QDoubleSpinBox *>(QStringLiteral("timeScaleSpinBox"))->setValue(60000);
        QVERIFY(sendAndWait());
        QCOMPARE(m_view->timeline()->topLevelItemCount(), 2);
        const QString retriedId = m_view->timeline()->topLevelItem(0)->text(4);
        QVERIFY(retriedId != onceId);
        QTRY_COMPARE(m_view->historyModel()->rowCount(), 3); // newest first

        auto *raw = m_view->findChild<QPlainTextEdit *>(QStringLiteral("responseRawPlainTextEdit"));
        QTreeWidget *timeline = m_view->timeline();
        showHistoryRow(2); // the single send
        QCOMPARE(raw->toPlainText(), QStringLiteral(R"({"answer":"once"})"));
        QCOMPARE(timeline->topLevelItemCount(), 1);
        QCOMPARE(timeline->topLevelItem(0)->text(4), onceId);
        QVERIFY2(timeline->topLevelItem(0)->text(2).startsWith(u"200"_qs),
                 qPrintable(timeline->topLevelItem(0)->text(2)));

        showHistoryRow(1); // the retried send's first attempt, answered 500
        QVERIFY2(m_view->responseStatusLabel()->text().startsWith(u"500"_qs),
                 qPrintable(m_view->responseStatusLabel()->text()));
        QCOMPARE(timeline->topLevelItemCount(), 2);
        QCOMPARE(timeline->topLevelItem(0)->text(4), retriedId);
        QCOMPARE(timeline->topLevelItem(1)->text(4), retriedId);
        QVERIFY(timeline->topLevelItem(0)->text(2).startsWith(u"500"_qs));
        QVERIFY(timeline->topLevelItem(1)->text(2).startsWith(u"200"_qs));
        QCOMPARE(timeline->currentItem(), timeline->topLevelItem(0)); // the one selected

        // A new send: its own attempt only, and no history row claims the pane.
        schedule->setCurrentIndex(schedule->findData(QStringLiteral("none")));
        QVERIFY(sendAndWait());
        QCOMPARE(timeline->topLevelItemCount(), 1);
        QVERIFY(timeline->topLevelItem(0)->text(4) != retriedId);
        QVERIFY(!m_view->historyView()->selectionModel()->hasSelection());
        QTRY_COMPARE(m_view->historyModel()->rowCount(), 4);
        showHistoryRow(2); // the same entry as before, one row down
        QCOMPARE(timeline->topLevelItemCount(), 2);
        QCOMPARE(timeline->topLevelItem(0)->text(4), retriedId);

        // An entry selected while a send waits to retry: the send's next attempt takes the
        // pane back whole, its two attempts and none of the entry's.
        server.setStatuses({500, 200});
        schedule->setCurrentIndex(schedule->findData(QStringLiteral("webhook-api")));
        // The retry comes 4 s after the 500 (1 min ÷ 15): the checks of the selected entry
        // below must be done before it takes the pane back, which a loaded machine could miss
        // at ÷ 60 (1 s).
        m_view->findChild<QDoubleSpinBox *>(QStringLiteral("timeScaleSpinBox"))->setValue(15);
        QSignalSpy attempts(m_view.get(), &ui::ComposeView::attemptShown);
        QSignalSpy finished(m_view.get(), &ui::ComposeView::sendFinished);
        m_view->send();
        QVERIFY(attempts.wait(10000)); // the 500
        QTRY_COMPARE(m_view->historyModel()->rowCount(), 5);
        showHistoryRow(4); // the single send, first of all
        QCOMPARE(timeline->topLevelItemCount(), 1);
        QCOMPARE(timeline->topLevelItem(0)->text(4), onceId);
        QVERIFY(finished.wait(20000));
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(timeline->topLevelItemCount(), 2);
        const QString lastId = timeline->topLevelItem(0)->text(4);
        QVERIFY(lastId != onceId && lastId != retriedId);
        QCOMPARE(timeline->topLevelItem(1)->text(4), lastId);
        QCOMPARE(timeline->topLevelItem(1)->text(3), u"final"_qs);
        QVERIFY(!m_view->historyView()->selectionModel()->hasSelection());
        QVERIFY2(m_view->responseStatusLabel()->text().startsWith(u"200"_qs),
                 qPrintable(m_view->responseStatusLabel()->text()));
    }

    // A password in the URL reaches the server, as Authorization: Basic, but no file the
    // composer writes: the history keeps user:***@.
    void aPasswordInTheUrlIsSentButNotKept()
    {
        const QByteArray password = "urlPASSq7x9"; // made up for this test
        test::ComposeTestServer server;
        QVERIFY(m_view->selectTemplate(QStringLiteral("github/ping")));
        QUrl url = server.url();
        url.setUserName(QStringLiteral("user"));
        url.setPassword(QString::fromLatin1(password));
        setUrl(url.toString());
        QVERIFY(sendAndWait());
        QCOMPARE(headerValue(server.received().at(0).headers, "Authorization"),
                 "Basic " + ("user:" + password).toBase64());
        QTRY_COMPARE(m_view->historyModel()->rowCount(), 1);
        QTest::qWait(200); // the history's write lands
        QDirIterator files(m_dir->path(), QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            if (file.fileName().contains(QStringLiteral("captures.sqlite")))
                continue; // the receiver's store
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            QVERIFY2(!bytes.contains(password), qPrintable(file.fileName()));
            QVERIFY2(!bytes.contains(("user:" + password).toBase64()), qPrintable(file.fileName()));
        }

        // Loaded back from the history, the URL says *** and, in this session, sends the
        // password it stands for.
        QSignalSpy shown(m_view.get(), &ui::ComposeView::historyEntryShown);
        m_view->historyView()->setCurrentIndex(m_view->historyModel()->index(0, 0));
        QVERIFY(shown.wait(10000));
        m_view->findChild<QPushButton *>(QStringLiteral("loadIntoComposerButton"))->click();
        auto *urlEdit = m_view->findChild<QLineEdit *>(QStringLiteral("urlLineEdit"));
        QTRY_VERIFY(urlEdit->text().contains(u"user:***@"_qs));
        QVERIFY(sendAndWait());
        QCOMPARE(server.receivedCount(), 2);
        QCOMPARE(headerValue(server.received().at(1).headers, "Authorization"),
                 "Basic " + ("user:" + password).toBase64());

        // A view that never saw the password (the window reopened) refuses to send *** as one.
        m_testers.clear();
        m_view.reset();
        m_view = makeView();
        setUrl(QUrl(url)
                   .adjusted(QUrl::RemovePassword)
                   .toString()
                   .replace(u"user@"_qs, u"user:***@"_qs));
        QVERIFY(!sendAndWait());
        const QString refusal
            = m_view->findChild<QLabel *>(QStringLiteral("responseStatusLabel"))->text();
        QVERIFY2(refusal.contains(u"hidden as ***"_qs), qPrintable(refusal));
        QCOMPARE(server.receivedCount(), 2);
    }

    void theHistoryPersistsAndLoadsBackIntoTheComposer()
    {
        test::ComposeTestServer server;
        QVERIFY(server.isListening());
        server.setResponse({{"Content-Type", "application/json"}}, R"({"handled":"yes"})");
        QVERIFY(m_view->selectTemplate(QStringLiteral("github/ping")));
        setUrl(server.url().toString());
        QVERIFY(sendAndWait());
        QTRY_COMPARE(m_view->historyModel()->rowCount(), 1);
        const QByteArray sentBody = server.received().at(0).body;

        // A new view on the same file (the window reopened) lists it again.
        m_testers.clear();
        m_view.reset();
        m_view = makeView();
        QSignalSpy loaded(m_view.get(), &ui::ComposeView::historyLoaded);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(m_view->historyModel()->rowCount(), 1);

        QSignalSpy shown(m_view.get(), &ui::ComposeView::historyEntryShown);
        m_view->historyView()->setCurrentIndex(m_view->historyModel()->index(0, 0));
        QVERIFY(shown.wait(10000));
        auto *raw = m_view->findChild<QPlainTextEdit *>(QStringLiteral("responseRawPlainTextEdit"));
        QCOMPARE(raw->toPlainText(), QStringLiteral(R"({"handled":"yes"})"));
        auto *request
            = m_view->findChild<QPlainTextEdit *>(QStringLiteral("sentRequestPlainTextEdit"));
        QVERIFY(request->toPlainText().contains(QStringLiteral("X-GitHub-Event: ping")));

        // "Load into composer" and send again: the same bytes go out.
        auto *load = m_view->findChild<QPushButton *>(QStringLiteral("loadIntoComposerButton"));
        QVERIFY(load->isEnabled());
        load->click();
        QTRY_COMPARE(m_view->bodyText(), sentBody);
        QCOMPARE(m_view->findChild<QLineEdit *>(QStringLiteral("urlLineEdit"))->text(),
                 server.url().toString());
        QVERIFY(sendAndWait());
        QCOMPARE(server.receivedCount(), 2);
        QCOMPARE(server.received().at(1).body, sentBody);
        QTRY_COMPARE(m_view->historyModel()->rowCount(), 2);
    }

    void aSilentServerCanBeStoppedWithoutBlocking()
    {
        test::ComposeTestServer server;
        QVERIFY(server.isListening());
        server.setSilent(true);
        setUrl(server.url().toString());
        auto *send = m_view->findChild<QPushButton *>(QStringLiteral("sendButton"));
        QSignalSpy finished(m_view.get(), &ui::ComposeView::sendFinished);
        QTest::mouseClick(send, Qt::LeftButton);
        QVERIFY(m_view->isSending());
        QCOMPARE(send->text(), QStringLiteral("Stop"));
        QVERIFY(server.waitForRequests(1));
        QTest::mouseClick(send, Qt::LeftButton);
        QVERIFY(!m_view->isSending());
        QCOMPARE(finished.count(), 1);
        QCOMPARE(send->text(), QStringLiteral("Send"));
        QVERIFY(m_view->responseStatusLabel()->text().contains(QStringLiteral("stopped")));
        QTest::qWait(50);
        QCOMPARE(m_view->historyModel()->rowCount(), 0);
    }

    void badUrlsAndRefusedConnectionsAreClearMessages()
    {
        setUrl(QStringLiteral("not a url"));
        m_view->send();
        QVERIFY(!m_view->isSending());
        QVERIFY(m_view->responseStatusLabel()->text().contains(QStringLiteral("not an http")));

        setUrl(QStringLiteral("http://127.0.0.1:%1/hook").arg(test::composeClosedPort()));
        QVERIFY(sendAndWait());
        QVERIFY2(m_view->responseStatusLabel()->text().contains(QStringLiteral("refused")),
                 qPrintable(m_view->responseStatusLabel()->text()));
    }

    void aSelfSignedCertificateIsExplainedAndCanBeAccepted()
    {
        test::ComposeTestServer server(true);
        if (!server.isListening())
            QSKIP("no openssl tool to make a certificate");
        setUrl(server.url().toString());
        QVERIFY(sendAndWait());
        const QString message = m_view->responseStatusLabel()->text();
        QVERIFY2(message.contains(QStringLiteral("TLS")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("Accept this self-signed certificate")),
                 qPrintable(message));
        QCOMPARE(server.receivedCount(), 0);

        m_view->findChild<QCheckBox *>(QStringLiteral("insecureCheckBox"))->setChecked(true);
        QVERIFY(sendAndWait());
        QVERIFY2(m_view->responseStatusLabel()->text().startsWith(QStringLiteral("200")),
                 qPrintable(m_view->responseStatusLabel()->text()));
        QCOMPARE(server.receivedCount(), 1);
    }

    // Ticked once, "Accept this self-signed certificate" holds for the host and port it was
    // sent to: sending there again needs no second tick, another path keeps it, and a URL that
    // names another host or port unticks it, so no other server's certificate goes unchecked.
    void anAcceptedCertificateHoldsForItsHostAndPortOnly()
    {
        test::ComposeTestServer server(true);
        if (!server.isListening())
            QSKIP("no openssl tool to make a certificate");
        auto *insecure = m_view->findChild<QCheckBox *>(QStringLiteral("insecureCheckBox"));
        const QUrl url = server.url();
        setUrl(url.toString());
        insecure->setChecked(true);
        QVERIFY(sendAndWait());
        QCOMPARE(server.receivedCount(), 1);
        QVERIFY(insecure->isChecked());
        QVERIFY(sendAndWait());
        QCOMPARE(server.receivedCount(), 2);
        QVERIFY2(m_view->responseStatusLabel()->text().startsWith(u"200"_qs),
                 qPrintable(m_view->responseStatusLabel()->text()));

        auto *edit = m_view->findChild<QLineEdit *>(QStringLiteral("urlLineEdit"));
        edit->setText(url.resolved(QUrl(u"/elsewhere?x=1"_qs)).toString());
        QVERIFY(insecure->isChecked());
        QUrl otherPort = url;
        otherPort.setPort(url.port() + 1);
        edit->setText(otherPort.toString());
        QVERIFY(!insecure->isChecked());

        // Ticked again and sent: it holds for that server now, until the host changes.
        edit->setText(url.toString());
        insecure->setChecked(true);
        QVERIFY(sendAndWait());
        QCOMPARE(server.receivedCount(), 3);
        QUrl otherHost = url;
        otherHost.setHost(u"localhost"_qs);
        edit->setText(otherHost.toString());
        QVERIFY(!insecure->isChecked());
        // Ticked before a URL is typed, it is for the URL it is first sent to.
        insecure->setChecked(true);
        setUrl(url.toString());
        QVERIFY(insecure->isChecked());
        // And it says so.
        QVERIFY2(insecure->toolTip().contains(u"host and port"_qs),
                 qPrintable(insecure->toolTip()));
        QVERIFY(!insecure->toolTip().contains(u"this send only"_qs));
    }

    void deliverTwiceSendsTheSameEventTwice()
    {
        test::ComposeTestServer server;
        QVERIFY(server.isListening());
        QVERIFY(m_view->selectTemplate(QStringLiteral("webhook-api/user.created")));
        setUrl(server.url().toString());
        m_view->findChild<QCheckBox *>(QStringLiteral("deliverTwiceCheckBox"))->setChecked(true);
        QVERIFY(sendAndWait());
        QCOMPARE(m_view->timeline()->topLevelItemCount(), 2);
        QVERIFY(
            m_view->timeline()->topLevelItem(1)->text(0).contains(QStringLiteral("delivery 2")));
        QCOMPARE(m_view->timeline()->topLevelItem(0)->text(4),
                 m_view->timeline()->topLevelItem(1)->text(4));
        QCOMPARE(server.receivedCount(), 2);
        QCOMPARE(server.received().at(0).body, server.received().at(1).body);
    }

    void aHugeBodyIsValidatedWithoutMirroringIt()
    {
        QByteArray huge = "{\"items\":[";
        for (int i = 0; i < 200000; ++i)
            huge += "{\"n\":" + QByteArray::number(i) + "},";
        huge.chop(1);
        huge += "]}";
        QVERIFY(huge.size() > 2 * 1024 * 1024);
        m_view->setBodyText(huge);
        m_view->validateNow();
        QVERIFY(m_view->jsonStatusLabel()->text().startsWith(QStringLiteral("Valid JSON")));
        QCOMPARE(m_view->bodyTreeModel()->rowCount(), 0);
        QVERIFY(!m_view->pledgeBuilder()->isVisibleTo(m_view.get()));
    }

    void templatesAreSavedFromTheComposerAndFromACapture()
    {
        QVERIFY(m_view->selectTemplate(QStringLiteral("patreon/pledges:create")));
        m_view->pledgeBuilder()->amountSpinBox()->setValue(777);
        QString error;
        QVERIFY2(
            m_view->saveAsTemplate(QStringLiteral("acme"), QStringLiteral("pledge.big"), &error),
            qPrintable(error));
        compose::TemplateLibrary library(m_dir->filePath(QStringLiteral("templates")));
        const auto saved = library.find(QStringLiteral("acme/pledge.big"));
        QVERIFY(saved);
        QVERIFY(!saved->builtIn);
        QCOMPARE(saved->scheme, QStringLiteral("patreon"));
        QVERIFY(saved->body.toCompact().contains("\"amount_cents\":777"));
        auto *picker = m_view->findChild<QComboBox *>(QStringLiteral("templateComboBox"));
        QVERIFY(picker->currentText().contains(QStringLiteral("pledge.big")));

        Capture capture;
        capture.method = "POST";
        capture.target = "/hooks";
        capture.headers = {{"Host", "127.0.0.1"},
                           {"Content-Type", "application/json"},
                           {"X-Patreon-Event", "pledges:delete"},
                           {"X-Patreon-Signature", "00ff"}};
        capture.body = R"({"data":{"type":"pledge","id":"9"}})";
        capture.signature.scheme = QStringLiteral("patreon");
        QString name;
        QString offered;
        test::ModalAnswers answers({test::acceptName(&offered)}); // the name prompt
        QVERIFY2(m_view->saveCaptureAsTemplate(capture, &name, &error), qPrintable(error));
        QVERIFY(answers.allAnswered());
        QCOMPARE(name, offered);
        QVERIFY(!name.isEmpty());
        QCOMPARE(m_view->currentTemplateName(), name);
        QVERIFY(m_view->bodyText().contains("\"id\": \"9\""));
    }

    // "Save as template…" keeps the retry schedule picked now, not the one of the template the
    // composition started from; "No retries" is saved as no schedule.
    void aSavedTemplateKeepsTheRetrySchedulePicked()
    {
        QVERIFY(m_view->selectTemplate(QStringLiteral("patreon/pledges:create")));
        auto *schedule = m_view->findChild<QComboBox *>(QStringLiteral("retryScheduleComboBox"));
        auto *save = m_view->findChild<QPushButton *>(QStringLiteral("saveAsTemplateButton"));
        QVERIFY(schedule && save);
        QCOMPARE(schedule->currentData().toString(), QStringLiteral("patreon"));
        const auto saveAs = [&](const QString &name) {
            test::ModalAnswers answers({test::acceptName(nullptr, name)});
            QTest::mouseClick(save, Qt::LeftButton);
            QVERIFY(answers.allAnswered());
        };

        schedule->setCurrentIndex(schedule->findData(QStringLiteral("stripe-test")));
        saveAs(QStringLiteral("acme/retried"));
        schedule->setCurrentIndex(schedule->findData(QStringLiteral("none")));
        saveAs(QStringLiteral("acme/not-retried"));

        compose::TemplateLibrary library(m_dir->filePath(QStringLiteral("templates")));
        QVERIFY(library.find(QStringLiteral("acme/retried")));
        QCOMPARE(library.find(QStringLiteral("acme/retried"))->retrySchedule,
                 QStringLiteral("stripe-test"));
        QVERIFY(library.find(QStringLiteral("acme/not-retried")));
        QVERIFY(library.find(QStringLiteral("acme/not-retried"))->retrySchedule.isEmpty());

        // Picked again, each brings its own schedule back.
        QVERIFY(m_view->selectTemplate(QStringLiteral("acme/retried")));
        QCOMPARE(schedule->currentData().toString(), QStringLiteral("stripe-test"));
        QVERIFY(m_view->selectTemplate(QStringLiteral("acme/not-retried")));
        QCOMPARE(schedule->currentData().toString(), QStringLiteral("none"));
    }

    // The status line counts the bytes that go out, which the format box decides, not the
    // bytes in the editor.
    void theJsonStatusCountsTheBytesSent()
    {
        test::ComposeTestServer server;
        QVERIFY(server.isListening());
        setUrl(server.url().toString());
        QByteArray typed = "{\n";
        QByteArray compact = "{";
        for (int i = 0; i < 150; ++i) {
            const QByteArray pair = QByteArray::number(i);
            typed += "  \"key" + pair + "\": " + pair + (i < 149 ? ",\n" : "\n");
            compact += "\"key" + pair + "\":" + pair + (i < 149 ? "," : "");
        }
        typed += "}";
        compact += "}";
        QVERIFY(typed.size() > 1000);
        m_view->setBodyText(typed);
        m_view->validateNow();
        auto *format = m_view->findChild<QComboBox *>(QStringLiteral("bodyFormatComboBox"));
        QCOMPARE(format->currentText(), QStringLiteral("Send compact JSON"));
        const QLocale locale;
        QCOMPARE(m_view->jsonStatusLabel()->text(),
                 QStringLiteral("Valid JSON: %1 bytes sent compact (%2 as typed).")
                     .arg(locale.toString(compact.size()), locale.toString(typed.size())));
        QVERIFY(sendAndWait());
        QCOMPARE(server.received().at(0).body, compact);

        // Sent as typed, the two counts are one; the line follows the box without an edit.
        format->setCurrentIndex(format->findText(QStringLiteral("Send exactly as typed")));
        QTRY_COMPARE(m_view->jsonStatusLabel()->text(),
                     QStringLiteral("Valid JSON (%1 bytes).").arg(locale.toString(typed.size())));
        format->setCurrentIndex(format->findText(QStringLiteral("Send compact JSON")));
        QTRY_VERIFY(m_view->jsonStatusLabel()->text().contains(u"sent compact"_qs));

        // Typed compact already: one count.
        m_view->setBodyText(compact);
        m_view->validateNow();
        QCOMPARE(m_view->jsonStatusLabel()->text(),
                 QStringLiteral("Valid JSON (%1 bytes).").arg(locale.toString(compact.size())));
        format->setCurrentIndex(format->findText(QStringLiteral("Send pretty JSON")));
        QTRY_VERIFY2(m_view->jsonStatusLabel()->text().endsWith(
                         QStringLiteral(" bytes sent pretty (%1 as typed).")
                             .arg(locale.toString(compact.size()))),
                     qPrintable(m_view->jsonStatusLabel()->text()));
    }

    // Stopped between attempts, the retry that was due is not sent, and the timeline no longer
    // promises it.
    void aStoppedScheduleSaysItsRetryIsCancelled()
    {
        test::ComposeTestServer server;
        QVERIFY(server.isListening());
        server.setStatuses({500, 200});
        QVERIFY(m_view->selectTemplate(QStringLiteral("webhook-api/user.created")));
        setUrl(server.url().toString());
        auto *schedule = m_view->findChild<QComboBox *>(QStringLiteral("retryScheduleComboBox"));
        schedule->setCurrentIndex(schedule->findData(QStringLiteral("webhook-api")));
        typeSecret("compose-test-webhook-secret");
        QSignalSpy shown(m_view.get(), &ui::ComposeView::attemptShown);
        auto *send = m_view->findChild<QPushButton *>(QStringLiteral("sendButton"));
        QTest::mouseClick(send, Qt::LeftButton);
        QVERIFY(shown.wait(10000));
        QTreeWidget *timeline = m_view->timeline();
        QCOMPARE(timeline->topLevelItemCount(), 1);
        QCOMPARE(timeline->topLevelItem(0)->text(3), u"retry in 1 min"_qs);

        QTest::mouseClick(send, Qt::LeftButton); // Stop
        QVERIFY(!m_view->isSending());
        QCOMPARE(timeline->topLevelItemCount(), 1);
        QCOMPARE(timeline->topLevelItem(0)->text(3), u"retry cancelled (stopped)"_qs);
        QVERIFY(timeline->topLevelItem(0)->text(2).startsWith(u"500"_qs));
        QTest::qWait(50);
        QCOMPARE(server.receivedCount(), 1);
    }

    // A single send shows its own answer, not the Load tab of an earlier run left in front.
    void aSendAfterALoadRunShowsItsOwnAnswer()
    {
        test::ComposeTestServer server;
        QVERIFY(server.isListening());
        setUrl(server.url().toString());
        ui::LoadPanel *load = m_view->loadPanel();
        load->countSpinBox()->setValue(3);
        QSignalSpy ran(load, &ui::LoadPanel::runFinished);
        m_view->responseTabs()->setCurrentWidget(load);
        load->runButton()->click();
        QVERIFY(ran.wait(20000));
        QCOMPARE(m_view->responseTabs()->currentWidget(), load);

        QVERIFY(sendAndWait());
        QVERIFY2(m_view->responseStatusLabel()->text().startsWith(u"200"_qs),
                 qPrintable(m_view->responseStatusLabel()->text()));
        QCOMPARE(m_view->responseTabs()->currentWidget(), m_view->responseTree());
        QVERIFY(m_view->responseTree()->model()->rowCount() > 0);
    }

    // A secret typed for one provider does not sign another provider's template: picking a
    // template with another scheme clears it and says whose it was; the same scheme keeps it.
    void aSecretForAnotherSchemeIsClearedOnPickingATemplate()
    {
        auto *secret = m_view->findChild<QLineEdit *>(QStringLiteral("secretLineEdit"));
        QVERIFY(m_view->selectTemplate(QStringLiteral("patreon/pledges:create")));
        typeSecret(kSecret);
        QVERIFY(m_view->selectTemplate(QStringLiteral("patreon/pledges:update")));
        QCOMPARE(secret->text().toUtf8(), kSecret);

        QVERIFY(m_view->selectTemplate(QStringLiteral("stripe/payment_intent.succeeded")));
        QCOMPARE(secret->text(), QString());
        QCOMPARE(secret->placeholderText(), u"Secret cleared: it was for Patreon"_qs);

        // A Stripe secret stays for another Stripe event, and goes for a Patreon one.
        typeSecret(kOtherSecret);
        QVERIFY(m_view->selectTemplate(QStringLiteral("stripe/invoice.payment_failed")));
        QCOMPARE(secret->text().toUtf8(), kOtherSecret);
        QVERIFY(m_view->selectTemplate(QStringLiteral("patreon/pledges:create")));
        QCOMPARE(secret->text(), QString());
        QCOMPARE(secret->placeholderText(), u"Secret cleared: it was for Stripe"_qs);
    }

private:
    std::unique_ptr<ui::ComposeView> makeView()
    {
        auto view = test::composeViewIn(*m_dir);
        view->resize(1500, 900);
        for (QAbstractItemModel *model : QList<QAbstractItemModel *> {
                 view->headerModel(), view->bodyTreeModel(), view->historyModel()})
            m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
                model, QAbstractItemModelTester::FailureReportingMode::QtTest));
        view->show();
        return view;
    }

    void startReceiver()
    {
        m_session = std::make_unique<session::ReceiverSession>();
        QString openError = QStringLiteral("pending");
        m_session->openStore(m_dir->filePath(QStringLiteral("captures.sqlite")),
                             [&](const QString &error) { openError = error; });
        QTRY_COMPARE(openError, QString());
        http::ReceiverConfig config;
        config.port = 0;
        QVERIFY2(m_session->startReceiver(config), qPrintable(m_session->lastError()));
        m_view->setDefaultUrl(m_session->url() + QStringLiteral("/hooks/patreon"));
    }

    Capture latestCapture()
    {
        Stored stored;
        bool paged = false;
        const auto fetch = [&] {
            paged = false;
            m_session->store().page({}, 0, 10, store::SortOrder::NewestFirst,
                                    [&](const QList<store::CaptureSummary> &rows) {
                                        stored.rows = rows;
                                        paged = true;
                                    });
        };
        fetch();
        if (!QTest::qWaitFor([&] { return paged; }, 10000))
            return {};
        if (stored.rows.isEmpty())
            return {};
        bool loaded = false;
        m_session->store().load(stored.rows.at(0).id, [&](const std::optional<Capture> &capture) {
            stored.capture = capture;
            loaded = true;
        });
        if (!QTest::qWaitFor([&] { return loaded; }, 10000))
            return {};
        return stored.capture.value_or(Capture {});
    }

    // Selects history row `row` as a click does and waits until its entry is shown.
    void showHistoryRow(int row)
    {
        QSignalSpy shown(m_view.get(), &ui::ComposeView::historyEntryShown);
        QTableView *view = m_view->historyView();
        const QRect cell
            = view->visualRect(view->model()->index(row, ui::SendHistoryModel::UrlColumn));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QVERIFY(shown.wait(10000));
    }

    void loadHistoryRow(int row)
    {
        showHistoryRow(row);
        m_view->findChild<QPushButton *>(QStringLiteral("loadIntoComposerButton"))->click();
    }

    void typeSecret(const QByteArray &secret)
    {
        auto *edit = m_view->findChild<QLineEdit *>(QStringLiteral("secretLineEdit"));
        QVERIFY(edit);
        QCOMPARE(edit->echoMode(), QLineEdit::Password);
        edit->clear();
        QTest::keyClicks(edit, QString::fromUtf8(secret));
    }

    void setUrl(const QString &url)
    {
        auto *edit = m_view->findChild<QLineEdit *>(QStringLiteral("urlLineEdit"));
        edit->clear();
        QTest::keyClicks(edit, url);
    }

    bool sendAndWait()
    {
        QSignalSpy finished(m_view.get(), &ui::ComposeView::sendFinished);
        QTest::mouseClick(m_view->findChild<QPushButton *>(QStringLiteral("sendButton")),
                          Qt::LeftButton);
        if (!m_view->isSending() && finished.isEmpty())
            return false;
        return !finished.isEmpty() || finished.wait(20000);
    }

    static qint64 amountOf(const QByteArray &body)
    {
        const qsizetype at = body.indexOf("\"amount_cents\": ") + 16;
        return body.mid(at, body.indexOf(',', at) - at).toLongLong();
    }

    void screenshot(const QString &name, bool treeTab = true)
    {
        if (treeTab)
            m_view->responseTabs()->setCurrentIndex(0);
        QCoreApplication::processEvents();
        const QString directory
            = QCoreApplication::applicationDirPath() + QStringLiteral("/screenshots");
        QDir().mkpath(directory);
        const QString path = directory + u'/' + name;
        QVERIFY(m_view->grab().save(path));
        qInfo("wrote %s", qPrintable(path));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<session::ReceiverSession> m_session;
    std::unique_ptr<ui::ComposeView> m_view;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
};

QTEST_MAIN(TestComposeView)
#include "TestComposeView.moc"
