#include "CliRunner.h"
#include "store/RequestStore.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {

QString fillDatabase(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("e.sqlite"));
    store::RequestStore store;
    if (!store.open(path).isEmpty())
        return {};
    Capture text;
    text.method = "POST";
    text.target = "/github?x=1&y=caf%C3%A9";
    text.headers = {{"Host", "localhost:8080"},
                    {"X-Dup", "1"},
                    {"x-dup", "2"},
                    {"Content-Type", "application/json"}};
    text.body = "{\"type\":\"caf\xc3\xa9\"}";
    text.remoteAddress = QStringLiteral("127.0.0.1");
    text.remotePort = 50000;
    text.receivedAtUs = 1'700'000'000'123'456;
    text.durationUs = 1500;
    text.endpoint = QStringLiteral("github");
    text.eventType = QStringLiteral("push");
    text.responseStatus = 200;
    text.responseBody = "{\"received\":\"{{id}}\"}";
    text.signature = {QStringLiteral("github"), QStringLiteral("valid"), QString()};
    store.submit(text);
    Capture binary;
    binary.method = "PUT";
    binary.target = "/bin";
    binary.headers = {{"Content-Type", "application/octet-stream"}};
    binary.body = QByteArray("\x00\xff\xfe\x01", 4);
    binary.receivedAtUs = 1'700'000'001'000'000;
    binary.responseStatus = 200;
    binary.signature.verdict = QStringLiteral("no-secret");
    store.submit(binary);
    Capture broken;
    broken.body = "\x16\x03garbage";
    broken.malformed = true;
    broken.parseError = QStringLiteral("invalid HTTP method");
    broken.receivedAtUs = 1'700'000'002'000'000;
    broken.responseStatus = 400;
    store.submit(broken);
    store.flush();
    return path;
}

// Captures whose bytes an export most easily gets wrong, stored and read back by the binary.
QString fillOddDatabase(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("odd.sqlite"));
    store::RequestStore store;
    if (!store.open(path).isEmpty())
        return {};
    Capture odd;
    odd.method = "POST";
    odd.target = "/raw\xff\x80path?q=a b\t\"<>|{}\\^`&c=[1]";
    odd.headers = {{"Host", "localhost:8080"},
                   {"X-Mixed",
                    "a\xff"
                    "b\xc3\xa9"}};
    odd.body = "\xef\xbb\xbfhi";
    odd.remoteAddress = QStringLiteral("::1");
    odd.remotePort = 53944;
    odd.receivedAtUs = 1'700'000'000'000'000;
    odd.responseStatus = 200;
    store.submit(odd);
    Capture broken;
    broken.body = "\x16\x03garbage";
    broken.malformed = true;
    broken.parseError = QStringLiteral("invalid HTTP method");
    broken.remoteAddress = QStringLiteral("127.0.0.1");
    broken.remotePort = 53945;
    broken.receivedAtUs = 1'700'000'001'000'000;
    broken.responseStatus = 400;
    store.submit(broken);
    store.flush();
    return path;
}

void requireKeys(const QJsonObject &object, const QStringList &keys, const QString &where)
{
    for (const QString &key : keys)
        QVERIFY2(object.contains(key), qPrintable(where + u'.' + key));
}

// `export --db db --format jsonl` with more arguments.
test::ProcessResult exportLines(const QString &db, const QStringList &more)
{
    return test::runHookscope(QStringList {QStringLiteral("export"), QStringLiteral("--db"), db,
                                           QStringLiteral("--format"), QStringLiteral("jsonl")}
                              + more);
}

// The ids of the records a JSON-lines export wrote, in order.
QList<int> exportedIds(const QByteArray &out)
{
    QList<int> ids;
    for (const QByteArray &line : out.split('\n')) {
        if (!line.isEmpty())
            ids << QJsonDocument::fromJson(line).object().value(QStringLiteral("id")).toInt();
    }
    return ids;
}

} // namespace

class TestExportCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonLinesHoldEveryCaptureExactly()
    {
        QTemporaryDir dir;
        const QString db = fillDatabase(dir);
        QVERIFY(!db.isEmpty());
        const auto result
            = test::runHookscope({QStringLiteral("export"), QStringLiteral("--db"), db,
                                  QStringLiteral("--format"), QStringLiteral("jsonl")});
        QCOMPARE(result.exitCode, 0);
        const QList<QByteArray> lines = result.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        const QJsonObject first = QJsonDocument::fromJson(lines.at(0)).object();
        QCOMPARE(first.value(QStringLiteral("id")).toInt(), 1);
        QCOMPARE(first.value(QStringLiteral("received_at")).toString(),
                 QStringLiteral("2023-11-14T22:13:20.123456Z"));
        QCOMPARE(first.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
        QCOMPARE(first.value(QStringLiteral("target")).toString(),
                 QStringLiteral("/github?x=1&y=caf%C3%A9"));
        QCOMPARE(first.value(QStringLiteral("http_version")).toString(), QStringLiteral("1.1"));
        const QJsonArray headers = first.value(QStringLiteral("headers")).toArray();
        QCOMPARE(headers.size(), 4);
        QCOMPARE(headers.at(1).toArray(),
                 (QJsonArray {QStringLiteral("X-Dup"), QStringLiteral("1")}));
        QCOMPARE(headers.at(2).toArray(),
                 (QJsonArray {QStringLiteral("x-dup"), QStringLiteral("2")}));
        QCOMPARE(first.value(QStringLiteral("body")).toString(),
                 QString::fromUtf8("{\"type\":\"caf\xc3\xa9\"}"));
        QVERIFY(!first.contains(QStringLiteral("body_base64")));
        QCOMPARE(first.value(QStringLiteral("remote")).toString(),
                 QStringLiteral("127.0.0.1:50000"));
        QCOMPARE(first.value(QStringLiteral("endpoint")).toString(), QStringLiteral("github"));
        QCOMPARE(first.value(QStringLiteral("malformed")).toBool(), false);
        QCOMPARE(
            first.value(QStringLiteral("signature")).toObject().value(QStringLiteral("verdict")),
            QStringLiteral("valid"));

        const QJsonObject second = QJsonDocument::fromJson(lines.at(1)).object();
        QVERIFY(!second.contains(QStringLiteral("body")));
        QCOMPARE(QByteArray::fromBase64(
                     second.value(QStringLiteral("body_base64")).toString().toLatin1()),
                 QByteArray("\x00\xff\xfe\x01", 4));
        const QJsonObject third = QJsonDocument::fromJson(lines.at(2)).object();
        QCOMPARE(third.value(QStringLiteral("malformed")).toBool(), true);
        QCOMPARE(third.value(QStringLiteral("parse_error")).toString(),
                 QStringLiteral("invalid HTTP method"));
    }

    void harIsVersion12WithEveryRequiredField()
    {
        QTemporaryDir dir;
        const QString db = fillDatabase(dir);
        const QString out = dir.filePath(QStringLiteral("out.har"));
        const auto result = test::runHookscope(
            {QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--format"),
             QStringLiteral("har"), QStringLiteral("--out"), out});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.isEmpty());
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonParseError error;
        const QJsonObject root = QJsonDocument::fromJson(file.readAll(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject log = root.value(QStringLiteral("log")).toObject();
        QCOMPARE(log.value(QStringLiteral("version")).toString(), QStringLiteral("1.2"));
        requireKeys(log.value(QStringLiteral("creator")).toObject(),
                    {QStringLiteral("name"), QStringLiteral("version")}, QStringLiteral("creator"));
        const QJsonArray entries = log.value(QStringLiteral("entries")).toArray();
        QCOMPARE(entries.size(), 3);
        for (const QJsonValue &value : entries) {
            const QJsonObject entry = value.toObject();
            requireKeys(entry,
                        {QStringLiteral("startedDateTime"), QStringLiteral("time"),
                         QStringLiteral("request"), QStringLiteral("response"),
                         QStringLiteral("cache"), QStringLiteral("timings")},
                        QStringLiteral("entry"));
            const QJsonObject request = entry.value(QStringLiteral("request")).toObject();
            requireKeys(request,
                        {QStringLiteral("method"), QStringLiteral("url"),
                         QStringLiteral("httpVersion"), QStringLiteral("cookies"),
                         QStringLiteral("headers"), QStringLiteral("queryString"),
                         QStringLiteral("headersSize"), QStringLiteral("bodySize")},
                        QStringLiteral("request"));
            const QJsonObject response = entry.value(QStringLiteral("response")).toObject();
            requireKeys(response,
                        {QStringLiteral("status"), QStringLiteral("statusText"),
                         QStringLiteral("httpVersion"), QStringLiteral("cookies"),
                         QStringLiteral("headers"), QStringLiteral("content"),
                         QStringLiteral("redirectURL"), QStringLiteral("headersSize"),
                         QStringLiteral("bodySize")},
                        QStringLiteral("response"));
            requireKeys(response.value(QStringLiteral("content")).toObject(),
                        {QStringLiteral("size"), QStringLiteral("mimeType")},
                        QStringLiteral("content"));
            const QJsonObject timings = entry.value(QStringLiteral("timings")).toObject();
            requireKeys(timings,
                        {QStringLiteral("send"), QStringLiteral("wait"), QStringLiteral("receive")},
                        QStringLiteral("timings"));
            QVERIFY(entry.value(QStringLiteral("time")).isDouble());
            QVERIFY(entry.value(QStringLiteral("startedDateTime")).toString().contains(u'T'));
            QVERIFY(
                request.value(QStringLiteral("url")).toString().startsWith(QStringLiteral("http")));
        }
        const QJsonObject first
            = entries.at(0).toObject().value(QStringLiteral("request")).toObject();
        QCOMPARE(first.value(QStringLiteral("url")).toString(),
                 QStringLiteral("http://localhost:8080/github?x=1&y=caf%C3%A9"));
        const QJsonArray query = first.value(QStringLiteral("queryString")).toArray();
        QCOMPARE(query.size(), 2);
        QCOMPARE(query.at(1).toObject().value(QStringLiteral("value")).toString(),
                 QString::fromUtf8("caf\xc3\xa9"));
        QCOMPARE(
            first.value(QStringLiteral("postData")).toObject().value(QStringLiteral("mimeType")),
            QStringLiteral("application/json"));
        const QJsonObject response
            = entries.at(0).toObject().value(QStringLiteral("response")).toObject();
        QCOMPARE(response.value(QStringLiteral("content")).toObject().value(QStringLiteral("text")),
                 QStringLiteral("{\"received\":\"1\"}"));
        QCOMPARE(response.value(QStringLiteral("statusText")).toString(), QStringLiteral("OK"));
    }

    void standardOutputWithoutOut()
    {
        QTemporaryDir dir;
        const QString db = fillDatabase(dir);
        const auto result
            = test::runHookscope({QStringLiteral("export"), QStringLiteral("--db"), db,
                                  QStringLiteral("--format"), QStringLiteral("har")});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(result.out)
                     .object()
                     .value(QStringLiteral("log"))
                     .toObject()
                     .value(QStringLiteral("entries"))
                     .toArray()
                     .size(),
                 3);
    }

    void exportsKeepOddBytesExactly()
    {
        QTemporaryDir dir;
        const QString db = fillOddDatabase(dir);
        QVERIFY(!db.isEmpty());
        const QByteArray target = "/raw\xff\x80path?q=a b\t\"<>|{}\\^`&c=[1]";
        auto result = test::runHookscope({QStringLiteral("export"), QStringLiteral("--db"), db,
                                          QStringLiteral("--format"), QStringLiteral("jsonl")});
        QCOMPARE(result.exitCode, 0);
        const QList<QByteArray> lines = result.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        const QJsonObject line = QJsonDocument::fromJson(lines.at(0)).object();
        QCOMPARE(line.value(QStringLiteral("body")).toString().toUtf8(),
                 QByteArray("\xef\xbb\xbfhi"));
        QCOMPARE(QByteArray::fromBase64(
                     line.value(QStringLiteral("target_base64")).toString().toLatin1()),
                 target);
        QCOMPARE(line.value(QStringLiteral("headers")).toArray().at(1).toArray().at(1).toString(),
                 QStringLiteral("a\ufffdb\u00e9"));
        const QJsonArray exactHeaders = line.value(QStringLiteral("headers_base64")).toArray();
        QCOMPARE(exactHeaders.size(), 2);
        QCOMPARE(QByteArray::fromBase64(exactHeaders.at(1).toArray().at(1).toString().toLatin1()),
                 QByteArray("a\xff"
                            "b\xc3\xa9"));
        QCOMPARE(line.value(QStringLiteral("remote")).toString(), QStringLiteral("[::1]:53944"));
        QCOMPARE(QJsonDocument::fromJson(lines.at(1))
                     .object()
                     .value(QStringLiteral("remote"))
                     .toString(),
                 QStringLiteral("127.0.0.1:53945"));

        result = test::runHookscope({QStringLiteral("export"), QStringLiteral("--db"), db,
                                     QStringLiteral("--format"), QStringLiteral("har")});
        QCOMPARE(result.exitCode, 0);
        const QJsonArray entries = QJsonDocument::fromJson(result.out)
                                       .object()
                                       .value(QStringLiteral("log"))
                                       .toObject()
                                       .value(QStringLiteral("entries"))
                                       .toArray();
        QCOMPARE(entries.size(), 2);
        const QJsonObject entry = entries.at(0).toObject();
        const QJsonObject request = entry.value(QStringLiteral("request")).toObject();
        QCOMPARE(request.value(QStringLiteral("url")).toString(),
                 QStringLiteral("http://localhost:8080/raw%FF%80path?q=a%20b%09%22%3C%3E%7C%7B%7D"
                                "%5C%5E%60&c=[1]"));
        QCOMPARE(QByteArray::fromBase64(
                     request.value(QStringLiteral("_targetBase64")).toString().toLatin1()),
                 target);
        QCOMPARE(request.value(QStringLiteral("bodySize")).toInt(), 5);
        QCOMPARE(request.value(QStringLiteral("postData"))
                     .toObject()
                     .value(QStringLiteral("text"))
                     .toString()
                     .toUtf8(),
                 QByteArray("\xef\xbb\xbfhi"));
        QCOMPARE(entry.value(QStringLiteral("_remote")).toString(), QStringLiteral("[::1]:53944"));
        const QJsonObject broken = entries.at(1).toObject();
        QCOMPARE(broken.value(QStringLiteral("_parseError")).toString(),
                 QStringLiteral("invalid HTTP method"));
        QVERIFY(broken.value(QStringLiteral("comment"))
                    .toString()
                    .contains(QStringLiteral("invalid HTTP method")));
    }

    // What forward targets answered goes with each capture: JSON lines "forwards", HAR
    // "_forwards". A password in a stored target (an older store kept it) is shown as ***.
    void exportsCarryForwardResults()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("f.sqlite"));
        const QByteArray password = "fwdPASSk41z"; // made up for this test
        {
            store::RequestStore store;
            QCOMPARE(store.open(db), QString());
            Capture capture;
            capture.method = "POST";
            capture.target = "/hooks";
            capture.headers = {{"Host", "localhost"}};
            capture.body = "{}";
            capture.receivedAtUs = 1'700'000'000'000'000;
            capture.responseStatus = 200;
            store.submit(capture);
            store.flush();
            ForwardResult answered;
            answered.target = QStringLiteral("http://ci:") + QString::fromLatin1(password)
                + QStringLiteral("@127.0.0.1:3000/webhooks");
            answered.sentAtUs = 1'700'000'000'250'000;
            answered.status = 201;
            answered.headers = {{"Content-Type", "text/plain"}, {"X-Trace", "t1"}};
            answered.body = "created";
            answered.durationUs = 4100;
            QVERIFY(store.addForwardResult(1, answered));
            ForwardResult binary;
            binary.target = QStringLiteral("http://127.0.0.1:3001/bin");
            binary.sentAtUs = 1'700'000'000'300'000;
            binary.status = 200;
            binary.body = QByteArray("\x00\xff", 2);
            binary.durationUs = 1500;
            QVERIFY(store.addForwardResult(1, binary));
            ForwardResult refused;
            refused.target = QStringLiteral("http://127.0.0.1:1/hooks");
            refused.sentAtUs = 1'700'000'000'400'000;
            refused.error = QStringLiteral("connection refused");
            QVERIFY(store.addForwardResult(1, refused));
        }
        const auto jsonl
            = test::runHookscope({QStringLiteral("export"), QStringLiteral("--db"), db,
                                  QStringLiteral("--format"), QStringLiteral("jsonl")});
        QCOMPARE(jsonl.exitCode, 0);
        QVERIFY(!jsonl.out.contains(password));
        const QJsonObject record = QJsonDocument::fromJson(jsonl.out.trimmed()).object();
        const QJsonArray forwards = record.value(QStringLiteral("forwards")).toArray();
        QCOMPARE(forwards.size(), 3);
        const QJsonObject first = forwards.at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("target")).toString(),
                 QStringLiteral("http://ci:***@127.0.0.1:3000/webhooks"));
        QCOMPARE(first.value(QStringLiteral("status")).toInt(), 201);
        QCOMPARE(first.value(QStringLiteral("body")).toString(), QStringLiteral("created"));
        QCOMPARE(first.value(QStringLiteral("headers")).toArray().at(1).toArray(),
                 (QJsonArray {QStringLiteral("X-Trace"), QStringLiteral("t1")}));
        QCOMPARE(first.value(QStringLiteral("duration_ms")).toDouble(), 4.1);
        QCOMPARE(first.value(QStringLiteral("sent_at")).toString(),
                 QStringLiteral("2023-11-14T22:13:20.250000Z"));
        QVERIFY(first.value(QStringLiteral("error")).isNull());
        const QJsonObject second = forwards.at(1).toObject();
        QCOMPARE(second.value(QStringLiteral("body_base64")).toString(), QStringLiteral("AP8="));
        QVERIFY(!second.contains(QStringLiteral("body")));
        const QJsonObject third = forwards.at(2).toObject();
        QCOMPARE(third.value(QStringLiteral("status")).toInt(), 0);
        QCOMPARE(third.value(QStringLiteral("error")).toString(),
                 QStringLiteral("connection refused"));

        const auto har = test::runHookscope({QStringLiteral("export"), QStringLiteral("--db"), db,
                                             QStringLiteral("--format"), QStringLiteral("har")});
        QCOMPARE(har.exitCode, 0);
        QVERIFY(!har.out.contains(password));
        const QJsonObject entry = QJsonDocument::fromJson(har.out)
                                      .object()
                                      .value(QStringLiteral("log"))
                                      .toObject()
                                      .value(QStringLiteral("entries"))
                                      .toArray()
                                      .first()
                                      .toObject();
        QCOMPARE(entry.value(QStringLiteral("_forwards")).toArray(), forwards);
    }

    // One request, or a few, without exporting the whole store: named, oldest first.
    void idPicksRequests()
    {
        QTemporaryDir dir;
        const QString db = fillDatabase(dir);
        auto result = exportLines(db, {QStringLiteral("--id"), QStringLiteral("2")});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(exportedIds(result.out), QList<int>({2}));
        result = exportLines(db,
                             {QStringLiteral("--id"), QStringLiteral("3"), QStringLiteral("--id"),
                              QStringLiteral("1")});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(exportedIds(result.out), QList<int>({1, 3}));
        result = exportLines(db, {QStringLiteral("--id"), QStringLiteral("3,#1,3")});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(exportedIds(result.out), QList<int>({1, 3}));
        // The same records as the whole export, in the same HAR around them.
        const QStringList har {QStringLiteral("export"), QStringLiteral("--db"), db,
                               QStringLiteral("--format"), QStringLiteral("har")};
        const auto all = test::runHookscope(har);
        const auto picked = test::runHookscope(
            har + QStringList {QStringLiteral("--id"), QStringLiteral("1,2,3")});
        QCOMPARE(picked.exitCode, 0);
        QCOMPARE(picked.out, all.out);

        // An id that is not there is an error before anything is written.
        result = exportLines(db, {QStringLiteral("--id"), QStringLiteral("2,99")});
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.err, "hookscope export: no request with id 99 in " + db.toUtf8() + '\n');
        QVERIFY(result.out.isEmpty());
        const QString out = dir.filePath(QStringLiteral("picked.jsonl"));
        result = exportLines(
            db, {QStringLiteral("--id"), QStringLiteral("99"), QStringLiteral("--out"), out});
        QCOMPARE(result.exitCode, 1);
        QVERIFY(!QFile::exists(out));
    }

    // --since takes the time as export and listen print it (received_at), or an age.
    void sinceAndLimitPickTheLatest()
    {
        QTemporaryDir dir;
        const QString db = fillDatabase(dir);
        auto result = exportLines(
            db, {QStringLiteral("--since"), QStringLiteral("2023-11-14T22:13:20.123456Z")});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(exportedIds(result.out), QList<int>({1, 2, 3})); // received_at itself is in
        result = exportLines(
            db, {QStringLiteral("--since"), QStringLiteral("2023-11-14T22:13:20.123457Z")});
        QCOMPARE(exportedIds(result.out), QList<int>({2, 3}));
        result = exportLines(db, {QStringLiteral("--since=2023-11-14T23:13:21+01:00")});
        QCOMPARE(exportedIds(result.out), QList<int>({2, 3}));
        result = exportLines(db, {QStringLiteral("--since"), QStringLiteral("10m")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.isEmpty()); // all of them are from 2023

        // The most recent N, still written oldest first.
        result = exportLines(db, {QStringLiteral("--limit"), QStringLiteral("2")});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(exportedIds(result.out), QList<int>({2, 3}));
        result = exportLines(db, {QStringLiteral("--limit"), QStringLiteral("1")});
        QCOMPARE(exportedIds(result.out), QList<int>({3}));
        result = exportLines(db, {QStringLiteral("--limit"), QStringLiteral("10")});
        QCOMPARE(exportedIds(result.out), QList<int>({1, 2, 3}));

        // An age counts back from now: add a request received now.
        {
            store::RequestStore store;
            QCOMPARE(store.open(db), QString());
            Capture recent;
            recent.method = "POST";
            recent.target = "/now";
            recent.receivedAtUs = QDateTime::currentMSecsSinceEpoch() * 1000;
            recent.responseStatus = 200;
            store.submit(recent);
            store.flush();
        }
        for (const QString &age : {QStringLiteral("90s"), QStringLiteral("10m"),
                                   QStringLiteral("2h"), QStringLiteral("1d")}) {
            result = exportLines(db, {QStringLiteral("--since"), age});
            QCOMPARE(result.exitCode, 0);
            QCOMPARE(exportedIds(result.out), QList<int>({4}));
        }
        result = exportLines(db,
                             {QStringLiteral("--since"), QStringLiteral("2023-11-14T22:13:21Z"),
                              QStringLiteral("--limit"), QStringLiteral("2")});
        QCOMPARE(exportedIds(result.out), QList<int>({3, 4}));
    }

    void badSelectionsAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("id zero") << QStringList {QStringLiteral("--id"), QStringLiteral("0")}
                                 << QByteArray("--id needs request ids (12, or 3,7), not '0'");
        QTest::newRow("id word") << QStringList {QStringLiteral("--id"), QStringLiteral("last")}
                                 << QByteArray("--id needs request ids");
        QTest::newRow("id range") << QStringList {QStringLiteral("--id"), QStringLiteral("2-5")}
                                  << QByteArray("--id needs request ids");
        QTest::newRow("limit zero") << QStringList {QStringLiteral("--limit"), QStringLiteral("0")}
                                    << QByteArray("--limit must be a positive number");
        QTest::newRow("since without unit")
            << QStringList {QStringLiteral("--since"), QStringLiteral("10")}
            << QByteArray("--since needs a time (2026-11-23T13:37:23Z, as received_at gives it) "
                          "or an age with its unit (90s, 10m, 2h, 1d), not '10'");
        QTest::newRow("since word")
            << QStringList {QStringLiteral("--since"), QStringLiteral("yesterday")}
            << QByteArray("--since needs a time");
        QTest::newRow("since bad date")
            << QStringList {QStringLiteral("--since"), QStringLiteral("2023-13-40")}
            << QByteArray("--since needs a time");
        QTest::newRow("id and since")
            << QStringList {QStringLiteral("--id"), QStringLiteral("1"), QStringLiteral("--since"),
                            QStringLiteral("1h")}
            << QByteArray("--id names the requests; --since and --limit do not go with it");
    }

    void badSelectionsAreUsageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, message);
        QTemporaryDir dir;
        const QString db = fillDatabase(dir);
        const auto result = exportLines(db, arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.startsWith("hookscope export: " + message), result.err.constData());
        QVERIFY(result.err.endsWith("Run 'hookscope export --help' for usage.\n"));
        QVERIFY(result.out.isEmpty());
    }

    void errorsAreClear()
    {
        QTemporaryDir dir;
        auto result = test::runHookscope({QStringLiteral("export"), QStringLiteral("--format"),
                                          QStringLiteral("csv"), QStringLiteral("--db"),
                                          dir.filePath(QStringLiteral("x.sqlite"))});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains("jsonl or har"));
        result = test::runHookscope({QStringLiteral("export"), QStringLiteral("--format"),
                                     QStringLiteral("jsonl"), QStringLiteral("--db"),
                                     dir.filePath(QStringLiteral("missing.sqlite"))});
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.err.contains("no database"));
    }
};

QTEST_GUILESS_MAIN(TestExportCommand)
#include "TestExportCommand.moc"
