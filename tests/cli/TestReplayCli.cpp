#include "CliRunner.h"
#include "ComposeTestServer.h"
#include "HttpListenProcess.h"
#include "HttpTestClient.h"
#include "signing/Signing.h"
#include "store/RequestStore.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

using namespace hookscope;
using test::HttpListenProcess;

namespace {

// Made-up secrets for this test only.
const QByteArray kOriginalSecret = "replay-original-secret";
const QByteArray kNewSecret = "replay-new-secret";
// Exact bytes, including spacing and a non-ASCII character, that must survive the replay.
const QByteArray kBody = "{\"data\": {\"amount_cents\": 250,  \"note\": \"caf\xc3\xa9\"}}\n";

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

class TestReplayCli final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_sourceDb = m_dir.filePath(QStringLiteral("source.sqlite"));
        HttpListenProcess source;
        QVERIFY(source.start(m_sourceDb));
        const signing::SignResult signature
            = signing::sign(QStringLiteral("patreon"), kOriginalSecret, kBody);
        QByteArray request
            = "POST /hooks/patreon?campaign=7 HTTP/1.1\r\nHost: example.test\r\n"
              "Content-Type: application/json\r\nX-Patreon-Event: pledges:create\r\n";
        for (const HeaderField &field : signature.headers)
            request += field.name + ": " + field.value + "\r\n";
        request += "Content-Length: " + QByteArray::number(kBody.size()) + "\r\n\r\n" + kBody;
        QCOMPARE(test::roundTrip(source.port(), request).status, 200);
        QCOMPARE(source.terminate(), 0);
    }

    void replaysTheSameBytesToTheCapturedPath()
    {
        HttpListenProcess target;
        const QString targetDb = m_dir.filePath(QStringLiteral("target1.sqlite"));
        QVERIFY(target.start(targetDb,
                             {QStringLiteral("--json"), QStringLiteral("--scheme"),
                              QStringLiteral("patreon"), QStringLiteral("--secret"),
                              QString::fromUtf8(kOriginalSecret)}));
        const auto result = test::runHookscope(
            {QStringLiteral("replay"), QStringLiteral("--db"), m_sourceDb, QStringLiteral("--id"),
             QStringLiteral("1"), QStringLiteral("http://127.0.0.1:%1").arg(target.port())});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.startsWith("HTTP 200"));
        const QList<QByteArray> lines = target.waitForLines(1);
        QCOMPARE(lines.size(), 1);
        QCOMPARE(verdictOf(lines.first()), u"valid"_qs);
        QCOMPARE(target.terminate(), 0);

        store::RequestStore store;
        QCOMPARE(store.open(targetDb), QString());
        const std::optional<Capture> replayed = store.load(1);
        QVERIFY(replayed);
        QCOMPARE(replayed->body, kBody);
        QCOMPARE(replayed->target, QByteArray("/hooks/patreon?campaign=7"));
        QCOMPARE(headerValue(replayed->headers, "X-Patreon-Event"), QByteArray("pledges:create"));
    }

    void resignsWithAnotherSecret()
    {
        HttpListenProcess target;
        QVERIFY(target.start(m_dir.filePath(QStringLiteral("target2.sqlite")),
                             {QStringLiteral("--json"), QStringLiteral("--scheme"),
                              QStringLiteral("patreon"), QStringLiteral("--secret"),
                              QString::fromUtf8(kNewSecret)}));
        const QString url = QStringLiteral("http://127.0.0.1:%1/in").arg(target.port());
        const QStringList base {QStringLiteral("replay"), QStringLiteral("--db"), m_sourceDb,
                                QStringLiteral("--id"),   QStringLiteral("1"),    url};
        QCOMPARE(test::runHookscope(base).exitCode, 0);
        const auto resigned = test::runHookscope(base
                                                 + QStringList {QStringLiteral("--resign"),
                                                                QStringLiteral("--secret"),
                                                                QString::fromUtf8(kNewSecret)});
        QCOMPARE(resigned.exitCode, 0);
        QVERIFY(!resigned.out.contains(kNewSecret) && !resigned.err.contains(kNewSecret));
        const QList<QByteArray> lines = target.waitForLines(2);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(verdictOf(lines.at(0)), u"invalid"_qs); // signed with the original secret
        QCOMPARE(verdictOf(lines.at(1)), u"valid"_qs);
        QCOMPARE(target.terminate(), 0);
    }

    // Svix sends the Standard Webhooks headers as svix-*, and its library reads those first: a
    // re-signed Svix delivery keeps its message id and gets its new signature under svix-*.
    void resigningASvixDeliveryKeepsItsHeaderNames()
    {
        const QByteArray oldSecret = "whsec_" + QByteArray("svix-old-secret").toBase64();
        const QByteArray newSecret = "whsec_" + QByteArray("svix-new-secret").toBase64();
        const QByteArray body = R"({"type":"invoice.paid"})";
        signing::SignOptions options;
        options.id = "msg_svix1";
        const signing::SignResult signature
            = signing::sign(QStringLiteral("standard-webhooks"), oldSecret, body, options);
        QVERIFY(signature.ok);
        QByteArray request = "POST /svix HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n";
        for (const HeaderField &field : signature.headers)
            request += "svix-" + field.name.mid(QByteArrayView("webhook-").size()) + ": "
                + field.value + "\r\n";
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        const QString db = m_dir.filePath(QStringLiteral("svix.sqlite"));
        {
            HttpListenProcess source;
            QVERIFY(source.start(db));
            QCOMPARE(test::roundTrip(source.port(), request).status, 200);
            QCOMPARE(source.terminate(), 0);
        }
        QTemporaryFile secretFile;
        QVERIFY(secretFile.open());
        secretFile.write(newSecret);
        secretFile.flush();

        test::ComposeTestServer target;
        const auto result = test::runHookscope(
            {QStringLiteral("replay"), QStringLiteral("--db"), db, QStringLiteral("--id"),
             QStringLiteral("1"), target.url().toString(), QStringLiteral("--resign"),
             QStringLiteral("--secret-file"), secretFile.fileName()});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(target.receivedCount(), 1);
        const HeaderList sent = target.received().first().headers;
        QCOMPARE(headerValue(sent, "svix-id"), QByteArray("msg_svix1"));
        for (const HeaderField &field : sent)
            QVERIFY2(!field.name.startsWith("webhook-"), field.name.constData());
        QCOMPARE(
            signing::verify(QStringLiteral("standard-webhooks"), newSecret, sent, body).verdict,
            u"valid"_qs);
        QCOMPARE(
            signing::verify(QStringLiteral("standard-webhooks"), oldSecret, sent, body).verdict,
            u"invalid"_qs);
    }

    void errorsAreClear()
    {
        QTcpServer closed; // a port that is free, then closed again: connection refused
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        const auto refused = test::runHookscope(
            {QStringLiteral("replay"), QStringLiteral("--db"), m_sourceDb, QStringLiteral("--id"),
             QStringLiteral("1"), QStringLiteral("http://127.0.0.1:%1/").arg(port),
             QStringLiteral("--timeout"), QStringLiteral("5000")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("refused"), refused.err.constData());

        const auto missing = test::runHookscope(
            {QStringLiteral("replay"), QStringLiteral("--db"), m_sourceDb, QStringLiteral("--id"),
             QStringLiteral("99"), QStringLiteral("http://127.0.0.1:1/")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains("no request with id 99"));
        // The id as listen prints it, as export and verify take it.
        const auto asListed = test::runHookscope(
            {QStringLiteral("replay"), QStringLiteral("--db"), m_sourceDb, QStringLiteral("--id"),
             QStringLiteral("#99"), QStringLiteral("http://127.0.0.1:1/")});
        QCOMPARE(asListed.exitCode, 1);
        QVERIFY2(asListed.err.contains("no request with id 99"), asListed.err.constData());

        // A secret file that is not there is an I/O error (1), not a usage error (2).
        const QString noFile = m_dir.filePath(QStringLiteral("missing.secret"));
        const auto noSecret = test::runHookscope(
            {QStringLiteral("replay"), QStringLiteral("--db"), m_sourceDb, QStringLiteral("--id"),
             QStringLiteral("1"), QStringLiteral("http://127.0.0.1:1/"), QStringLiteral("--resign"),
             QStringLiteral("--secret-file"), noFile});
        QCOMPARE(noSecret.exitCode, 1);
        QCOMPARE(noSecret.err,
                 "hookscope replay: cannot read the secret file " + noFile.toUtf8()
                     + ": No such file or directory\n");

        QCOMPARE(test::runHookscope({QStringLiteral("replay"), QStringLiteral("--id"),
                                     QStringLiteral("1"), QStringLiteral("ftp://x/")})
                     .exitCode,
                 2);
        QCOMPARE(
            test::runHookscope({QStringLiteral("replay"), QStringLiteral("http://x/")}).exitCode,
            2);
    }

    // As verify --id and export: a database that is not there is said so, and looking does
    // not leave an empty one (with its -wal, -shm and lock) behind, at --db or the default.
    void aMissingDatabaseIsNotCreated()
    {
        const QString typo = m_dir.filePath(QStringLiteral("typo.sqlite"));
        const auto named = test::runHookscope({QStringLiteral("replay"), QStringLiteral("--db"),
                                               typo, QStringLiteral("--id"), QStringLiteral("1"),
                                               QStringLiteral("http://127.0.0.1:1/")});
        QCOMPARE(named.exitCode, 1);
        QCOMPARE(named.err, "hookscope replay: no database at " + typo.toUtf8() + '\n');
        QVERIFY(named.out.isEmpty());
        QVERIFY(QDir(m_dir.path())
                    .entryList({QStringLiteral("typo.sqlite*")}, QDir::Files | QDir::Hidden)
                    .isEmpty());

        const auto shared
            = test::runHookscope({QStringLiteral("replay"), QStringLiteral("--id"),
                                  QStringLiteral("1"), QStringLiteral("http://127.0.0.1:1/")});
        QCOMPARE(shared.exitCode, 1);
        const QByteArray prefix = "hookscope replay: no database at ";
        QVERIFY2(shared.err.startsWith(prefix) && shared.err.endsWith("/captures.sqlite\n"),
                 shared.err.constData());
        const QString sharedPath = QString::fromUtf8(shared.err.mid(prefix.size()).chopped(1));
        QVERIFY(!QFile::exists(sharedPath));
        QVERIFY(!QFile::exists(sharedPath + QStringLiteral("-wal")));
    }

    void aMalformedCaptureIsNotReplayed()
    {
        const QString db = m_dir.filePath(QStringLiteral("malformed.sqlite"));
        HttpListenProcess source;
        QVERIFY(source.start(db));
        QCOMPARE(test::roundTrip(source.port(), "GARBAGE\r\n\r\n").status, 400);
        QCOMPARE(source.terminate(), 0);

        test::ComposeTestServer target;
        QVERIFY(target.isListening());
        const auto replayed = test::runHookscope({QStringLiteral("replay"), QStringLiteral("--db"),
                                                  db, QStringLiteral("--id"), QStringLiteral("1"),
                                                  target.url().toString()});
        QCOMPARE(replayed.exitCode, 1);
        QVERIFY(replayed.out.isEmpty());
        QVERIFY2(replayed.err.contains("request 1 is malformed (400: "), replayed.err.constData());
        QVERIFY2(replayed.err.contains("cannot be replayed as HTTP"), replayed.err.constData());
        QTest::qWait(200);
        QCOMPARE(target.receivedCount(), 0);
    }

private:
    QTemporaryDir m_dir;
    QString m_sourceDb;
};

QTEST_GUILESS_MAIN(TestReplayCli)
#include "TestReplayCli.moc"
