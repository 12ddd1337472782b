#include "CliRunner.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

// A file named on the command line that does not exist or cannot be read is an I/O error, not
// a usage error: exit 1, the file and the system's reason, and no "Run ... --help" hint, from
// every command that reads files.
class TestCliFileErrors final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_body;
    QString m_secret;
    QString m_missing;

    QString write(const QString &name, const QByteArray &bytes)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(file.fileName()));
        return file.fileName();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_body = write(QStringLiteral("body.json"), "{}");
        m_secret = write(QStringLiteral("good.secret"), "made-up-secret\n");
        m_missing = m_dir.filePath(QStringLiteral("missing"));
    }

    void aFileThatCannotBeReadExitsOne_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message"); // after "hookscope COMMAND: "

        const QString missing = m_missing;
        const QString gone = QStringLiteral(": No such file or directory");
        const QString secretGone = QStringLiteral("cannot read the secret file ") + missing + gone;
        const QString bodyGone = QStringLiteral("cannot read the body file ") + missing + gone;
        const QString db = m_dir.filePath(QStringLiteral("listen.sqlite"));
        // Nothing listens on port 9 of loopback; no row gets as far as sending.
        const QString url = QStringLiteral("http://127.0.0.1:9/hooks");
        const auto s = [](const char *text) { return QString::fromLatin1(text); };

        QTest::newRow("sign --secret-file")
            << QStringList {s("sign"), s("--scheme"),    s("github"), s("--secret-file"),
                            missing,   s("--body-file"), m_body}
            << secretGone;
        QTest::newRow("sign --body-file")
            << QStringList {s("sign"), s("--scheme"),    s("github"), s("--secret-file"),
                            m_secret,  s("--body-file"), missing}
            << bodyGone;
        QTest::newRow("sign --body-file DIRECTORY")
            << QStringList {s("sign"), s("--scheme"),    s("github"), s("--secret-file"),
                            m_secret,  s("--body-file"), m_dir.path()}
            << QStringLiteral("cannot read the body file %1: file to open is a directory")
                   .arg(m_dir.path());
        const QStringList verify {s("verify"), s("--header"), s("X-Hub-Signature-256: sha256=00")};
        QTest::newRow("verify --secret-file")
            << verify + QStringList {s("--secret-file"), missing, s("--body-file"), m_body}
            << secretGone;
        QTest::newRow("verify --other-secret-file") << verify
                + QStringList {s("--secret-file"), m_secret, s("--other-secret-file"), missing,
                               s("--body-file"),   m_body}
                                                    << secretGone;
        QTest::newRow("verify --headers-file")
            << QStringList {s("verify"), s("--secret-file"), m_secret, s("--headers-file"),
                            missing,     s("--body-file"),   m_body}
            << QStringLiteral("cannot read the headers file ") + missing + gone;
        QTest::newRow("verify --body-file")
            << verify + QStringList {s("--secret-file"), m_secret, s("--body-file"), missing}
            << bodyGone;
        QTest::newRow("send --body-file")
            << QStringList {s("send"), url, s("--body-file"), missing} << bodyGone;
        QTest::newRow("send --secret-file")
            << QStringList {s("send"),          url,    s("--template"), s("github/ping"),
                            s("--secret-file"), missing}
            << secretGone;
        QTest::newRow("templates --secret-file")
            << QStringList {s("templates"), s("--render"), s("github/ping"), s("--secret-file"),
                            missing}
            << secretGone;
        QTest::newRow("listen --secret-file")
            << QStringList {s("listen"), s("--port"),        s("0"), s("--db"),
                            db,          s("--secret-file"), missing}
            << secretGone;
        QTest::newRow("listen --endpoint-secret-file")
            << QStringList {s("listen"),
                            s("--port"),
                            s("0"),
                            s("--db"),
                            db,
                            s("--endpoint"),
                            s("/github=gh"),
                            s("--endpoint-secret-file"),
                            s("gh=") + missing}
            << QStringLiteral("--endpoint-secret-file gh: ") + secretGone;
        QTest::newRow("listen --cert")
            << QStringList {s("listen"), s("--port"), s("0"),     s("--db"), db,
                            s("--cert"), missing,     s("--key"), m_secret}
            << QStringLiteral("cannot read the certificate ") + missing + gone;
        QTest::newRow("listen --key")
            << QStringList {s("listen"), s("--port"), s("0"),     s("--db"), db,
                            s("--cert"), m_secret,    s("--key"), missing}
            << QStringLiteral("cannot read the key ") + missing + gone;
    }

    void aFileThatCannotBeReadExitsOne()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const auto result = test::runHookscope(arguments);
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(QString::fromUtf8(result.err),
                 QStringLiteral("hookscope %1: %2\n").arg(arguments.first(), message));
        QVERIFY(result.out.isEmpty());
    }

    // What the arguments got wrong stays a usage error, with the hint.
    void wrongArgumentsAboutFilesStayUsageErrors()
    {
        const QString empty = write(QStringLiteral("empty.secret"), "");
        auto result = test::runHookscope({QStringLiteral("sign"), QStringLiteral("--scheme"),
                                          QStringLiteral("github"), QStringLiteral("--secret-file"),
                                          empty, QStringLiteral("--body-file"), m_body});
        QCOMPARE(result.exitCode, 2);
        QCOMPARE(QString::fromUtf8(result.err),
                 QStringLiteral("hookscope sign: the secret file %1 is empty\n"
                                "Run 'hookscope sign --help' for usage.\n")
                     .arg(empty));
        result = test::runHookscope({QStringLiteral("sign"), QStringLiteral("--scheme"),
                                     QStringLiteral("github"), QStringLiteral("--secret"),
                                     QStringLiteral("made-up"), QStringLiteral("--secret-file"),
                                     m_missing, QStringLiteral("--body-file"), m_body});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.endsWith("not both\nRun 'hookscope sign --help' for usage.\n"),
                 result.err.constData());
        result = test::runHookscope(
            {QStringLiteral("listen"), QStringLiteral("--port"), QStringLiteral("0"),
             QStringLiteral("--db"), m_dir.filePath(QStringLiteral("l.sqlite")),
             QStringLiteral("--endpoint"), QStringLiteral("/github=gh"),
             QStringLiteral("--endpoint-secret-file"), QStringLiteral("gh=")});
        QCOMPARE(result.exitCode, 2);
        QCOMPARE(result.err,
                 QByteArray("hookscope listen: --endpoint-secret-file gh: no file after "
                            "'='\nRun 'hookscope listen --help' for usage.\n"));
    }
};

QTEST_GUILESS_MAIN(TestCliFileErrors)
#include "TestCliFileErrors.moc"
