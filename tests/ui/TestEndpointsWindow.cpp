#include "CaptureDetailView.h"
#include "ComposeTestServer.h"
#include "HeaderTableModel.h"
#include "HttpTestClient.h"
#include "InspectorFixtures.h"
#include "LiveWindow.h"
#include "MainWindow.h"
#include "RawTextView.h"
#include "ReceiverBar.h"
#include "RequestListModel.h"
#include "SignaturePanel.h"
#include "dialogs/EndpointsDialog.h"
#include "secrets/SecretStore.h"
#include "session/ReceiverSession.h"
#include "signing/Signing.h"

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace hookscope;

namespace {

// Made-up secrets for this test only.
const QByteArray kSecret = "endpoint-test-secret";
const QByteArray kWrongSecret = "not-the-endpoint-secret";

template<typename T> T *child(QObject *parent, const char *name)
{
    T *found = parent->findChild<T *>(QString::fromLatin1(name));
    if (!found)
        qWarning("no child named %s", name);
    return found;
}

} // namespace

class TestEndpointsWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        test::forgetSettingsAndSecrets();
        m_dir = std::make_unique<QTemporaryDir>();
        m_port = 0;
        openWindow();
    }

    void cleanup()
    {
        m_window.reset();
        m_dir.reset();
    }

    // Through the dialog as a user fills it: an endpoint with a scheme, a secret, its own answer
    // and "answer 401 to an invalid or missing signature", plus a forward target.
    void anEndpointMadeInTheDialogAnswersVerifiesAndForwards()
    {
        test::ComposeTestServer downstream;
        QVERIFY(downstream.isListening());
        downstream.setResponse({{"Content-Type", "application/json"}, {"X-Downstream", "yes"}},
                               "{\"handled\":true}");

        auto *dialog = openDialog();
        QVERIFY(dialog);
        QTest::mouseClick(child<QPushButton>(dialog, "addEndpointButton"), Qt::LeftButton);
        auto *name = child<QLineEdit>(dialog, "endpointNameEdit");
        auto *prefix = child<QLineEdit>(dialog, "endpointPrefixEdit");
        auto *scheme = child<QComboBox>(dialog, "endpointSchemeComboBox");
        auto *secret = child<QLineEdit>(dialog, "endpointSecretEdit");
        auto *reject = child<QCheckBox>(dialog, "rejectInvalidCheckBox");
        auto *status = child<QSpinBox>(dialog, "responseStatusSpinBox");
        auto *headers = child<QPlainTextEdit>(dialog, "responseHeadersEdit");
        auto *body = child<QPlainTextEdit>(dialog, "responseBodyEdit");
        auto *targets = child<QPlainTextEdit>(dialog, "forwardTargetsEdit");
        auto *ok
            = child<QDialogButtonBox>(dialog, "endpointsButtonBox")->button(QDialogButtonBox::Ok);
        QVERIFY(name && prefix && scheme && secret && reject && status && headers && body && targets
                && ok);
        QCOMPARE(secret->echoMode(), QLineEdit::Password);

        name->setText(u"patreon"_qs);
        prefix->setText(u"hooks/patreon"_qs);
        QVERIFY(!ok->isEnabled()); // a prefix must start with '/'
        QVERIFY(dialog->problem().contains(u"must start with '/'"_qs));
        prefix->setText(u"/hooks/patreon"_qs);
        QVERIFY(ok->isEnabled());
        scheme->setCurrentIndex(scheme->findData(u"patreon"_qs));
        secret->setText(QString::fromUtf8(kSecret));
        reject->setChecked(true);
        status->setValue(202);
        headers->setPlainText(u"X-Handled-By hookscope"_qs);
        QVERIFY(!ok->isEnabled()); // no colon
        QVERIFY(dialog->problem().contains(u"line 1"_qs));
        headers->setPlainText(u"X-Handled-By: hookscope"_qs);
        body->setPlainText(u"{\"stored\":\"{{id}}\"}"_qs);
        targets->setPlainText(u"ftp://example.invalid/"_qs);
        QVERIFY(!ok->isEnabled());
        targets->setPlainText(downstream.url(u"/webhooks"_qs).toString());
        QVERIFY2(ok->isEnabled(), qPrintable(dialog->problem()));
        QTest::mouseClick(ok, Qt::LeftButton);
        QTRY_VERIFY(m_window->session().isListening());
        QCOMPARE(m_window->receiverProfile().endpoints.size(), 1);
        QCOMPARE(m_window->session().forwardTargets().size(), 1);
        QCOMPARE(test::portOfUrl(m_window->session().url()), m_port); // restarted on the same port

        // A wrong signature: 401, stored as invalid, and still forwarded byte for byte.
        const QByteArray payload = test::patreonPledgeCapture().body;
        const QByteArray forged
            = test::signedPatreonRequest("/hooks/patreon/new", payload, kWrongSecret);
        const test::RawResponse refused = test::roundTrip(m_port, forged);
        QCOMPARE(refused.status, 401);
        QVERIFY(refused.body.contains("invalid signature"));

        const QByteArray genuine
            = test::signedPatreonRequest("/hooks/patreon/new", payload, kSecret);
        const test::RawResponse accepted = test::roundTrip(m_port, genuine);
        QCOMPARE(accepted.status, 202);
        QCOMPARE(accepted.header("X-Handled-By"), QByteArray("hookscope"));
        QVERIFY(accepted.body.startsWith("{\"stored\":\""));
        QVERIFY(!accepted.body.contains("{{id}}"));

        QVERIFY(downstream.waitForRequests(2));
        const QByteArray expectedSignature
            = headerValue(test::patreonSignatureHeaders(payload, kSecret), "X-Patreon-Signature");
        QVERIFY(!expectedSignature.isEmpty());
        int genuineForwards = 0;
        for (const test::ComposeReceived &forwarded : downstream.received()) {
            QCOMPARE(forwarded.body, payload); // byte for byte, never re-serialized
            QCOMPARE(forwarded.target, QByteArray("/webhooks"));
            if (headerValue(forwarded.headers, "X-Patreon-Signature") == expectedSignature)
                ++genuineForwards;
        }
        QCOMPARE(genuineForwards, 1);

        // A malformed request is captured for inspection but never relayed downstream.
        const test::RawResponse smuggled
            = test::roundTrip(m_port,
                              "POST /hooks/patreon/x HTTP/1.1\r\nHost: x\r\n"
                              "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "0\r\n\r\n");
        QCOMPARE(smuggled.status, 400);

        ui::RequestListModel *model = m_window->requestModel();
        QTRY_COMPARE(model->rowCount(), 3);
        QCOMPARE(model->index(1, 0).data(ui::RequestListModel::VerdictRole).toString(),
                 u"valid"_qs);
        QCOMPARE(model->index(2, 0).data(ui::RequestListModel::VerdictRole).toString(),
                 u"invalid"_qs);
        QTest::qWait(300); // time enough for a forward, were one started
        QCOMPARE(downstream.receivedCount(), 2);

        // The Response tab offers the forward target's answer beside Hookscope's own.
        QSignalSpy shown(m_window.get(), &ui::MainWindow::captureShown);
        m_window->requestListView()->setCurrentIndex(model->index(1, 0));
        QTRY_COMPARE(shown.count(), 1);
        ui::CaptureDetailView *detail = m_window->detailView();
        QComboBox *source = detail->responseSourceBox();
        QTRY_COMPARE(source->count(), 2);
        QVERIFY(source->itemText(1).contains(u"/webhooks (200)"_qs));
        auto *statusLabel = child<QLabel>(detail, "responseStatusLabel");
        QVERIFY(statusLabel->text().startsWith(u"HTTP 202"_qs));
        source->setCurrentIndex(1);
        QVERIFY(statusLabel->text().startsWith(u"HTTP 200"_qs));
        QVERIFY(detail->responseBodyView()->toPlainText().contains(u"handled"_qs));
        const ui::HeaderTableModel *answerHeaders = detail->responseHeaderModel();
        bool sawDownstreamHeader = false;
        for (int row = 0; row < answerHeaders->rowCount(); ++row)
            sawDownstreamHeader
                |= answerHeaders->index(row, 0).data().toString() == u"X-Downstream";
        QVERIFY(sawDownstreamHeader);

        // Everything but the secret is remembered in the settings.
        // No signature at all where the endpoint has a secret: refused too, and said so.
        const test::RawResponse unsignedOne = test::roundTrip(
            m_port,
            "POST /hooks/patreon/new HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
            "Content-Length: "
                + QByteArray::number(payload.size()) + "\r\n\r\n" + payload);
        QCOMPARE(unsignedOne.status, 401);
        QVERIFY2(unsignedOne.body.contains("missing signature"), unsignedOne.body.constData());

        QSettings settings;
        settings.sync();
        QFile file(settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray settingsText = file.readAll();
        QVERIFY(settingsText.contains("/hooks/patreon"));
        QVERIFY2(!settingsText.contains(kSecret), "the secret was written to the settings file");
    }

    // Pass-through from the dialog: the sender gets the target's answer, the Response tab
    // shows it as the answer sent, and the choice is kept across a restart.
    void passThroughFromTheDialogAnswersWithTheTargetsAnswer()
    {
        test::ComposeTestServer target;
        target.setStatuses({201});
        target.setResponse({{"Content-Type", "application/json"}, {"X-From", "target"}},
                           "{\"text\":\"Sunny\"}");
        auto *dialog = openDialog();
        QVERIFY(dialog);
        auto *targets = child<QPlainTextEdit>(dialog, "forwardTargetsEdit");
        auto *passThrough = child<QCheckBox>(dialog, "passThroughCheck");
        QVERIFY(targets && passThrough);
        targets->setPlainText(target.url(u"/slack"_qs).toString());
        passThrough->setChecked(true);
        QTest::mouseClick(
            child<QDialogButtonBox>(dialog, "endpointsButtonBox")->button(QDialogButtonBox::Ok),
            Qt::LeftButton);
        QTRY_VERIFY(m_window->session().passesThrough());
        QVERIFY(child<QPushButton>(m_window.get(), "endpointsButton")
                    ->text()
                    .contains(u"answers passed through"_qs));

        const test::RawResponse answer = test::roundTripTurningEvents(
            m_port, "POST /cmd HTTP/1.1\r\nHost: a\r\nContent-Length: 9\r\n\r\ntext=rain");
        QCOMPARE(answer.status, 201);
        QCOMPARE(answer.header("X-From"), QByteArray("target"));
        QCOMPARE(answer.body, QByteArray("{\"text\":\"Sunny\"}"));
        QCOMPARE(target.receivedCount(), 1);

        ui::RequestListModel *model = m_window->requestModel();
        QTRY_COMPARE(model->rowCount(), 1);
        m_window->requestListView()->setCurrentIndex(model->index(0, 0));
        auto *statusLabel = child<QLabel>(m_window->detailView(), "responseStatusLabel");
        QTRY_VERIFY2(statusLabel->text().startsWith(u"HTTP 201"_qs),
                     qPrintable(statusLabel->text()));
        QVERIFY(m_window->detailView()->responseBodyView()->toPlainText().contains(u"Sunny"_qs));
        QCOMPARE(target.receivedCount(), 1); // not forwarded a second time

        m_window.reset();
        openWindow();
        QVERIFY(m_window->receiverProfile().passThrough);
        QTRY_VERIFY(m_window->session().passesThrough());
    }

    // The catch-all can refuse an invalid signature too: ticked in the dialog, it answers 401
    // (and stores the request), and the choice survives a restart.
    void theCatchAllAnswers401ToAnInvalidSignature()
    {
        session::ReceiverProfile profile;
        profile.defaultScheme = u"github"_qs;
        m_window->applyReceiverProfile(profile, {{QString(), kSecret}});
        QTRY_VERIFY(m_window->session().isListening());
        const QByteArray request
            = test::signedRequest(u"github"_qs, kWrongSecret, "/anywhere", "{}");
        QCOMPARE(test::roundTrip(m_port, request).status, 200); // not asked to refuse yet

        auto *dialog = openDialog();
        QVERIFY(dialog);
        dialog->selectEntry(0);
        auto *reject = child<QCheckBox>(dialog, "rejectInvalidCheckBox");
        QVERIFY(reject->isEnabled());
        QTest::mouseClick(reject, Qt::LeftButton);
        QVERIFY(reject->isChecked());
        dialog->accept();
        QTRY_VERIFY(m_window->receiverProfile().defaultRejectInvalidSignature);
        QTRY_COMPARE(test::roundTrip(m_port, request).status, 401);

        m_window.reset();
        openWindow();
        QVERIFY(m_window->receiverProfile().defaultRejectInvalidSignature);
        QTRY_VERIFY(m_window->session().verifier().secretFor(QString()).secret == kSecret);
        QCOMPARE(test::roundTrip(m_port, request).status, 401);
        // Refused, yet stored, with its verdict.
        QTRY_VERIFY(m_window->requestModel()->rowCount() > 0);
        QCOMPARE(m_window->requestModel()->index(0, 0).data(ui::RequestListModel::VerdictRole),
                 QVariant(u"invalid"_qs));
    }

    void theSetupSurvivesARestartWithItsSecret()
    {
        session::ReceiverProfile profile;
        http::EndpointConfig endpoint;
        endpoint.name = u"github"_qs;
        endpoint.pathPrefix = "/gh";
        endpoint.scheme = u"github"_qs;
        endpoint.rejectInvalidSignature = true;
        profile.endpoints << endpoint;
        m_window->applyReceiverProfile(profile, {{u"github"_qs, kSecret}});
        QTRY_VERIFY(m_window->session().isListening());

        m_window.reset();
        openWindow();
        QCOMPARE(m_window->receiverProfile().endpoints.size(), 1);
        QCOMPARE(m_window->receiverProfile().endpoints.first().pathPrefix, QByteArray("/gh"));
        // The secret comes back from the secret store, so a bad signature is refused at once.
        QTRY_VERIFY(m_window->session().verifier().secretFor(u"github"_qs).secret == kSecret);
        const QByteArray request = test::signedRequest(u"github"_qs, kWrongSecret, "/gh/x", "{}");
        QCOMPARE(test::roundTrip(m_port, request).status, 401);

        // Removing it in the dialog removes its secret too.
        auto *dialog = openDialog();
        QVERIFY(dialog);
        auto *list = child<QListWidget>(dialog, "endpointListWidget");
        QCOMPARE(list->count(), 2);
        QVERIFY(list->item(0)->text().contains(u"Catch-all"_qs));
        dialog->selectEntry(1);
        QTest::mouseClick(child<QPushButton>(dialog, "removeEndpointButton"), Qt::LeftButton);
        QCOMPARE(list->count(), 1);
        dialog->accept();
        QTRY_VERIFY(m_window->receiverProfile().endpoints.isEmpty());
        QVERIFY(m_window->session().verifier().secretFor(u"github"_qs).secret.isEmpty());
        QTRY_COMPARE(test::roundTrip(m_port, request).status, 200);
    }

    // Secrets applied on "Detect from headers" are kept one per provider: the dialog lists
    // them by provider, never showing a secret, and Forget deletes one from the secret store.
    void providerSecretsAreListedAndCanBeForgotten()
    {
        const QByteArray githubSecret = "kept-github-secret"; // made up for this test
        const QByteArray githubBody = "{\"zen\":\"Keep it logically awesome.\"}";
        QCOMPARE(test::roundTrip(m_port,
                                 test::signedRequest(u"github"_qs, githubSecret, "/gh", githubBody))
                     .status,
                 200);
        QCOMPARE(test::roundTrip(m_port,
                                 test::signedPatreonRequest(
                                     "/hooks/patreon", test::patreonPledgeCapture().body, kSecret))
                     .status,
                 200);
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 2); // newest first: Patreon's
        applyOnAuto(1, githubSecret);
        applyOnAuto(0, kSecret);
        const QString githubKey = session::secretKeyFor(QString(), u"github"_qs);
        const QString patreonKey = session::secretKeyFor(QString(), u"patreon"_qs);
        QCOMPARE(savedSecret(githubKey), githubSecret);

        auto *dialog = openDialog();
        QVERIFY(dialog);
        auto *kept = child<QListWidget>(dialog, "keptSecretsListWidget");
        auto *forget = child<QPushButton>(dialog, "forgetKeptSecretButton");
        QVERIFY(kept && forget);
        QVERIFY(kept->isVisible());
        QCOMPARE(keptSchemes(kept), (QStringList {u"github"_qs, u"patreon"_qs}));
        QCOMPARE(kept->item(0)->text(), u"GitHub: secret kept (never shown)"_qs);
        QCOMPARE(kept->item(1)->text(), u"Patreon: secret kept (never shown)"_qs);
        saveScreenshot(dialog, u"endpoints-kept-secrets.png"_qs);

        kept->setCurrentRow(0);
        QTest::mouseClick(forget, Qt::LeftButton);
        QCOMPARE(keptSchemes(kept), QStringList {u"patreon"_qs});
        QCOMPARE(savedSecret(githubKey), githubSecret); // nothing changes before OK
        dialog->accept();
        QTRY_VERIFY(!savedSecret(githubKey).has_value());
        QCOMPARE(savedSecret(patreonKey), kSecret);
        QTRY_COMPARE(verdictAt(1), u"no-secret"_qs);
        QCOMPARE(verdictAt(0), u"valid"_qs);

        // After a restart, only Patreon's is listed. A new endpoint keeps none of its own; on
        // auto, the catch-all's Patreon secret judges its requests, which its page says.
        m_window.reset();
        openWindow();
        dialog = openDialog();
        QVERIFY(dialog);
        kept = child<QListWidget>(dialog, "keptSecretsListWidget");
        QCOMPARE(keptSchemes(kept), QStringList {u"patreon"_qs});
        dialog->addEndpoint();
        QCOMPARE(texts(kept),
                 QStringList {u"Patreon: the catch-all's secret applies (never shown)"_qs});
        auto *scheme = child<QComboBox>(dialog, "endpointSchemeComboBox");
        scheme->setCurrentIndex(scheme->findData(u"github"_qs));
        QVERIFY(!kept->isVisible());
        dialog->reject();
    }

    // An endpoint with no secret of its own for a provider is judged with the catch-all's
    // (SignatureVerifier's fallback). Its page lists those, read-only, so the verdict's source
    // can be seen; its own kept secret, or a scheme with its own secret, overrides them.
    void theCatchAllsProviderSecretsAreListedWhereTheyApply()
    {
        session::ReceiverProfile profile;
        profile.defaultScheme = u"auto"_qs;
        const auto endpoint
            = [](const QString &name, const QByteArray &prefix, const QString &scheme) {
                  http::EndpointConfig config;
                  config.name = name;
                  config.pathPrefix = prefix;
                  config.scheme = scheme;
                  return config;
              };
        profile.endpoints << endpoint(u"gh"_qs, "/gh", u"auto"_qs)
                          << endpoint(u"pledges"_qs, "/pledges", u"auto"_qs)
                          << endpoint(u"payments"_qs, "/payments", u"stripe"_qs)
                          << endpoint(u"billing"_qs, "/billing", u"stripe"_qs);
        const QHash<QString, QByteArray> secrets {{u"billing"_qs, "billing-own-secret"}};
        const QHash<QString, QStringList> kept {
            {QString(), {u"stripe"_qs, u"github"_qs, u"patreon"_qs}},
            {u"pledges"_qs, {u"patreon"_qs}}};
        ui::EndpointsDialog dialog(profile, secrets, kept);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *list = child<QListWidget>(&dialog, "keptSecretsListWidget");
        auto *forget = child<QPushButton>(&dialog, "forgetKeptSecretButton");
        QVERIFY(list && forget);
        const QString applies = u"%1: the catch-all's secret applies (never shown)"_qs;

        // The catch-all's own, as before.
        QCOMPARE(texts(list),
                 (QStringList {u"GitHub: secret kept (never shown)"_qs,
                               u"Patreon: secret kept (never shown)"_qs,
                               u"Stripe: secret kept (never shown)"_qs}));

        // On auto with none of its own: all three judge its requests.
        dialog.selectEntry(1);
        QVERIFY(list->isVisible());
        QCOMPARE(texts(list),
                 (QStringList {applies.arg(u"GitHub"), applies.arg(u"Patreon"),
                               applies.arg(u"Stripe")}));
        QCOMPARE(keptSchemes(list), (QStringList {QString(), QString(), QString()}));
        // Read-only: they cannot be selected, so Forget stays off; they are forgotten on the
        // catch-all's page.
        for (int row = 0; row < list->count(); ++row)
            QVERIFY(!(list->item(row)->flags() & Qt::ItemIsSelectable));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                          list->visualItemRect(list->item(0)).center());
        QVERIFY(!forget->isEnabled());
        saveScreenshot(&dialog, u"endpoints-catch-all-secrets-apply.png"_qs);

        // Its own Patreon secret wins over the catch-all's; the other two still apply.
        dialog.selectEntry(2);
        QCOMPARE(texts(list),
                 (QStringList {u"Patreon: secret kept (never shown)"_qs, applies.arg(u"GitHub"),
                               applies.arg(u"Stripe")}));
        QCOMPARE(keptSchemes(list), (QStringList {u"patreon"_qs, QString(), QString()}));

        // Set to Stripe without a secret: only the catch-all's Stripe secret is used.
        dialog.selectEntry(3);
        QCOMPARE(texts(list), QStringList {applies.arg(u"Stripe")});
        // With a secret of its own, none of the catch-all's is: no list.
        dialog.selectEntry(4);
        QVERIFY(!list->isVisible());

        // The list follows the form: another scheme, then a secret of its own.
        dialog.selectEntry(1);
        auto *scheme = child<QComboBox>(&dialog, "endpointSchemeComboBox");
        auto *secret = child<QLineEdit>(&dialog, "endpointSecretEdit");
        scheme->setCurrentIndex(scheme->findData(u"github"_qs));
        QCOMPARE(texts(list), QStringList {applies.arg(u"GitHub")});
        QTest::keyClicks(secret, u"gh-own"_qs);
        QVERIFY(!list->isVisible());
        secret->clear();
        scheme->setCurrentIndex(scheme->findData(u"auto"_qs));
        QCOMPARE(list->count(), 3);

        // Forgotten on the catch-all's page, it no longer applies anywhere.
        dialog.selectEntry(0);
        list->setCurrentRow(0); // GitHub
        QTest::mouseClick(forget, Qt::LeftButton);
        dialog.selectEntry(1);
        QCOMPARE(texts(list), (QStringList {applies.arg(u"Patreon"), applies.arg(u"Stripe")}));
        QCOMPARE(dialog.forgottenSchemeSecrets(),
                 (QHash<QString, QStringList> {{QString(), {u"github"_qs}}}));
        dialog.reject();
    }

    // The case users met: a GitHub request to an endpoint without a GitHub secret reads valid,
    // because the catch-all keeps one; the endpoint's page now says so.
    void anEndpointsPageSaysWhenTheCatchAllsSecretJudgesIt()
    {
        session::ReceiverProfile profile;
        http::EndpointConfig gh;
        gh.name = u"gh"_qs;
        gh.pathPrefix = "/gh";
        gh.scheme = u"auto"_qs;
        profile.endpoints << gh;
        m_window->applyReceiverProfile(profile, {});
        QTRY_VERIFY(m_window->session().isListening());
        const QByteArray githubSecret = "catch-all-github-secret"; // made up for this test
        const QByteArray body = "{\"zen\":\"Design for failure.\"}";
        QCOMPARE(test::roundTrip(
                     m_port, test::signedRequest(u"github"_qs, githubSecret, "/elsewhere", body))
                     .status,
                 200);
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 1);
        applyOnAuto(0, githubSecret); // kept as the catch-all's GitHub secret
        QCOMPARE(test::roundTrip(m_port,
                                 test::signedRequest(u"github"_qs, githubSecret, "/gh/push", body))
                     .status,
                 200);
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 2);
        QTRY_COMPARE(verdictAt(0), u"valid"_qs);
        QCOMPARE(m_window->session().verifier().secretFor(u"gh"_qs).schemeSecrets.size(), 0);

        auto *dialog = openDialog();
        QVERIFY(dialog);
        dialog->selectEntry(1);
        QCOMPARE(child<QLineEdit>(dialog, "endpointNameEdit")->text(), u"gh"_qs);
        auto *list = child<QListWidget>(dialog, "keptSecretsListWidget");
        QVERIFY(list->isVisible());
        QCOMPARE(texts(list),
                 QStringList {u"GitHub: the catch-all's secret applies (never shown)"_qs});
        QVERIFY(!texts(list).join(u' ').contains(QString::fromUtf8(githubSecret)));
        dialog->reject();
    }

    // The other way round: an endpoint's request stored before the catch-all's secret was
    // applied is judged again with it (the re-check used to cover the catch-all's own only).
    void applyingOnTheCatchAllReverifiesTheEndpointsThatUseIt()
    {
        session::ReceiverProfile profile;
        http::EndpointConfig gh;
        gh.name = u"gh"_qs;
        gh.pathPrefix = "/gh";
        gh.scheme = u"auto"_qs;
        profile.endpoints << gh;
        m_window->applyReceiverProfile(profile, {});
        QTRY_VERIFY(m_window->session().isListening());
        const QByteArray githubSecret = "catch-all-github-secret"; // made up for this test
        const QByteArray body = "{\"zen\":\"Keep it logically awesome.\"}";
        QCOMPARE(test::roundTrip(m_port,
                                 test::signedRequest(u"github"_qs, githubSecret, "/gh/push", body))
                     .status,
                 200);
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 1);
        QCOMPARE(verdictAt(0), u"no-secret"_qs);
        QCOMPARE(test::roundTrip(
                     m_port, test::signedRequest(u"github"_qs, githubSecret, "/elsewhere", body))
                     .status,
                 200);
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 2);
        applyOnAuto(0, githubSecret); // the catch-all's request, the newest
        QTRY_COMPARE(verdictAt(0), u"valid"_qs);
        QTRY_COMPARE(verdictAt(1), u"valid"_qs); // /gh's, stored before
    }

    // The window's scheme boxes say what people call a scheme ("Standard Webhooks"); the
    // settings keep its id ("standard-webhooks"), so saved setups still load.
    void schemesAreShownByTheirNames()
    {
        QComboBox *panelScheme = child<QComboBox>(m_window->signaturePanel(), "schemeComboBox");
        QVERIFY(panelScheme);
        checkSchemeTitles(panelScheme);
        panelScheme->showPopup();
        saveScreenshot(panelScheme->view()->window(), u"signature-scheme-names.png"_qs);
        panelScheme->hidePopup();

        auto *dialog = openDialog();
        QVERIFY(dialog);
        auto *scheme = child<QComboBox>(dialog, "endpointSchemeComboBox");
        QVERIFY(scheme);
        checkSchemeTitles(scheme);
        QCOMPARE(scheme->itemText(scheme->findData(u"custom"_qs)), u"Custom"_qs);
        scheme->setCurrentIndex(scheme->findText(u"GitHub"_qs));
        scheme->showPopup();
        saveScreenshot(scheme->view()->window(), u"endpoints-scheme-names.png"_qs);
        scheme->hidePopup();
        dialog->accept();
        QTRY_COMPARE(m_window->receiverProfile().defaultScheme, u"github"_qs);

        m_window.reset();
        openWindow();
        dialog = openDialog();
        QVERIFY(dialog);
        scheme = child<QComboBox>(dialog, "endpointSchemeComboBox");
        QCOMPARE(scheme->currentData().toString(), u"github"_qs);
        QCOMPARE(scheme->currentText(), u"GitHub"_qs);
        dialog->reject();
    }

    void theDialogRefusesClashesAndTheCatchAllPrefix()
    {
        auto *dialog = openDialog();
        QVERIFY(dialog);
        auto *ok
            = child<QDialogButtonBox>(dialog, "endpointsButtonBox")->button(QDialogButtonBox::Ok);
        dialog->addEndpoint();
        dialog->addEndpoint();
        QVERIFY(ok->isEnabled());
        auto *name = child<QLineEdit>(dialog, "endpointNameEdit");
        auto *prefix = child<QLineEdit>(dialog, "endpointPrefixEdit");
        dialog->selectEntry(2);
        name->setText(dialog->profile().endpoints.first().name);
        QVERIFY(!ok->isEnabled());
        QVERIFY(dialog->problem().contains(u"two endpoints are named"_qs));
        name->setText(u"second"_qs);
        prefix->setText(QString::fromUtf8(dialog->profile().endpoints.first().pathPrefix));
        QVERIFY(dialog->problem().contains(u"both claim"_qs));
        prefix->setText(u"/"_qs);
        QVERIFY(dialog->problem().contains(u"catch-all"_qs));
        name->setText(u"imported"_qs);
        prefix->setText(u"/imports"_qs);
        QVERIFY(dialog->problem().contains(u"imported"_qs));
        name->setText(u"second"_qs);
        QVERIFY(ok->isEnabled());
        // The catch-all's own answer can change, but not its name or prefix.
        dialog->selectEntry(0);
        QVERIFY(!name->isEnabled());
        QVERIFY(!prefix->isEnabled());
        QVERIFY(!child<QPushButton>(dialog, "removeEndpointButton")->isEnabled());
        child<QSpinBox>(dialog, "responseStatusSpinBox")->setValue(204);
        dialog->accept();
        QTRY_COMPARE(m_window->receiverProfile().defaultResponse.status, 204);
        QTRY_VERIFY(m_window->session().isListening());
        QCOMPARE(test::roundTrip(m_port, "GET /anything HTTP/1.1\r\nHost: x\r\n\r\n").status, 204);
    }

    // Every control a keyboard reaches has a name a screen reader can say; a PNG of the dialog
    // goes to the build folder for people to look at.
    void theDialogIsNamedForScreenReaders()
    {
        auto *dialog = openDialog();
        QVERIFY(dialog);
        dialog->addEndpoint();
        for (QWidget *widget : dialog->findChildren<QWidget *>()) {
            const bool control = qobject_cast<QAbstractButton *>(widget)
                || qobject_cast<QComboBox *>(widget) || qobject_cast<QLineEdit *>(widget)
                || qobject_cast<QAbstractSpinBox *>(widget)
                || qobject_cast<QAbstractScrollArea *>(widget);
            if (!control || !(widget->focusPolicy() & Qt::TabFocus)
                || widget->objectName().startsWith(u"qt_"))
                continue;
            const auto *button = qobject_cast<QAbstractButton *>(widget);
            const bool spoken
                = !widget->accessibleName().isEmpty() || (button && !button->text().isEmpty());
            QVERIFY2(spoken, widget->metaObject()->className());
        }
        const QString directory
            = QCoreApplication::applicationDirPath() + QStringLiteral("/screenshots");
        QDir().mkpath(directory);
        QVERIFY(dialog->grab().toImage().save(directory + QStringLiteral("/endpoints-dialog.png")));
        dialog->reject();
    }

    void forwardingToTheReceiverItselfIsRefused()
    {
        session::ReceiverProfile profile;
        profile.forwardTargets << QUrl(QStringLiteral("http://127.0.0.1:%1/loop").arg(m_port));
        m_window->applyReceiverProfile(profile, {});
        QVERIFY(m_window->receiverProfile().forwardTargets.isEmpty());
        QVERIFY(m_window->session().forwardTargets().isEmpty());
        auto *error = child<QLabel>(m_window.get(), "statusErrorLabel");
        QVERIFY(error->text().contains(u"back to this receiver"_qs));
    }

    // A target's password is used to forward but never shown: not in a refusal, not in the
    // Response tab.
    void aForwardTargetsPasswordIsNeverShown()
    {
        const QString password = QStringLiteral("guiSECRETk4v8"); // made up for this test
        session::ReceiverProfile looping;
        looping.forwardTargets << QUrl(
            QStringLiteral("http://user:%1@127.0.0.1:%2/loop").arg(password).arg(m_port));
        m_window->applyReceiverProfile(looping, {});
        const QString refusal = child<QLabel>(m_window.get(), "statusErrorLabel")->text();
        QVERIFY2(refusal.contains(u"user:***@127.0.0.1"_qs), qPrintable(refusal));
        QVERIFY(!refusal.contains(password));

        test::ComposeTestServer downstream;
        session::ReceiverProfile profile;
        profile.forwardTargets << QUrl(QStringLiteral("http://user:%1@127.0.0.1:%2/webhooks")
                                           .arg(password)
                                           .arg(downstream.port()));
        m_window->applyReceiverProfile(profile, {});
        QCOMPARE(
            test::roundTrip(m_port, "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}")
                .status,
            200);
        QVERIFY(downstream.waitForRequests(1));
        QTest::qWait(300); // the forward's answer is stored after it arrives
        ui::RequestListModel *model = m_window->requestModel();
        QTRY_COMPARE(model->rowCount(), 1);
        m_window->requestListView()->setCurrentIndex(model->index(0, 0));
        QComboBox *source = m_window->detailView()->responseSourceBox();
        QTRY_COMPARE(source->count(), 2);
        QVERIFY2(source->itemText(1).contains(u"http://user:***@127.0.0.1:"_qs),
                 qPrintable(source->itemText(1)));
        QVERIFY(!source->itemText(1).contains(password));
    }

    // A forward target's password goes to the keyring: the settings say ***, the dialog shows
    // ***, and after a restart requests are forwarded with it still.
    void aForwardTargetsPasswordIsKeptInTheKeyring()
    {
        const QString password = QStringLiteral("kEyRiNg5ecret"); // made up for this test
        test::ComposeTestServer downstream;
        const QUrl target = test::withRelayCredentials(downstream.url(u"/webhooks"_qs), password);
        test::forwardTo(*m_window, target);
        QVERIFY2(!settingsText().contains(password.toUtf8()), "the password is in the settings");
        QVERIFY(settingsText().contains("relay:***@127.0.0.1"));

        m_window.reset();
        openWindow();
        QCOMPARE(m_window->session().forwardTargets(), QList<QUrl> {target});
        QCOMPARE(forwardedAuthorization(downstream), test::relayAuthorization(password));

        // Saved unchanged from the dialog, the *** keeps the password.
        auto *dialog = openDialog();
        QVERIFY(dialog);
        auto *targets = child<QPlainTextEdit>(dialog, "forwardTargetsEdit");
        const QString shown = targets->toPlainText();
        QVERIFY2(!shown.contains(password), "the dialog shows the password");
        QVERIFY2(shown.contains(u"relay:***@127.0.0.1"_qs), qPrintable(shown));
        dialog->accept();
        QTRY_COMPARE(m_window->session().forwardTargets(), QList<QUrl> {target});

        // *** in a URL that is not a saved one stands for nothing: refused, never sent as is.
        dialog = openDialog();
        QVERIFY(dialog);
        targets = child<QPlainTextEdit>(dialog, "forwardTargetsEdit");
        targets->setPlainText(QString(shown).replace(u"/webhooks"_qs, u"/other"_qs));
        QVERIFY2(dialog->problem().contains(u"hidden as ***"_qs), qPrintable(dialog->problem()));
        QVERIFY(!child<QDialogButtonBox>(dialog, "endpointsButtonBox")
                     ->button(QDialogButtonBox::Ok)
                     ->isEnabled());

        // Removing the target removes its password from the keyring.
        targets->clear();
        dialog->accept();
        QTRY_VERIFY(m_window->session().forwardTargets().isEmpty());
        QTRY_VERIFY(!savedSecret(session::forwardPasswordKey(target)).has_value());
    }

    // Settings written before passwords went to the keyring hold one in plain text: it moves.
    void aPasswordInOldSettingsMovesToTheKeyring()
    {
        const QString password = QStringLiteral("0ldSettings5ecret"); // made up for this test
        test::ComposeTestServer downstream;
        const QUrl target = test::withRelayCredentials(downstream.url(u"/old"_qs), password);
        m_window.reset();
        QSettings().setValue(u"receiver/forwardTargets"_qs,
                             QStringList {target.toString(QUrl::FullyEncoded)});
        QVERIFY(settingsText().contains(password.toUtf8()));

        openWindow();
        QTRY_VERIFY2(!settingsText().contains(password.toUtf8()), "the password stayed");
        QVERIFY(settingsText().contains("relay:***@127.0.0.1"));
        QCOMPARE(savedSecret(session::forwardPasswordKey(target)), password.toUtf8());
        QCOMPARE(forwardedAuthorization(downstream), test::relayAuthorization(password));
    }

    // A keyring that does not answer (locked, waiting for its password) must not keep the
    // receiver from starting. A FIFO with no writer stands in for it: reading it blocks.
    void aKeyringThatDoesNotAnswerDoesNotHoldTheReceiver()
    {
        m_window.reset();
        const QString path = SecretStore::fallbackFilePath();
        QFile::remove(path);
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        // Held open for writing, and nothing written: every read of the file waits.
        const int writer = ::open(QFile::encodeName(path).constData(), O_RDWR);
        QVERIFY(writer >= 0);
        openWindow();
        QVERIFY2(m_window->statusBar()->currentMessage().contains(u"keyring has not answered"_qs),
                 qPrintable(m_window->statusBar()->currentMessage()));
        QCOMPARE(test::roundTrip(m_port, "GET /early HTTP/1.1\r\nHost: a\r\n\r\n").status, 200);

        // Let the waiting reads go (they end at an empty file); later ones find no file.
        QFile::remove(path);
        ::close(writer);
        QVERIFY(QThreadPool::globalInstance()->waitForDone(5000));
    }

private:
    static QByteArray settingsText()
    {
        QSettings settings;
        settings.sync();
        QFile file(settings.fileName());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static std::optional<QByteArray> savedSecret(const QString &key)
    {
        SecretStore store;
        std::optional<QByteArray> found;
        bool done = false;
        store.load(key, [&](std::optional<QByteArray> secret, const QString &) {
            found = std::move(secret);
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 5000))
            return QByteArray("(the secret store did not answer)");
        return found;
    }

    // On the Signature tab of request `row`: "Detect from headers", `secret`, Apply.
    void applyOnAuto(int row, const QByteArray &secret)
    {
        QSignalSpy shown(m_window.get(), &ui::MainWindow::captureShown);
        m_window->requestListView()->setCurrentIndex(m_window->requestModel()->index(row, 0));
        QTRY_COMPARE(shown.count(), 1);
        ui::SignaturePanel *panel = m_window->signaturePanel();
        auto *scheme = child<QComboBox>(panel, "schemeComboBox");
        auto *edit = child<QLineEdit>(panel, "secretLineEdit");
        scheme->setCurrentIndex(scheme->findData(u"auto"_qs));
        edit->clear();
        QTest::keyClicks(edit, QString::fromUtf8(secret));
        QTest::mouseClick(child<QPushButton>(panel, "applyToEndpointButton"), Qt::LeftButton);
        QTRY_COMPARE(verdictAt(row), u"valid"_qs);
    }

    QString verdictAt(int row) const
    {
        return m_window->requestModel()
            ->index(row, 0)
            .data(ui::RequestListModel::VerdictRole)
            .toString();
    }

    static QStringList texts(const QListWidget *list)
    {
        QStringList texts;
        for (int row = 0; row < list->count(); ++row)
            texts << list->item(row)->text();
        return texts;
    }

    static QStringList keptSchemes(const QListWidget *list)
    {
        QStringList schemes;
        for (int row = 0; row < list->count(); ++row)
            schemes << list->item(row)->data(Qt::UserRole).toString();
        return schemes;
    }

    // Every scheme of `box` is shown by its title and keeps its id as the item's data.
    static void checkSchemeTitles(const QComboBox *box)
    {
        QCOMPARE(box->itemData(0).toString(), u"auto"_qs);
        for (int i = 1; i < box->count(); ++i) {
            const QString id = box->itemData(i).toString();
            QVERIFY2(signing::isKnownScheme(id), qPrintable(id));
            QCOMPARE(box->itemText(i), signing::schemeTitle(id));
        }
        QCOMPARE(box->itemText(box->findData(u"standard-webhooks"_qs)), u"Standard Webhooks"_qs);
        QVERIFY(box->findText(u"standard-webhooks"_qs) < 0);
    }

    // For people to look at: build/tests/screenshots/<name>.
    static void saveScreenshot(QWidget *widget, const QString &name)
    {
        const QString directory
            = QCoreApplication::applicationDirPath() + QStringLiteral("/screenshots");
        QDir().mkpath(directory);
        QVERIFY(widget->grab().toImage().save(directory + u'/' + name));
    }

    // Posts one request to the receiver; the Authorization header its forward arrived with.
    QByteArray forwardedAuthorization(test::ComposeTestServer &downstream)
    {
        const int before = downstream.receivedCount();
        const test::RawResponse answer
            = test::roundTrip(m_port, "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}");
        if (answer.status != 200 || !downstream.waitForRequests(before + 1))
            return "(not forwarded)";
        return headerValue(downstream.received().at(before).headers, "Authorization");
    }

    void openWindow()
    {
        // Any free port the first time; then the same one again, as a restart would.
        m_window = test::openLiveWindow(*m_dir, m_port);
        QVERIFY(m_window);
        m_port = test::portOfUrl(m_window->session().url());
        QVERIFY(m_port != 0);
    }

    ui::EndpointsDialog *openDialog()
    {
        QTest::mouseClick(child<QPushButton>(m_window.get(), "endpointsButton"), Qt::LeftButton);
        for (int waited = 0; waited < 5000; waited += 20) {
            if (auto *dialog = m_window->findChild<ui::EndpointsDialog *>();
                dialog && dialog->isVisible())
                return dialog;
            QTest::qWait(20);
        }
        return nullptr;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ui::MainWindow> m_window;
    quint16 m_port = 0;
};

QTEST_MAIN(TestEndpointsWindow)
#include "TestEndpointsWindow.moc"
