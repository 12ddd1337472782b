#include "ReceiverFixture.h"
#include "export/CurlCommand.h"
#include "store/RequestStore.h"

#include <QHostAddress>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
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

// Each argument the command gives curl, NUL-terminated, by a shell function standing in for it;
// "@-" (data from standard input) is replaced by what arrived there.
QByteArrayList curlArguments(const QString &command)
{
    const QByteArray out = runBash(
        QStringLiteral("curl() { for a in \"$@\"; do if [ \"$a\" = @- ]; then cat; printf '\\0';"
                       " else printf '%s\\0' \"$a\"; fi; done; }\n")
        + command);
    QByteArrayList list = out.split('\0');
    if (!list.isEmpty() && list.last().isEmpty())
        list.removeLast();
    return list;
}

// What a real curl sends when it runs the command against a loopback socket: the request head
// and body as bytes.
struct ReceivedRequest {
    QByteArray head;
    QByteArray body;
};

// Starts a command as written in bash, with only curl's own options added by a shell function
// (-q: no ~/.curlrc) and no proxy to intervene.
void startCommand(QProcess &bash, const QString &command)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy",
                             "ALL_PROXY", "no_proxy", "NO_PROXY"})
        environment.remove(QString::fromLatin1(name));
    bash.setProcessEnvironment(environment);
    bash.start(QStringLiteral("bash"),
               {QStringLiteral("-c"),
                QStringLiteral("curl() { command curl -q -sS -o /dev/null \"$@\"; }\n") + command});
}

ReceivedRequest runRealCurl(const Capture &capture)
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return {};
    const QString url = QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort())
        + QString::fromUtf8(capture.target);
    QProcess bash;
    startCommand(bash, curlCommand(capture, url));
    ReceivedRequest received;
    if (!server.waitForNewConnection(30000))
        return received;
    QTcpSocket *socket = server.nextPendingConnection();
    QByteArray data;
    qsizetype headEnd = -1;
    qint64 length = -1;
    while (socket->waitForReadyRead(30000)) {
        data += socket->readAll();
        if (headEnd < 0 && (headEnd = data.indexOf("\r\n\r\n")) >= 0) {
            for (const QByteArray &line : data.left(headEnd).split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (length < 0)
                length = 0;
        }
        if (headEnd >= 0 && data.size() >= headEnd + 4 + length)
            break;
    }
    socket->write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
    socket->waitForBytesWritten(5000);
    socket->disconnectFromHost();
    bash.waitForFinished(30000);
    if (headEnd >= 0) {
        received.head = data.left(headEnd + 2);
        received.body = data.mid(headEnd + 4);
    }
    return received;
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
        const QByteArrayList expected {"-sS",
                                       "-X",
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
                                       "-H",
                                       "User-Agent:",
                                       "-H",
                                       "Accept:",
                                       "--data-binary",
                                       capture.body};
        QCOMPARE(arguments, expected);
    }

    void realCurlSendsTheCaptureAsItArrived()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty())
            QSKIP("curl is not installed");
        Capture capture;
        capture.method = "POST";
        capture.target = "/hooks/x?a=1&b=%2F";
        capture.headers = {{"Host", "example.test"},
                           {"User-Agent", "Patreon HTTP Robot"},
                           {"X-Signature", "t=1,v1=ab'c\"d"},
                           {"X-Empty", ""},
                           {"X-Dup", "1"},
                           {"x-dup", "2"},
                           {"Content-Length", "999"}};
        QByteArray body("{\"name\":\"Zo\xc3\xab\",\"q\":\"it's\"}\n\xff\x01\r\n@x");
        capture.body = body;
        const ReceivedRequest received = runRealCurl(capture);
        QCOMPARE(received.body, body);
        const QByteArrayList lines = received.head.split('\n');
        QCOMPARE(lines.first(), QByteArray("POST /hooks/x?a=1&b=%2F HTTP/1.1\r"));
        // Every header once, in the capture's order (curl puts Host first anyway), and no
        // Accept of curl's own.
        QStringList names;
        for (const QByteArray &line : lines.mid(1)) {
            if (!line.trimmed().isEmpty())
                names << QString::fromLatin1(line.left(line.indexOf(':')));
        }
        QCOMPARE(names,
                 (QStringList {QStringLiteral("Host"), QStringLiteral("User-Agent"),
                               QStringLiteral("X-Signature"), QStringLiteral("X-Empty"),
                               QStringLiteral("X-Dup"), QStringLiteral("x-dup"),
                               QStringLiteral("Content-Length")}));
        QVERIFY2(received.head.contains("\r\nX-Signature: t=1,v1=ab'c\"d\r\n"
                                        "X-Empty:\r\nX-Dup: 1\r\nx-dup: 2\r\n"),
                 received.head.constData());
        QVERIFY(received.head.contains("Content-Length: " + QByteArray::number(body.size())));
        // No type the original did not have.
        QVERIFY2(!received.head.toLower().contains("content-type"), received.head.constData());
    }

    void realCurlSendsALiteralAtBody()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty())
            QSKIP("curl is not installed");
        Capture capture;
        capture.method = "PUT";
        capture.target = "/upload";
        capture.headers = {{"Content-Type", "text/plain"}};
        capture.body = "@/etc/hostname";
        const ReceivedRequest received = runRealCurl(capture);
        QVERIFY2(received.head.startsWith("PUT /upload HTTP/1.1\r\n"), received.head.constData());
        QCOMPARE(received.body, QByteArray("@/etc/hostname"));
    }

    void realCurlSendsBinaryBodiesExactly_data()
    {
        QTest::addColumn<QByteArray>("body");
        QByteArray random(3000, Qt::Uninitialized);
        quint32 state = 2463534242u; // xorshift32: the same "random" bytes on every run
        for (char &byte : random) {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            byte = char(state & 0xff);
        }
        random[0] = '\0'; // at least one NUL, wherever the generator puts its own
        QTest::newRow("3000 random bytes") << random;
        QTest::newRow("NUL in text") << QByteArray("{\"a\":\"x\0y\"}", 11);
        QTest::newRow("only NULs") << QByteArray(64, '\0');
        QTest::newRow("@ then NUL") << QByteArray("@/etc/hostname\0", 15);
        QTest::newRow("invalid utf-8") << QByteArray("\xff\xfe'EOF'\nEOF\n");
    }

    void realCurlSendsBinaryBodiesExactly()
    {
        // bash cuts a $'...' string at \x00: a body that is not text must reach curl another way.
        if (QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty())
            QSKIP("curl is not installed");
        QFETCH(QByteArray, body);
        Capture capture;
        capture.method = "POST";
        capture.target = "/binary";
        capture.headers = {{"Content-Type", "application/octet-stream"}};
        capture.body = body;
        const ReceivedRequest received = runRealCurl(capture);
        QVERIFY2(received.head.startsWith("POST /binary HTTP/1.1\r\n"), received.head.constData());
        QCOMPARE(received.body.size(), body.size());
        QCOMPARE(received.body, body);
    }

    void commandIsReadable()
    {
        // One option and its value per line, no progress meter, a text body as text.
        Capture capture;
        capture.method = "POST";
        capture.target = "/hooks";
        capture.headers = {{"Content-Type", "application/json"}};
        capture.body = "{\"a\":1}";
        QCOMPARE(curlCommand(capture, QStringLiteral("http://127.0.0.1:8787/hooks")),
                 QStringLiteral("curl -sS \\\n"
                                "  -X 'POST' \\\n"
                                "  'http://127.0.0.1:8787/hooks' \\\n"
                                "  -H 'Content-Type: application/json' \\\n"
                                "  -H 'User-Agent:' \\\n"
                                "  -H 'Accept:' \\\n"
                                "  --data-binary '{\"a\":1}'"));
    }

    void binaryBodyComesFromBase64()
    {
        Capture capture;
        capture.method = "PUT";
        capture.headers = {{"Content-Type", "application/octet-stream"}};
        capture.body = QByteArray("\x00\x01\x02", 3);
        const QString command = curlCommand(capture, QStringLiteral("http://127.0.0.1/"));
        QVERIFY2(command.startsWith(QStringLiteral("base64 -d <<'")), qPrintable(command));
        QVERIFY2(command.contains(QStringLiteral("\n  --data-binary @-\nAAEC\n")),
                 qPrintable(command));
    }

    void getWithoutBody()
    {
        Capture capture;
        capture.method = "GET";
        capture.target = "/";
        const QByteArrayList arguments
            = curlArguments(curlCommand(capture, QStringLiteral("http://127.0.0.1/")));
        QCOMPARE(
            arguments,
            (QByteArrayList {"-sS", "http://127.0.0.1/", "-H", "User-Agent:", "-H", "Accept:"}));
    }

    void emptyHeaderValueIsSent()
    {
        // "-H 'X-Empty:'" would make curl drop the header; "X-Empty;" sends it empty.
        Capture capture;
        capture.method = "GET";
        capture.headers = {{"X-Empty", ""}};
        const QByteArrayList arguments
            = curlArguments(curlCommand(capture, QStringLiteral("http://127.0.0.1/")));
        QCOMPARE(arguments,
                 (QByteArrayList {"-sS", "http://127.0.0.1/", "-H", "X-Empty;", "-H",
                                  "User-Agent:", "-H", "Accept:"}));
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

    void caCertificateForHttps()
    {
        Capture capture;
        capture.method = "POST";
        capture.target = "/tls";
        capture.headers = {{"Content-Type", "application/json"}};
        capture.body = "{}";
        CurlOptions options;
        options.caCertificate = QStringLiteral("/home/me/it's here/localhost-cert.pem");
        QCOMPARE(curlArguments(
                     curlCommand(capture, QStringLiteral("https://127.0.0.1:8788/tls"), options))
                     .mid(0, 6),
                 (QByteArrayList {"-sS", "-X", "POST", "https://127.0.0.1:8788/tls", "--cacert",
                                  options.caCertificate.toUtf8()}));
        // Plain http has no certificate to trust.
        QVERIFY(!curlCommand(capture, QStringLiteral("http://127.0.0.1:8787/tls"), options)
                     .contains(u"--cacert"));
        QVERIFY(!curlCommand(capture, QStringLiteral("https://127.0.0.1:8788/tls"))
                     .contains(u"--cacert"));
    }

    void selfSignedReceiverUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("own");
        QTest::newRow("127.0.0.1") << QStringLiteral("https://127.0.0.1:8788/tls") << true;
        QTest::newRow("localhost") << QStringLiteral("https://LocalHost:8788/") << true;
        QTest::newRow("::1") << QStringLiteral("https://[::1]:8788/a?b=c") << true;
        QTest::newRow("http") << QStringLiteral("http://127.0.0.1:8787/") << false;
        QTest::newRow("tunnel") << QStringLiteral("https://abc.ngrok.app/hooks") << false;
        QTest::newRow("another loopback address") << QStringLiteral("https://127.0.0.2/") << false;
    }

    void selfSignedReceiverUrls()
    {
        QFETCH(QString, url);
        QFETCH(bool, own);
        QCOMPARE(isSelfSignedReceiverUrl(url), own);
    }

    // The command copied for a capture from the HTTPS receiver runs as copied; without the
    // certificate curl refuses the receiver's self-signed one.
    void realCurlReachesTheHttpsReceiver()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty())
            QSKIP("curl is not installed");
        test::ReceiverFixture rx;
        const quint16 port = rx.startTls();
        QVERIFY(port != 0);
        Capture capture;
        capture.method = "POST";
        capture.target = "/tls";
        capture.headers = {{"Content-Type", "application/json"}};
        capture.body = "{\"a\":1}";
        const QString url = QStringLiteral("https://127.0.0.1:%1/tls").arg(port);
        // The receiver answers on this thread: wait with the event loop running.
        const auto run = [](const QString &command) {
            QProcess bash;
            startCommand(bash, command);
            if (!QTest::qWaitFor([&bash] { return bash.state() == QProcess::NotRunning; }, 30000))
                return -1;
            return bash.exitCode();
        };
        QCOMPARE(run(curlCommand(capture, url)), 60); // curl's "SSL certificate problem"
        CurlOptions options;
        options.caCertificate = rx.certificatePath();
        QCOMPARE(run(curlCommand(capture, url, options)), 0);
        QTRY_COMPARE(rx.store()->count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCurlCommand)
#include "TestCurlCommand.moc"
