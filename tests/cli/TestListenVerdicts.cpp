#include "HttpListenProcess.h"
#include "HttpTestClient.h"
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

QByteArray signedRequest(const QString &scheme, const QByteArray &secret, const QByteArray &path,
                         const QByteArray &body)
{
    const signing::SignResult signature = signing::sign(scheme, secret, body);
    QByteArray request = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const HeaderField &field : signature.headers)
        request += field.name + ": " + field.value + "\r\n";
    return request + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QString verdictOf(const QByteArray &line)
{
    return QJsonDocument::fromJson(line)
        .object()
        .value(QStringLiteral("signature"))
        .toObject()
        .value(QStringLiteral("verdict"))
        .toString();
}

} // namespace

class TestListenVerdicts final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
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
        QCOMPARE(
            test::roundTrip(port, signedRequest(u"github"_qs, kGithubSecret, "/github/hook", body))
                .status,
            200);
        QCOMPARE(test::roundTrip(port,
                                 signedRequest(u"github"_qs, kCatchAllSecret, "/github/hook", body))
                     .status,
                 200);
        QCOMPARE(
            test::roundTrip(port, signedRequest(u"x-signature"_qs, kCatchAllSecret, "/other", body))
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
