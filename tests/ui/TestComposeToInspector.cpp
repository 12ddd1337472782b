#include "LiveWindow.h"
#include "MainWindow.h"
#include "RequestListModel.h"
#include "SignaturePanel.h"
#include "compose/ComposeView.h"
#include "compose/PledgeBuilder.h"
#include "secrets/SecretStore.h"
#include "session/ReceiverSession.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {

// Made-up secrets for this test only.
const QByteArray kSecret = "compose-to-inspector-secret";
const QByteArray kOtherSecret = "some-other-pledge-secret";

} // namespace

// The whole loop in one window, as a user does it: build a pledge on the Compose page, sign it,
// send it to the window's own receiver, and read the verdict on the Inspect page.
class TestComposeToInspector final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        test::forgetSettingsAndSecrets();
        m_dir = std::make_unique<QTemporaryDir>();
        m_window = test::openLiveWindow(*m_dir);
        QVERIFY(m_window);
        // The receiver checks Patreon signatures with the creator's secret.
        session::ReceiverProfile profile;
        profile.defaultScheme = QStringLiteral("patreon");
        m_window->applyReceiverProfile(profile, {{QString(), kSecret}});
        QTRY_VERIFY(m_window->session().isListening());
    }

    void cleanup()
    {
        m_window.reset();
        m_dir.reset();
    }

    void aPledgeFromTheFormArrivesValidAndAnotherSecretIsDiagnosed()
    {
        auto *pages = m_window->findChild<QTabWidget *>(QStringLiteral("pagesTabWidget"));
        pages->setCurrentIndex(1);
        ui::ComposeView *composer = m_window->composeView();
        QVERIFY(composer->selectTemplate(QStringLiteral("patreon/pledges:create")));
        composer->pledgeBuilder()->amountSpinBox()->setValue(750);
        auto *secret = composer->findChild<QLineEdit *>(QStringLiteral("secretLineEdit"));
        QVERIFY(secret);
        secret->setText(QString::fromUtf8(kSecret));
        send(composer);

        pages->setCurrentIndex(0);
        ui::RequestListModel *model = m_window->requestModel();
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, 0).data(ui::RequestListModel::VerdictRole).toString(),
                 QStringLiteral("valid"));
        QCOMPARE(model->index(0, ui::RequestListModel::EventColumn).data().toString(),
                 QStringLiteral("pledges:create"));

        // The same pledge signed with another secret: invalid, and the panel says why.
        pages->setCurrentIndex(1);
        secret->setText(QString::fromUtf8(kOtherSecret));
        send(composer);
        pages->setCurrentIndex(0);
        QTRY_COMPARE(model->rowCount(), 2);
        QCOMPARE(model->index(0, 0).data(ui::RequestListModel::VerdictRole).toString(),
                 QStringLiteral("invalid"));
        QSignalSpy shown(m_window.get(), &ui::MainWindow::captureShown);
        m_window->requestListView()->setCurrentIndex(model->index(0, 0));
        QTRY_COMPARE(shown.count(), 1);
        ui::SignaturePanel *panel = m_window->signaturePanel();
        QTRY_COMPARE(panel->verdictWord(), QStringLiteral("invalid"));
        auto *diagnosis = panel->findChild<QLabel *>(QStringLiteral("diagnosisLabel"));
        QTRY_VERIFY(!diagnosis->text().isEmpty());
        QVERIFY2(!diagnosis->text().contains(QString::fromUtf8(kSecret)),
                 "the diagnosis shows the secret");
    }

private:
    void send(ui::ComposeView *composer)
    {
        QSignalSpy finished(composer, &ui::ComposeView::sendFinished);
        composer->send();
        QVERIFY(finished.wait(15000));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ui::MainWindow> m_window;
};

QTEST_MAIN(TestComposeToInspector)
#include "TestComposeToInspector.moc"
