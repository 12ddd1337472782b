#include "export/CurlCommand.h"

#include <QProcess>
#include <QTest>

using namespace hookscope;

namespace {

// Runs a script in a real bash and returns what it printed.
QByteArray runBash(const QString &script)
{
    QProcess bash;
    bash.start(QStringLiteral("bash"), {QStringLiteral("-c"), script});
    if (!bash.waitForFinished(30000) || bash.exitStatus() != QProcess::NormalExit
        || bash.exitCode() != 0)
        return "bash failed: " + bash.readAllStandardError();
    return bash.readAllStandardOutput();
}

// Each argument the command gives curl, NUL-terminated, by a shell function standing in for it.
QByteArrayList curlArguments(const QString &command)
{
    const QByteArray out = runBash(
        QStringLiteral("curl() { for a in \"$@\"; do printf '%s\\0' \"$a\"; done; }\n") + command);
    QByteArrayList list = out.split('\0');
    if (!list.isEmpty() && list.last().isEmpty())
        list.removeLast();
    return list;
}

} // namespace

class TestCurlCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quotingRoundTripsThroughBash_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("plain") << QByteArray("hello world");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("single quotes") << QByteArray("it's 'quoted'");
        QTest::newRow("double quotes and $") << QByteArray("\"$HOME\" `id` $(id) \\n ${x}");
        QTest::newRow("backslashes") << QByteArray("a\\b\\\\c\\'d\\");
        QTest::newRow("newlines") << QByteArray("line1\nline2\r\n\n");
        QTest::newRow("json") << QByteArray(
            "{\"name\":\"Zo\xc3\xab\",\"n\":1.50,\"s\":\"it's\"}\n");
        QTest::newRow("utf-8") << QByteArray("\xe2\x9c\x93 \xf0\x9f\x98\x80 \xc3\xa9\xe4\xb8\xad");
        QTest::newRow("utf-8 with quote") << QByteArray("caf\xc3\xa9 'x'\t\x01");
        QTest::newRow("c1 control as utf-8") << QByteArray("a\xc2\x85"
                                                           "b");
        QTest::newRow("bang and history") << QByteArray("!! !$ !-1");
        QTest::newRow("escape-like") << QByteArray("\\x41\\u0041\\c@\\e");
        QTest::newRow("hex digits after control") << QByteArray("\x01"
                                                                "abc\x1f"
                                                                "0\x7f"
                                                                "f");
        QByteArray binary;
        for (int byte = 1; byte < 256; ++byte)
            binary += char(byte);
        QTest::newRow("every byte but NUL") << binary;
        QTest::newRow("invalid utf-8") << QByteArray("\xff\xfe\x80\xc0\xaf"
                                                     "abc'\n");
        QTest::newRow("lone surrogate") << QByteArray("\xed\xa0\x80x");
        QTest::newRow("bom") << QByteArray("\xef\xbb\xbf{}");
    }

    void quotingRoundTripsThroughBash()
    {
        QFETCH(QByteArray, bytes);
        const QString quoted = shellQuote(bytes);
        QCOMPARE(runBash(QStringLiteral("printf %s ") + quoted), bytes);
    }

    void commandArgumentsArriveExactly()
    {
        Capture capture;
        capture.method = "POST";
        capture.target = "/hooks/x?a=1&b='2'";
        capture.headers = {{"Host", "127.0.0.1:8787"},
                           {"Content-Type", "application/json"},
                           {"X-Sig", "t=1,v1=ab'c"},
                           {"Content-Length", "12"},
                           {"X-Dup", "1"},
                           {"x-dup", "2"},
                           {"Connection", "close"}};
        capture.body = QByteArray("{\"a\":\"\xff\n'\"}", 11);
        const QString url = QStringLiteral("http://127.0.0.1:8787/hooks/x?a=1&b='2'");
        const QByteArrayList arguments = curlArguments(curlCommand(capture, url));
        const QByteArrayList expected {"-X",
                                       "POST",
                                       url.toUtf8(),
                                       "-H",
                                       "Host: 127.0.0.1:8787",
                                       "-H",
                                       "Content-Type: application/json",
                                       "-H",
                                       "X-Sig: t=1,v1=ab'c",
                                       "-H",
                                       "X-Dup: 1",
                                       "-H",
                                       "x-dup: 2",
                                       "--data-binary",
                                       capture.body};
        QCOMPARE(arguments, expected);
    }

    void getWithoutBody()
    {
        Capture capture;
        capture.method = "GET";
        capture.target = "/";
        const QByteArrayList arguments
            = curlArguments(curlCommand(capture, QStringLiteral("http://127.0.0.1/")));
        QCOMPARE(arguments, (QByteArrayList {"http://127.0.0.1/"}));
    }

    void emptyHeaderValueIsSent()
    {
        // "-H 'X-Empty:'" would make curl drop the header; "X-Empty;" sends it empty.
        Capture capture;
        capture.method = "GET";
        capture.headers = {{"X-Empty", ""}};
        const QByteArrayList arguments
            = curlArguments(curlCommand(capture, QStringLiteral("http://127.0.0.1/")));
        QCOMPARE(arguments, (QByteArrayList {"http://127.0.0.1/", "-H", "X-Empty;"}));
    }

    void bodyStartingWithAtIsLiteral()
    {
        // curl reads "--data-binary @file" from a file; a body starting with '@' must not.
        Capture capture;
        capture.method = "POST";
        capture.body = "@/etc/passwd";
        const QByteArrayList arguments
            = curlArguments(curlCommand(capture, QStringLiteral("http://127.0.0.1/")));
        QVERIFY(arguments.contains("--data-raw") || !arguments.contains("--data-binary"));
        QCOMPARE(arguments.last(), QByteArray("@/etc/passwd"));
    }
};

QTEST_GUILESS_MAIN(TestCurlCommand)
#include "TestCurlCommand.moc"
