#include "CliRunner.h"
#include "HttpListenProcess.h"
#include "HttpTestClient.h"
#include "InspectorFixtures.h"
#include "cli/ListenCommand.h"
#include "signing/Signing.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using test::HttpListenProcess;

namespace {

// Made-up secrets for this test only.
const QByteArray kCatchAllSecret = "listen-test-catch-all";
const QByteArray kGithubSecret = "listen-test-github";

QString signatureField(const QByteArray &line, const QString &field)
{
    return QJsonDocument::fromJson(line)
        .object()
        .value(QStringLiteral("signature"))
        .toObject()
        .value(field)
        .toString();
}

QString verdictOf(const QByteArray &line)
{
    return signatureField(line, QStringLiteral("verdict"));
}

// A valid, a wrongly signed, a malformed and an unsigned GitHub delivery, in that order.
QList<QByteArray> githubDeliveries()
{
    const QByteArray body = R"({"zen":"Design for failure."})";
    const QByteArray head = "POST /gh HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n";
    return {
        test::signedRequest(u"github"_qs, kGithubSecret, "/gh", body),
        test::signedRequest(u"github"_qs, kCatchAllSecret, "/gh", body),
        head + "X-Hub-Signature-256: sha1=0123\r\n\r\n" + body,
        head + "X-GitHub-Event: push\r\n\r\n" + body,
    };
}

} // namespace

class TestListenVerdicts final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // --reject-invalid: a wrong signature gets 401 with the reason, on the catch-all and on an
    // endpoint, and is stored all the same; a valid or unsigned request gets the usual answer.
    void rejectInvalidAnswers401AndStillStores()
    {
        QTemporaryDir dir;
        HttpListenProcess listen;
        QVERIFY(listen.start(dir.filePath(QStringLiteral("r.sqlite")),
                             {QStringLiteral("--json"), QStringLiteral("--reject-invalid"),
                              QStringLiteral("--scheme"), QStringLiteral("github"),
                              QStringLiteral("--secret"), QString::fromUtf8(kGithubSecret),
                              QStringLiteral("--endpoint"), QStringLiteral("/gh=gh")}));
        const quint16 port = listen.port();
        const QByteArray body = R"({"zen":"Approachable is better than simple."})";
        for (const QByteArray &path : {QByteArray("/"), QByteArray("/gh")}) {
            QCOMPARE(
                test::roundTrip(port, test::signedRequest(u"github"_qs, kGithubSecret, path, body))
                    .status,
                200);
            const test::RawResponse refused = test::roundTrip(
                port, test::signedRequest(u"github"_qs, kCatchAllSecret, path, body));
            QCOMPARE(refused.status, 401);
            QVERIFY2(refused.body.contains("invalid signature"), refused.body.constData());
            QVERIFY(!refused.body.contains(kGithubSecret));
        }
        const QList<QByteArray> lines = listen.waitForLines(4);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(verdictOf(lines.at(0)), QStringLiteral("valid"));
        QCOMPARE(verdictOf(lines.at(1)), QStringLiteral("invalid"));
        QCOMPARE(verdictOf(lines.at(2)), QStringLiteral("valid"));
        QCOMPARE(verdictOf(lines.at(3)), QStringLiteral("invalid"));
        QCOMPARE(listen.terminate(), 0);
    }

    // The text line says an answer other than the usual one: what the sender got matters when
    // it retries.
    void theTextLineShowsAnUnusualAnswer()
    {
        QTemporaryDir dir;
        HttpListenProcess listen;
        QVERIFY(listen.start(dir.filePath(QStringLiteral("t.sqlite")),
                             {QStringLiteral("--reject-invalid"), QStringLiteral("--respond"),
                              QStringLiteral("202"), QStringLiteral("--scheme"),
                              QStringLiteral("github"), QStringLiteral("--secret"),
                              QString::fromUtf8(kGithubSecret)}));
        const quint16 port = listen.port();
        const QByteArray body = R"({"zen":"Speak like a human."})";
        QCOMPARE(test::roundTrip(port, test::signedRequest(u"github"_qs, kGithubSecret, "/", body))
                     .status,
                 202);
        QCOMPARE(
            test::roundTrip(port, test::signedRequest(u"github"_qs, kCatchAllSecret, "/", body))
                .status,
            401);
        const QList<QByteArray> lines = listen.waitForLines(2);
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines.at(0).endsWith(" valid"), lines.at(0).constData());
        QVERIFY2(lines.at(1).contains(" invalid (") && lines.at(1).endsWith(" → 401"),
                 lines.at(1).constData());
        QCOMPARE(listen.terminate(), 0);
    }

    void eachEndpointVerifiesWithItsOwnSchemeAndSecret()
    {
        QTemporaryDir dir;
        const QString secretFile = dir.filePath(QStringLiteral("github.secret"));
        QFile file(secretFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kGithubSecret + '\n'); // editors add a final newline; it is not the key
        file.close();

        HttpListenProcess listen;
        QVERIFY(listen.start(dir.filePath(QStringLiteral("v.sqlite")),
                             {QStringLiteral("--json"), QStringLiteral("--scheme"),
                              QStringLiteral("x-signature"), QStringLiteral("--secret"),
                              QString::fromUtf8(kCatchAllSecret), QStringLiteral("--endpoint"),
                              QStringLiteral("/github=gh"), QStringLiteral("--endpoint-scheme"),
                              QStringLiteral("gh=github"), QStringLiteral("--endpoint-secret-file"),
                              QStringLiteral("gh=") + secretFile}));
        const QByteArray body = R"({"zen":"Keep it logically awesome."})";
        const quint16 port = listen.port();
        QCOMPARE(test::roundTrip(
                     port, test::signedRequest(u"github"_qs, kGithubSecret, "/github/hook", body))
                     .status,
                 200);
        QCOMPARE(test::roundTrip(
                     port, test::signedRequest(u"github"_qs, kCatchAllSecret, "/github/hook", body))
                     .status,
                 200);
        QCOMPARE(test::roundTrip(
                     port, test::signedRequest(u"x-signature"_qs, kCatchAllSecret, "/other", body))
                     .status,
                 200);
        QCOMPARE(
            test::roundTrip(port, "POST /other HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}")
                .status,
            200);

        const QList<QByteArray> lines = listen.waitForLines(4);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(verdictOf(lines.at(0)), u"valid"_qs);
        QCOMPARE(verdictOf(lines.at(1)), u"invalid"_qs);
        QCOMPARE(verdictOf(lines.at(2)), u"valid"_qs);
        QCOMPARE(verdictOf(lines.at(3)), u"missing-header"_qs);
        QCOMPARE(listen.terminate(), 0);

        // The secrets were used, never printed.
        const QByteArray everything
            = listen.firstLine() + lines.join('\n') + listen.standardError();
        QVERIFY(!everything.contains(kCatchAllSecret));
        QVERIFY(!everything.contains(kGithubSecret));
    }

    // One receiver taking GitHub and Stripe: each request is judged with its provider's secret,
    // and a third provider's reads no-secret, not invalid.
    void eachProviderIsJudgedWithTheSecretKeptForIt()
    {
        QTemporaryDir dir;
        const auto secretFile = [&dir](const QString &name, const QByteArray &secret) {
            const QString path = dir.filePath(name);
            QFile file(path);
            if (file.open(QIODevice::WriteOnly))
                file.write(secret + '\n');
            return path;
        };
        const QByteArray stripeSecret = "whsec_listen-test-stripe";
        HttpListenProcess listen;
        QVERIFY(listen.start(dir.filePath(QStringLiteral("p.sqlite")),
                             {QStringLiteral("--json"), QStringLiteral("--scheme-secret-file"),
                              QStringLiteral("github=") + secretFile(u"gh"_qs, kGithubSecret),
                              QStringLiteral("--scheme-secret-file"),
                              QStringLiteral("stripe=") + secretFile(u"st"_qs, stripeSecret)}));
        const QByteArray body = R"({"id":"evt_1","type":"charge.succeeded"})";
        const quint16 port = listen.port();
        for (const QByteArray &request :
             {test::signedRequest(u"github"_qs, kGithubSecret, "/hooks", body),
              test::signedRequest(u"stripe"_qs, stripeSecret, "/hooks", body),
              test::signedRequest(u"github"_qs, stripeSecret, "/hooks", body),
              test::signedRequest(u"patreon"_qs, kCatchAllSecret, "/hooks", body)})
            QCOMPARE(test::roundTrip(port, request).status, 200);
        const QList<QByteArray> lines = listen.waitForLines(4);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(verdictOf(lines.at(0)), u"valid"_qs);
        QCOMPARE(verdictOf(lines.at(1)), u"valid"_qs);
        QCOMPARE(signatureField(lines.at(1), u"scheme"_qs), u"stripe"_qs);
        QCOMPARE(verdictOf(lines.at(2)), u"invalid"_qs);
        QCOMPARE(verdictOf(lines.at(3)), u"no-secret"_qs);
        QVERIFY2(signatureField(lines.at(3), u"detail"_qs)
                     .endsWith(u"Secrets are set for GitHub, Stripe only."_qs),
                 lines.at(3).constData());
        QCOMPARE(listen.terminate(), 0);
        const QByteArray everything
            = listen.firstLine() + lines.join('\n') + listen.standardError();
        QVERIFY(!everything.contains(kGithubSecret));
        QVERIFY(!everything.contains(stripeSecret));
    }

    void aSchemeSecretNeedsAKnownSchemeAndAFile_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown scheme")
            << u"gitlab-ish=/tmp/x"_qs << u"--scheme-secret-file: unknown scheme 'gitlab-ish'"_qs;
        QTest::newRow("no file") << u"github="_qs << u"--scheme-secret-file github=: give "_qs;
        QTest::newRow("no scheme") << u"/tmp/x"_qs << u"--scheme-secret-file /tmp/x: give "_qs;
        QTest::newRow("missing file")
            << u"github=/nonexistent/hookscope-secret"_qs << u"--scheme-secret-file github: "_qs;
    }

    void aSchemeSecretNeedsAKnownSchemeAndAFile()
    {
        QFETCH(QString, spec);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const auto result = test::runHookscope({QStringLiteral("listen"), QStringLiteral("--db"),
                                                dir.filePath(u"e.sqlite"_qs),
                                                QStringLiteral("--port"), QStringLiteral("0"),
                                                QStringLiteral("--scheme-secret-file"), spec});
        QVERIFY(result.exitCode != 0);
        QVERIFY2(QString::fromUtf8(result.err).contains(message), result.err.constData());
    }

    // Review: a headless user saw "invalid" and no reason. The line now ends with the stored
    // detail, short and on one line, for every verdict but valid and no-secret; --json carries
    // the whole detail, the same text `export` gives.
    void aLineEndsWithWhyTheSignatureFailed()
    {
        QTemporaryDir dir;
        const QStringList options {QStringLiteral("--scheme"), QStringLiteral("github"),
                                   QStringLiteral("--secret"), QString::fromUtf8(kGithubSecret)};
        HttpListenProcess listen;
        QVERIFY(listen.start(dir.filePath(QStringLiteral("text.sqlite")), options));
        for (const QByteArray &request : githubDeliveries())
            QCOMPARE(test::roundTrip(listen.port(), request).status, 200);
        const QList<QByteArray> lines = listen.waitForLines(4);
        QCOMPARE(lines.size(), 4);
        QVERIFY2(lines.at(0).endsWith(" B valid"), lines.at(0).constData());
        QVERIFY2(
            lines.at(1).contains(" B invalid (With this secret, the signature does not match "),
            lines.at(1).constData());
        QVERIFY2(lines.at(2).contains(" B malformed-header (The signature in X-Hub-Signature-256 "
                                      "starts with \"sha1=\""),
                 lines.at(2).constData());
        QVERIFY2(lines.at(3).contains(" push missing-header (No "), lines.at(3).constData());
        for (const QByteArray &line : lines.mid(1)) {
            QVERIFY2(line.endsWith(')') && !line.endsWith(".)"), line.constData());
            QVERIFY(!line.contains('\r'));
        }
        QCOMPARE(listen.terminate(), 0);

        // The whole detail in --json, as export has it; no secret in either.
        HttpListenProcess json;
        const QString db = dir.filePath(QStringLiteral("json.sqlite"));
        QVERIFY(json.start(db, QStringList {QStringLiteral("--json")} + options));
        for (const QByteArray &request : githubDeliveries())
            QCOMPARE(test::roundTrip(json.port(), request).status, 200);
        const QList<QByteArray> objects = json.waitForLines(4);
        QCOMPARE(objects.size(), 4);
        QCOMPARE(json.terminate(), 0);
        const auto exported
            = test::runHookscope({QStringLiteral("export"), QStringLiteral("--db"), db,
                                  QStringLiteral("--format"), QStringLiteral("jsonl")});
        QCOMPARE(exported.exitCode, 0);
        const QList<QByteArray> records = exported.out.trimmed().split('\n');
        QCOMPARE(records.size(), 4);
        for (int i = 0; i < 4; ++i) {
            const QString detail = signatureField(objects.at(i), QStringLiteral("detail"));
            QVERIFY2(!detail.isEmpty(), objects.at(i).constData());
            QCOMPARE(detail, signatureField(records.at(i), QStringLiteral("detail")));
        }
        QVERIFY(signatureField(objects.at(1), QStringLiteral("detail"))
                    .startsWith(u"With this secret, the signature does not match"_qs));
        const QByteArray everything = listen.firstLine() + lines.join('\n') + listen.standardError()
            + objects.join('\n') + exported.out;
        QVERIFY(!everything.contains(kGithubSecret));
        QVERIFY(!everything.contains(kCatchAllSecret));
    }

    // The reason is cut at a word with an ellipsis, whitespace folded, so the line stays one.
    void aLongReasonIsCutAtAWord()
    {
        const QString longDetail
            = u"With this secret, the signature does not match HMAC-SHA256 of the body.\n"
              u"It matches the body re-serialized as pretty JSON (two-space indent), which is "
              u"what a framework's parsed-and-dumped body looks like."_qs;
        const QString reason = cli::shortVerdictReason({u"github"_qs, u"invalid"_qs, longDetail});
        QVERIFY2(reason.size() <= 120, qPrintable(reason));
        QVERIFY2(reason.endsWith(u"…"_qs), qPrintable(reason));
        QVERIFY(!reason.contains(u'\n'));
        QVERIFY(reason.startsWith(u"With this secret, the signature does not match HMAC-SHA256 "
                                  u"of the body. It matches"_qs));
        // Whole words only: what comes before the ellipsis is a prefix ending at a word.
        const QString kept = reason.chopped(1);
        QVERIFY(QString(longDetail).replace(u'\n', u' ').startsWith(kept + u' '));

        const QString word = QString(200, u'x');
        QCOMPARE(cli::shortVerdictReason({u"custom"_qs, u"malformed-header"_qs, word}).size(), 120);
        // A short one stays whole, without its final full stop.
        QCOMPARE(
            cli::shortVerdictReason(
                {u"stripe"_qs, u"outside-tolerance"_qs,
                 u"The signature matches, but the timestamp is 1 h old (tolerance 5 min)."_qs}),
            u"The signature matches, but the timestamp is 1 h old (tolerance 5 min)"_qs);
        // Nothing to explain for valid, no-secret, or a request never checked.
        QCOMPARE(cli::shortVerdictReason({u"github"_qs, u"valid"_qs,
                                          u"The GitHub signature is "
                                          u"valid."_qs}),
                 QString());
        QCOMPARE(cli::shortVerdictReason({{}, u"no-secret"_qs, u"No secret."_qs}), QString());
        QCOMPARE(cli::shortVerdictReason({}), QString());
    }

    void anUnknownSchemeIsAUsageError()
    {
        QTemporaryDir dir;
        HttpListenProcess listen;
        QVERIFY(!listen.start(dir.filePath(QStringLiteral("u.sqlite")),
                              {QStringLiteral("--scheme"), QStringLiteral("rot13")}, 5000));
        QVERIFY(listen.standardError().contains("unknown scheme 'rot13'"));
    }

    // Review: `listen --scheme github` without a secret started silently, then marked every
    // request no-secret; it now says so at the start, for the catch-all and for an endpoint.
    void aSchemeWithoutASecretIsNoted()
    {
        qunsetenv("HOOKSCOPE_SECRET");
        QTemporaryDir dir;
        HttpListenProcess listen;
        QVERIFY(listen.start(dir.filePath(QStringLiteral("n.sqlite")),
                             {QStringLiteral("--scheme"), QStringLiteral("github"),
                              QStringLiteral("--endpoint"), QStringLiteral("/stripe=st"),
                              QStringLiteral("--endpoint-scheme"), QStringLiteral("st=stripe")}));
        QCOMPARE(listen.terminate(), 0);
        const QByteArray err = listen.standardError();
        QVERIFY2(err.contains("note: the catch-all uses scheme github but has no secret, so its "
                              "requests will be marked no-secret"),
                 err.constData());
        QVERIFY2(err.contains("note: endpoint 'st' uses scheme stripe but has no secret"),
                 err.constData());

        // With a secret, no note.
        QFile secret(dir.filePath(QStringLiteral("gh.secret")));
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write("fake-listen-secret-3");
        secret.close();
        HttpListenProcess quiet;
        QVERIFY(quiet.start(dir.filePath(QStringLiteral("q.sqlite")),
                            {QStringLiteral("--scheme"), QStringLiteral("github"),
                             QStringLiteral("--secret-file"), secret.fileName()}));
        QCOMPARE(quiet.terminate(), 0);
        QVERIFY2(!quiet.standardError().contains("note:"), quiet.standardError().constData());
    }
};

QTEST_GUILESS_MAIN(TestListenVerdicts)
#include "TestListenVerdicts.moc"
