#include "CliRunner.h"
#include "compose/SendTypes.h"

#include <QTest>

using namespace hookscope;

// What --help says a command does is what it does: the scheme table against what `sign`
// prints, defaults against the values used, usage lines against what the parser accepts.
class TestHelpMatchesBehaviour final : public QObject
{
    Q_OBJECT

    static QByteArray help(const QString &command)
    {
        const test::ProcessResult result = test::runHookscope({command, QStringLiteral("--help")});
        return result.out;
    }

private Q_SLOTS:
    void theSchemeTableSaysWhatSignPrints_data()
    {
        QTest::addColumn<QByteArray>("scheme");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("said"); // in the table, as the value starts
        QTest::newRow("github") << QByteArray("github") << QByteArray("X-Hub-Signature-256")
                                << QByteArray("X-Hub-Signature-256: sha256=<HMAC-SHA256 of the "
                                              "body, hex>");
        QTest::newRow("github legacy")
            << QByteArray("github") << QByteArray("X-Hub-Signature")
            << QByteArray("X-Hub-Signature: sha1=<HMAC-SHA1 of the body, hex>");
        QTest::newRow("x-webhook-signature")
            << QByteArray("x-webhook-signature") << QByteArray("X-Webhook-Signature")
            << QByteArray("X-Webhook-Signature: sha256=<HMAC-SHA256 of the body, hex>");
        QTest::newRow("twitter")
            << QByteArray("twitter") << QByteArray("x-twitter-webhooks-signature")
            << QByteArray("x-twitter-webhooks-signature: sha256=<HMAC-SHA256 of the body, "
                          "base64>");
        QTest::newRow("stripe") << QByteArray("stripe") << QByteArray("Stripe-Signature")
                                << QByteArray("Stripe-Signature: t=<t>,v1=<HMAC-SHA256");
        QTest::newRow("standard-webhooks")
            << QByteArray("standard-webhooks") << QByteArray("webhook-signature")
            << QByteArray("webhook-signature or svix-signature: v1,<HMAC-SHA256");
        QTest::newRow("slack") << QByteArray("slack") << QByteArray("X-Slack-Signature")
                               << QByteArray("X-Slack-Signature: v0=<HMAC-SHA256");
        QTest::newRow("zoom") << QByteArray("zoom") << QByteArray("x-zm-signature")
                              << QByteArray("x-zm-signature: v0=<HMAC-SHA256");
    }

    void theSchemeTableSaysWhatSignPrints()
    {
        QFETCH(QByteArray, scheme);
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, said);
        // Made up for this test, in the form every scheme here takes.
        const test::ProcessResult signs = test::runHookscope(
            {QStringLiteral("sign"), QStringLiteral("--scheme"), QString::fromLatin1(scheme),
             QStringLiteral("--secret"), QStringLiteral("whsec_aGVscC10ZXN0LXNlY3JldA=="),
             QStringLiteral("--body-file"), QStringLiteral("-")},
            "{}");
        QCOMPARE(signs.exitCode, 0);
        const QByteArray value = said.mid(said.indexOf(": ") + 2);
        const QByteArray prefix = value.left(value.indexOf('<'));
        QVERIFY2(signs.out.contains(header + ": " + prefix), signs.out.constData());
        for (const QString &command : {QStringLiteral("sign"), QStringLiteral("verify")}) {
            const QByteArray text = help(command);
            QVERIFY2(text.contains(said), text.constData());
        }
    }

    void sendsTimeoutStatesItsDefault()
    {
        const QByteArray expected
            = "(default " + QByteArray::number(compose::OutgoingRequest().timeoutMs) + ").";
        QVERIFY2(help(QStringLiteral("send")).simplified().contains(expected),
                 help(QStringLiteral("send")).constData());
    }

    // --scheme is detected when not given; the secret may be given inline or from the
    // environment, as with the other commands.
    void replaysUsageShowsWhatItAccepts()
    {
        const QByteArray usage = help(QStringLiteral("replay")).split('\n').mid(0, 3).join(' ');
        QVERIFY2(usage.contains("[--scheme SCHEME]"), usage.constData());
        QVERIFY2(usage.contains("--secret SECRET"), usage.constData());
        QVERIFY2(usage.contains("$HOOKSCOPE_SECRET"), usage.constData());
    }
};

QTEST_GUILESS_MAIN(TestHelpMatchesBehaviour)
#include "TestHelpMatchesBehaviour.moc"
