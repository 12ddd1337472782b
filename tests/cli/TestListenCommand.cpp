#include "CliRunner.h"
#include "ComposeTestServer.h"
#include "HttpListenProcess.h"
#include "HttpTestClient.h"
#include "store/RequestStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <mutex>

using namespace hookscope;
using test::HttpListenProcess;
using test::RawResponse;

class TestListenCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void printsTheAddressFirstThenOneLinePerRequest()
    {
        QTemporaryDir dir;
        HttpListenProcess listen;
        QVERIFY(listen.start(dir.filePath(QStringLiteral("l.sqlite")),
                             {QStringLiteral("--endpoint"), QStringLiteral("/github=gh")}));
        QVERIFY(QRegularExpression(QStringLiteral("^listening on http://127\\.0\\.0\\.1:\\d+$"))
                    .match(QString::fromUtf8(listen.firstLine()))
                    .hasMatch());
        QCOMPARE(test::roundTrip(listen.port(),
                                 "POST /github/x HTTP/1.1\r\nHost: a\r\nX-GitHub-Event: push\r\n"
                                 "Content-Length: 2\r\n\r\n{}")
                     .status,
                 200);
        QCOMPARE(test::roundTrip(listen.port(), "GET /plain HTTP/1.1\r\nHost: a\r\n\r\n").status,
                 200);
        const QList<QByteArray> lines = listen.waitForLines(2);
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines.at(0).startsWith("#1 ")
                     && lines.at(0).contains(" POST /github/x [gh] 2 B push"),
                 lines.at(0).constData());
        QVERIFY2(lines.at(1).contains(" GET /plain [*] 0 B unsigned"), lines.at(1).constData());
        QCOMPARE(listen.terminate(), 0);
        QVERIFY(listen.standardError().contains("stopped; 2 requests"));
    }

    // Slack checks a Request URL before using it: listen echoes the challenge unless told not to.
    void slacksUrlCheckIsAnsweredUnlessTurnedOff()
    {
        const QByteArray body = R"({"token":"t","challenge":"3eZbrw1aBm2rZgRNFdxV","type":)"
                                R"("url_verification"})";
        const QByteArray request = "POST /slack/events HTTP/1.1\r\nHost: localhost\r\n"
                                   "Content-Type: application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        QTemporaryDir dir;
        {
            HttpListenProcess listen;
            QVERIFY(listen.start(dir.filePath(QStringLiteral("h.sqlite"))));
            const RawResponse answer = test::roundTrip(listen.port(), request);
            QCOMPARE(answer.status, 200);
            QCOMPARE(answer.body, QByteArray("3eZbrw1aBm2rZgRNFdxV"));
            QCOMPARE(listen.terminate(), 0);
        }
        HttpListenProcess listen;
        QVERIFY(listen.start(dir.filePath(QStringLiteral("h.sqlite")),
                             {QStringLiteral("--no-handshake")}));
        const RawResponse answer = test::roundTrip(listen.port(), request);
        QCOMPARE(answer.status, 200);
        QVERIFY2(answer.body.startsWith("{\"received\":\""), answer.body.constData());
        QCOMPARE(listen.terminate(), 0);
    }

    void jsonPrintsOneObjectPerLine()
    {
        QTemporaryDir dir;
        HttpListenProcess listen;
        QVERIFY(listen.start(dir.filePath(QStringLiteral("j.sqlite")), {QStringLiteral("--json")}));
        // The first line is JSON too: {"listening":"http://127.0.0.1:PORT"}.
        QJsonParseError firstError;
        const QJsonObject first = QJsonDocument::fromJson(listen.firstLine(), &firstError).object();
        QCOMPARE(firstError.error, QJsonParseError::NoError);
        QCOMPARE(first.value(QStringLiteral("listening")).toString(),
                 QStringLiteral("http://127.0.0.1:%1").arg(listen.port()));
        QCOMPARE(
            test::roundTrip(listen.port(),
                            "POST /s?x=1 HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                            "Content-Length: 24\r\n\r\n{\"type\":\"invoice.paid\"}\n")
                .status,
            200);
        const QList<QByteArray> lines = listen.waitForLines(1);
        QCOMPARE(lines.size(), 1);
        QJsonParseError error;
        const QJsonObject object = QJsonDocument::fromJson(lines.first(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(object.value(QStringLiteral("id")).toInt(), 1);
        QVERIFY(object.value(QStringLiteral("received_at")).toString().endsWith(u'Z'));
        QCOMPARE(object.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
        QCOMPARE(object.value(QStringLiteral("target")).toString(), QStringLiteral("/s?x=1"));
        QCOMPARE(object.value(QStringLiteral("endpoint")).toString(), QString());
        QCOMPARE(object.value(QStringLiteral("content_type")).toString(),
                 QStringLiteral("application/json"));
        QCOMPARE(object.value(QStringLiteral("body_size")).toInt(), 24);
        QCOMPARE(object.value(QStringLiteral("event")).toString(), QStringLiteral("invoice.paid"));
        QCOMPARE(
            object.value(QStringLiteral("signature")).toObject().value(QStringLiteral("verdict")),
            QStringLiteral("unsigned"));
        QCOMPARE(listen.terminate(), 0);
    }

    // A broken sender's request is printed with why it was refused, and a target that is not
    // UTF-8 with its exact bytes: the same fields `export` writes.
    void jsonCarriesTheParseErrorAndExactTarget()
    {
        QTemporaryDir dir;
        HttpListenProcess listen;
        QVERIFY(listen.start(dir.filePath(QStringLiteral("m.sqlite")), {QStringLiteral("--json")}));
        QCOMPARE(test::roundTrip(listen.port(), "GET /caf\xe9 HTTP/1.1\r\nHost: a\r\n\r\n").status,
                 200);
        QCOMPARE(test::roundTrip(listen.port(),
                                 "POST /m HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n"
                                 "Content-Length: 2\r\n\r\nab")
                     .status,
                 400);
        const QList<QByteArray> lines = listen.waitForLines(2);
        QCOMPARE(lines.size(), 2);
        const QJsonObject latin1 = QJsonDocument::fromJson(lines.at(0)).object();
        QCOMPARE(latin1.value(QStringLiteral("target")).toString(), QStringLiteral("/caf\ufffd"));
        QCOMPARE(QByteArray::fromBase64(
                     latin1.value(QStringLiteral("target_base64")).toString().toLatin1()),
                 QByteArray("/caf\xe9"));
        QVERIFY(!latin1.contains(QStringLiteral("parse_error")));
        const QJsonObject broken = QJsonDocument::fromJson(lines.at(1)).object();
        QCOMPARE(broken.value(QStringLiteral("malformed")).toBool(), true);
        // The answer's status under export's name for it.
        QCOMPARE(broken.value(QStringLiteral("response_status")).toInt(), 400);
        QVERIFY(!broken.contains(QStringLiteral("status")));
        QCOMPARE(latin1.value(QStringLiteral("response_status")).toInt(), 200);
        QVERIFY2(broken.value(QStringLiteral("parse_error"))
                     .toString()
                     .contains(u"content-length", Qt::CaseInsensitive),
                 lines.at(1).constData());
        QVERIFY(!broken.contains(QStringLiteral("target_base64")));
        QCOMPARE(listen.terminate(), 0);
    }

    void textLineSaysWhyARequestWasMalformed()
    {
        QTemporaryDir dir;
        HttpListenProcess listen;
        QVERIFY(listen.start(dir.filePath(QStringLiteral("t.sqlite"))));
        QCOMPARE(test::roundTrip(listen.port(), "GET / HTTP/1.1\r\n\r\n").status, 400);
        const QList<QByteArray> lines = listen.waitForLines(1);
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.at(0).contains(" malformed (400: ") && lines.at(0).contains("Host"),
                 lines.at(0).constData());
        QCOMPARE(listen.terminate(), 0);
    }

    // Garbage with no request line has no method or target to print: the line shows the bytes
    // that came, quoted and escaped, where they would be, then why it was refused.
    void garbageShowsTheBytesThatCame()
    {
        QTemporaryDir dir;
        HttpListenProcess listen;
        QVERIFY(listen.start(dir.filePath(QStringLiteral("g.sqlite"))));
        QCOMPARE(test::roundTrip(listen.port(), "GARBAGE\r\n\r\n").status, 400);
        QCOMPARE(test::roundTrip(listen.port(), "\x1b[2J\"quoted\" \\ \x7f\r\n\r\n").status, 400);
        const QList<QByteArray> lines = listen.waitForLines(2);
        QCOMPARE(lines.size(), 2);
        const QRegularExpression garbage(
            QStringLiteral("^#1 \\S+Z bytes \"GARBAGE\\\\r\\\\n\\\\r\\\\n\" \\[\\*\\] 11 B "
                           "malformed \\(400: .+\\)$"));
        QVERIFY2(garbage.match(QString::fromUtf8(lines.at(0))).hasMatch(), lines.at(0).constData());
        // Control bytes never reach the terminal: ESC and DEL are written out.
        QVERIFY2(lines.at(1).contains(" bytes \"\\x1b[2J\\\"quoted\\\" \\\\ \\x7f\\r\\n\\r\\n\" "
                                      "[*] 20 B malformed (400: "),
                 lines.at(1).constData());
        QVERIFY(!lines.at(1).contains('\x1b'));
        QCOMPARE(listen.terminate(), 0);
    }

    // A request the client cut off got no answer: the line says so, not "0".
    void aCutOffRequestIsNotAnswered()
    {
        QTemporaryDir dir;
        HttpListenProcess listen;
        QVERIFY(listen.start(dir.filePath(QStringLiteral("c.sqlite"))));
        {
            test::HttpTestClient client(listen.port());
            QVERIFY(client.isConnected());
            client.send("POST /cut HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nab");
            QTest::qWait(100);
            client.socket().disconnectFromHost();
        }
        const QList<QByteArray> lines = listen.waitForLines(1);
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.at(0).contains(" malformed (not answered: the client closed the "
                                      "connection before the request was complete)"),
                 lines.at(0).constData());
        QCOMPARE(listen.terminate(), 0);
    }

    // A body over the limit is kept only in part: the line says how much, beside the size the
    // sender announced.
    void aTooLargeRequestSaysHowMuchWasKept()
    {
        QTemporaryDir dir;
        HttpListenProcess listen;
        QVERIFY(listen.start(dir.filePath(QStringLiteral("k.sqlite")),
                             {QStringLiteral("--max-body"), QStringLiteral("1000")}));
        const QByteArray body(5000, 'x');
        const QByteArray request
            = "POST /big HTTP/1.1\r\nHost: a\r\nContent-Length: 5000\r\n\r\n" + body;
        QCOMPARE(test::roundTrip(listen.port(), request).status, 413);
        const QList<QByteArray> lines = listen.waitForLines(1);
        QCOMPARE(lines.size(), 1);
        const QRegularExpressionMatch kept
            = QRegularExpression(QStringLiteral(" (\\d+) B malformed \\(413: request body of 5000 "
                                                "bytes exceeds the limit of 1000 bytes; the "
                                                "first (\\d+) bytes received are kept\\)$"))
                  .match(QString::fromUtf8(lines.at(0)));
        QVERIFY2(kept.hasMatch(), lines.at(0).constData());
        QCOMPARE(kept.captured(2), kept.captured(1));
        QCOMPARE(listen.terminate(), 0);

        store::RequestStore store;
        QCOMPARE(store.open(dir.filePath(QStringLiteral("k.sqlite"))), QString());
        const std::optional<Capture> big = store.load(1);
        QVERIFY(big);
        QCOMPARE(QString::number(big->body.size()), kept.captured(1));
        QVERIFY(request.startsWith(big->body));
    }

    // curl needs the generated certificate's path for --cacert: listen says where it is.
    void tlsSaysWhereItsCertificateIs()
    {
        QTemporaryDir dir;
        const QString certificate = dir.filePath(QStringLiteral("localhost-cert.pem"));
        for (int run = 0; run < 2; ++run) { // created, then found again
            HttpListenProcess listen;
            QVERIFY(listen.start(dir.filePath(QStringLiteral("tls.sqlite")),
                                 {QStringLiteral("--tls")}));
            QVERIFY2(listen.firstLine().startsWith("listening on https://127.0.0.1:"),
                     listen.firstLine().constData());
            const QList<QByteArray> lines = listen.waitForLines(1);
            QCOMPARE(lines.size(), 1);
            QCOMPARE(QString::fromUtf8(lines.at(0)),
                     QStringLiteral("certificate %1 (self-signed for localhost; curl --cacert %1)")
                         .arg(certificate));
            QVERIFY(QFile::exists(certificate));

            // The printed file is the one the server presents: a client trusting only it
            // connects, as curl --cacert would.
            QSslSocket socket;
            QSslConfiguration trustOnlyIt = socket.sslConfiguration();
            trustOnlyIt.setCaCertificates(QSslCertificate::fromPath(certificate));
            socket.setSslConfiguration(trustOnlyIt);
            socket.connectToHostEncrypted(QStringLiteral("localhost"), listen.port());
            QVERIFY2(socket.waitForEncrypted(10000), qPrintable(socket.errorString()));
            socket.disconnectFromHost();
            QCOMPARE(listen.terminate(), 0);
        }

        // With --json, in the first object, so every line still parses.
        HttpListenProcess listen;
        QVERIFY(listen.start(dir.filePath(QStringLiteral("tls.sqlite")),
                             {QStringLiteral("--tls"), QStringLiteral("--json")}));
        QJsonParseError error;
        const QJsonObject first = QJsonDocument::fromJson(listen.firstLine(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(first.value(QStringLiteral("listening")).toString().startsWith(u"https://"));
        QCOMPARE(first.value(QStringLiteral("certificate")).toString(), certificate);
        QCOMPARE(listen.waitForLines(1, 300).size(), 0);
        QCOMPARE(listen.terminate(), 0);
    }

    // send and replay trust the certificate `listen --tls` made for the default database (and
    // replay, the one beside its --db): no --insecure between two Hookscope commands.
    void sendAndReplayTrustTheReceiversOwnCertificate()
    {
        const QString dataHome = qEnvironmentVariable("XDG_DATA_HOME");
        if (dataHome.isEmpty())
            QSKIP("needs its own XDG_DATA_HOME (ctest sets one per test)");
        const QString db = dataHome + QStringLiteral("/hookscope/captures.sqlite");
        QVERIFY(QDir().mkpath(QFileInfo(db).absolutePath()));
        QFile::remove(db);
        HttpListenProcess listen;
        QVERIFY(listen.start(db, {QStringLiteral("--tls")}));
        const QString url = QStringLiteral("https://127.0.0.1:%1/own").arg(listen.port());
        const test::ProcessResult sent = test::runHookscope(
            {QStringLiteral("send"), url, QStringLiteral("--body-file"), QStringLiteral("-")},
            "{\"a\":1}");
        QVERIFY2(sent.exitCode == 0, sent.err.constData());
        const test::ProcessResult replayed = test::runHookscope(
            {QStringLiteral("replay"), QStringLiteral("--db"), db, QStringLiteral("--id"),
             QStringLiteral("1"), QStringLiteral("https://127.0.0.1:%1/").arg(listen.port())});
        QVERIFY2(replayed.exitCode == 0, replayed.err.constData());
        QCOMPARE(listen.waitForLines(3).size(), 3); // the certificate line, then both requests

        // Another self-signed server is still refused without --insecure.
        test::ComposeTestServer stranger(true);
        if (!stranger.isListening())
            QSKIP("the openssl tool could not make a test certificate");
        QUrl strangerUrl = stranger.url();
        strangerUrl.setHost(QStringLiteral("localhost"));
        const test::ProcessResult refused
            = test::runHookscope({QStringLiteral("send"), strangerUrl.toString(),
                                  QStringLiteral("--body-file"), QStringLiteral("-")},
                                 "{}");
        QVERIFY2(refused.exitCode != 0 && refused.err.contains("--insecure"),
                 refused.err.constData());
        QCOMPARE(listen.terminate(), 0);
    }

    // The event type comes from the sender's body: its ESC, CR and LF must not reach the
    // terminal, where they could colour it or forge a line of their own.
    void aSendersControlCharactersAreEscapedInTextLines()
    {
        QTemporaryDir dir;
        HttpListenProcess listen;
        QVERIFY(listen.start(dir.filePath(QStringLiteral("t.sqlite"))));
        const QByteArray body = "{\"type\":\"a\\u001b[31mRED\\u001b[0m\\r\\n#99 FAKE line\"}";
        QCOMPARE(test::roundTrip(listen.port(),
                                 "POST /x HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                                 "Content-Length: "
                                     + QByteArray::number(body.size()) + "\r\n\r\n" + body)
                     .status,
                 200);
        const QList<QByteArray> lines = listen.waitForLines(1);
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().contains("a\\x1b[31mRED\\x1b[0m\\x0d\\x0a#99 FAKE line"),
                 lines.first().constData());
        QCOMPARE(listen.waitForLines(2, 300).size(), 1); // no second line was made
        QCOMPARE(listen.terminate(), 0);
    }

    void respondsAsToldAndNeverPrintsTheSecret()
    {
        QTemporaryDir dir;
        HttpListenProcess listen;
        const QString fakeSecret = QStringLiteral("fake-test-secret-4242");
        QVERIFY(listen.start(dir.filePath(QStringLiteral("r.sqlite")),
                             {QStringLiteral("--respond"), QStringLiteral("202"),
                              QStringLiteral("--respond-body"), QStringLiteral("ok {{id}}"),
                              QStringLiteral("--delay"), QStringLiteral("20"),
                              QStringLiteral("--secret"), fakeSecret, QStringLiteral("--scheme"),
                              QStringLiteral("auto")}));
        const RawResponse response
            = test::roundTrip(listen.port(), "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        QCOMPARE(response.status, 202);
        QCOMPARE(response.body, QByteArray("ok 1"));
        QCOMPARE(response.header("content-type"), QByteArray("text/plain; charset=utf-8"));
        listen.waitForLines(1);
        QCOMPARE(listen.terminate(), 0);
        const QByteArray everything
            = listen.standardError() + listen.process().readAll() + listen.firstLine();
        QVERIFY(!everything.contains(fakeSecret.toUtf8()));
        const auto exported
            = test::runHookscope({QStringLiteral("export"), QStringLiteral("--db"),
                                  dir.filePath(QStringLiteral("r.sqlite")),
                                  QStringLiteral("--format"), QStringLiteral("jsonl")});
        QCOMPARE(exported.exitCode, 0);
        QVERIFY(!exported.out.isEmpty());
        QVERIFY(!exported.out.contains(fakeSecret.toUtf8()));
        const QJsonObject line = QJsonDocument::fromJson(exported.out.trimmed()).object();
        QCOMPARE(line.value(QStringLiteral("response_delay_ms")).toInteger(), 20);

        // The sender waited for the delay: HAR says so in "wait" and in the total "time".
        const auto har = test::runHookscope({QStringLiteral("export"), QStringLiteral("--db"),
                                             dir.filePath(QStringLiteral("r.sqlite")),
                                             QStringLiteral("--format"), QStringLiteral("har")});
        QCOMPARE(har.exitCode, 0);
        const QJsonObject entry = QJsonDocument::fromJson(har.out)
                                      .object()
                                      .value(QStringLiteral("log"))
                                      .toObject()
                                      .value(QStringLiteral("entries"))
                                      .toArray()
                                      .first()
                                      .toObject();
        const QJsonObject timings = entry.value(QStringLiteral("timings")).toObject();
        QCOMPARE(timings.value(QStringLiteral("wait")).toDouble(), 20.0);
        QCOMPARE(entry.value(QStringLiteral("time")).toDouble(),
                 timings.value(QStringLiteral("send")).toDouble() + 20.0);
    }

    void respondHeadersAreSentAsGiven()
    {
        QTemporaryDir dir;
        HttpListenProcess listen;
        QVERIFY(listen.start(dir.filePath(QStringLiteral("h.sqlite")),
                             {QStringLiteral("--respond-header"),
                              QStringLiteral("Content-Type: text/csv"),
                              QStringLiteral("--respond-header"), QStringLiteral("X-Extra:  yes "),
                              QStringLiteral("--respond-body"), QStringLiteral("a,b")}));
        const RawResponse response
            = test::roundTrip(listen.port(), "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        QCOMPARE(response.status, 200);
        QCOMPARE(response.body, QByteArray("a,b"));
        QCOMPARE(response.header("content-type"), QByteArray("text/csv"));
        QCOMPARE(response.head.count("Content-Type"), 1);
        QCOMPARE(response.header("x-extra"), QByteArray("yes"));
        QCOMPARE(listen.terminate(), 0);
    }

    void portInUseIsAClearError()
    {
        QTemporaryDir dir;
        HttpListenProcess first;
        QVERIFY(first.start(dir.filePath(QStringLiteral("a.sqlite"))));
        const QString port = QString::number(first.port());
        const auto second = test::runHookscope({QStringLiteral("listen"), QStringLiteral("--port"),
                                                port, QStringLiteral("--db"),
                                                dir.filePath(QStringLiteral("b.sqlite"))});
        QCOMPARE(second.exitCode, 1);
        // The way out is said too, as the window says it.
        QVERIFY2(second.err.contains("port " + port.toUtf8()
                                     + " on 127.0.0.1 is already in use (--port 0 picks a free "
                                       "one)\n"),
                 second.err.constData());
        QCOMPARE(first.terminate(), 0);
    }

    // A script that stops the receiver as soon as it says "listening on" gets a clean stop
    // every time: the handlers are in place before that line is printed.
    void aStopRightAfterTheFirstLineIsClean()
    {
        QTemporaryDir dir;
        for (int round = 0; round < 5; ++round) {
            HttpListenProcess listen;
            QVERIFY(listen.start(dir.filePath(QStringLiteral("stop.sqlite"))));
            QCOMPARE(listen.terminate(), 0);
            QVERIFY(listen.standardError().contains("stopped;"));
            QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("stop.sqlite.lock"))));
        }
    }

    void badArgumentsAreUsageErrors()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("u.sqlite"));
        const QList<QStringList> cases {
            {QStringLiteral("--port"), QStringLiteral("99999")},
            {QStringLiteral("--bind"), QStringLiteral("not-an-ip")},
            {QStringLiteral("--respond"), QStringLiteral("42")},
            {QStringLiteral("--respond"), QStringLiteral("101")}, // interim, never a final answer
            {QStringLiteral("--respond-header"), QStringLiteral("no colon")},
            {QStringLiteral("--respond-header"), QStringLiteral("A: 1\nB: 2")},
            {QStringLiteral("--endpoint"), QStringLiteral("nopath")},
            {QStringLiteral("--endpoint-scheme"), QStringLiteral("nobody=github")},
            {QStringLiteral("--cert"), QStringLiteral("only-cert.pem")},
            {QStringLiteral("--scheme"), QStringLiteral("custom")}, // without its settings
        };
        for (const QStringList &arguments : cases) {
            const auto result = test::runHookscope(
                QStringList {QStringLiteral("listen"), QStringLiteral("--db"), db} + arguments);
            QVERIFY2(result.exitCode == 2, qPrintable(arguments.join(u' ')));
            QVERIFY(result.err.startsWith("hookscope listen: "));
            if (arguments.last() == u"custom")
                QVERIFY2(result.err.contains("--scheme 'custom:header="), result.err.constData());
        }
    }

    void newerDatabaseIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("n.sqlite"));
        {
            QSqlDatabase db
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("n"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 999"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("n"));
        const auto result = test::runHookscope({QStringLiteral("listen"), QStringLiteral("--port"),
                                                QStringLiteral("0"), QStringLiteral("--db"), path});
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.err.contains("newer Hookscope"));
    }

    void sigkillUnderLoadLosesNoAcknowledgedRequest_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::newRow("synced commits") << QStringList {};
        // Without fsync a commit is still in the OS before the 200: a killed process loses none.
        QTest::newRow("--no-sync") << QStringList {QStringLiteral("--no-sync")};
    }

    // Every request that got a 2xx is in the database after a SIGKILL under load.
    void sigkillUnderLoadLosesNoAcknowledgedRequest()
    {
        QFETCH(QStringList, flags);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("d.sqlite"));
        HttpListenProcess listen;
        QVERIFY(listen.start(
            path, QStringList {QStringLiteral("--workers"), QStringLiteral("2")} + flags));
        const quint16 port = listen.port();

        std::mutex mutex;
        QHash<qint64, QByteArray> acknowledged; // id -> body sent
        std::atomic<int> count {0};
        std::atomic<bool> stop {false};
        QList<QThread *> clients;
        for (int c = 0; c < 6; ++c) {
            clients.append(QThread::create([&, c] {
                test::HttpTestClient client(port);
                for (int round = 0; !stop && client.isConnected(); ++round) {
                    // Several requests in flight per connection: the kill lands mid-batch.
                    QList<QByteArray> bodies;
                    QByteArray wire;
                    for (int i = 0; i < 4; ++i) {
                        bodies << "{\"client\":" + QByteArray::number(c)
                                + ",\"n\":" + QByteArray::number(round * 4 + i) + "}";
                        wire += "POST /load HTTP/1.1\r\nHost: a\r\nContent-Type: "
                                "application/json\r\n"
                                "Content-Length: "
                            + QByteArray::number(bodies.last().size()) + "\r\n\r\n" + bodies.last();
                    }
                    client.send(wire);
                    const QList<RawResponse> responses = client.read(4, 5000);
                    for (qsizetype i = 0; i < responses.size(); ++i) {
                        if (responses.at(i).status / 100 != 2)
                            continue;
                        const qint64 id = QJsonDocument::fromJson(responses.at(i).body)
                                              .object()
                                              .value(QStringLiteral("received"))
                                              .toString()
                                              .toLongLong();
                        std::lock_guard lock(mutex);
                        acknowledged.insert(id, bodies.at(i));
                        ++count;
                    }
                    if (responses.size() < 4)
                        break;
                }
            }));
            clients.last()->start();
        }
        QTRY_VERIFY_WITH_TIMEOUT(count.load() >= 2000, 60000);
        listen.kill(); // SIGKILL mid-load
        stop = true;
        for (QThread *thread : clients) {
            QVERIFY(thread->wait(20000));
            delete thread;
        }
        QVERIFY(acknowledged.size() >= 2000);

        store::RequestStore store;
        QCOMPARE(store.open(path), QString());
        QVERIFY(store.count() >= acknowledged.size());
        for (auto it = acknowledged.cbegin(); it != acknowledged.cend(); ++it) {
            const auto capture = store.load(it.key());
            QVERIFY2(capture,
                     qPrintable(QStringLiteral("acknowledged id %1 is missing").arg(it.key())));
            QCOMPARE(capture->body, it.value());
        }
    }
};

QTEST_GUILESS_MAIN(TestListenCommand)
#include "TestListenCommand.moc"
