#include "CliRunner.h"
#include "TestConfig.h"
#include "cli/CommandLine.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

// What a user who mistypes gets: the same shape of message from every command, the option as
// typed with a likely fix, and exit status 2 with nothing on standard output.
class TestCliUsageErrors final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyCommandNamesAnUnknownOptionTheSameWay()
    {
        for (const auto &command : cli::allCommands()) {
            const QString name = command->name();
            const auto result = test::runHookscope({name, QStringLiteral("--no-such-option")});
            QCOMPARE(result.exitCode, 2);
            QVERIFY(result.out.isEmpty());
            QCOMPARE(QString::fromUtf8(result.err),
                     QStringLiteral("hookscope %1: unknown option '--no-such-option'\n"
                                    "Run 'hookscope %1 --help' for usage.\n")
                         .arg(name));
        }
    }

    void aMistypedOptionGetsTheLikelyOne()
    {
        const auto result = test::runHookscope(
            {QStringLiteral("listen"), QStringLiteral("--prot"), QStringLiteral("9000")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.startsWith("hookscope listen: unknown option '--prot'; did you mean "
                                       "'--port'?\n"),
                 result.err.constData());
    }

    // A scheme name is mistyped as easily as an option: every command that takes one offers
    // the likely one, and only when one is close.
    void aMistypedSchemeGetsTheLikelyOne_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("meant");
        const QString db = m_dir.filePath(QStringLiteral("s.sqlite"));
        const QString url = QStringLiteral("http://127.0.0.1:1/");
        const QStringList listen {QStringLiteral("listen"), QStringLiteral("--db"), db};
        QTest::newRow("listen --scheme")
            << listen + QStringList {QStringLiteral("--scheme"), QStringLiteral("githb")}
            << QStringLiteral("githb") << QStringLiteral("github");
        QTest::newRow("listen --endpoint-scheme")
            << listen
                + QStringList {QStringLiteral("--endpoint"), QStringLiteral("/p=pat"),
                               QStringLiteral("--endpoint-scheme"), QStringLiteral("pat=patreonn")}
            << QStringLiteral("patreonn") << QStringLiteral("patreon");
        QTest::newRow("listen --scheme-secret-file")
            << listen
                + QStringList {QStringLiteral("--scheme-secret-file"),
                               QStringLiteral("strpe=stripe.secret")}
            << QStringLiteral("strpe") << QStringLiteral("stripe");
        QTest::newRow("verify --scheme")
            << QStringList {QStringLiteral("verify"), QStringLiteral("--scheme"),
                            QStringLiteral("shopfy"), QStringLiteral("--secret"),
                            QStringLiteral("s"),      QStringLiteral("--body-file"),
                            QStringLiteral("-")}
            << QStringLiteral("shopfy") << QStringLiteral("shopify");
        QTest::newRow("sign --scheme")
            << QStringList {QStringLiteral("sign"), QStringLiteral("--scheme"),
                            QStringLiteral("slak"), QStringLiteral("--secret"),
                            QStringLiteral("s"),    QStringLiteral("--body-file"),
                            QStringLiteral("-")}
            << QStringLiteral("slak") << QStringLiteral("slack");
        QTest::newRow("send --scheme")
            << QStringList {QStringLiteral("send"),        url,
                            QStringLiteral("--scheme"),    QStringLiteral("twillio"),
                            QStringLiteral("--body-file"), QStringLiteral("-")}
            << QStringLiteral("twillio") << QStringLiteral("twilio");
        QTest::newRow("replay --scheme") << QStringList {QStringLiteral("replay"),
                                                         QStringLiteral("--db"),
                                                         db,
                                                         QStringLiteral("--id"),
                                                         QStringLiteral("1"),
                                                         url,
                                                         QStringLiteral("--resign"),
                                                         QStringLiteral("--secret"),
                                                         QStringLiteral("s"),
                                                         QStringLiteral("--scheme"),
                                                         QStringLiteral("zom")}
                                         << QStringLiteral("zom") << QStringLiteral("zoom");
        QTest::newRow("nothing close")
            << listen + QStringList {QStringLiteral("--scheme"), QStringLiteral("hmac-sha512")}
            << QStringLiteral("hmac-sha512") << QString();
        // custom:SPEC is a scheme name too: a typo in its prefix keeps the settings typed.
        const QString customTypo = QStringLiteral("custon:header=X-Sig,alg=sha1");
        const QString custom = QStringLiteral("custom:header=X-Sig,alg=sha1");
        QTest::newRow("listen --scheme custom:")
            << listen + QStringList {QStringLiteral("--scheme"), customTypo} << customTypo
            << custom;
        QTest::newRow("listen --endpoint-scheme custom:") << listen
                + QStringList {QStringLiteral("--endpoint"), QStringLiteral("/c=mine"),
                               QStringLiteral("--endpoint-scheme"), u"mine="_qs + customTypo}
                                                          << customTypo << custom;
        QTest::newRow("send --scheme custom:")
            << QStringList {QStringLiteral("send"),        url,
                            QStringLiteral("--scheme"),    customTypo,
                            QStringLiteral("--body-file"), QStringLiteral("-")}
            << customTypo << custom;
        QTest::newRow("replay --scheme custom:") << QStringList {QStringLiteral("replay"),
                                                                 QStringLiteral("--db"),
                                                                 db,
                                                                 QStringLiteral("--id"),
                                                                 QStringLiteral("1"),
                                                                 url,
                                                                 QStringLiteral("--resign"),
                                                                 QStringLiteral("--secret"),
                                                                 QStringLiteral("s"),
                                                                 QStringLiteral("--scheme"),
                                                                 customTypo}
                                                 << customTypo << custom;
    }

    // A mistyped key in a custom scheme's settings gets the likely key, wherever settings are
    // given: sign's and verify's --custom, and a custom:SPEC scheme of send and listen.
    void aMistypedCustomKeyGetsTheLikelyOne_data()
    {
        QTest::addColumn<QStringList>("arguments");
        const QString db = m_dir.filePath(QStringLiteral("k.sqlite"));
        QTest::newRow("sign --custom") << QStringList {
            QStringLiteral("sign"),     QStringLiteral("--scheme"),    QStringLiteral("custom"),
            QStringLiteral("--custom"), QStringLiteral("heder=X-Sig"), QStringLiteral("--secret"),
            QStringLiteral("s"),        QStringLiteral("--body-file"), QStringLiteral("-")};
        QTest::newRow("verify --custom") << QStringList {QStringLiteral("verify"),
                                                         QStringLiteral("--scheme"),
                                                         QStringLiteral("custom"),
                                                         QStringLiteral("--custom"),
                                                         QStringLiteral("heder=X-Sig"),
                                                         QStringLiteral("--secret"),
                                                         QStringLiteral("s"),
                                                         QStringLiteral("--header"),
                                                         QStringLiteral("X-Sig: 00"),
                                                         QStringLiteral("--body-file"),
                                                         QStringLiteral("-")};
        QTest::newRow("send --scheme custom:")
            << QStringList {QStringLiteral("send"),        QStringLiteral("http://127.0.0.1:1/"),
                            QStringLiteral("--scheme"),    QStringLiteral("custom:heder=X-Sig"),
                            QStringLiteral("--secret"),    QStringLiteral("s"),
                            QStringLiteral("--body-file"), QStringLiteral("-")};
        QTest::newRow("listen --scheme custom:")
            << QStringList {QStringLiteral("listen"), QStringLiteral("--db"), db,
                            QStringLiteral("--scheme"), QStringLiteral("custom:heder=X-Sig")};
    }

    void aMistypedCustomKeyGetsTheLikelyOne()
    {
        QFETCH(QStringList, arguments);
        const auto result = test::runHookscope(arguments, "{}");
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.out.isEmpty());
        const QString firstLine = QString::fromUtf8(result.err).section(u'\n', 0, 0);
        QVERIFY2(firstLine.startsWith(QStringLiteral("hookscope %1: ").arg(arguments.first())),
                 qPrintable(firstLine));
        QVERIFY2(firstLine.endsWith(u"unknown key \"heder\"; did you mean 'header'?"_qs),
                 qPrintable(firstLine));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("k.sqlite"))));
    }

    void aMistypedRetryScheduleGetsTheLikelyOne()
    {
        const auto result = test::runHookscope(
            {QStringLiteral("send"), QStringLiteral("http://127.0.0.1:1/"),
             QStringLiteral("--template"), QStringLiteral("stripe/payment_intent.succeeded"),
             QStringLiteral("--retry-schedule"), QStringLiteral("stirpe-test")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.out.isEmpty());
        QVERIFY2(result.err.startsWith("hookscope send: unknown retry schedule 'stirpe-test' "
                                       "(known: none, "),
                 result.err.constData());
        QVERIFY2(result.err.contains(", provider); did you mean 'stripe-test'?\n"),
                 result.err.constData());
    }

    void aMistypedSchemeGetsTheLikelyOne()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, typed);
        QFETCH(QString, meant);
        const auto result = test::runHookscope(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.out.isEmpty());
        const QString firstLine = QString::fromUtf8(result.err).section(u'\n', 0, 0);
        QVERIFY2(firstLine.startsWith(QStringLiteral("hookscope %1: ").arg(arguments.first())),
                 qPrintable(firstLine));
        QVERIFY2(firstLine.contains(QStringLiteral("unknown scheme '%1'").arg(typed)),
                 qPrintable(firstLine));
        if (meant.isEmpty())
            QVERIFY2(!firstLine.contains(u"did you mean"), qPrintable(firstLine));
        else
            QVERIFY2(firstLine.endsWith(QStringLiteral("; did you mean '%1'?").arg(meant)),
                     qPrintable(firstLine));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("s.sqlite"))));
    }

    void aMissingValueNamesTheOption()
    {
        const auto result
            = test::runHookscope({QStringLiteral("export"), QStringLiteral("--format")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.startsWith("hookscope export: missing value after '--format'\n"),
                 result.err.constData());
    }

    void exportSaysWhichFormatIsWrongOrMissing()
    {
        auto result = test::runHookscope(
            {QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("xml")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.startsWith("hookscope export: --format must be jsonl or har, not 'xml'\n"
                                      "Run 'hookscope export --help' for usage.\n"));
        result = test::runHookscope({QStringLiteral("export")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.startsWith("hookscope export: --format is required (jsonl or har)\n"));
        // Said before the argument export does not take: "export har" meant --format har.
        result = test::runHookscope({QStringLiteral("export"), QStringLiteral("har")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.startsWith("hookscope export: --format is required (jsonl or har)\n"));
    }

    void anUnexpectedArgumentEndsLikeOtherUsageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        for (const char *command : {"sign", "verify", "templates", "listen"})
            QTest::newRow(command)
                << QStringList {QString::fromLatin1(command), QStringLiteral("extra")};
        // export says first what is wrong with --format.
        QTest::newRow("export") << QStringList {QStringLiteral("export"),
                                                QStringLiteral("--format"), QStringLiteral("jsonl"),
                                                QStringLiteral("extra")};
    }

    void anUnexpectedArgumentEndsLikeOtherUsageErrors()
    {
        QFETCH(QStringList, arguments);
        const auto result = test::runHookscope(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.out.isEmpty());
        QCOMPARE(QString::fromUtf8(result.err),
                 QStringLiteral("hookscope %1: unexpected argument 'extra'\n"
                                "Run 'hookscope %1 --help' for usage.\n")
                     .arg(arguments.first()));
    }

    // Known only once the receiver runs (the port may be 0), but a usage error like the others.
    void forwardingToTheReceiverItselfEndsLikeOtherUsageErrors()
    {
        QTcpServer probe; // a free port, closed again for listen to take
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const QString port = QString::number(probe.serverPort());
        probe.close();
        QTemporaryDir dir;
        const QString self = QStringLiteral("http://127.0.0.1:%1/hooks").arg(port);
        const auto result = test::runHookscope(
            {QStringLiteral("listen"), QStringLiteral("--port"), port, QStringLiteral("--db"),
             dir.filePath(QStringLiteral("c.sqlite")), QStringLiteral("--forward-to"), self});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.out.isEmpty());
        QCOMPARE(QString::fromUtf8(result.err),
                 QStringLiteral("hookscope listen: --forward-to %1 is this receiver itself; that "
                                "would loop\nRun 'hookscope listen --help' for usage.\n")
                     .arg(self));
    }

    void aMistypedCommandGetsTheLikelyOne()
    {
        const auto result = test::runHookscope({QStringLiteral("lisen")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.startsWith("hookscope: unknown command 'lisen'; did you mean "
                                       "'listen'?\n"),
                 result.err.constData());
    }

    // It used to open the window (or, without a display, abort in Qt's platform plugin code).
    void aMistypedTopLevelOptionIsAnErrorNotTheWindow()
    {
        QVERIFY(cli::wantsCommandLine({QStringLiteral("hookscope"), QStringLiteral("--verison")}));
        QVERIFY(
            !cli::wantsCommandLine({QStringLiteral("hookscope"), QStringLiteral("--platform")}));
        const auto result = test::runHookscope({QStringLiteral("--verison")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.startsWith("hookscope: unknown option '--verison'; did you mean "
                                       "'--version'?\n"),
                 result.err.constData());
    }

    void noDisplayIsSaidPlainly()
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            environment.remove(QString::fromLatin1(name));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(HOOKSCOPE_BINARY), QStringList());
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 1);
        QVERIFY(process.readAllStandardError().startsWith(
            "hookscope: no display (DISPLAY and WAYLAND_DISPLAY are unset)"));
    }

    // --help: uppercase placeholders everywhere (<FILE>, not <file> in one command and <F> in
    // another, <SCHEME> not <S>), and the exit status of each command.
    void helpIsConsistentAcrossCommands()
    {
        static const QRegularExpression placeholder(QStringLiteral("  --[a-z-]+ <([^>]+)>"));
        for (const auto &command : cli::allCommands()) {
            const auto result = test::runHookscope({command->name(), QStringLiteral("--help")});
            const QString help = QString::fromUtf8(result.out);
            QVERIFY2(help.contains(QStringLiteral("\nExit status: 0 ")),
                     qPrintable(command->name()));
            for (const auto &match : placeholder.globalMatch(help)) {
                const QString value = match.captured(1);
                QVERIFY2(value == value.toUpper() && value != u"F" && value != u"S",
                         qPrintable(command->name() + QStringLiteral(": <") + value + u'>'));
            }
        }
    }

    void templatesNamesListsOneNamePerLine()
    {
        const auto result
            = test::runHookscope({QStringLiteral("templates"), QStringLiteral("--names")});
        QCOMPARE(result.exitCode, 0);
        const QList<QByteArray> names = result.out.trimmed().split('\n');
        QVERIFY(names.size() >= 30);
        QVERIFY(names.contains("patreon/pledges:create"));
        for (const QByteArray &name : names)
            QVERIFY2(!name.contains(' ') && name.contains('/'), name.constData());
        const auto both = test::runHookscope(
            {QStringLiteral("templates"), QStringLiteral("--names"), QStringLiteral("--json")});
        QCOMPARE(both.exitCode, 2);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCliUsageErrors)
#include "TestCliUsageErrors.moc"
