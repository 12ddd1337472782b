#include "ComposeFixture.h"
#include "http/Capture.h"

#include <QComboBox>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

// The Compose page sends to the app's own receiver unless told otherwise: when the receiver
// moves (another port, HTTPS turned on), a URL that pointed at it follows, its path and query
// kept; a URL pointing anywhere else stays as the user left it.
class TestComposeFollowsReceiver final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_view = test::composeViewIn(*m_dir);
        m_view->show();
        m_view->setDefaultUrl(QStringLiteral("http://127.0.0.1:8787/"));
    }

    void cleanup()
    {
        m_view.reset();
        m_dir.reset();
    }

    void theUntouchedUrlIsTheReceiversAfterAMove()
    {
        QCOMPARE(url(), QStringLiteral("http://127.0.0.1:8787/"));
        m_view->setDefaultUrl(QStringLiteral("http://127.0.0.1:8788/"));
        QCOMPARE(url(), QStringLiteral("http://127.0.0.1:8788/"));
    }

    void aPathTypedAfterTheReceiverFollowsItsPortAndScheme()
    {
        typeUrl(QStringLiteral("http://127.0.0.1:8787/hooks/stripe?tenant=7"));
        m_view->setDefaultUrl(QStringLiteral("http://127.0.0.1:8788/"));
        QCOMPARE(url(), QStringLiteral("http://127.0.0.1:8788/hooks/stripe?tenant=7"));
        m_view->setDefaultUrl(QStringLiteral("https://127.0.0.1:8788/"));
        QCOMPARE(url(), QStringLiteral("https://127.0.0.1:8788/hooks/stripe?tenant=7"));
        // Picking a template keeps the URL, and it still follows.
        QVERIFY(m_view->selectTemplate(QStringLiteral("patreon/pledges:create")));
        QCOMPARE(url(), QStringLiteral("https://127.0.0.1:8788/hooks/stripe?tenant=7"));
        m_view->setDefaultUrl(QStringLiteral("http://127.0.0.1:9000/"));
        QCOMPARE(url(), QStringLiteral("http://127.0.0.1:9000/hooks/stripe?tenant=7"));
    }

    void aUrlPointingElsewhereIsNeverTouched()
    {
        for (const QString &elsewhere :
             {QStringLiteral("http://localhost:3000/webhooks"),
              QStringLiteral("http://127.0.0.1:9999/hooks"),
              QStringLiteral("https://127.0.0.1:8787/hooks"), // the scheme differs
              QStringLiteral("https://example.com/hooks")}) {
            typeUrl(elsewhere);
            m_view->setDefaultUrl(QStringLiteral("http://127.0.0.1:8788/"));
            QCOMPARE(url(), elsewhere);
            m_view->setDefaultUrl(QStringLiteral("http://127.0.0.1:8787/"));
            QCOMPARE(url(), elsewhere);
        }
    }

    void aReplayToTheReceiverFollowsIt()
    {
        Capture capture;
        capture.id = 42;
        capture.method = "POST";
        capture.target = "/hooks/patreon?x=1";
        capture.headers = {{"Content-Type", "application/json"}};
        capture.body = R"({"a":1})";
        m_view->loadCapture(capture, QUrl(QStringLiteral("http://127.0.0.1:8787")));
        QCOMPARE(url(), QStringLiteral("http://127.0.0.1:8787/hooks/patreon?x=1"));
        m_view->setDefaultUrl(QStringLiteral("https://127.0.0.1:8788/"));
        QCOMPARE(url(), QStringLiteral("https://127.0.0.1:8788/hooks/patreon?x=1"));

        // Replayed to another server, it stays there.
        m_view->loadCapture(capture, QUrl(QStringLiteral("http://localhost:3000/in")));
        m_view->setDefaultUrl(QStringLiteral("http://127.0.0.1:8789/"));
        QCOMPARE(url(), QStringLiteral("http://localhost:3000/in?x=1"));
    }

private:
    QLineEdit *urlEdit() const
    {
        return m_view->findChild<QLineEdit *>(QStringLiteral("urlLineEdit"));
    }
    QString url() const { return urlEdit()->text(); }
    void typeUrl(const QString &text)
    {
        urlEdit()->clear();
        QTest::keyClicks(urlEdit(), text);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ui::ComposeView> m_view;
};

QTEST_MAIN(TestComposeFollowsReceiver)
#include "TestComposeFollowsReceiver.moc"
