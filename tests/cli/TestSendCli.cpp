#include "CliRunner.h"
#include "ComposeTestServer.h"
#include "HttpListenProcess.h"
#include "TestConfig.h"
#include "compose/OrderedJson.h"
#include "compose/RetrySchedule.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::compose;
using hookscope::test::ComposeTestServer;

// `hookscope send` through the real binary: exit codes 0/1/2, what arrives, and --json.
class TestSendCli final : public QObject
{
    Q_OBJECT

    static test::ProcessResult send(const QStringList &arguments, const QByteArray &stdinData = {})
    {
        return test::runHookscope(QStringList {QStringLiteral("send")} + arguments, stdinData,
                                  60000);
    }

    static QStringList keys(const JsonValue &object)
    {
        QStringList names;
        for (const auto &member : object.members())
            names.append(member.first);
        return names;
    }

private Q_SLOTS:
    void deliveredTemplateExitsZero()
    {
        ComposeTestServer server;
        server.setResponse({{"Content-Type", "application/json"}, {"X-Handler", "ok"}},
                           "{\"received\":1}");
        const auto result = send({server.url().toString(), QStringLiteral("--template"),
                                  QStringLiteral("patreon/pledges:create"), QStringLiteral("--set"),
                                  QStringLiteral("data.attributes.amount_cents=500"),
                                  QStringLiteral("--set"), QStringLiteral("data.id=\"77\"")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.startsWith("HTTP 200 OK\n"), result.out.constData());
        QVERIFY(result.out.contains("X-Handler: ok\n"));
        QVERIFY(result.out.endsWith("\n\n{\"received\":1}\n"));
        QCOMPARE(server.receivedCount(), 1);
        const auto request = server.received().first();
        QCOMPARE(headerValue(request.headers, "X-Patreon-Event"), QByteArray("pledges:create"));
        const JsonValue body = parseJson(request.body);
        const JsonValue attributes = body.value(u"data").value(u"attributes");
        QCOMPARE(attributes.value(u"amount_cents").numberText(), QByteArray("500"));
        QCOMPARE(body.value(u"data").stringValue(u"id"), QStringLiteral("77"));
        QVERIFY2(!result.err.contains("note: --set"), result.err.constData());
        // The override changed a value, not the order of the seed's keys.
        QCOMPARE(keys(attributes),
                 QStringList({QStringLiteral("amount_cents"), QStringLiteral("created_at"),
                              QStringLiteral("declined_since"), QStringLiteral("patron_pays_fees"),
                              QStringLiteral("pledge_cap_cents")}));
    }

    // A typo that turns a number into a string still goes out (the user may mean it), said once.
    void aStringWhereTheBodyHasANumberIsNoted()
    {
        ComposeTestServer server;
        const auto result = send({server.url().toString(), QStringLiteral("--template"),
                                  QStringLiteral("patreon/pledges:create"), QStringLiteral("--set"),
                                  QStringLiteral("data.attributes.amount_cents=5OO")});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.err.count("note: --set data.attributes.amount_cents: the body has a "
                                  "number there, and '5OO' is not JSON"),
                 1);
        QVERIFY(server.received().first().body.contains("\"amount_cents\":\"5OO\""));
    }

    // Review: a mistyped last key was added silently and the command exited 0. It is still
    // added (appending is documented), with a note naming the key that was likely meant.
    void aNewKeyNearAnExistingOneIsNoted()
    {
        ComposeTestServer server;
        const auto result = send({server.url().toString(), QStringLiteral("--template"),
                                  QStringLiteral("github/push"), QStringLiteral("--set"),
                                  QStringLiteral("repository.nme=foo"), QStringLiteral("--set"),
                                  QStringLiteral("repository.topics=[\"ci\"]")});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.err.count("note: --set repository.nme: no key \"nme\", added it; did you "
                                  "mean \"name\"?\n"),
                 1);
        // A new key with no near sibling is added without a word.
        QVERIFY2(!result.err.contains("topics"), result.err.constData());
        const JsonValue repository = parseJson(server.received().first().body).value(u"repository");
        QCOMPARE(repository.stringValue(u"nme"), QStringLiteral("foo"));
        QCOMPARE(repository.stringValue(u"name"), QStringLiteral("Hello-World"));
        QVERIFY(keys(repository).contains(QStringLiteral("topics")));
    }

    void errorStatusExitsOne()
    {
        ComposeTestServer server;
        server.setStatuses({500});
        const auto result = send(
            {server.url().toString(), QStringLiteral("--template"), QStringLiteral("github/ping")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.out.startsWith("HTTP 500"));
        QVERIFY(!result.err.contains("attempt"));
    }

    void refusedConnectionExitsOne()
    {
        const auto result
            = send({QStringLiteral("http://127.0.0.1:%1/x").arg(test::composeClosedPort()),
                    QStringLiteral("--template"), QStringLiteral("github/ping")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("connection refused"), result.err.constData());
        QVERIFY(result.out.isEmpty());
    }

    void silentServerTimesOutAndExitsOne()
    {
        ComposeTestServer server;
        server.setSilent(true);
        const auto result = send({server.url().toString(), QStringLiteral("--template"),
                                  QStringLiteral("github/ping"), QStringLiteral("--timeout"),
                                  QStringLiteral("200")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("timed out"), result.err.constData());
    }

    void usageErrorsExitTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("message");
        const QString url = QStringLiteral("http://127.0.0.1:9/");
        const QString t = QStringLiteral("--template");
        const QString ping = QStringLiteral("github/ping");
        QTest::newRow("no URL") << QStringList {t, ping} << QByteArray("URL is required");
        QTest::newRow("no body") << QStringList {url}
                                 << QByteArray("give one of --template, --body-file or --data");
        QTest::newRow("two bodies")
            << QStringList {url, t, ping, QStringLiteral("--body-file"), QStringLiteral("-")}
            << QByteArray("--template and --body-file both give the body; give only one");
        QTest::newRow("--data and --body-file")
            << QStringList {url, QStringLiteral("-d"), QStringLiteral("{}"),
                            QStringLiteral("--body-file"), QStringLiteral("-")}
            << QByteArray("--body-file and --data both give the body; give only one");
        QTest::newRow("--data @file")
            << QStringList {url, QStringLiteral("--data"), QStringLiteral("@event.json")}
            << QByteArray("--data takes the body itself, not @FILE as curl does");
        QTest::newRow("--cacert without a certificate")
            << QStringList {url, t, ping, QStringLiteral("--cacert"),
                            QStringLiteral(HOOKSCOPE_TEST_DATA_DIR "/json/patreon-pledge.json")}
            << QByteArray("--cacert: no PEM certificate in ");
        QTest::newRow("unknown template")
            << QStringList {url, t, QStringLiteral("nope/x")} << QByteArray("no template 'nope/x'");
        QTest::newRow("invalid URL") << QStringList {QStringLiteral("ftp://127.0.0.1/"), t, ping}
                                     << QByteArray("invalid URL");
        QTest::newRow("not a URL")
            << QStringList {QStringLiteral("localhost"), t, ping} << QByteArray("invalid URL");
        QTest::newRow("CRLF in header") << QStringList {url, t, ping, QStringLiteral("--header"),
                                                        QStringLiteral("X-A: 1\r\nX-Injected: 2")}
                                        << QByteArray("CR, LF");
        QTest::newRow("header without colon")
            << QStringList {url, t, ping, QStringLiteral("--header"), QStringLiteral("X-A")}
            << QByteArray("Name: value");
        QTest::newRow("bad --set path")
            << QStringList {url, t, ping, QStringLiteral("--set"), QStringLiteral("nope.deeper=1")}
            << QByteArray("no key 'nope'");
        QTest::newRow("bad --set")
            << QStringList {url, t, ping, QStringLiteral("--set"), QStringLiteral("novalue")}
            << QByteArray("PATH=VALUE");
        QTest::newRow("bad time scale")
            << QStringList {url, t, ping, QStringLiteral("--time-scale"), QStringLiteral("0")}
            << QByteArray("--time-scale");
        QTest::newRow("bad count")
            << QStringList {url, t, ping, QStringLiteral("--count"), QStringLiteral("x")}
            << QByteArray("--count");
        QTest::newRow("unknown schedule")
            << QStringList {url, t, ping, QStringLiteral("--retry-schedule"),
                            QStringLiteral("daily")}
            << QByteArray("unknown retry schedule 'daily' (known: none, ");
        QTest::newRow("unknown schedule names provider")
            << QStringList {url, t, ping, QStringLiteral("--retry-schedule"),
                            QStringLiteral("daily")}
            << QByteArray(", provider)");
        QTest::newRow("api-reference needs its event")
            << QStringList {url, t, ping, QStringLiteral("--retry-schedule"),
                            QStringLiteral("api-reference")}
            << QByteArray("no retry count for event 'ping'");
        QTest::newRow("secret without scheme")
            << QStringList {url, QStringLiteral("--body-file"), QStringLiteral("-"),
                            QStringLiteral("--secret"), QStringLiteral("s3")}
            << QByteArray("no --scheme");
        QTest::newRow("unknown option")
            << QStringList {url, t, ping, QStringLiteral("--frobnicate")}
            << QByteArray("frobnicate");
    }

    void usageErrorsExitTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, message);
        const auto result = send(arguments, "{}");
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message), result.err.constData());
        QVERIFY(result.out.isEmpty());
    }

    void bodyFromStandardInputIsSentByteForByte()
    {
        ComposeTestServer server;
        const QByteArray body = "{\r\n  \"b\": 1,\r\n  \"a\": \"\\u00e9\"\r\n}\r\n";
        const auto result
            = send({server.url().toString(), QStringLiteral("--body-file"), QStringLiteral("-"),
                    QStringLiteral("--method"), QStringLiteral("PUT"), QStringLiteral("--header"),
                    QStringLiteral("X-Custom: a  b")},
                   body);
        QCOMPARE(result.exitCode, 0);
        const auto request = server.received().first();
        QCOMPARE(request.body, body);
        QCOMPARE(request.method, QByteArray("PUT"));
        QCOMPARE(headerValue(request.headers, "X-Custom"), QByteArray("a  b"));
        QCOMPARE(headerValue(request.headers, "Content-Type"), QByteArray("application/json"));
    }

    // What curl users type: -H for a header, -d for the body itself.
    void curlsShortOptionsAreTaken()
    {
        ComposeTestServer server;
        const QByteArray body = R"({"action":"opened"})";
        const auto result
            = send({server.url().toString(), QStringLiteral("-H"), QStringLiteral("X-Custom: 1"),
                    QStringLiteral("-d"), QString::fromUtf8(body)});
        QCOMPARE(result.exitCode, 0);
        const auto request = server.received().first();
        QCOMPARE(request.body, body);
        QCOMPARE(headerValue(request.headers, "X-Custom"), QByteArray("1"));
        QCOMPARE(headerValue(request.headers, "Content-Type"), QByteArray("application/json"));
    }

    // The certificate `listen --tls` prints is trusted with --cacert, as curl trusts it; without
    // it (and without --insecure) the send is refused.
    void cacertTrustsTheListenersCertificate()
    {
        QTemporaryDir dir;
        test::HttpListenProcess listen;
        QVERIFY(
            listen.start(dir.filePath(QStringLiteral("tls.sqlite")), {QStringLiteral("--tls")}));
        const QString url = QString::fromUtf8(listen.firstLine().trimmed()).section(u' ', -1);
        QVERIFY2(url.startsWith(u"https://"), listen.firstLine().constData());
        const QList<QByteArray> lines = listen.waitForLines(1);
        QCOMPARE(lines.size(), 1);
        const QString certificate = QString::fromUtf8(lines.first()).section(u' ', 1, 1);
        QVERIFY2(certificate.endsWith(u".pem"), lines.first().constData());

        const auto trusted = send({url, QStringLiteral("-d"), QStringLiteral("{}"),
                                   QStringLiteral("--cacert"), certificate});
        QCOMPARE(trusted.exitCode, 0);
        QVERIFY2(trusted.out.startsWith("HTTP 200"), trusted.err.constData());
        const auto refused = send({url, QStringLiteral("-d"), QStringLiteral("{}")});
        QCOMPARE(refused.exitCode, 1);
        QCOMPARE(listen.terminate(), 0);
    }

    void invalidJsonIsWarnedAboutAndSentRaw()
    {
        ComposeTestServer server;
        const QByteArray body = "{\n  \"a\": 1,\n  \"b\": }\n";
        const auto result = send(
            {server.url().toString(), QStringLiteral("--body-file"), QStringLiteral("-")}, body);
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.err.contains("not valid (line 3, column 8"), result.err.constData());
        QCOMPARE(server.received().first().body, body);
        QCOMPARE(headerValue(server.received().first().headers, "Content-Type"),
                 QByteArray("application/octet-stream"));
    }

    // Latin-1 inside a JSON string is not UTF-8: the body is not JSON, so it goes out exactly as
    // given (never with the byte turned into U+FFFD).
    void aBodyThatIsNotUtf8IsSentByteForByte()
    {
        ComposeTestServer server;
        const QByteArray body = "{\"name\": \"caf\xe9\"}";
        const auto result = send(
            {server.url().toString(), QStringLiteral("--body-file"), QStringLiteral("-")}, body);
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.err.contains("UTF-8"), result.err.constData());
        QCOMPARE(server.received().first().body, body);
    }

    void responseBodyIsPrintedAsBytes()
    {
        ComposeTestServer server;
        server.setResponse({{"Content-Type", "application/octet-stream"}},
                           QByteArray("\xff\x00\x01", 3));
        const auto result = send(
            {server.url().toString(), QStringLiteral("--template"), QStringLiteral("github/ping")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.endsWith(QByteArray("\n\n\xff\x00\x01\n", 6)));
    }

    void hugeBodyIsSentWhole()
    {
        ComposeTestServer server;
        const QByteArray body = "{\"blob\":\"" + QByteArray(8 * 1024 * 1024, 'x') + "\"}";
        const auto result
            = send({server.url().toString(), QStringLiteral("--body-file"), QStringLiteral("-"),
                    QStringLiteral("--set"), QStringLiteral("n=1")},
                   body);
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(server.received().first().body.size(), body.size() + 6);
        QVERIFY(server.received().first().body.endsWith("\",\"n\":1}"));
    }

    void jsonOutputDescribesTheExchange()
    {
        ComposeTestServer server;
        server.setStatuses({201});
        const auto result
            = send({server.url().toString(), QStringLiteral("--template"),
                    QStringLiteral("webhook-api/user.created"), QStringLiteral("--json")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.err.isEmpty());
        JsonParseError error;
        const JsonValue root = parseJson(result.out, &error);
        QVERIFY2(error.ok(), qPrintable(error.describe()));
        QCOMPARE(root.value(u"ok").toBool(), true);
        QCOMPARE(root.stringValue(u"template"), QStringLiteral("webhook-api/user.created"));
        QCOMPARE(root.value(u"response").value(u"status").toInteger(), 201);
        QCOMPARE(root.value(u"response").stringValue(u"body"), QStringLiteral("{\"ok\":true}"));
        QCOMPARE(root.value(u"attempts").elements().size(), 1);
        const QString eventId = root.value(u"attempts").elements().first().stringValue(u"event_id");
        QVERIFY(eventId.startsWith(u"evt_"));
        QCOMPARE(parseJson(server.received().first().body).stringValue(u"id"), eventId);
        QCOMPARE(parseJson(root.value(u"request").stringValue(u"body").toUtf8()).stringValue(u"id"),
                 eventId);
    }

    // Sending a forged signature on purpose, to see that one's own server refuses it: the
    // header given wins over the one Hookscope computes, the other signature headers stay.
    void aSignatureHeaderGivenWinsOverTheComputedOne()
    {
        ComposeTestServer server;
        const auto result
            = send({server.url().toString(), QStringLiteral("--template"),
                    QStringLiteral("stripe/invoice.payment_failed"), QStringLiteral("--secret"),
                    QStringLiteral("fake-stripe-secret"), QStringLiteral("--header"),
                    QStringLiteral("Stripe-Signature: t=1,v1=forged")});
        QCOMPARE(result.exitCode, 0);
        const auto request = server.received().first();
        QCOMPARE(headerValue(request.headers, "Stripe-Signature"), QByteArray("t=1,v1=forged"));
        QCOMPARE(std::count_if(request.headers.cbegin(), request.headers.cend(),
                               [](const HeaderField &f) {
                                   return f.name.compare("Stripe-Signature", Qt::CaseInsensitive)
                                       == 0;
                               }),
                 1);
    }

    // A forged X-Hub-Signature-256 must be the only signature: GitHub's legacy SHA-1 header,
    // still valid, would let the request verify all the same. Said on standard error.
    void aForgedSignatureLeavesOutTheSchemesOtherSignatures_data()
    {
        QTest::addColumn<QString>("forged");
        QTest::addColumn<QByteArray>("leftOut");
        QTest::newRow("sha256") << QStringLiteral("X-Hub-Signature-256: sha256=00")
                                << QByteArray("X-Hub-Signature");
        QTest::newRow("legacy sha1")
            << QStringLiteral("x-hub-signature: sha1=00") << QByteArray("X-Hub-Signature-256");
    }

    void aForgedSignatureLeavesOutTheSchemesOtherSignatures()
    {
        QFETCH(QString, forged);
        QFETCH(QByteArray, leftOut);
        ComposeTestServer server;
        const auto result
            = send({server.url().toString(), QStringLiteral("--template"),
                    QStringLiteral("github/ping"), QStringLiteral("--secret"),
                    QStringLiteral("fake-github-secret"), QStringLiteral("-H"), forged});
        QCOMPARE(result.exitCode, 0);
        const auto request = server.received().first();
        const QByteArray forgedName = forged.section(u':', 0, 0).toLatin1();
        QCOMPARE(headerValue(request.headers, forgedName), forged.section(u": "_qs, 1).toLatin1());
        QVERIFY(!hasHeader(request.headers, leftOut));
        QVERIFY(hasHeader(request.headers, "X-GitHub-Event"));
        QCOMPARE(result.err,
                 "note: --header gives the github signature, so the other signature header "
                 "Hookscope would add is left out: "
                     + leftOut + '\n');
    }

    // The seed's X-Webhook-Id is the webhook's own id (wh_...), the event id is in the body;
    // a Standard Webhooks webhook-id is per message and is the event id.
    void signingKeepsTheWebhooksOwnId()
    {
        ComposeTestServer server;
        const auto result
            = send({server.url().toString(), QStringLiteral("--template"),
                    QStringLiteral("webhook-api/user.created"), QStringLiteral("--secret"),
                    QStringLiteral("fake-webhook-secret"), QStringLiteral("--json")});
        QCOMPARE(result.exitCode, 0);
        const auto request = server.received().first();
        QCOMPARE(headerValue(request.headers, "X-Webhook-Id"), QByteArray("wh_123456"));
        QVERIFY(headerValue(request.headers, "X-Webhook-Signature").startsWith("sha256="));
        const JsonValue root = parseJson(result.out);
        const QString eventId = root.value(u"attempts").elements().first().stringValue(u"event_id");
        QVERIFY(eventId.startsWith(u"evt_"));
        QCOMPARE(parseJson(request.body).stringValue(u"id"), eventId);

        const auto standard = send(
            {server.url().toString(), QStringLiteral("--template"),
             QStringLiteral("standard-webhooks/contact.created"), QStringLiteral("--secret"),
             QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), QStringLiteral("--json")});
        QCOMPARE(standard.exitCode, 0);
        const QString messageId = parseJson(standard.out)
                                      .value(u"attempts")
                                      .elements()
                                      .first()
                                      .stringValue(u"event_id");
        QVERIFY(messageId.startsWith(u"msg_"));
        QCOMPARE(headerValue(server.received().at(1).headers, "webhook-id"), messageId.toUtf8());
    }

    void retryScheduleRunsScaledWithOneEventId()
    {
        ComposeTestServer server;
        server.setStatuses({500});
        const auto result = send({server.url().toString(), QStringLiteral("--template"),
                                  QStringLiteral("webhook-api/team.member.added"),
                                  QStringLiteral("--retry-schedule"), QStringLiteral("webhook-api"),
                                  QStringLiteral("--time-scale"), QStringLiteral("60000")});
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(server.receivedCount(), 6);
        const auto received = server.received();
        for (const auto &request : received)
            QCOMPARE(request.body, received.first().body);
        QVERIFY(result.err.contains("attempt 6/6: 500"));
        QVERIFY(result.err.contains("giving up"));
        // The provider's real wait beside the scaled one that was waited.
        for (const char *next :
             {"attempt 1/6: 500", ", retrying: attempt 2 after 1 min (scaled: 1 ms)\n",
              ", retrying: attempt 3 after 5 min (scaled: 5 ms)\n",
              ", retrying: attempt 4 after 30 min (scaled: 30 ms)\n",
              ", retrying: attempt 5 after 1 h (scaled: 60 ms)\n",
              ", retrying: attempt 6 after 6 h (scaled: 360 ms)\n"})
            QVERIFY2(result.err.contains(next), result.err.constData());

        const auto json = send({server.url().toString(), QStringLiteral("--template"),
                                QStringLiteral("webhook-api/team.member.added"),
                                QStringLiteral("--retry-schedule"), QStringLiteral("webhook-api"),
                                QStringLiteral("--time-scale"), QStringLiteral("60000"),
                                QStringLiteral("--json")});
        const QJsonObject first = QJsonDocument::fromJson(json.out)
                                      .object()
                                      .value(QStringLiteral("attempts"))
                                      .toArray()
                                      .first()
                                      .toObject();
        QCOMPARE(first.value(QStringLiteral("scheduled_delay_ms")).toInteger(), 60000);
        QCOMPARE(first.value(QStringLiteral("next_delay_ms")).toInteger(), 1);
    }

    // `send --help` names each schedule as the composer's Retries picker does ("Stripe (test
    // mode)"), beside the id --retry-schedule takes and what the schedule does.
    void helpNamesEachRetryScheduleAsTheWindowDoes()
    {
        const auto result = send({QStringLiteral("--help")});
        QCOMPARE(result.exitCode, 0);
        const QStringList lines = QString::fromUtf8(result.out).split(u'\n');
        const auto lineOf = [&lines](const QString &name) {
            for (const QString &line : lines) {
                if (line.startsWith(QStringLiteral("  ") + name + u' '))
                    return line;
            }
            return QString();
        };
        for (const auto &[name, title] : {std::pair {u"none"_qs, u"No retries"_qs},
                                          {u"webhook-api"_qs, u"Webhook API"_qs},
                                          {u"stripe"_qs, u"Stripe (live mode)"_qs},
                                          {u"stripe-test"_qs, u"Stripe (test mode)"_qs},
                                          {u"standard-webhooks"_qs, u"Standard Webhooks"_qs},
                                          {u"twitter"_qs, u"X (Twitter)"_qs}}) {
            QVERIFY2(lineOf(name).contains(title + QStringLiteral(": ")), qPrintable(name));
        }
        for (const QString &name : RetrySchedule::names()) {
            QVERIFY2(lineOf(name).contains(QStringLiteral("%1: %2").arg(
                         RetrySchedule::title(name), RetrySchedule::summary(name))),
                     qPrintable(name));
        }
    }

    void providerScheduleComesFromTheTemplate()
    {
        ComposeTestServer server;
        server.setStatuses({500});
        const auto result = send({server.url().toString(), QStringLiteral("--template"),
                                  QStringLiteral("api-reference/trial.ending"),
                                  QStringLiteral("--retry-schedule"), QStringLiteral("provider"),
                                  QStringLiteral("--time-scale"), QStringLiteral("60000")});
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(server.receivedCount(), 2); // trial.ending: 1 retry
        // GitHub does not retry: its schedule is one attempt.
        const auto github = send({server.url().toString(), QStringLiteral("--template"),
                                  QStringLiteral("github/ping"), QStringLiteral("--retry-schedule"),
                                  QStringLiteral("provider")});
        QCOMPARE(github.exitCode, 1);
        QCOMPARE(server.receivedCount(), 3);
        // A template that names no schedule is a usage error, not a silent single attempt.
        const auto none = send({server.url().toString(), QStringLiteral("--template"),
                                QStringLiteral("twilio/sms.incoming"),
                                QStringLiteral("--retry-schedule"), QStringLiteral("provider")});
        QCOMPARE(none.exitCode, 2);
        QVERIFY2(none.err.contains("names no retry schedule"), none.err.constData());
    }

    void retryThatSucceedsExitsZero()
    {
        ComposeTestServer server;
        server.setStatuses({503, 200});
        const auto result = send({server.url().toString(), QStringLiteral("--template"),
                                  QStringLiteral("api-reference/invoice.paid"),
                                  QStringLiteral("--retry-schedule"),
                                  QStringLiteral("api-reference"), QStringLiteral("--time-scale"),
                                  QStringLiteral("60000"), QStringLiteral("--json")});
        QCOMPARE(result.exitCode, 0);
        const JsonValue root = parseJson(result.out);
        QCOMPARE(root.value(u"attempts").elements().size(), 2);
        QCOMPARE(root.value(u"attempts").elements().first().value(u"next_delay_ms").toInteger(), 1);
    }

    void signedSendVerifiesWithHookscopeVerify_data()
    {
        QTest::addColumn<QString>("templateName");
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QByteArray>("secret");
        QTest::newRow("patreon") << QStringLiteral("patreon/members:pledge:create")
                                 << QStringLiteral("patreon")
                                 << QByteArray("fake-patreon-secret-1");
        QTest::newRow("webhook-api")
            << QStringLiteral("webhook-api/user.created") << QStringLiteral("x-webhook-signature")
            << QByteArray("fake-wh-secret-2");
        QTest::newRow("api-reference")
            << QStringLiteral("api-reference/invoice.paid") << QStringLiteral("x-signature")
            << QByteArray("fake-xs-secret-3");
        QTest::newRow("stripe") << QStringLiteral("stripe/invoice.payment_failed")
                                << QStringLiteral("stripe")
                                << QByteArray("whsec_fakeStripeSecret4");
        QTest::newRow("standard-webhooks") << QStringLiteral("standard-webhooks/contact.created")
                                           << QStringLiteral("standard-webhooks")
                                           << QByteArray("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    }

    void signedSendVerifiesWithHookscopeVerify()
    {
        QFETCH(QString, templateName);
        QFETCH(QString, scheme);
        QFETCH(QByteArray, secret);
        QTemporaryDir dir;
        QFile secretFile(dir.filePath(QStringLiteral("secret")));
        QVERIFY(secretFile.open(QIODevice::WriteOnly));
        secretFile.write(secret + '\n');
        secretFile.close();

        ComposeTestServer server;
        const auto result = send({server.url().toString(), QStringLiteral("--template"),
                                  templateName, QStringLiteral("--secret-file"),
                                  secretFile.fileName(), QStringLiteral("--json")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(parseJson(result.out).value(u"signed").toBool());
        QVERIFY(!result.out.contains(secret) && !result.err.contains(secret));

        // What arrived verifies with `hookscope verify` and the same secret.
        const auto request = server.received().first();
        QFile body(dir.filePath(QStringLiteral("body")));
        QFile headers(dir.filePath(QStringLiteral("headers")));
        QVERIFY(body.open(QIODevice::WriteOnly) && headers.open(QIODevice::WriteOnly));
        body.write(request.body);
        for (const HeaderField &field : request.headers)
            headers.write(field.name + ": " + field.value + '\n');
        body.close();
        headers.close();
        const QStringList verify {QStringLiteral("verify"),
                                  QStringLiteral("--scheme"),
                                  scheme,
                                  QStringLiteral("--secret-file"),
                                  secretFile.fileName(),
                                  QStringLiteral("--headers-file"),
                                  headers.fileName(),
                                  QStringLiteral("--body-file"),
                                  body.fileName()};
        const auto verdict = test::runHookscope(verify);
        QVERIFY2(verdict.exitCode == 0, verdict.out.constData());
    }

    void secretFromTheEnvironmentSignsEveryRetry()
    {
        ComposeTestServer server;
        server.setStatuses({500, 502, 200});
        qputenv("HOOKSCOPE_SECRET", "fake-env-secret-5");
        const auto result = send({server.url().toString(), QStringLiteral("--template"),
                                  QStringLiteral("patreon/pledges:update"),
                                  QStringLiteral("--retry-schedule"), QStringLiteral("patreon"),
                                  QStringLiteral("--time-scale"), QStringLiteral("60000")});
        qunsetenv("HOOKSCOPE_SECRET");
        QCOMPARE(result.exitCode, 0);
        const auto received = server.received();
        QCOMPARE(received.size(), 3);
        for (const auto &request : received) {
            QCOMPARE(headerValue(request.headers, "X-Patreon-Signature"),
                     QMessageAuthenticationCode::hash(request.body, "fake-env-secret-5",
                                                      QCryptographicHash::Md5)
                         .toHex());
            QCOMPARE(request.body, received.first().body);
        }
    }

    void signingUsageErrorsExitTwo()
    {
        const QString url = QStringLiteral("http://127.0.0.1:9/");
        auto result = send({url, QStringLiteral("--body-file"), QStringLiteral("-"),
                            QStringLiteral("--scheme"), QStringLiteral("patreon")},
                           "{}");
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains("needs a secret"));
        result = send({url, QStringLiteral("--template"), QStringLiteral("github/ping"),
                       QStringLiteral("--scheme"), QStringLiteral("sha-none"),
                       QStringLiteral("--secret"), QStringLiteral("fake")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains("unknown scheme 'sha-none'"));
        result = send({url, QStringLiteral("--template"), QStringLiteral("github/ping"),
                       QStringLiteral("--secret"), QStringLiteral("fake"),
                       QStringLiteral("--secret-file"), QStringLiteral("/x")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains("not both"));
    }

    void undecodableSecretsAreRefusedBeforeSending()
    {
        ComposeTestServer server;
        const QByteArray secret = "whsec_ZZFAKE!!"; // made up, and not base64 after whsec_
        const auto result = send({server.url().toString(), QStringLiteral("--template"),
                                  QStringLiteral("standard-webhooks/contact.created"),
                                  QStringLiteral("--secret"), QString::fromLatin1(secret)});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("whsec_ followed by base64"), result.err.constData());
        QVERIFY(!result.err.contains(secret));
        QCOMPARE(server.receivedCount(), 0);
    }

    void argumentsAreCheckedBeforeAnyNote()
    {
        const QString url = QStringLiteral("http://127.0.0.1:%1/").arg(test::composeClosedPort());
        const QStringList pledge {url, QStringLiteral("--template"),
                                  QStringLiteral("patreon/pledges:create")};
        auto result
            = send(pledge + QStringList {QStringLiteral("--scheme"), QStringLiteral("md5")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.startsWith("hookscope send: unknown scheme 'md5'"),
                 result.err.constData());
        result = send(pledge
                      + QStringList {QStringLiteral("--retry-schedule"), QStringLiteral("weekly")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.startsWith("hookscope send: unknown retry schedule"),
                 result.err.constData());
    }

    void badUrlsAreQuotedAndExplained_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("message");
        QTest::newRow("words") << u"not a url"_qs
                               << u"invalid URL 'not a url': it does not start with http:// or "
                                  "https://"_qs;
        QTest::newRow("no scheme")
            << u"localhost:3000/hook"_qs
            << u"invalid URL 'localhost:3000/hook': it does not start with http:// or https://"_qs;
        QTest::newRow("other scheme")
            << u"ftp://127.0.0.1/"_qs
            << u"invalid URL 'ftp://127.0.0.1/': only http:// and https:// URLs can be sent to"_qs;
        QTest::newRow("port too big")
            << u"http://127.0.0.1:99999/"_qs
            << u"invalid URL 'http://127.0.0.1:99999/': the port 99999 is not from 1 to 65535"_qs;
        QTest::newRow("port not a number")
            << u"http://127.0.0.1:abc/"_qs
            << u"invalid URL 'http://127.0.0.1:abc/': the port 'abc' is not a number"_qs;
        QTest::newRow("space") << u"http://127.0.0.1/a b"_qs
                               << u"invalid URL 'http://127.0.0.1/a b': it contains a space"_qs;
        QTest::newRow("no host") << u"http:///hook"_qs
                                 << u"invalid URL 'http:///hook': it has no host"_qs;
        QTest::newRow("password") << u"http://u:pw-FAKE@127.0.0.1:99999/"_qs
                                  << u"invalid URL 'http://u:***@127.0.0.1:99999/': the port "
                                     "99999 is not from 1 to 65535"_qs;
    }

    void badUrlsAreQuotedAndExplained()
    {
        QFETCH(QString, url);
        QFETCH(QString, message);
        const auto result
            = send({url, QStringLiteral("--template"), QStringLiteral("github/ping")});
        QCOMPARE(result.exitCode, 2);
        QCOMPARE(QString::fromUtf8(result.err.split('\n').first()),
                 QStringLiteral("hookscope send: ") + message);
    }

    void arrivesAtHookscopesOwnReceiver()
    {
        QTemporaryDir dir;
        QFile secretFile(dir.filePath(QStringLiteral("secret")));
        QVERIFY(secretFile.open(QIODevice::WriteOnly));
        secretFile.write("fake-receiver-secret-6");
        secretFile.close();
        QProcess listen;
        listen.start(QStringLiteral(HOOKSCOPE_BINARY),
                     {QStringLiteral("listen"), QStringLiteral("--port"), QStringLiteral("0"),
                      QStringLiteral("--json"), QStringLiteral("--db"),
                      dir.filePath(QStringLiteral("db.sqlite")), QStringLiteral("--scheme"),
                      QStringLiteral("patreon"), QStringLiteral("--secret-file"),
                      secretFile.fileName()});
        QVERIFY(listen.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(listen.canReadLine(), 20000);
        // With --json the first line is JSON too: {"listening":"http://127.0.0.1:PORT"}.
        const QByteArray banner = listen.readLine();
        const QString address = parseJson(banner.trimmed()).stringValue(u"listening");
        QVERIFY2(address.startsWith(u"http://"), banner.constData());
        const QString url = address + QStringLiteral("/hooks/patreon");

        const auto result = send(
            {url, QStringLiteral("--template"), QStringLiteral("patreon/pledges:create"),
             QStringLiteral("--secret-file"), secretFile.fileName(), QStringLiteral("--json")});
        QCOMPARE(result.exitCode, 0);
        const JsonValue sent = parseJson(result.out);
        const qint64 bodySize = sent.value(u"request").stringValue(u"body").toUtf8().size();

        QTRY_VERIFY_WITH_TIMEOUT(listen.canReadLine(), 20000);
        const JsonValue line = parseJson(listen.readLine().trimmed());
        listen.terminate();
        QVERIFY(listen.waitForFinished(20000));
        QCOMPARE(line.stringValue(u"method"), QStringLiteral("POST"));
        QCOMPARE(line.stringValue(u"target"), QStringLiteral("/hooks/patreon"));
        QCOMPARE(line.stringValue(u"event"), QStringLiteral("pledges:create"));
        QCOMPARE(line.value(u"body_size").toInteger(), bodySize);
        // Once the receiver verifies signatures on its catch-all, this one must be valid.
        const QString verdict = line.value(u"signature").stringValue(u"verdict");
        if (verdict != u"no-secret")
            QCOMPARE(verdict, QStringLiteral("valid"));
    }

    void loadModeSummarises()
    {
        ComposeTestServer server;
        const auto result
            = send({server.url().toString(), QStringLiteral("--template"),
                    QStringLiteral("stripe/invoice.payment_failed"), QStringLiteral("--count"),
                    QStringLiteral("30"), QStringLiteral("--concurrency"), QStringLiteral("3"),
                    QStringLiteral("--json")});
        QCOMPARE(result.exitCode, 0);
        const JsonValue root = parseJson(result.out);
        QCOMPARE(root.value(u"delivered").toInteger(), 30);
        QVERIFY(root.value(u"latency_ms").value(u"p99").type() == JsonValue::Type::Number);
        QCOMPARE(server.receivedCount(), 30);
        QSet<QString> ids;
        for (const auto &request : server.received())
            ids.insert(parseJson(request.body).stringValue(u"id"));
        QCOMPARE(ids.size(), 30);

        const auto text = send({server.url().toString(), QStringLiteral("--template"),
                                QStringLiteral("github/push"), QStringLiteral("--count"),
                                QStringLiteral("5"), QStringLiteral("--deliver-twice")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("deliveries: 10  delivered (2xx): 10"));
        QVERIFY(text.out.contains("latency ms: p50"));
    }
};

QTEST_GUILESS_MAIN(TestSendCli)
#include "TestSendCli.moc"
