// `hookscope verify --id N`: a stored request checked again from the command line, with the
// verdict the receiver and the window give (signing::verifyCapture on the stored capture).
#include "CliRunner.h"
#include "HttpListenProcess.h"
#include "HttpTestClient.h"
#include "signing/Signing.h"
#include "store/RequestStore.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using test::HttpListenProcess;
using test::ProcessResult;

namespace {

// Made-up secrets for this test only.
const QByteArray kSecret = "verify-stored-Secret-4Kp8";
const QByteArray kOtherSecret = "verify-stored-Other-9Wd2";
const QByteArray kBody = "{\"zen\": \"Practicality beats purity.\"}\n";

QJsonObject jsonOf(const ProcessResult &result)
{
    return QJsonDocument::fromJson(result.out).object();
}

} // namespace

class TestVerifyStoredCli final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_receivedDb; // requests 1 (valid), 2 (signed with the other secret), 3 (unsigned)
    QString m_oldDb; // request 1: Stripe, signed and received an hour ago; 2: malformed
    qint64 m_oldTime = 0;
    QList<ProcessResult> m_results; // every run, searched for the secrets at the end

    QString path(const QString &name) const { return m_dir.filePath(name); }

    QString writeFile(const QString &name, const QByteArray &content)
    {
        QFile file(path(name));
        if (file.open(QIODevice::WriteOnly))
            file.write(content);
        return file.fileName();
    }

    ProcessResult verify(const QStringList &arguments)
    {
        const ProcessResult result
            = test::runHookscope(QStringList {QStringLiteral("verify")} + arguments);
        m_results.append(result);
        return result;
    }

    QStringList stored(const QString &db, int id) const
    {
        return {QStringLiteral("--db"),          db,
                QStringLiteral("--id"),          QString::number(id),
                QStringLiteral("--secret-file"), path(QStringLiteral("github.secret"))};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qunsetenv("HOOKSCOPE_SECRET");
        writeFile(QStringLiteral("github.secret"), kSecret + '\n');
        writeFile(QStringLiteral("other.secret"), kOtherSecret);

        // Three deliveries through the real receiver.
        m_receivedDb = path(QStringLiteral("received.sqlite"));
        HttpListenProcess listen;
        QVERIFY(
            listen.start(m_receivedDb,
                         {QStringLiteral("--scheme"), QStringLiteral("github"),
                          QStringLiteral("--secret-file"), path(QStringLiteral("github.secret"))}));
        for (const QByteArray &secret : {kSecret, kOtherSecret, QByteArray()}) {
            QByteArray request = "POST /hooks/github HTTP/1.1\r\nHost: example.test\r\n"
                                 "Content-Type: application/json\r\n";
            if (!secret.isEmpty()) {
                for (const HeaderField &field :
                     signing::sign(QStringLiteral("github"), secret, kBody).headers)
                    request += field.name + ": " + field.value + "\r\n";
            }
            request += "Content-Length: " + QByteArray::number(kBody.size()) + "\r\n\r\n" + kBody;
            QCOMPARE(test::roundTrip(listen.port(), request).status, 200);
        }
        QCOMPARE(listen.waitForLines(3).size(), 3);
        QCOMPARE(listen.terminate(), 0);

        // A Stripe delivery received an hour ago, signed when it was sent, and a request the
        // receiver refused as malformed.
        m_oldDb = path(QStringLiteral("old.sqlite"));
        m_oldTime = QDateTime::currentSecsSinceEpoch() - 3600;
        signing::SignOptions options;
        options.timestamp = m_oldTime;
        Capture old;
        old.method = "POST";
        old.target = "/hooks/stripe";
        old.headers = {{"Host", "example.test"}, {"Content-Type", "application/json"}};
        old.headers += signing::sign(QStringLiteral("stripe"), kSecret, kBody, options).headers;
        old.body = kBody;
        old.receivedAtUs = m_oldTime * 1'000'000 + 250'000;
        old.responseStatus = 200;
        Capture malformed;
        malformed.method = "POST";
        malformed.target = "/";
        malformed.body = "POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked";
        malformed.malformed = true;
        malformed.parseError = QStringLiteral("Content-Length with Transfer-Encoding");
        malformed.responseStatus = 400;
        malformed.receivedAtUs = old.receivedAtUs + 1;
        store::RequestStore store;
        QCOMPARE(store.open(m_oldDb), QString());
        store.submit(old);
        store.submit(malformed);
        store.flush();
        QCOMPARE(store.count(), 2);
    }

    void aValidStoredRequestExitsZero()
    {
        const ProcessResult result = verify(stored(m_receivedDb, 1));
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.startsWith("request:   #1 POST /hooks/github, received "),
                 result.out.constData());
        QVERIFY(result.out.contains("scheme:    github\n"));
        QVERIFY(result.out.contains("verdict:   valid\n"));

        const ProcessResult json = verify(stored(m_receivedDb, 1) << QStringLiteral("--json"));
        QCOMPARE(json.exitCode, 0);
        const QJsonObject object = jsonOf(json);
        QCOMPARE(object.value(u"verdict").toString(), u"valid"_qs);
        QCOMPARE(object.value(u"id").toInteger(), 1);
        QVERIFY(object.value(u"received_at").toString().endsWith(u'Z'));
        QCOMPARE(object.value(u"matched_index").toInt(), 1);
    }

    // The id as listen prints it ("#1 POST /hooks/github ...") is taken as export takes it.
    void anIdAsListenPrintsItIsTaken()
    {
        QStringList arguments = stored(m_receivedDb, 1);
        arguments[arguments.indexOf(QStringLiteral("--id")) + 1] = QStringLiteral("#1");
        const ProcessResult result = verify(arguments);
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.startsWith("request:   #1 POST /hooks/github, received "),
                 result.out.constData());
    }

    // The full diagnosis the receiver skips for speed: here, the other secret that signed it.
    void aFailureIsDiagnosedInFull()
    {
        const ProcessResult result
            = verify(stored(m_receivedDb, 2) << QStringLiteral("--other-secret-file")
                                             << path(QStringLiteral("other.secret")));
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.out.contains("verdict:   invalid\n"), result.out.constData());
        QVERIFY(result.out.contains("diagnosis: "));
        QVERIFY2(result.out.contains("other.secret"), result.out.constData());

        const ProcessResult json = verify(stored(m_receivedDb, 2) << QStringLiteral("--json"));
        QCOMPARE(json.exitCode, 1);
        QCOMPARE(jsonOf(json).value(u"verdict").toString(), u"invalid"_qs);
        QVERIFY(!jsonOf(json).value(u"expected").toString().isEmpty());

        const ProcessResult unsigned_ = verify(stored(m_receivedDb, 3));
        QCOMPARE(unsigned_.exitCode, 1);
        QVERIFY2(unsigned_.out.contains("verdict:   missing-header\n"), unsigned_.out.constData());
    }

    // The scheme is detected as in the receiver, or named; a named one that the request does not
    // carry says so.
    void theSchemeCanBeNamed()
    {
        const ProcessResult github = verify(stored(m_receivedDb, 1) << QStringLiteral("--scheme")
                                                                    << QStringLiteral("github"));
        QCOMPARE(github.exitCode, 0);
        const ProcessResult stripe = verify(stored(m_receivedDb, 1) << QStringLiteral("--scheme")
                                                                    << QStringLiteral("stripe"));
        QCOMPARE(stripe.exitCode, 1);
        QVERIFY2(stripe.out.contains("verdict:   missing-header\n"), stripe.out.constData());
    }

    // An old capture gets the verdict signing::verifyCapture gives it, the receiver's and the
    // window's: its timestamp is judged against the time it was received, not the clock of
    // the check. --ignore-tolerance and --tolerance work as they do without --id.
    void anOldCaptureIsJudgedAsTheReceiverJudgesIt()
    {
        store::RequestStore store;
        store::StoreOptions readOnly;
        readOnly.exclusive = false;
        QCOMPARE(store.open(m_oldDb, readOnly), QString());
        const std::optional<Capture> capture = store.load(1);
        QVERIFY(capture);
        const signing::Verdict expected
            = signing::verifyCapture(QStringLiteral("auto"), kSecret, *capture);
        store.close();

        QStringList arguments = stored(m_oldDb, 1) << QStringLiteral("--json");
        const ProcessResult result = verify(arguments);
        const QJsonObject object = jsonOf(result);
        QCOMPARE(object.value(u"scheme").toString(), u"stripe"_qs);
        QCOMPARE(object.value(u"verdict").toString(), expected.verdict);
        QCOMPARE(object.value(u"detail").toString(), expected.detail);
        QCOMPARE(result.exitCode, expected.isValid() ? 0 : 1);
        QCOMPARE(
            object.value(u"received_at").toString(),
            QDateTime::fromSecsSinceEpoch(m_oldTime, Qt::UTC).toString(u"yyyy-MM-ddTHH:mm:ss"_qs)
                + u".250000Z"_qs);

        const ProcessResult ignored = verify(arguments << QStringLiteral("--ignore-tolerance"));
        QCOMPARE(ignored.exitCode, 0);
        QCOMPARE(jsonOf(ignored).value(u"verdict").toString(), u"valid"_qs);
        const ProcessResult wide
            = verify(stored(m_oldDb, 1) << QStringLiteral("--tolerance") << QStringLiteral("7200"));
        QCOMPARE(wide.exitCode, 0);

        // --now asks about another moment: an hour after it arrived, it is too old.
        const ProcessResult later = verify(stored(m_oldDb, 1) << QStringLiteral("--now")
                                                              << QString::number(m_oldTime + 3600)
                                                              << QStringLiteral("--json"));
        QCOMPARE(later.exitCode, 1);
        const QJsonObject laterVerdict = jsonOf(later);
        QCOMPARE(laterVerdict.value(u"verdict").toString(), u"outside-tolerance"_qs);
        QVERIFY2(!laterVerdict.value(u"detail").toString().contains(u"when the request arrived"),
                 qPrintable(laterVerdict.value(u"detail").toString()));
    }

    // The secret is optional, as the usage says: without one nothing is checked (no-secret,
    // exit 1), and a note gives the verdict the receiver stored, with the secret it had.
    void withoutASecretTheReceiversVerdictIsNoted()
    {
        const ProcessResult result = verify(
            {QStringLiteral("--db"), m_receivedDb, QStringLiteral("--id"), QStringLiteral("1")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.out.contains("verdict:   no-secret\n"), result.out.constData());
        QVERIFY2(result.out.contains("scheme:    github\n"), result.out.constData());
        QCOMPARE(result.err,
                 QByteArray("note: no secret given (--secret, --secret-file or HOOKSCOPE_SECRET), "
                            "so nothing was checked now; when it arrived, the receiver's verdict "
                            "was valid (github)\n"));
        // Given the secret, no note: the check is made now.
        QVERIFY(verify(stored(m_receivedDb, 1)).err.isEmpty());
    }

    void aMalformedRequestIsRefused()
    {
        const ProcessResult result = verify(stored(m_oldDb, 2));
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("hookscope verify: request 2 was refused as malformed (400: "
                                     "Content-Length with Transfer-Encoding)"),
                 result.err.constData());
        QVERIFY(result.out.isEmpty());
    }

    void anUnknownIdOrDatabaseIsAClearError()
    {
        const ProcessResult unknown = verify(stored(m_receivedDb, 99));
        QCOMPARE(unknown.exitCode, 1);
        QCOMPARE(unknown.err,
                 "hookscope verify: no request with id 99 in " + m_receivedDb.toUtf8() + '\n');
        const QString missing = path(QStringLiteral("missing.sqlite"));
        const ProcessResult noDatabase = verify(stored(missing, 1));
        QCOMPARE(noDatabase.exitCode, 1);
        QCOMPARE(noDatabase.err, "hookscope verify: no database at " + missing.toUtf8() + '\n');
        QVERIFY(!QFile::exists(missing)); // not created by looking
        const ProcessResult notADatabase
            = verify(stored(writeFile(QStringLiteral("text.sqlite"), "not a database"), 1));
        QCOMPARE(notADatabase.exitCode, 1);
        QVERIFY(notADatabase.err.startsWith("hookscope verify: "));
    }

    // Without --db, the shared store, as export and replay read it (under the test's HOME).
    void theDatabaseDefaultsToTheSharedStore()
    {
        const ProcessResult result
            = verify({QStringLiteral("--id"), QStringLiteral("1"), QStringLiteral("--secret-file"),
                      path(QStringLiteral("github.secret"))});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.startsWith("hookscope verify: no database at ")
                     || result.err.startsWith("hookscope verify: no request with id 1 in "),
                 result.err.constData());
        QVERIFY2(result.err.contains("/captures.sqlite"), result.err.constData());
    }

    void usageErrorsExitTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("message");
        const QString body = QStringLiteral("body.json");
        QTest::newRow("zero") << QStringList {QStringLiteral("--id"), QStringLiteral("0")}
                              << QByteArray("--id must name a stored request");
        QTest::newRow("not a number") << QStringList {QStringLiteral("--id"), QStringLiteral("x")}
                                      << QByteArray("--id must name a stored request");
        QTest::newRow("body") << QStringList {QStringLiteral("--id"), QStringLiteral("1"),
                                              QStringLiteral("--body-file"), body}
                              << QByteArray("--body-file does not go with --id");
        QTest::newRow("header") << QStringList {QStringLiteral("--id"), QStringLiteral("1"),
                                                QStringLiteral("--header"),
                                                QStringLiteral("X-Hub-Signature-256: sha256=00")}
                                << QByteArray("--header does not go with --id");
        QTest::newRow("headers file") << QStringList {QStringLiteral("--id"), QStringLiteral("1"),
                                                      QStringLiteral("--headers-file"), body}
                                      << QByteArray("--headers-file does not go with --id");
        QTest::newRow("db alone") << QStringList {
            QStringLiteral("--db"), QStringLiteral("x.sqlite"), QStringLiteral("--body-file"),
            body} << QByteArray("--db goes with --id");
        QTest::newRow("neither") << QStringList {QStringLiteral("--secret"), QStringLiteral("s")}
                                 << QByteArray("--body-file is required (- for standard input), "
                                               "or --id for a stored request");
    }

    void usageErrorsExitTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, message);
        const ProcessResult result = verify(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message), result.err.constData());
        QVERIFY(result.err.endsWith("Run 'hookscope verify --help' for usage.\n"));
    }

    void helpDescribesIt()
    {
        const ProcessResult help = verify({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("hookscope verify [--db PATH] --id ID"));
        QVERIFY(help.out.contains("--id <ID>"));
        QVERIFY(help.out.contains("--db <PATH>"));
        QVERIFY(help.out.contains("judged against the"));
        // The secret is optional in both forms, in the usage as in what the command does.
        QVERIFY2(help.out.contains("hookscope verify [--scheme SCHEME|auto] [--secret SECRET | "
                                   "--secret-file FILE |\n"),
                 help.out.constData());
        QVERIFY2(help.out.contains("--id ID [--scheme SCHEME|auto] [--secret SECRET\n"),
                 help.out.constData());
        QVERIFY(!help.out.contains("(--secret"));
        QVERIFY(QString::fromUtf8(help.out).simplified().contains(
            u"Without a secret nothing is checked: the verdict is no-secret (exit 1)"));
        // The man page is made from the same syntax.
        const ProcessResult man = test::runHookscope({QStringLiteral("--man")});
        QCOMPARE(man.exitCode, 0);
        QVERIFY2(man.out.contains("[\\-\\-db PATH] \\-\\-id ID [\\-\\-scheme SCHEME|auto] "
                                  "[\\-\\-secret SECRET\n"),
                 man.out.constData());
        // listen and export say "unsigned" where nothing signed a request; verify says
        // missing-header, and its help says so.
        QVERIFY2(QString::fromUtf8(help.out).simplified().contains(
                     u"A request nothing signed, which listen and export call "
                     u"unsigned, reads missing-header here: verify expects a signature to "
                     u"check."),
                 help.out.constData());
    }

    void zzNoSecretInAnyOutput()
    {
        QVERIFY(!m_results.isEmpty());
        for (const ProcessResult &result : std::as_const(m_results)) {
            for (const QByteArray &secret : {kSecret, kOtherSecret}) {
                QVERIFY(!result.out.contains(secret));
                QVERIFY(!result.err.contains(secret));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestVerifyStoredCli)
#include "TestVerifyStoredCli.moc"
