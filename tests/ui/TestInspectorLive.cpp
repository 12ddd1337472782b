#include "CaptureDetailView.h"
#include "HttpTestClient.h"
#include "InspectorFixtures.h"
#include "JsonTreeModel.h"
#include "LiveWindow.h"
#include "MainWindow.h"
#include "PayloadTreeView.h"
#include "RequestListModel.h"
#include "SignaturePanel.h"
#include "ZoomRequests.h"
#include "secrets/SecretStore.h"
#include "session/ReceiverProfile.h"
#include "session/ReceiverSession.h"
#include "signing/Signing.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {

// A made-up secret for this test only.
const QByteArray kSecret = "test-patreon-secret";

} // namespace

class TestInspectorLive final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        test::forgetSettingsAndSecrets();
        m_dir = std::make_unique<QTemporaryDir>();
        m_window = test::openLiveWindow(*m_dir);
        QVERIFY(m_window);
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_window->requestModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_port = test::portOfUrl(m_window->session().url());
        QVERIFY(m_port != 0);
    }

    void cleanup()
    {
        m_tester.reset();
        m_window.reset();
        m_dir.reset();
    }

    void aPostedRequestAppearsWithItsTreeInOrder()
    {
        const QByteArray body = test::patreonPledgeCapture().body;
        const test::RawResponse response
            = test::roundTrip(m_port, test::signedPatreonRequest("/hooks/patreon", body, kSecret));
        QCOMPARE(response.status, 200);

        ui::RequestListModel *model = m_window->requestModel();
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, ui::RequestListModel::MethodColumn).data().toString(), u"POST"_qs);
        QCOMPARE(model->index(0, ui::RequestListModel::EventColumn).data().toString(),
                 u"pledges:create"_qs);
        // No secret configured yet: the verdict says so.
        QCOMPARE(model->index(0, 0).data(ui::RequestListModel::VerdictRole).toString(),
                 u"no-secret"_qs);

        QSignalSpy shown(m_window.get(), &ui::MainWindow::captureShown);
        m_window->requestListView()->setCurrentIndex(model->index(0, 0));
        QTRY_COMPARE(shown.count(), 1);
        const ui::JsonTreeModel *tree = m_window->detailView()->payloadTree()->model();
        const QModelIndex root = tree->index(0, 0);
        QCOMPARE(tree->index(0, 0, root).data().toString(), u"data"_qs);
        QCOMPARE(tree->index(1, 0, root).data().toString(), u"included"_qs);
    }

    void typingTheSecretTurnsTheVerdictValidAndAWrongOneExplainsWhy()
    {
        const QByteArray body = test::patreonPledgeCapture().body;
        QCOMPARE(
            test::roundTrip(m_port, test::signedPatreonRequest("/hooks/patreon", body, kSecret))
                .status,
            200);
        ui::RequestListModel *model = m_window->requestModel();
        QTRY_COMPARE(model->rowCount(), 1);
        QSignalSpy shown(m_window.get(), &ui::MainWindow::captureShown);
        m_window->requestListView()->setCurrentIndex(model->index(0, 0));
        QTRY_COMPARE(shown.count(), 1);

        ui::SignaturePanel *panel = m_window->signaturePanel();
        auto *scheme = panel->findChild<QComboBox *>(u"schemeComboBox"_qs);
        auto *secret = panel->findChild<QLineEdit *>(u"secretLineEdit"_qs);
        auto *badge = panel->findChild<QLabel *>(u"verdictBadgeLabel"_qs);
        auto *diagnosis = panel->findChild<QLabel *>(u"diagnosisLabel"_qs);
        QVERIFY(scheme && secret && badge && diagnosis);
        QCOMPARE(secret->echoMode(), QLineEdit::Password);
        scheme->setCurrentIndex(scheme->findData(u"patreon"_qs));

        secret->setFocus();
        secret->clear();
        QTest::keyClicks(secret, QString::fromUtf8(kSecret));
        QTRY_COMPARE(panel->verdictWord(), u"valid"_qs);
        QCOMPARE(badge->text(), u"valid"_qs);

        secret->clear();
        QTest::keyClicks(secret, u"a-wrong-secret"_qs);
        QTRY_COMPARE(panel->verdictWord(), u"invalid"_qs);
        QCOMPARE(badge->text(), u"invalid"_qs);

        // The right secret typed as the body's HMAC-SHA256 instead is diagnosed, not just failed.
        secret->clear();
        QTest::keyClicks(secret, QString::fromUtf8(kSecret));
        scheme->setCurrentIndex(scheme->findData(u"x-signature"_qs));
        QTRY_VERIFY(panel->verdictWord() != u"valid"_qs && !diagnosis->text().isEmpty());
    }

    void applyingTheSecretReverifiesStoredRequests_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::newRow("patreon") << u"patreon"_qs;
        QTest::newRow("detected") << u"auto"_qs;
    }

    void applyingTheSecretReverifiesStoredRequests()
    {
        QFETCH(QString, scheme);
        const QByteArray body = test::patreonPledgeCapture().body;
        // An unsigned request first: its verdict has no scheme, which must be stored too.
        QCOMPARE(test::roundTrip(m_port,
                                 "POST /plain HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}")
                     .status,
                 200);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(
                test::roundTrip(m_port, test::signedPatreonRequest("/hooks/patreon", body, kSecret))
                    .status,
                200);
        ui::RequestListModel *model = m_window->requestModel();
        QTRY_COMPARE(model->rowCount(), 4);
        QSignalSpy shown(m_window.get(), &ui::MainWindow::captureShown);
        m_window->requestListView()->setCurrentIndex(model->index(1, 0));
        QTRY_COMPARE(shown.count(), 1);

        ui::SignaturePanel *panel = m_window->signaturePanel();
        auto *schemeBox = panel->findChild<QComboBox *>(u"schemeComboBox"_qs);
        schemeBox->setCurrentIndex(schemeBox->findData(scheme));
        QTest::keyClicks(panel->findChild<QLineEdit *>(u"secretLineEdit"_qs),
                         QString::fromUtf8(kSecret));
        QTest::mouseClick(panel->findChild<QPushButton *>(u"applyToEndpointButton"_qs),
                          Qt::LeftButton);
        // Set to Patreon, the endpoint expects Patreon's signature on everything; on auto, the
        // secret is Patreon's alone and the curl stays unsigned.
        const QString unsignedVerdict
            = scheme == u"patreon" ? u"missing-header"_qs : u"unsigned"_qs;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                if (model->rowCount() != 4
                    || model->index(3, 0).data(ui::RequestListModel::VerdictRole)
                        != unsignedVerdict)
                    return false;
                for (int row = 0; row < 3; ++row) {
                    if (model->index(row, 0).data(ui::RequestListModel::VerdictRole) != u"valid"_qs)
                        return false;
                }
                return true;
            }(),
            10000);

        // New captures are verified with the applied secret as they arrive.
        QCOMPARE(
            test::roundTrip(m_port, test::signedPatreonRequest("/hooks/patreon", body, kSecret))
                .status,
            200);
        QTRY_COMPARE(model->rowCount(), 5);
        QCOMPARE(model->index(0, 0).data(ui::RequestListModel::VerdictRole).toString(),
                 u"valid"_qs);
    }

    // One receiver takes GitHub and Patreon. Applying GitHub's secret on a GitHub request keeps
    // it as GitHub's: the Patreon requests stay no-secret instead of turning invalid, take their
    // own secret the same way, and both are kept across a restart of the window.
    void eachProvidersSecretIsKeptForItsOwnRequests()
    {
        const QByteArray githubSecret = "test-github-secret-for-the-window";
        const QByteArray patreonBody = test::patreonPledgeCapture().body;
        const QByteArray githubBody = R"({"zen":"Practicality beats purity."})";
        const auto githubRequest = [&githubBody](const QByteArray &secret) {
            return test::signedRequest(u"github"_qs, secret, "/hooks/github", githubBody);
        };
        QCOMPARE(test::roundTrip(m_port, githubRequest(githubSecret)).status, 200);
        QCOMPARE(test::roundTrip(m_port,
                                 test::signedPatreonRequest("/hooks/patreon", patreonBody, kSecret))
                     .status,
                 200);
        ui::RequestListModel *model = m_window->requestModel();
        QTRY_COMPARE(model->rowCount(), 2);
        const auto applyOn = [this](int row, const QByteArray &secret) {
            selectRow(row);
            ui::SignaturePanel *panel = m_window->signaturePanel();
            auto *edit = panel->findChild<QLineEdit *>(u"secretLineEdit"_qs);
            edit->clear();
            QTest::keyClicks(edit, QString::fromUtf8(secret));
            QTest::mouseClick(panel->findChild<QPushButton *>(u"applyToEndpointButton"_qs),
                              Qt::LeftButton);
        };
        // Row 0 is the newest: Patreon; row 1 GitHub.
        applyOn(1, githubSecret);
        // The tab said what Apply does with it.
        QCOMPARE(m_window->signaturePanel()->findChild<QLabel *>(u"applyNoteLabel"_qs)->text(),
                 u"Kept as this endpoint's GitHub secret: other providers' requests keep their "
                 u"own."_qs);
        QTRY_COMPARE(verdictAt(1), u"valid"_qs);
        QCOMPARE(verdictAt(0), u"no-secret"_qs);
        const QString tip = model->index(0, ui::RequestListModel::SignatureColumn)
                                .data(Qt::ToolTipRole)
                                .toString();
        QVERIFY2(tip.contains(u"Secrets are set for GitHub only."), qPrintable(tip));

        applyOn(0, kSecret);
        QTRY_COMPARE(verdictAt(0), u"valid"_qs);
        QCOMPARE(verdictAt(1), u"valid"_qs);
        // The Signature tab of each request shows the secret that judges it.
        auto *secretEdit = m_window->signaturePanel()->findChild<QLineEdit *>(u"secretLineEdit"_qs);
        selectRow(1);
        QCOMPARE(secretEdit->text(), QString::fromUtf8(githubSecret));
        selectRow(0);
        QCOMPARE(secretEdit->text(), QString::fromUtf8(kSecret));

        // After a restart, new requests of both are judged with their own secrets.
        m_tester.reset();
        m_window.reset();
        m_window = test::openLiveWindow(*m_dir);
        QVERIFY(m_window);
        m_port = test::portOfUrl(m_window->session().url());
        model = m_window->requestModel();
        QTRY_COMPARE(model->rowCount(), 2);
        QCOMPARE(test::roundTrip(m_port, githubRequest(githubSecret)).status, 200);
        QCOMPARE(test::roundTrip(m_port,
                                 test::signedPatreonRequest("/hooks/patreon", patreonBody, kSecret))
                     .status,
                 200);
        QTRY_COMPARE(model->rowCount(), 4);
        QTRY_COMPARE(model->index(1, 0).data(ui::RequestListModel::VerdictRole).toString(),
                     u"valid"_qs);
        QCOMPARE(model->index(0, 0).data(ui::RequestListModel::VerdictRole).toString(),
                 u"valid"_qs);
        // No secret is in the settings file: only which schemes have one.
        QFile settingsFile(QSettings().fileName());
        QVERIFY(settingsFile.open(QIODevice::ReadOnly));
        const QByteArray settingsText = settingsFile.readAll();
        QVERIFY(settingsText.contains("endpointSchemeSecrets"));
        QVERIFY(!settingsText.contains(githubSecret));
        QVERIFY(!settingsText.contains(kSecret));
    }

    // The catch-all was set to GitHub with its secret; the user switches it to auto on a
    // Patreon request and applies Patreon's secret. GitHub's secret stays GitHub's: it is not
    // tried on Patreon's requests (which would read invalid before Patreon's was applied).
    void leavingASchemeForAutoKeepsItsSecretAsThatSchemes()
    {
        const QByteArray githubSecret = "test-github-secret-before-auto";
        const QByteArray githubBody = R"({"zen":"Anything added dilutes everything else."})";
        QCOMPARE(test::roundTrip(m_port,
                                 test::signedRequest(u"github"_qs, githubSecret, "/gh", githubBody))
                     .status,
                 200);
        const QByteArray patreonBody = test::patreonPledgeCapture().body;
        QCOMPARE(test::roundTrip(m_port,
                                 test::signedPatreonRequest("/hooks/patreon", patreonBody, kSecret))
                     .status,
                 200);
        ui::RequestListModel *model = m_window->requestModel();
        QTRY_COMPARE(model->rowCount(), 2);
        ui::SignaturePanel *panel = m_window->signaturePanel();
        auto *schemeBox = panel->findChild<QComboBox *>(u"schemeComboBox"_qs);
        auto *edit = panel->findChild<QLineEdit *>(u"secretLineEdit"_qs);
        auto *apply = panel->findChild<QPushButton *>(u"applyToEndpointButton"_qs);

        selectRow(1); // GitHub: set the catch-all to github with its secret
        schemeBox->setCurrentIndex(schemeBox->findData(u"github"_qs));
        QTest::keyClicks(edit, QString::fromUtf8(githubSecret));
        QTest::mouseClick(apply, Qt::LeftButton);
        QTRY_COMPARE(verdictAt(1), u"valid"_qs);
        QCOMPARE(verdictAt(0), u"missing-header"_qs); // Patreon's request, judged as GitHub's

        selectRow(0); // Patreon: back to auto, with Patreon's secret
        schemeBox->setCurrentIndex(schemeBox->findData(u"auto"_qs));
        edit->clear();
        QTest::keyClicks(edit, QString::fromUtf8(kSecret));
        QTest::mouseClick(apply, Qt::LeftButton);
        QTRY_COMPARE(verdictAt(0), u"valid"_qs);
        QTRY_COMPARE(verdictAt(1), u"valid"_qs);
        const session::EndpointSecret catchAll = m_window->session().verifier().secretFor({});
        QCOMPARE(catchAll.scheme, u"auto"_qs);
        QVERIFY(catchAll.secret.isEmpty());
        QCOMPARE(catchAll.schemeSecrets.value(u"github"_qs), githubSecret);
        QCOMPARE(catchAll.schemeSecrets.value(u"patreon"_qs), kSecret);
    }

    // A GitHub delivery passed on by a relay that adds its own X-Signature: two schemes detected,
    // GitHub first. On auto, a secret that verifies none of them is kept as GitHub's, as the
    // tab says; the relay's secret, which verifies the X-Signature, is kept as X-Signature's,
    // and the request reads valid.
    void onAutoTheSecretIsKeptForTheSchemeItVerified()
    {
        const QByteArray githubSecret = "test-github-secret-not-the-relays";
        const QByteArray relaySecret = "test-relay-secret-for-x-signature";
        const QByteArray body = "{\"zen\":\"Mind your words, they are important.\"}";
        QByteArray request
            = "POST /relayed HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
        const HeaderList github = signing::sign(u"github"_qs, githubSecret, body).headers;
        const HeaderList relay = signing::sign(u"x-signature"_qs, relaySecret, body).headers;
        for (const HeaderField &field : github + relay)
            request += field.name + ": " + field.value + "\r\n";
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        QCOMPARE(signing::detectSchemes(github + relay),
                 (QStringList {u"github"_qs, u"x-signature"_qs}));
        QCOMPARE(test::roundTrip(m_port, request).status, 200);
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 1);
        selectRow(0);

        ui::SignaturePanel *panel = m_window->signaturePanel();
        QCOMPARE(panel->findChild<QComboBox *>(u"schemeComboBox"_qs)->currentData().toString(),
                 u"auto"_qs);
        auto *edit = panel->findChild<QLineEdit *>(u"secretLineEdit"_qs);
        auto *note = panel->findChild<QLabel *>(u"applyNoteLabel"_qs);
        auto *apply = panel->findChild<QPushButton *>(u"applyToEndpointButton"_qs);
        const auto typeSecret = [&](const QByteArray &secret, const QString &verdict) {
            QSignalSpy verified(panel, &ui::SignaturePanel::verified);
            edit->clear();
            QTest::keyClicks(edit, QString::fromUtf8(secret));
            QTRY_VERIFY(!verified.isEmpty() && verified.last().at(0) == verdict);
        };

        // Verifying nothing: kept for the first detected provider, as the tab and the status
        // bar say.
        const QString githubKey = session::secretKeyFor(QString(), u"github"_qs);
        const QString relayKey = session::secretKeyFor(QString(), u"x-signature"_qs);
        const QByteArray typo = githubSecret + "-typo";
        typeSecret(typo, u"invalid"_qs);
        const QString noteOnTypo = note->text();
        QSignalSpy messages(m_window->statusBar(), &QStatusBar::messageChanged);
        QTest::mouseClick(apply, Qt::LeftButton);
        QTRY_COMPARE(savedSecret(githubKey), typo);
        QTRY_COMPARE(verdictAt(0), u"invalid"_qs);
        const auto saidFor = [&messages](const QString &provider) {
            for (const QList<QVariant> &message : std::as_const(messages)) {
                if (message.at(0).toString().contains(provider))
                    return true;
            }
            return false;
        };
        QTRY_VERIFY(messages.count() > 1); // re-verifying, then done

        // The relay's secret verifies the second scheme: kept as that one's, the request valid.
        typeSecret(relaySecret, u"valid"_qs);
        QCOMPARE(panel->findChild<QLabel *>(u"verdictDetailLabel"_qs)->text(),
                 u"The X-Signature signature is valid."_qs); // named once, for people
        saveScreenshot(panel, u"signature-kept-for-verified-scheme.png"_qs);
        const QString noteOnRelay = note->text();
        const bool githubSaid = saidFor(u"GitHub"_qs);
        messages.clear();
        QTest::mouseClick(apply, Qt::LeftButton);
        QTRY_COMPARE(savedSecret(relayKey), relaySecret);
        QCOMPARE(savedSecret(githubKey), typo);
        const session::EndpointSecret catchAll = m_window->session().verifier().secretFor({});
        QCOMPARE(catchAll.schemeSecrets.value(u"x-signature"_qs), relaySecret);
        QCOMPARE(catchAll.schemeSecrets.value(u"github"_qs), typo);
        QTRY_COMPARE(verdictAt(0), u"valid"_qs);

        QVERIFY2(noteOnRelay.startsWith(u"Kept as this endpoint's X-Signature secret"_qs),
                 qPrintable(noteOnRelay));
        QTRY_VERIFY(saidFor(u"X-Signature"_qs));
        saveScreenshot(m_window.get(), u"signature-kept-status-bar.png"_qs);
        QVERIFY2(noteOnTypo.startsWith(u"Kept as this endpoint's GitHub secret"_qs),
                 qPrintable(noteOnTypo));
        QVERIFY(githubSaid);
    }

    // On "Detect from headers", the secret is described as the scheme that signed the request
    // uses it: Stripe takes its whsec_ secret as typed (the tab used to warn that it is not
    // valid base64 for Standard Webhooks); on a Standard Webhooks request the warning stays.
    void theSecretIsDescribedForTheDetectedScheme()
    {
        const QByteArray body = R"({"id":"evt_test_1","type":"invoice.paid"})";
        QCOMPARE(
            test::roundTrip(m_port, test::signedRequest(u"stripe"_qs, "whsec_abc", "/stripe", body))
                .status,
            200);
        QCOMPARE(test::roundTrip(m_port,
                                 test::signedRequest(u"standard-webhooks"_qs,
                                                     "whsec_dGVzdC1zdml4LWtleQ==", "/svix", body))
                     .status,
                 200);
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 2);
        ui::SignaturePanel *panel = m_window->signaturePanel();
        auto *schemeBox = panel->findChild<QComboBox *>(u"schemeComboBox"_qs);
        auto *edit = panel->findChild<QLineEdit *>(u"secretLineEdit"_qs);
        auto *format = panel->findChild<QLabel *>(u"secretFormatLabel"_qs);
        QVERIFY(schemeBox && edit && format);

        selectRow(1); // Stripe's
        QCOMPARE(schemeBox->currentData().toString(), u"auto"_qs);
        edit->clear();
        QTest::keyClicks(edit, u"whsec_abc"_qs);
        QVERIFY2(!format->text().contains(u"not valid base64, so"_qs)
                     && format->text().contains(u"Used as typed, whsec_ prefix included, as "
                                                u"stripe does."_qs),
                 qPrintable(format->text()));
        QTRY_COMPARE(panel->verdictWord(), u"valid"_qs);

        selectRow(0); // Standard Webhooks', with the same text typed
        edit->clear();
        QTest::keyClicks(edit, u"whsec_abc"_qs);
        QVERIFY2(format->text().contains(u"Standard Webhooks cannot decode it"_qs),
                 qPrintable(format->text()));
    }

    // A user points Zoom at the receiver: its URL check fails until the secret token is
    // applied in the Signature tab, then the next check is answered as Zoom expects.
    void zoomsUrlCheckIsAnsweredOnceItsSecretIsApplied()
    {
        const QByteArray secret = "test-zoom-secret-token";
        const QByteArray first
            = test::signedZoomRequest("/zoom", test::zoomUrlCheckBody("firstTokenAbc"), secret);
        const test::RawResponse unanswered = test::roundTrip(m_port, first);
        QCOMPARE(unanswered.status, 200);
        QVERIFY2(!unanswered.body.contains("encryptedToken"), unanswered.body.constData());

        ui::RequestListModel *model = m_window->requestModel();
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, 0).data(ui::RequestListModel::VerdictRole).toString(),
                 u"no-secret"_qs);
        QSignalSpy shown(m_window.get(), &ui::MainWindow::captureShown);
        m_window->requestListView()->setCurrentIndex(model->index(0, 0));
        QTRY_COMPARE(shown.count(), 1);
        ui::SignaturePanel *panel = m_window->signaturePanel();
        QTest::keyClicks(panel->findChild<QLineEdit *>(u"secretLineEdit"_qs),
                         QString::fromUtf8(secret));
        QTest::mouseClick(panel->findChild<QPushButton *>(u"applyToEndpointButton"_qs),
                          Qt::LeftButton);
        QTRY_COMPARE(model->index(0, 0).data(ui::RequestListModel::VerdictRole).toString(),
                     u"valid"_qs);

        const test::RawResponse answered = test::roundTrip(
            m_port,
            test::signedZoomRequest("/zoom", test::zoomUrlCheckBody("secondTokenXyz"), secret));
        QCOMPARE(answered.status, 200);
        QCOMPARE(answered.body,
                 "{\"plainToken\":\"secondTokenXyz\",\"encryptedToken\":\""
                     + test::zoomEncryptedToken("secondTokenXyz", secret) + "\"}");
    }

    // X's CRC check is unsigned: it is answered once the user sets the endpoint to X's scheme
    // with the consumer secret, from the Signature tab of the check itself.
    void xsCrcCheckIsAnsweredOnceXsSchemeIsApplied()
    {
        const QByteArray secret = "fake-x-consumer-secret-for-tests";
        const QByteArray check = "GET /x?crc_token=9b4507b3-9040-4669-9ca3-6b94edb50553 "
                                 "HTTP/1.1\r\nHost: localhost\r\n\r\n";
        const test::RawResponse unanswered = test::roundTrip(m_port, check);
        QCOMPARE(unanswered.status, 200);
        QVERIFY2(!unanswered.body.contains("response_token"), unanswered.body.constData());

        ui::RequestListModel *model = m_window->requestModel();
        QTRY_COMPARE(model->rowCount(), 1);
        QSignalSpy shown(m_window.get(), &ui::MainWindow::captureShown);
        m_window->requestListView()->setCurrentIndex(model->index(0, 0));
        QTRY_COMPARE(shown.count(), 1);
        ui::SignaturePanel *panel = m_window->signaturePanel();
        auto *scheme = panel->findChild<QComboBox *>(u"schemeComboBox"_qs);
        scheme->setCurrentIndex(scheme->findData(u"twitter"_qs));
        QTest::keyClicks(panel->findChild<QLineEdit *>(u"secretLineEdit"_qs),
                         QString::fromUtf8(secret));
        QTest::mouseClick(panel->findChild<QPushButton *>(u"applyToEndpointButton"_qs),
                          Qt::LeftButton);
        QTRY_COMPARE(model->index(0, 0).data(ui::RequestListModel::VerdictRole).toString(),
                     u"missing-header"_qs);

        // Computed with Python's hmac: base64 HMAC-SHA256 of the token under the secret.
        const test::RawResponse answered = test::roundTrip(m_port, check);
        QCOMPARE(answered.status, 200);
        QCOMPARE(answered.body,
                 QByteArray("{\"response_token\":"
                            "\"sha256=TcML7bfpfN6Z7JUTiF3F8Dy89ufnEgMV9RV9uxf/QJs=\"}"));
    }

    void newArrivalsDoNotMoveTheSelection()
    {
        const QByteArray body = test::patreonPledgeCapture().body;
        QCOMPARE(
            test::roundTrip(m_port, test::signedPatreonRequest("/hooks/patreon", body, kSecret))
                .status,
            200);
        ui::RequestListModel *model = m_window->requestModel();
        QTRY_COMPARE(model->rowCount(), 1);
        QTableView *view = m_window->requestListView();
        view->setCurrentIndex(model->index(0, 0));
        const qint64 selected = model->idAt(0);

        for (int i = 0; i < 5; ++i)
            QCOMPARE(
                test::roundTrip(m_port, test::signedPatreonRequest("/hooks/patreon", body, kSecret))
                    .status,
                200);
        QTRY_COMPARE(model->rowCount(), 6);
        QCOMPARE(model->idAt(view->currentIndex().row()), selected);
        QCOMPARE(view->selectionModel()->selectedRows().size(), 1);
    }

private:
    // The secret kept under `key`, read back through the window's own secret store API.
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

    // For people to look at: build/tests/screenshots/<name>.
    static void saveScreenshot(QWidget *widget, const QString &name)
    {
        const QString directory = QCoreApplication::applicationDirPath() + u"/screenshots"_qs;
        QDir().mkpath(directory);
        QVERIFY(widget->grab().save(directory + u'/' + name));
    }

    QString verdictAt(int row) const
    {
        return m_window->requestModel()
            ->index(row, 0)
            .data(ui::RequestListModel::VerdictRole)
            .toString();
    }

    // Selects a row of the request list and waits until its request is shown.
    void selectRow(int row)
    {
        QSignalSpy shown(m_window.get(), &ui::MainWindow::captureShown);
        m_window->requestListView()->setCurrentIndex(m_window->requestModel()->index(row, 0));
        QTRY_COMPARE(shown.count(), 1);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ui::MainWindow> m_window;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    quint16 m_port = 0;
};

QTEST_MAIN(TestInspectorLive)
#include "TestInspectorLive.moc"
