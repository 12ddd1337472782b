// After a session that used secrets everywhere they can be given (listen --secret and
// --endpoint-secret-file, sign, verify, send, errors on each), no secret may be found in any
// output, log line (all Qt logging categories on), exported file, database file or file left
// under HOME — neither as typed nor as hex or base64.
#include "CliRunner.h"
#include "HttpListenProcess.h"
#include "HttpTestClient.h"
#include "TestConfig.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using test::HttpListenProcess;
using test::ProcessResult;
using test::RawResponse;

namespace {

// Fake secrets, long and distinctive so a match cannot be chance.
const QByteArray kCatchAllSecret = "hsleak-Canary-Plain-7Qx9Zt2Lw";
const QByteArray kEndpointKey = "hsleak-endpoint-key-bytes-0042!";
const QByteArray kWrongSecret = "hsleak-Wrong-Guess-5Rt8Yp1Qa";

struct Needle {
    QString what; // safe to print: says which secret and which form, never the value
    QByteArray bytes;
};

QList<Needle> needlesFor(const QString &name, const QByteArray &secret)
{
    return {
        {name + QStringLiteral(" as typed"), secret},
        {name + QStringLiteral(" as hex"), secret.toHex()},
        {name + QStringLiteral(" as HEX"), secret.toHex().toUpper()},
        {name + QStringLiteral(" as base64"), secret.toBase64(QByteArray::OmitTrailingEquals)},
        {name + QStringLiteral(" as base64url"),
         secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)},
        {name + QStringLiteral(" percent-encoded"), secret.toPercentEncoding()},
    };
}

QByteArray endpointSecret()
{
    return "whsec_" + kEndpointKey.toBase64();
}

QList<Needle> allNeedles()
{
    return needlesFor(QStringLiteral("catch-all secret"), kCatchAllSecret)
        + needlesFor(QStringLiteral("endpoint secret"), endpointSecret())
        + needlesFor(QStringLiteral("endpoint key"), kEndpointKey)
        + needlesFor(QStringLiteral("wrong secret"), kWrongSecret);
}

// The first needle found in data, described without its value; empty when clean.
QString leakIn(const QByteArray &data)
{
    static const QList<Needle> needles = allNeedles();
    for (const Needle &needle : needles) {
        if (data.contains(needle.bytes))
            return needle.what;
    }
    return {};
}

} // namespace

class TestNoSecretLeaks final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QStringList m_checked; // what was searched, for the log

    QString path(const QString &name) const { return m_dir.filePath(name); }

    void writeFile(const QString &name, const QByteArray &content)
    {
        QFile file(path(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }

    // Fails naming the place and the form of the secret, never the secret.
    void expectClean(const QString &where, const QByteArray &data)
    {
        m_checked << where;
        const QString leak = leakIn(data);
        QVERIFY2(leak.isEmpty(), qPrintable(where + QStringLiteral(" holds the ") + leak));
    }

    void expectClean(const QString &where, const ProcessResult &result)
    {
        expectClean(where + QStringLiteral(" (stdout)"), result.out);
        expectClean(where + QStringLiteral(" (stderr)"), result.err);
    }

    ProcessResult run(const QStringList &arguments, const QByteArray &input = {})
    {
        return test::runHookscope(arguments, input, 60000);
    }

    static QByteArray requestWith(const QByteArray &target, const QByteArray &headerLines,
                                  const QByteArray &body)
    {
        return "POST " + target
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + headerLines
            + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }

    static QByteArray asHeaderLines(const QByteArray &signOutput)
    {
        QByteArray lines;
        for (const QByteArray &line : signOutput.split('\n')) {
            if (!line.trimmed().isEmpty())
                lines += line.trimmed() + "\r\n";
        }
        return lines;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Children get a home of their own inside the temporary folder, so every file they
        // write (settings, caches, logs, keyring fallback) is among those searched below.
        const QString home = path(QStringLiteral("home"));
        QVERIFY(QDir().mkpath(home));
        qputenv("HOME", QFile::encodeName(home));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(home + QStringLiteral("/.config")));
        qputenv("XDG_DATA_HOME", QFile::encodeName(home + QStringLiteral("/.local/share")));
        qputenv("XDG_CACHE_HOME", QFile::encodeName(home + QStringLiteral("/.cache")));
        qputenv("XDG_STATE_HOME", QFile::encodeName(home + QStringLiteral("/.local/state")));
        // Every logging category on, debug included, in every child process.
        qputenv("QT_LOGGING_RULES", "*.debug=true");
        // Secrets also come from the environment; it must not leak from there either.
        qputenv("HOOKSCOPE_SECRET", kCatchAllSecret);
        writeFile(QStringLiteral("catchall.secret"), kCatchAllSecret);
        writeFile(QStringLiteral("endpoint.secret"), endpointSecret());
        writeFile(QStringLiteral("body.json"), "{\"id\":\"evt_leak_1\",\"type\":\"ping\"}");
    }

    void aSessionWithSecretsLeavesNoTrace()
    {
        const QString db = path(QStringLiteral("leaks.sqlite"));
        const QString body = path(QStringLiteral("body.json"));
        const QByteArray bodyBytes = "{\"id\":\"evt_leak_1\",\"type\":\"ping\"}";

        HttpListenProcess listen;
        QVERIFY(listen.start(db,
                             {QStringLiteral("--json"), QStringLiteral("--scheme"),
                              QStringLiteral("stripe"), QStringLiteral("--secret"),
                              QString::fromUtf8(kCatchAllSecret), QStringLiteral("--endpoint"),
                              QStringLiteral("/gh=gh"), QStringLiteral("--endpoint-scheme"),
                              QStringLiteral("gh=github"), QStringLiteral("--endpoint-secret-file"),
                              QStringLiteral("gh=") + path(QStringLiteral("endpoint.secret"))}));
        const QByteArray port = QByteArray::number(listen.port());

        // sign, with the secret on the command line, in a file and in the environment.
        const ProcessResult stripeHeaders
            = run({QStringLiteral("sign"), QStringLiteral("--scheme"), QStringLiteral("stripe"),
                   QStringLiteral("--secret"), QString::fromUtf8(kCatchAllSecret),
                   QStringLiteral("--body-file"), body});
        QCOMPARE(stripeHeaders.exitCode, 0);
        expectClean(QStringLiteral("sign --secret"), stripeHeaders);
        const ProcessResult githubHeaders
            = run({QStringLiteral("sign"), QStringLiteral("--scheme"), QStringLiteral("github"),
                   QStringLiteral("--secret-file"), path(QStringLiteral("endpoint.secret")),
                   QStringLiteral("--body-file"), body});
        QCOMPARE(githubHeaders.exitCode, 0);
        expectClean(QStringLiteral("sign --secret-file"), githubHeaders);
        const ProcessResult envHeaders
            = run({QStringLiteral("sign"), QStringLiteral("--scheme"), QStringLiteral("slack"),
                   QStringLiteral("--body-file"), body});
        expectClean(QStringLiteral("sign with HOOKSCOPE_SECRET"), envHeaders);
        writeFile(QStringLiteral("stripe.headers"), stripeHeaders.out);

        // Signed, badly signed and unsigned requests to both endpoints.
        const QList<QByteArray> requests {
            requestWith("/", asHeaderLines(stripeHeaders.out), bodyBytes),
            requestWith("/gh/push", asHeaderLines(githubHeaders.out), bodyBytes),
            requestWith("/gh/push", "X-Hub-Signature-256: sha256=00\r\n", bodyBytes),
            requestWith("/", "Stripe-Signature: t=1,v1=zz\r\n", bodyBytes),
            requestWith("/", {}, bodyBytes),
        };
        for (const QByteArray &request : requests) {
            const RawResponse response = test::roundTrip(listen.port(), request);
            QCOMPARE(response.status, 200);
            expectClean(QStringLiteral("receiver response"), response.head + response.body);
        }

        // send, which signs and delivers.
        const ProcessResult sent = run(
            {QStringLiteral("send"), QString::fromUtf8("http://127.0.0.1:" + port + "/gh/sent"),
             QStringLiteral("--scheme"), QStringLiteral("github"), QStringLiteral("--secret"),
             QString::fromUtf8(endpointSecret()), QStringLiteral("--body-file"), body,
             QStringLiteral("--json")});
        QCOMPARE(sent.exitCode, 0);
        expectClean(QStringLiteral("send --json"), sent);
        const ProcessResult sentTemplate
            = run({QStringLiteral("send"), QString::fromUtf8("http://127.0.0.1:" + port + "/tpl"),
                   QStringLiteral("--template"), QStringLiteral("stripe/payment_intent.succeeded"),
                   QStringLiteral("--secret-file"), path(QStringLiteral("catchall.secret"))});
        expectClean(QStringLiteral("send --template"), sentTemplate);

        // verify: valid, wrong secret (the diagnosis runs), and as JSON.
        for (const QByteArray &secret : {kCatchAllSecret, kWrongSecret}) {
            for (const bool json : {false, true}) {
                QStringList arguments {QStringLiteral("verify"),
                                       QStringLiteral("--scheme"),
                                       QStringLiteral("stripe"),
                                       QStringLiteral("--secret"),
                                       QString::fromUtf8(secret),
                                       QStringLiteral("--headers-file"),
                                       path(QStringLiteral("stripe.headers")),
                                       QStringLiteral("--body-file"),
                                       body};
                if (json)
                    arguments << QStringLiteral("--json");
                expectClean(QStringLiteral("verify"), run(arguments));
            }
        }
        const ProcessResult autoVerify
            = run({QStringLiteral("verify"), QStringLiteral("--scheme"), QStringLiteral("auto"),
                   QStringLiteral("--headers-file"), path(QStringLiteral("stripe.headers")),
                   QStringLiteral("--body-file"), QStringLiteral("-"), QStringLiteral("--json")},
                  bodyBytes + "\n");
        expectClean(QStringLiteral("verify auto with HOOKSCOPE_SECRET"), autoVerify);

        // Error paths print usage text and messages: none may echo the secret.
        const QList<QStringList> mistakes {
            {QStringLiteral("sign"), QStringLiteral("--scheme"), QStringLiteral("nope"),
             QStringLiteral("--secret"), QString::fromUtf8(kCatchAllSecret),
             QStringLiteral("--body-file"), body},
            {QStringLiteral("sign"), QStringLiteral("--scheme"), QStringLiteral("stripe"),
             QStringLiteral("--secret"), QString::fromUtf8(kCatchAllSecret),
             QStringLiteral("--timestamp"), QStringLiteral("yesterday"),
             QStringLiteral("--body-file"), body},
            {QStringLiteral("verify"), QStringLiteral("--scheme"), QStringLiteral("stripe"),
             QStringLiteral("--secret"), QString::fromUtf8(kCatchAllSecret),
             QStringLiteral("--header"), QStringLiteral("no colon here"),
             QStringLiteral("--body-file"), body},
            {QStringLiteral("listen"), QStringLiteral("--secret"),
             QString::fromUtf8(kCatchAllSecret), QStringLiteral("--port"), QStringLiteral("99999")},
            {QStringLiteral("listen"), QStringLiteral("--secret"),
             QString::fromUtf8(kCatchAllSecret), QStringLiteral("--scheme"), QStringLiteral("nope"),
             QStringLiteral("--port"), QStringLiteral("0")},
            {QStringLiteral("send"), QStringLiteral("not a url"), QStringLiteral("--secret"),
             QString::fromUtf8(kCatchAllSecret), QStringLiteral("--body-file"), body},
            {QStringLiteral("send"), QStringLiteral("http://127.0.0.1:1/closed"),
             QStringLiteral("--scheme"), QStringLiteral("stripe"), QStringLiteral("--secret"),
             QString::fromUtf8(kCatchAllSecret), QStringLiteral("--body-file"), body,
             QStringLiteral("--timeout"), QStringLiteral("2000")},
        };
        for (const QStringList &arguments : mistakes) {
            const ProcessResult result = run(arguments);
            QVERIFY(result.exitCode != 0);
            expectClean(arguments.first() + QStringLiteral(" error path"), result);
        }

        // The receiver's own lines and logs, then a clean stop.
        // One line per request, the two sends included; what waitForLines read is searched too.
        const QByteArray lines = listen.waitForLines(requests.size() + 2).join('\n');
        QCOMPARE(listen.terminate(), 0);
        expectClean(QStringLiteral("listen output"),
                    listen.firstLine() + lines + listen.process().readAllStandardOutput()
                        + listen.standardError());
        // The lines carry each verdict's detail (why a signature failed): covered above.
        QVERIFY2(lines.contains("\"detail\":\"With this secret, the signature does not match"),
                 lines.constData());

        // verify --id re-checks stored requests with the full diagnosis, which tries the other
        // secrets and the usual mistakes: with the right and a wrong secret, text and JSON.
        for (const QByteArray &secret : {kCatchAllSecret, kWrongSecret}) {
            for (const QString &id :
                 {QStringLiteral("1"), QStringLiteral("3"), QStringLiteral("4")}) {
                for (const bool json : {false, true}) {
                    QStringList arguments {QStringLiteral("verify"),
                                           QStringLiteral("--db"),
                                           db,
                                           QStringLiteral("--id"),
                                           id,
                                           QStringLiteral("--secret"),
                                           QString::fromUtf8(secret),
                                           QStringLiteral("--other-secret-file"),
                                           path(QStringLiteral("endpoint.secret")),
                                           QStringLiteral("--other-secret-file"),
                                           path(QStringLiteral("catchall.secret"))};
                    if (json)
                        arguments << QStringLiteral("--json");
                    const ProcessResult result = run(arguments);
                    QVERIFY(result.exitCode == 0 || result.exitCode == 1);
                    expectClean(QStringLiteral("verify --id ") + id, result);
                }
            }
        }

        // Exports, to standard output and to files.
        for (const QString &format : {QStringLiteral("jsonl"), QStringLiteral("har")}) {
            const QString out = path(QStringLiteral("export.") + format);
            const ProcessResult toFile
                = run({QStringLiteral("export"), QStringLiteral("--db"), db,
                       QStringLiteral("--format"), format, QStringLiteral("--out"), out});
            QCOMPARE(toFile.exitCode, 0);
            expectClean(QStringLiteral("export ") + format, toFile);
            QFile file(out);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray exported = file.readAll();
            QVERIFY(exported.contains("evt_leak_1")); // the captures are really in there
            expectClean(out, exported);
            const ProcessResult toStdout = run({QStringLiteral("export"), QStringLiteral("--db"),
                                                db, QStringLiteral("--format"), format});
            expectClean(QStringLiteral("export to stdout ") + format, toStdout);
        }

        // Every file the run left: the database with its WAL, exports, and anything the
        // children wrote under their HOME.
        const QStringList roots {m_dir.path()};
        int files = 0;
        bool sawDatabase = false;
        for (const QString &root : std::as_const(roots)) {
            QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString file = it.next();
                if (file.endsWith(QStringLiteral(".secret"))) {
                    // The secret files we wrote ourselves: the search must find them.
                    QFile secretFile(file);
                    QVERIFY(secretFile.open(QIODevice::ReadOnly));
                    QVERIFY(!leakIn(secretFile.readAll()).isEmpty());
                    continue;
                }
                QFile handle(file);
                if (handle.size() > 256 * 1024 * 1024 || !handle.open(QIODevice::ReadOnly))
                    continue;
                sawDatabase = sawDatabase || file == db;
                ++files;
                expectClean(file, handle.readAll());
            }
        }
        QVERIFY(sawDatabase);
        qInfo("searched %lld outputs and %d files for %lld forms of 4 secrets",
              qlonglong(m_checked.size() - files), files, qlonglong(allNeedles().size()));
    }
};

QTEST_GUILESS_MAIN(TestNoSecretLeaks)
#include "TestNoSecretLeaks.moc"
