#include "CliRunner.h"
#include "HttpListenProcess.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {

// A made-up secret that Standard Webhooks cannot decode: not base64.
const QByteArray kUndecodable = "notbase64!";

} // namespace

// The secrets `listen` verifies with are checked as `sign` checks them, before it starts: a
// secret its scheme cannot decode would otherwise call every delivery invalid.
class TestListenSecrets final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QFile file(secretFile());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kUndecodable + '\n');
    }

    void anUndecodableSecretIsRefusedAtStart_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("context"); // what the message starts with before sign's words
        const QString scheme = QStringLiteral("standard-webhooks");
        QTest::newRow("--secret") << QStringList {QStringLiteral("--scheme"), scheme,
                                                  QStringLiteral("--secret"),
                                                  QString::fromUtf8(kUndecodable)}
                                  << QString();
        QTest::newRow("--secret-file")
            << QStringList {QStringLiteral("--scheme"), scheme, QStringLiteral("--secret-file"),
                            secretFile()}
            << QString();
        QTest::newRow("--scheme-secret-file")
            << QStringList {QStringLiteral("--scheme-secret-file"), scheme + u'=' + secretFile()}
            << QStringLiteral("--scheme-secret-file standard-webhooks: ");
        QTest::newRow("--endpoint-secret-file")
            << QStringList {QStringLiteral("--endpoint"),
                            QStringLiteral("/sw=sw"),
                            QStringLiteral("--endpoint-scheme"),
                            QStringLiteral("sw=") + scheme,
                            QStringLiteral("--endpoint-secret-file"),
                            QStringLiteral("sw=") + secretFile()}
            << QStringLiteral("--endpoint-secret-file sw: ");
        QTest::newRow("endpoint with the catch-all secret")
            << QStringList {QStringLiteral("--secret-file"),     secretFile(),
                            QStringLiteral("--endpoint"),        QStringLiteral("/sw=sw"),
                            QStringLiteral("--endpoint-scheme"), QStringLiteral("sw=") + scheme}
            << QStringLiteral("endpoint 'sw' (standard-webhooks) with the catch-all secret: ");
    }

    void anUndecodableSecretIsRefusedAtStart()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, context);
        const test::ProcessResult signs = test::runHookscope(
            {QStringLiteral("sign"), QStringLiteral("--scheme"),
             QStringLiteral("standard-webhooks"), QStringLiteral("--secret-file"), secretFile(),
             QStringLiteral("--body-file"), QStringLiteral("-")},
            "{}");
        QCOMPARE(signs.exitCode, 2);
        const QString signsWords
            = QString::fromUtf8(signs.err.split('\n').constFirst()).section(u": "_qs, 1);
        QVERIFY(!signsWords.isEmpty());

        const test::ProcessResult listens = test::runHookscope(
            QStringList {QStringLiteral("listen"), QStringLiteral("--port"), QStringLiteral("0"),
                         QStringLiteral("--db"), m_dir.filePath(QStringLiteral("s.sqlite"))}
                + options,
            {}, 10000);
        QCOMPARE(listens.exitCode, 2);
        QVERIFY(listens.out.isEmpty());
        QCOMPARE(QString::fromUtf8(listens.err),
                 QStringLiteral("hookscope listen: %1%2\nRun 'hookscope listen --help' for "
                                "usage.\n")
                     .arg(context, signsWords));
        QVERIFY(!listens.err.contains(kUndecodable));
    }

    // auto learns the scheme per request: a secret good for other providers is not refused.
    void aSecretOnAutoIsNotJudgedAtStart()
    {
        test::HttpListenProcess listen;
        QVERIFY(listen.start(m_dir.filePath(QStringLiteral("a.sqlite")),
                             {QStringLiteral("--secret-file"), secretFile()}));
        QVERIFY(listen.firstLine().startsWith("listening on "));
        QCOMPARE(listen.terminate(), 0);
    }

    // A secret left in the environment is used, but never silently.
    void aSecretFromTheEnvironmentIsSaidAtStart()
    {
        const QByteArray secret = "listen-test-environment-secret"; // made up for this test
        qputenv("HOOKSCOPE_SECRET", secret);
        test::HttpListenProcess fromEnvironment;
        const bool started
            = fromEnvironment.start(m_dir.filePath(QStringLiteral("e.sqlite")),
                                    {QStringLiteral("--scheme"), QStringLiteral("github")});
        test::HttpListenProcess typed;
        const bool typedStarted
            = typed.start(m_dir.filePath(QStringLiteral("t.sqlite")),
                          {QStringLiteral("--scheme"), QStringLiteral("github"),
                           QStringLiteral("--secret"), QString::fromUtf8(secret)});
        qunsetenv("HOOKSCOPE_SECRET");
        QVERIFY(started);
        QVERIFY(typedStarted);
        QVERIFY2(
            fromEnvironment.standardError().contains("catch-all secret: from $HOOKSCOPE_SECRET\n"),
            fromEnvironment.standardError().constData());
        QVERIFY(!typed.standardError().contains("HOOKSCOPE_SECRET"));
        QCOMPARE(fromEnvironment.terminate(), 0);
        QCOMPARE(typed.terminate(), 0);
        QVERIFY(!fromEnvironment.standardError().contains(secret));
        QVERIFY(!fromEnvironment.process().readAllStandardOutput().contains(secret));

        const test::ProcessResult help
            = test::runHookscope({QStringLiteral("listen"), QStringLiteral("--help")});
        QVERIFY(help.out.contains("$HOOKSCOPE_SECRET"));
    }

private:
    QString secretFile() const { return m_dir.filePath(QStringLiteral("sw.secret")); }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestListenSecrets)
#include "TestListenSecrets.moc"
