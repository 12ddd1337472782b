#include "CliRunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {

// Distinctive, fake: the test fails if any output ever contains it.
const QByteArray kSecret = "hs-FAKE-secret-7Qx9Lm2Rv";

} // namespace

// `hookscope sign` and `hookscope verify` through the real binary: exit codes, output formats,
// exact body bytes, and that no secret is ever printed.
class TestSignVerifyCli final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QList<test::ProcessResult> m_results; // every run, checked for the secret at the end

    QString write(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(content);
        return path;
    }

    test::ProcessResult run(const QStringList &arguments, const QByteArray &stdinData = {})
    {
        const test::ProcessResult result = test::runHookscope(arguments, stdinData);
        m_results.append(result);
        return result;
    }

    QString secretFile() { return write(QStringLiteral("secret.txt"), kSecret + '\n'); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qunsetenv("HOOKSCOPE_SECRET");
    }

    void signPrintsTheHeadersOfThePublishedGithubVector()
    {
        // github/docs "Testing the webhook payload validation" (see /work/shared/vectors).
        const QString body = write(QStringLiteral("hello.txt"), "Hello, World!");
        const auto result
            = run({QStringLiteral("sign"), QStringLiteral("--scheme"), QStringLiteral("github"),
                   QStringLiteral("--secret"), QStringLiteral("It's a Secret to Everybody"),
                   QStringLiteral("--body-file"), body});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.startsWith("X-Hub-Signature-256: sha256=757107ea0eb2509fc211221cce984b8a"
                                      "37570b6d7586c22c46f4379c8b043e17\n"));
        QVERIFY(result.err.isEmpty());
    }

    // Several headers as "Name: value" lines do not survive curl -H "$(...)" whole: --json
    // gives a script each one, in order, and they verify.
    void signJsonGivesEachHeaderInOrder()
    {
        const QString body = write(QStringLiteral("slack.json"), R"({"type":"event_callback"})");
        const auto result
            = run({QStringLiteral("sign"), QStringLiteral("--scheme"), QStringLiteral("slack"),
                   QStringLiteral("--secret"), QString::fromUtf8(kSecret),
                   QStringLiteral("--timestamp"), QStringLiteral("1700000000"),
                   QStringLiteral("--json"), QStringLiteral("--body-file"), body});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out.count('\n'), 1);
        QJsonParseError error;
        const QJsonObject object = QJsonDocument::fromJson(result.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(object[u"scheme"].toString(), u"slack"_qs);
        const QJsonArray headers = object[u"headers"].toArray();
        QCOMPARE(headers.size(), 2);
        QCOMPARE(headers[0].toArray()[0].toString(), u"X-Slack-Signature"_qs);
        QVERIFY(headers[0].toArray()[1].toString().startsWith(u"v0="_qs));
        QCOMPARE(headers[1].toArray()[0].toString(), u"X-Slack-Request-Timestamp"_qs);
        QCOMPARE(headers[1].toArray()[1].toString(), u"1700000000"_qs);

        // The same headers as the text output, which verify reads.
        QByteArray lines;
        for (const QJsonValue &pair : headers)
            lines += pair.toArray()[0].toString().toUtf8() + ": "
                + pair.toArray()[1].toString().toUtf8() + '\n';
        const auto text = run({QStringLiteral("sign"), QStringLiteral("--scheme"),
                               QStringLiteral("slack"), QStringLiteral("--secret"),
                               QString::fromUtf8(kSecret), QStringLiteral("--timestamp"),
                               QStringLiteral("1700000000"), QStringLiteral("--body-file"), body});
        QCOMPARE(lines, text.out);
    }

    void anEventTheSchemeCannotCarryIsSaid()
    {
        const QString body = write(QStringLiteral("ev.json"), R"({"id":"evt_1"})");
        const auto run_ = [&](const QString &scheme) {
            return run({QStringLiteral("sign"), QStringLiteral("--scheme"), scheme,
                        QStringLiteral("--secret-file"), secretFile(), QStringLiteral("--event"),
                        QStringLiteral("pledges:create"), QStringLiteral("--body-file"), body});
        };
        const auto patreon = run_(QStringLiteral("patreon"));
        QCOMPARE(patreon.exitCode, 0);
        QVERIFY2(patreon.out.contains("X-Patreon-Event: pledges:create\n"), patreon.out);
        QVERIFY2(patreon.err.isEmpty(), patreon.err);

        const auto stripe = run_(QStringLiteral("stripe"));
        QCOMPARE(stripe.exitCode, 0);
        QVERIFY(stripe.out.startsWith("Stripe-Signature: t="));
        QVERIFY(!stripe.out.contains("pledges:create"));
        QCOMPARE(stripe.err,
                 QByteArray("hookscope sign: note: Stripe has no event header, so "
                            "--event is not printed\n"));
    }

    // An option the scheme has no use for is said, as --event is: the headers are what was
    // asked for, but not what the user meant.
    void aTimestampOrIdTheSchemeDoesNotSignIsSaid()
    {
        const QString body = write(QStringLiteral("gh.json"), R"({"zen":"x"})");
        const auto github
            = run({QStringLiteral("sign"), QStringLiteral("--scheme"), QStringLiteral("github"),
                   QStringLiteral("--secret-file"), secretFile(), QStringLiteral("--timestamp"),
                   QStringLiteral("1700000000"), QStringLiteral("--body-file"), body});
        QCOMPARE(github.exitCode, 0);
        QCOMPARE(github.err,
                 QByteArray("hookscope sign: note: GitHub signs no timestamp, so "
                            "--timestamp is not used\n"));
        const auto stripe
            = run({QStringLiteral("sign"), QStringLiteral("--scheme"), QStringLiteral("stripe"),
                   QStringLiteral("--secret-file"), secretFile(), QStringLiteral("--timestamp"),
                   QStringLiteral("1700000000"), QStringLiteral("--id"), QStringLiteral("evt_1"),
                   QStringLiteral("--body-file"), body});
        QCOMPARE(stripe.exitCode, 0);
        QVERIFY(stripe.out.startsWith("Stripe-Signature: t=1700000000,v1="));
        QCOMPARE(stripe.err,
                 QByteArray("hookscope sign: note: Stripe sends no webhook id, so "
                            "--id is not used\n"));
        const auto standard
            = run({QStringLiteral("sign"), QStringLiteral("--scheme"),
                   QStringLiteral("standard-webhooks"), QStringLiteral("--secret"),
                   u"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_qs, QStringLiteral("--timestamp"),
                   QStringLiteral("1700000000"), QStringLiteral("--id"), QStringLiteral("msg_1"),
                   QStringLiteral("--body-file"), body});
        QCOMPARE(standard.exitCode, 0);
        QVERIFY2(standard.err.isEmpty(), standard.err);
    }

    void aTimestampInMillisecondsIsSaid()
    {
        const QString body = write(QStringLiteral("ms.json"), R"({"id":"evt_1"})");
        const auto result
            = run({QStringLiteral("sign"), QStringLiteral("--scheme"), QStringLiteral("stripe"),
                   QStringLiteral("--secret-file"), secretFile(), QStringLiteral("--timestamp"),
                   QStringLiteral("1795441043123"), QStringLiteral("--body-file"), body});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.startsWith("Stripe-Signature: t=1795441043123,v1="));
        QVERIFY2(result.err.contains("--timestamp 1795441043123 looks like milliseconds"),
                 result.err);
        const auto seconds
            = run({QStringLiteral("sign"), QStringLiteral("--scheme"), QStringLiteral("stripe"),
                   QStringLiteral("--secret-file"), secretFile(), QStringLiteral("--timestamp"),
                   QStringLiteral("1795441043"), QStringLiteral("--body-file"), body});
        QCOMPARE(seconds.exitCode, 0);
        QVERIFY2(seconds.err.isEmpty(), seconds.err);
        // GitHub signs no timestamp: it is not used, milliseconds or not.
        const auto github
            = run({QStringLiteral("sign"), QStringLiteral("--scheme"), QStringLiteral("github"),
                   QStringLiteral("--secret-file"), secretFile(), QStringLiteral("--timestamp"),
                   QStringLiteral("1795441043123"), QStringLiteral("--body-file"), body});
        QCOMPARE(github.exitCode, 0);
        QVERIFY2(!github.err.contains("milliseconds"), github.err);
        QVERIFY2(github.err.contains("GitHub signs no timestamp"), github.err);
    }

    void signOutputFeedsVerify()
    {
        const QString body = write(QStringLiteral("event.json"), R"({"id":"evt_1"})");
        const auto signature
            = run({QStringLiteral("sign"), QStringLiteral("--scheme"), QStringLiteral("stripe"),
                   QStringLiteral("--secret-file"), secretFile(), QStringLiteral("--timestamp"),
                   QStringLiteral("1700000000"), QStringLiteral("--body-file"), body});
        QCOMPARE(signature.exitCode, 0);
        QVERIFY(signature.out.startsWith("Stripe-Signature: t=1700000000,v1="));
        const QString headers = write(QStringLiteral("headers.txt"), signature.out);

        const auto valid
            = run({QStringLiteral("verify"), QStringLiteral("--scheme"), QStringLiteral("auto"),
                   QStringLiteral("--secret-file"), secretFile(), QStringLiteral("--headers-file"),
                   headers, QStringLiteral("--now"), QStringLiteral("1700000100"),
                   QStringLiteral("--body-file"), body});
        QCOMPARE(valid.exitCode, 0);
        QVERIFY2(valid.out.contains("verdict:   valid\n"), valid.out.constData());
        QVERIFY(valid.out.contains("scheme:    stripe\n"));

        const auto stale
            = run({QStringLiteral("verify"), QStringLiteral("--secret-file"), secretFile(),
                   QStringLiteral("--headers-file"), headers, QStringLiteral("--now"),
                   QStringLiteral("1700009999"), QStringLiteral("--body-file"), body});
        QCOMPARE(stale.exitCode, 1);
        QVERIFY(stale.out.contains("verdict:   outside-tolerance\n"));

        const auto ignored
            = run({QStringLiteral("verify"), QStringLiteral("--secret-file"), secretFile(),
                   QStringLiteral("--headers-file"), headers, QStringLiteral("--now"),
                   QStringLiteral("1700009999"), QStringLiteral("--ignore-tolerance"),
                   QStringLiteral("--body-file"), body});
        QCOMPARE(ignored.exitCode, 0);
    }

    void verifyExplainsAFailure()
    {
        const QString pretty = write(QStringLiteral("pretty.json"), "{\n  \"a\": 1\n}");
        const QString compact = write(QStringLiteral("compact.json"), R"({"a":1})");
        const auto signature
            = run({QStringLiteral("sign"), QStringLiteral("--scheme"),
                   QStringLiteral("x-signature"), QStringLiteral("--secret"),
                   QString::fromUtf8(kSecret), QStringLiteral("--body-file"), compact});
        QCOMPARE(signature.exitCode, 0);
        const QString header = QString::fromUtf8(signature.out.trimmed());
        const auto result = run({QStringLiteral("verify"), QStringLiteral("--scheme"),
                                 QStringLiteral("x-signature"), QStringLiteral("--secret"),
                                 QString::fromUtf8(kSecret), QStringLiteral("--header"), header,
                                 QStringLiteral("--body-file"), pretty});
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.out.contains("verdict:   invalid\n"));
        QVERIFY2(result.out.contains("diagnosis: This matches the body as compact JSON"),
                 result.out.constData());
        QVERIFY(result.out.contains("expected:  "));
        QVERIFY(result.out.contains("received:  "));
    }

    void jsonOutput_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("verdict");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("valid") << QStringLiteral("payload") << QStringLiteral("valid") << 0;
        QTest::newRow("invalid") << QStringLiteral("payload!") << QStringLiteral("invalid") << 1;
    }

    void jsonOutput()
    {
        QFETCH(QString, body);
        QFETCH(QString, verdict);
        QFETCH(int, exitCode);
        const QString signedBody = write(QStringLiteral("signed.txt"), "payload");
        const QString sentBody = write(QStringLiteral("sent.txt"), body.toUtf8());
        const auto signature
            = run({QStringLiteral("sign"), QStringLiteral("--scheme"), QStringLiteral("shopify"),
                   QStringLiteral("--secret"), QString::fromUtf8(kSecret),
                   QStringLiteral("--body-file"), signedBody});
        const QString headers = write(QStringLiteral("shopify.txt"), signature.out);
        const auto result
            = run({QStringLiteral("verify"), QStringLiteral("--scheme"), QStringLiteral("shopify"),
                   QStringLiteral("--secret"), QString::fromUtf8(kSecret),
                   QStringLiteral("--headers-file"), headers, QStringLiteral("--json"),
                   QStringLiteral("--body-file"), sentBody});
        QCOMPARE(result.exitCode, exitCode);
        QCOMPARE(result.out.count('\n'), 1); // one JSON object on one line
        QJsonParseError error;
        const QJsonObject object = QJsonDocument::fromJson(result.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(object[u"verdict"].toString(), verdict);
        QCOMPARE(object[u"scheme"].toString(), QStringLiteral("shopify"));
        for (const char *key :
             {"detail", "received", "expected", "diagnosis", "matched_index", "explained"})
            QVERIFY2(object.contains(QLatin1String(key)), key);
        QVERIFY(!object.contains(u"matchedIndex"));
        if (verdict == u"valid")
            QCOMPARE(object[u"matched_index"].toInt(), 1);
        else
            QVERIFY(object[u"matched_index"].isNull());
        QCOMPARE(object[u"received"].toString().toUtf8(),
                 signature.out.trimmed().mid(qsizetype(strlen("X-Shopify-Hmac-Sha256: "))));
    }

    void everyVerdictHasItsExitCode_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("verdict");
        QTest::newRow("missing-header")
            << QStringList {QStringLiteral("--header"), QStringLiteral("Content-Type: text/plain")}
            << QStringLiteral("missing-header");
        QTest::newRow("malformed-header")
            << QStringList {QStringLiteral("--header"), QStringLiteral("X-Signature: zz")}
            << QStringLiteral("malformed-header");
        QTest::newRow("no-secret")
            << QStringList {QStringLiteral("--header"), QStringLiteral("X-Signature: abcd"),
                            QStringLiteral("--no-secret")}
            << QStringLiteral("no-secret");
    }

    void everyVerdictHasItsExitCode()
    {
        QFETCH(QStringList, extra);
        QFETCH(QString, verdict);
        const QString body = write(QStringLiteral("b.txt"), "x");
        QStringList arguments {QStringLiteral("verify"), QStringLiteral("--json"),
                               QStringLiteral("--body-file"), body};
        if (!extra.removeAll(QStringLiteral("--no-secret")))
            arguments << QStringLiteral("--secret") << QString::fromUtf8(kSecret);
        const auto result = run(arguments + extra);
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(QJsonDocument::fromJson(result.out).object()[u"verdict"].toString(), verdict);
    }

    // A GitHub delivery from a webhook without a secret has GitHub's event header and no
    // signature: the verdict names GitHub and says why, instead of "no known scheme".
    void anUnsignedDeliveryIsTracedToItsProvider()
    {
        const QString body = write(QStringLiteral("b.txt"), "{}");
        const auto result = run({QStringLiteral("verify"), QStringLiteral("--json"),
                                 QStringLiteral("--body-file"), body, QStringLiteral("--secret"),
                                 QString::fromUtf8(kSecret), QStringLiteral("--header"),
                                 QStringLiteral("X-GitHub-Event: push")});
        QCOMPARE(result.exitCode, 1);
        const QJsonObject verdict = QJsonDocument::fromJson(result.out).object();
        QCOMPARE(verdict[u"verdict"].toString(), u"missing-header"_qs);
        QCOMPARE(verdict[u"scheme"].toString(), u"github"_qs);
        QVERIFY2(verdict[u"detail"].toString().startsWith(
                     u"It came from GitHub (X-GitHub-Event) without GitHub's signature header"),
                 qPrintable(verdict[u"detail"].toString()));
    }

    void usageErrorsExitTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        const QString body = write(QStringLiteral("u.txt"), "x");
        const QString secret = QString::fromUtf8(kSecret);
        QTest::newRow("sign without scheme")
            << QStringList {QStringLiteral("sign"), QStringLiteral("--secret"), secret,
                            QStringLiteral("--body-file"), body};
        QTest::newRow("sign unknown scheme") << QStringList {QStringLiteral("sign"),
                                                             QStringLiteral("--scheme"),
                                                             QStringLiteral("nope"),
                                                             QStringLiteral("--secret"),
                                                             secret,
                                                             QStringLiteral("--body-file"),
                                                             body};
        QTest::newRow("sign without secret")
            << QStringList {QStringLiteral("sign"), QStringLiteral("--scheme"),
                            QStringLiteral("github"), QStringLiteral("--body-file"), body};
        QTest::newRow("sign without body")
            << QStringList {QStringLiteral("sign"), QStringLiteral("--scheme"),
                            QStringLiteral("github"), QStringLiteral("--secret"), secret};
        QTest::newRow("sign bad timestamp") << QStringList {QStringLiteral("sign"),
                                                            QStringLiteral("--scheme"),
                                                            QStringLiteral("stripe"),
                                                            QStringLiteral("--secret"),
                                                            secret,
                                                            QStringLiteral("--timestamp"),
                                                            QStringLiteral("soon"),
                                                            QStringLiteral("--body-file"),
                                                            body};
        QTest::newRow("sign custom without spec") << QStringList {QStringLiteral("sign"),
                                                                  QStringLiteral("--scheme"),
                                                                  QStringLiteral("custom"),
                                                                  QStringLiteral("--secret"),
                                                                  secret,
                                                                  QStringLiteral("--body-file"),
                                                                  body};
        QTest::newRow("sign bad custom") << QStringList {QStringLiteral("sign"),
                                                         QStringLiteral("--scheme"),
                                                         QStringLiteral("custom"),
                                                         QStringLiteral("--custom"),
                                                         QStringLiteral("alg=sha3"),
                                                         QStringLiteral("--secret"),
                                                         secret,
                                                         QStringLiteral("--body-file"),
                                                         body};
        QTest::newRow("sign twilio without url") << QStringList {QStringLiteral("sign"),
                                                                 QStringLiteral("--scheme"),
                                                                 QStringLiteral("twilio"),
                                                                 QStringLiteral("--secret"),
                                                                 secret,
                                                                 QStringLiteral("--body-file"),
                                                                 body};
        QTest::newRow("sign unknown option")
            << QStringList {QStringLiteral("sign"), QStringLiteral("--frobnicate")};
        QTest::newRow("verify without body")
            << QStringList {QStringLiteral("verify"), QStringLiteral("--secret"), secret};
        QTest::newRow("verify unknown scheme")
            << QStringList {QStringLiteral("verify"), QStringLiteral("--scheme"),
                            QStringLiteral("nope"), QStringLiteral("--body-file"), body};
        QTest::newRow("verify bad header")
            << QStringList {QStringLiteral("verify"), QStringLiteral("--header"),
                            QStringLiteral("no colon"), QStringLiteral("--body-file"), body};
        QTest::newRow("verify both secrets") << QStringList {QStringLiteral("verify"),
                                                             QStringLiteral("--secret"),
                                                             secret,
                                                             QStringLiteral("--secret-file"),
                                                             body,
                                                             QStringLiteral("--body-file"),
                                                             body};
        QTest::newRow("verify bad now")
            << QStringList {QStringLiteral("verify"), QStringLiteral("--now"),
                            QStringLiteral("later"), QStringLiteral("--body-file"), body};
        QTest::newRow("verify extra argument") << QStringList {
            QStringLiteral("verify"), QStringLiteral("stray"), QStringLiteral("--body-file"), body};
    }

    void usageErrorsExitTwo()
    {
        QFETCH(QStringList, arguments);
        const auto result = run(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.out.isEmpty());
        QVERIFY2(result.err.startsWith("hookscope " + arguments.first().toUtf8() + ": "),
                 result.err.constData());
    }

    // matched_index counts as the text does: "signature 2 of 2 matched" is 2.
    void matchedIndexCountsFromOne()
    {
        const QString body = write(QStringLiteral("m.txt"), "payload");
        const QString secret = QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"); // made up
        const auto signature = run({QStringLiteral("sign"), QStringLiteral("--scheme"),
                                    QStringLiteral("standard-webhooks"), QStringLiteral("--secret"),
                                    secret, QStringLiteral("--body-file"), body});
        QCOMPARE(signature.exitCode, 0);
        QByteArray headers = signature.out;
        headers.replace("webhook-signature: v1,",
                        "webhook-signature: v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= v1,");
        const auto result
            = run({QStringLiteral("verify"), QStringLiteral("--secret"), secret,
                   QStringLiteral("--headers-file"), write(QStringLiteral("two.txt"), headers),
                   QStringLiteral("--json"), QStringLiteral("--body-file"), body});
        QCOMPARE(result.exitCode, 0);
        const QJsonObject object = QJsonDocument::fromJson(result.out).object();
        QVERIFY2(object[u"detail"].toString().contains(u"signature 2 of 2"),
                 result.out.constData());
        QCOMPARE(object[u"matched_index"].toInt(), 2);
    }

    void anEmptySecretFileIsSaidPlainly()
    {
        const QString body = write(QStringLiteral("e.txt"), "x");
        const QString empty = write(QStringLiteral("empty.secret"), "\n");
        const auto result = run({QStringLiteral("verify"), QStringLiteral("--secret-file"), empty,
                                 QStringLiteral("--header"), QStringLiteral("X-Signature: abcd"),
                                 QStringLiteral("--body-file"), body});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("the secret file " + empty.toUtf8() + " is empty"),
                 result.err.constData());
        QVERIFY(!result.out.contains("no secret is set"));
    }

    void secretsThatCannotBeDecodedAreRefused_data()
    {
        QTest::addColumn<QStringList>("scheme");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QByteArray>("expected");
        const QString custom = QStringLiteral("--custom");
        const QStringList customScheme {QStringLiteral("--scheme"), QStringLiteral("custom")};
        QTest::newRow("custom hex")
            << customScheme + QStringList {custom, u"header=X-Sig,secret=hex"_qs}
            << u"ZZFAKESECRETq7x9"_qs << QByteArray("hex digits");
        QTest::newRow("custom base64")
            << customScheme + QStringList {custom, u"header=X-Sig,secret=base64"_qs}
            << u"not base64 !!"_qs << QByteArray("base64");
        QTest::newRow("custom whsec")
            << customScheme + QStringList {custom, u"header=X-Sig,secret=whsec"_qs} << u"abc"_qs
            << QByteArray("whsec_ followed by base64");
        QTest::newRow("standard-webhooks")
            << QStringList {QStringLiteral("--scheme"), QStringLiteral("standard-webhooks")}
            << u"whsec_ZZFAKE!!"_qs << QByteArray("whsec_ followed by base64");
    }

    void secretsThatCannotBeDecodedAreRefused()
    {
        QFETCH(QStringList, scheme);
        QFETCH(QString, secret);
        QFETCH(QByteArray, expected);
        const QString body = write(QStringLiteral("d.txt"), "x");
        const auto result = run(QStringList {QStringLiteral("sign"), QStringLiteral("--secret"),
                                             secret, QStringLiteral("--body-file"), body}
                                + scheme);
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.out.isEmpty());
        QVERIFY2(result.err.contains(expected), result.err.constData());
        QVERIFY2(!result.err.contains(secret.toUtf8()), "the secret was echoed");
    }

    void bodyBytesAreUsedExactly()
    {
        // The same text with and without a final newline signs differently; stdin keeps bytes.
        const QString withNewline = write(QStringLiteral("nl.txt"), "abc\n");
        const QString without = write(QStringLiteral("no-nl.txt"), "abc");
        auto signFile = [this](const QString &path, const QByteArray &input = {}) {
            return run({QStringLiteral("sign"), QStringLiteral("--scheme"),
                        QStringLiteral("x-signature"), QStringLiteral("--secret"),
                        QString::fromUtf8(kSecret), QStringLiteral("--body-file"), path},
                       input)
                .out;
        };
        QVERIFY(signFile(withNewline) != signFile(without));
        QCOMPARE(signFile(QStringLiteral("-"), "abc\n"), signFile(withNewline));
        QCOMPARE(signFile(QStringLiteral("-"), "abc"), signFile(without));

        const QString headers = write(QStringLiteral("nl-headers.txt"), signFile(withNewline));
        const auto fromStdin = run({QStringLiteral("verify"), QStringLiteral("--secret"),
                                    QString::fromUtf8(kSecret), QStringLiteral("--headers-file"),
                                    headers, QStringLiteral("--body-file"), QStringLiteral("-")},
                                   "abc\n");
        QCOMPARE(fromStdin.exitCode, 0);
        const auto lostNewline = run({QStringLiteral("verify"), QStringLiteral("--secret"),
                                      QString::fromUtf8(kSecret), QStringLiteral("--headers-file"),
                                      headers, QStringLiteral("--body-file"), without});
        QCOMPARE(lostNewline.exitCode, 1);
        QVERIFY(lostNewline.out.contains("trailing newline added"));
    }

    void secretFromTheEnvironment()
    {
        const QString body = write(QStringLiteral("env.txt"), "{}");
        qputenv("HOOKSCOPE_SECRET", kSecret);
        const auto signature
            = run({QStringLiteral("sign"), QStringLiteral("--scheme"), QStringLiteral("patreon"),
                   QStringLiteral("--body-file"), body});
        const QString headers = write(QStringLiteral("env-headers.txt"), signature.out);
        const auto result = run({QStringLiteral("verify"), QStringLiteral("--headers-file"),
                                 headers, QStringLiteral("--body-file"), body});
        qunsetenv("HOOKSCOPE_SECRET");
        QCOMPARE(signature.exitCode, 0);
        QCOMPARE(result.exitCode, 0);
        const auto withoutSecret = run({QStringLiteral("verify"), QStringLiteral("--headers-file"),
                                        headers, QStringLiteral("--body-file"), body});
        QCOMPARE(withoutSecret.exitCode, 1);
        QVERIFY(withoutSecret.out.contains("verdict:   no-secret\n"));
    }

    void twilioAndCustomThroughTheCommandLine()
    {
        const QString form = write(QStringLiteral("form.txt"), "Body=hi&From=%2B15550001111");
        const auto twilio = run(
            {QStringLiteral("sign"), QStringLiteral("--scheme"), QStringLiteral("twilio"),
             QStringLiteral("--secret"), QString::fromUtf8(kSecret), QStringLiteral("--url"),
             QStringLiteral("https://example.test/sms"), QStringLiteral("--body-file"), form});
        QCOMPARE(twilio.exitCode, 0);
        const QString twilioHeaders = write(QStringLiteral("tw.txt"), twilio.out);
        const auto wrongUrl
            = run({QStringLiteral("verify"), QStringLiteral("--secret"), QString::fromUtf8(kSecret),
                   QStringLiteral("--headers-file"), twilioHeaders, QStringLiteral("--url"),
                   QStringLiteral("http://example.test/sms"), QStringLiteral("--body-file"), form});
        QCOMPARE(wrongUrl.exitCode, 1);
        QVERIFY(wrongUrl.out.contains("https instead of http"));

        const QString spec = QStringLiteral("header=X-Sig,alg=sha512,enc=base64,prefix=sig=,"
                                            "content={timestamp}:{body},timestamp-header=X-Ts,"
                                            "tolerance=30");
        const auto custom
            = run({QStringLiteral("sign"), QStringLiteral("--scheme"), QStringLiteral("custom"),
                   QStringLiteral("--custom"), spec, QStringLiteral("--secret"),
                   QString::fromUtf8(kSecret), QStringLiteral("--timestamp"),
                   QStringLiteral("1700000000"), QStringLiteral("--body-file"), form});
        QCOMPARE(custom.exitCode, 0);
        QVERIFY(custom.out.contains("X-Sig: sig="));
        QVERIFY(custom.out.contains("X-Ts: 1700000000\n"));
        const QString customHeaders = write(QStringLiteral("custom.txt"), custom.out);
        const auto verified
            = run({QStringLiteral("verify"), QStringLiteral("--scheme"), QStringLiteral("custom"),
                   QStringLiteral("--custom"), spec, QStringLiteral("--secret"),
                   QString::fromUtf8(kSecret), QStringLiteral("--headers-file"), customHeaders,
                   QStringLiteral("--now"), QStringLiteral("1700000030"),
                   QStringLiteral("--body-file"), form});
        QCOMPARE(verified.exitCode, 0);
    }

    void helpDocumentsSchemesAndTheCustomFormat()
    {
        for (const QString &command : {QStringLiteral("sign"), QStringLiteral("verify")}) {
            const auto result = run({command, QStringLiteral("--help")});
            QCOMPARE(result.exitCode, 0);
            for (const char *text : {"patreon", "x-webhook-signature", "x-signature", "github",
                                     "stripe", "standard-webhooks", "slack", "shopify", "twilio",
                                     "custom", "timestamp-header=", "--secret-file", "--body-file"})
                QVERIFY2(result.out.contains(text), text);
        }
        QVERIFY(run({QStringLiteral("verify"), QStringLiteral("--help")}).out.contains("--json"));
    }

    void otherSecretsAreNamedByFileNeverShown()
    {
        const QString body = write(QStringLiteral("o.txt"), "{}");
        const QString other = write(QStringLiteral("staging-secret"), "hs-FAKE-staging-secret\n");
        const auto signature
            = run({QStringLiteral("sign"), QStringLiteral("--scheme"),
                   QStringLiteral("x-signature"), QStringLiteral("--secret"),
                   QStringLiteral("hs-FAKE-staging-secret"), QStringLiteral("--body-file"), body});
        const QString headers = write(QStringLiteral("o-headers.txt"), signature.out);
        const auto result
            = run({QStringLiteral("verify"), QStringLiteral("--secret"), QString::fromUtf8(kSecret),
                   QStringLiteral("--other-secret-file"), other, QStringLiteral("--headers-file"),
                   headers, QStringLiteral("--body-file"), body});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.out.contains("another secret you configured"), result.out.constData());
        QVERIFY(result.out.contains("staging-secret"));
        QVERIFY(!result.out.contains("hs-FAKE-staging-secret"));
    }

    // Runs last: nothing any command printed in this test class contains the secret.
    // A head pasted from a raw capture: its request line is skipped, the blank line ends it, and
    // what follows (the body) is said to be unused. Anything else malformed names its line.
    void headersFileTakesARawRequestHead()
    {
        const QString body = write(QStringLiteral("raw-body.json"), R"({"action":"created"})");
        const auto signature = run({QStringLiteral("sign"), QStringLiteral("--scheme"),
                                    QStringLiteral("github"), QStringLiteral("--secret-file"),
                                    secretFile(), QStringLiteral("--body-file"), body});
        QCOMPARE(signature.exitCode, 0);
        const QByteArray head = "POST /webhooks/github HTTP/1.1\r\nHost: example.test\r\n"
            + signature.out.trimmed() + "\r\nContent-Type: application/json\r\n\r\n";
        const QStringList verify {QStringLiteral("verify"),
                                  QStringLiteral("--secret-file"),
                                  secretFile(),
                                  QStringLiteral("--body-file"),
                                  body,
                                  QStringLiteral("--headers-file")};
        const auto headOnly = run(verify + QStringList {write(QStringLiteral("head.txt"), head)});
        QCOMPARE(headOnly.exitCode, 0);
        QVERIFY2(headOnly.out.contains("verdict:   valid\n"), headOnly.err.constData());
        QVERIFY(headOnly.err.isEmpty());

        const auto withBody = run(
            verify
            + QStringList {write(QStringLiteral("capture.txt"), head + R"({"action":"created"})")});
        QCOMPARE(withBody.exitCode, 0);
        QVERIFY2(withBody.err.contains("has a body after its blank line; it is not used"),
                 withBody.err.constData());

        const auto secondRequestLine = run(
            verify
            + QStringList {write(QStringLiteral("two.txt"),
                                 "Host: a\nPOST /again HTTP/1.1\n" + signature.out.trimmed())});
        QCOMPARE(secondRequestLine.exitCode, 2);
        QVERIFY2(secondRequestLine.err.contains(
                     "line 2: \"POST /again HTTP/1.1\" is a request line; only the first line"),
                 secondRequestLine.err.constData());

        const auto statusLine = run(
            verify + QStringList {write(QStringLiteral("status.txt"), "HTTP/1.1 200 OK\nA: b\n")});
        QCOMPARE(statusLine.exitCode, 2);
        QVERIFY2(statusLine.err.contains("line 1: \"HTTP/1.1 200 OK\" is a response's status line"),
                 statusLine.err.constData());

        const auto garbage = run(
            verify + QStringList {write(QStringLiteral("garbage.txt"), "A: b\nnot a header\n")});
        QCOMPARE(garbage.exitCode, 2);
        QVERIFY2(garbage.err.contains("line 2: \"not a header\" is not a \"Name: value\" header"),
                 garbage.err.constData());
    }

    // A "sha256=" the scheme does not use, or one it needs and lacks, is said in those words.
    void verifyNamesAnUnexpectedOrMissingPrefix()
    {
        const QString body = write(QStringLiteral("prefix.json"), R"({"id":"evt_9"})");
        const auto bare = run({QStringLiteral("sign"), QStringLiteral("--scheme"),
                               QStringLiteral("x-signature"), QStringLiteral("--secret-file"),
                               secretFile(), QStringLiteral("--body-file"), body});
        QCOMPARE(bare.exitCode, 0);
        const QByteArray hex = bare.out.trimmed().mid(QByteArray("X-Signature: ").size());
        QCOMPARE(hex.size(), 64);
        const auto extra = run({QStringLiteral("verify"), QStringLiteral("--scheme"),
                                QStringLiteral("x-signature"), QStringLiteral("--secret-file"),
                                secretFile(), QStringLiteral("--header"),
                                QStringLiteral("X-Signature: sha256=") + QString::fromLatin1(hex),
                                QStringLiteral("--body-file"), body});
        QCOMPARE(extra.exitCode, 1);
        QVERIFY2(extra.out.contains("has a \"sha256=\" prefix this scheme does not use"),
                 extra.out.constData());

        const auto missing
            = run({QStringLiteral("verify"), QStringLiteral("--scheme"),
                   QStringLiteral("x-webhook-signature"), QStringLiteral("--secret-file"),
                   secretFile(), QStringLiteral("--header"),
                   QStringLiteral("X-Webhook-Signature: ") + QString::fromLatin1(hex),
                   QStringLiteral("--body-file"), body});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.out.contains("has no \"sha256=\" prefix: expected \"sha256=\" before "
                                      "the hex"),
                 missing.out.constData());

        const auto other
            = run({QStringLiteral("verify"), QStringLiteral("--scheme"), QStringLiteral("github"),
                   QStringLiteral("--secret-file"), secretFile(), QStringLiteral("--header"),
                   QStringLiteral("X-Hub-Signature-256: sha1=") + QString::fromLatin1(hex.left(40)),
                   QStringLiteral("--body-file"), body});
        QCOMPARE(other.exitCode, 1);
        QVERIFY2(other.out.contains("starts with \"sha1=\", but this scheme expects \"sha256=\""),
                 other.out.constData());
    }

    // Review: `verify` with no header at all said "missing-header" about a request nobody
    // described, and an empty body (nothing piped in) read as a wrong secret.
    void verifyNeedsHeadersAndNamesAnEmptyBody()
    {
        const QString body = write(QStringLiteral("nonempty.json"), R"({"a":1})");
        const auto noHeaders = run({QStringLiteral("verify"), QStringLiteral("--secret-file"),
                                    secretFile(), QStringLiteral("--body-file"), body});
        QCOMPARE(noHeaders.exitCode, 2);
        QVERIFY2(noHeaders.err.contains("no headers given: pass the request's signature header"),
                 noHeaders.err.constData());

        const auto signature = run({QStringLiteral("sign"), QStringLiteral("--scheme"),
                                    QStringLiteral("github"), QStringLiteral("--secret-file"),
                                    secretFile(), QStringLiteral("--body-file"), body});
        const QString headers = write(QStringLiteral("gh-headers.txt"), signature.out);
        const auto empty = run({QStringLiteral("verify"), QStringLiteral("--secret-file"),
                                secretFile(), QStringLiteral("--headers-file"), headers,
                                QStringLiteral("--body-file"), QStringLiteral("-")},
                               QByteArray());
        QCOMPARE(empty.exitCode, 1);
        QVERIFY2(empty.out.contains("diagnosis: The body is empty (0 bytes): was --body-file the "
                                    "request's body?"),
                 empty.out.constData());
    }

    void zzSecretNeverAppearsInAnyOutput()
    {
        QVERIFY(m_results.size() > 30);
        for (const test::ProcessResult &result : std::as_const(m_results)) {
            QVERIFY(!result.out.contains(kSecret));
            QVERIFY(!result.err.contains(kSecret));
            QVERIFY(!result.out.contains("hs-FAKE-staging-secret"));
        }
    }
};

QTEST_GUILESS_MAIN(TestSignVerifyCli)
#include "TestSignVerifyCli.moc"
