#include "TestConfig.h"
#include "exchange/CaptureExchange.h"
#include "exchange/HarImport.h"
#include "store/CaptureExport.h"
#include "store/RequestStore.h"

#include <QBuffer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(hookscope::Capture)

using namespace hookscope;
using namespace hookscope::exchange;

namespace {

QString dataFile(const char *name)
{
    return QStringLiteral(HOOKSCOPE_TEST_DATA_DIR "/exchange/") + QString::fromLatin1(name);
}

QList<Capture> sampleCaptures()
{
    Capture json;
    json.id = 7;
    json.method = "POST";
    json.target = "/hooks/patreon?source=webhook&x=%2F%20y";
    json.headers = {{"Host", "127.0.0.1:8787"},
                    {"Content-Type", "application/json"},
                    {"X-Patreon-Signature", "00ff"},
                    {"X-Patreon-Event", "pledges:create"},
                    {"X-Dup", "one"},
                    {"x-dup", "two"},
                    {"X-Empty", ""}};
    json.body
        = "{\n  \"amount\": 1.50,\n  \"name\": \"Zo\xc3\xab \\u00e9\",\n  \"a\": 1, \"a\": 2\n}\n";
    json.remoteAddress = QStringLiteral("127.0.0.1");
    json.remotePort = 50123;
    json.receivedAtUs = 1795441043123456;
    json.durationUs = 1500;
    json.responseDelayMs = 250;
    json.endpoint = QStringLiteral("patreon");
    json.responseStatus = 200;
    json.responseHeaders = {{"Content-Type", "application/json"}};
    json.responseBody = "{\"received\":\"7\"}";

    Capture binary;
    binary.id = 8;
    binary.method = "PUT";
    binary.target = "/upload";
    binary.tls = true;
    binary.httpVersion = "1.0";
    // A Latin-1 header value (obs-text): HAR text cannot hold these bytes, so Hookscope's export
    // keeps them in _valueBase64 as well.
    binary.headers = {{"Host", "localhost"},
                      {"Content-Type", "application/octet-stream"},
                      {"X-Filename", "caf\xe9 \xff.bin"}};
    // Not UTF-8: invalid lead bytes, a lone continuation, an overlong form and a NUL.
    binary.body = QByteArray("\xff\xfe\x80\xc0\xaf\x00zz\r\n", 10);
    binary.receivedAtUs = 1795441044000001;
    binary.responseStatus = 503;
    binary.responseBody = QByteArray("\x89PNG\r\n\x1a\n", 8);

    Capture empty;
    empty.id = 9;
    empty.method = "GET";
    empty.target = "/?filter={\"a\":[1|2]}&q=caf\xc3\xa9";
    empty.headers = {{"Host", "127.0.0.1:8787"}};
    empty.receivedAtUs = 1795441045000000;
    return {json, binary, empty};
}

void compareRequests(const QList<Capture> &imported, const QList<Capture> &original)
{
    QCOMPARE(imported.size(), original.size());
    for (qsizetype i = 0; i < original.size(); ++i) {
        QCOMPARE(imported[i].method, original[i].method);
        QCOMPARE(imported[i].target, original[i].target);
        QCOMPARE(imported[i].httpVersion, original[i].httpVersion);
        QCOMPARE(imported[i].headers, original[i].headers);
        QCOMPARE(imported[i].body, original[i].body);
        QCOMPARE(imported[i].tls, original[i].tls);
        QCOMPARE(imported[i].receivedAtUs, original[i].receivedAtUs);
        QCOMPARE(imported[i].durationUs, original[i].durationUs);
        QCOMPARE(imported[i].responseDelayMs, original[i].responseDelayMs);
        QCOMPARE(imported[i].remoteAddress, original[i].remoteAddress);
        QCOMPARE(imported[i].remotePort, original[i].remotePort);
        QCOMPARE(imported[i].responseStatus, original[i].responseStatus);
        QCOMPARE(imported[i].responseHeaders, original[i].responseHeaders);
        QCOMPARE(imported[i].responseBody, original[i].responseBody);
        QCOMPARE(imported[i].endpoint, QStringLiteral("imported"));
        QCOMPARE(imported[i].eventType, i == 0 ? QStringLiteral("pledges:create") : QString());
    }
}

} // namespace

class TestHarImport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripThroughSelectedExport()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("selected.har"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QList<Capture> captures = sampleCaptures();
        QCOMPARE(exportCaptures(captures, ExportFormat::Har, file), QString());
        file.close();

        const HarImportResult result = importHarFile(path);
        QVERIFY2(result.ok(), qPrintable(result.fatalError));
        QCOMPARE(result.entryErrors, QStringList());
        QCOMPARE(result.entryCount, 3);
        compareRequests(result.captures, captures);
    }

    void roundTripThroughStoreExport()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        store::RequestStore store;
        QCOMPARE(store.open(dir.filePath(QStringLiteral("store.db")), {.fullSync = false}),
                 QString());
        const QList<Capture> captures = sampleCaptures();
        for (const Capture &capture : captures)
            store.submit(capture);
        store.flush();
        QCOMPARE(store.count(), qint64(3));

        const QString path = dir.filePath(QStringLiteral("all.har"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(store::exportHar(store, file), QString());
        file.close();

        const HarImportResult result = importHarFile(path);
        QVERIFY2(result.ok(), qPrintable(result.fatalError));
        QCOMPARE(result.entryErrors, QStringList());
        QCOMPARE(result.captures.size(), 3);
        for (qsizetype i = 0; i < captures.size(); ++i) {
            QCOMPARE(result.captures[i].method, captures[i].method);
            QCOMPARE(result.captures[i].target, captures[i].target);
            QCOMPARE(result.captures[i].headers, captures[i].headers);
            QCOMPARE(result.captures[i].body, captures[i].body);
            QCOMPARE(result.captures[i].receivedAtUs, captures[i].receivedAtUs);
        }
    }

    void jsonLinesOfSelectedCaptures()
    {
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QCOMPARE(exportCaptures(sampleCaptures(), ExportFormat::JsonLines, buffer), QString());
        const QList<QByteArray> lines = buffer.data().split('\n');
        QCOMPARE(lines.size(), 4); // three records and the empty rest after the last newline
        QVERIFY(lines.last().isEmpty());
        QCOMPARE(QJsonDocument::fromJson(lines[0]).object().value(u"id").toInteger(), 7);
        QCOMPARE(QJsonDocument::fromJson(lines[1]).object().value(u"body_base64").toString(),
                 QString::fromLatin1(sampleCaptures()[1].body.toBase64()));
        QCOMPARE(QJsonDocument::fromJson(lines[2]).object().value(u"method").toString(),
                 QStringLiteral("GET"));
    }

    void emptySelectionIsAValidHar()
    {
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QCOMPARE(exportCaptures({}, ExportFormat::Har, buffer), QString());
        const HarImportResult result = importHar(buffer.data());
        QVERIFY(result.ok());
        QCOMPARE(result.entryCount, 0);
    }

    void chromeDevTools()
    {
        const HarImportResult result = importHarFile(dataFile("chrome-devtools.har"));
        QVERIFY2(result.ok(), qPrintable(result.fatalError));
        QCOMPARE(result.entryErrors, QStringList());
        QCOMPARE(result.captures.size(), 2);
        const Capture &first = result.captures[0];
        QCOMPARE(first.method, QByteArray("POST"));
        QCOMPARE(first.target, QByteArray("/stripe/events?attempt=2&x=%2F"));
        QCOMPARE(first.httpVersion, QByteArray("2"));
        QVERIFY(first.tls);
        // Pseudo-headers gone, the rest exactly as listed, duplicates and case kept.
        const HeaderList expected {{"content-type", "application/json; charset=utf-8"},
                                   {"stripe-signature", "t=1700000000,v1=abc"},
                                   {"x-dup", "one"},
                                   {"X-Dup", "two"}};
        QCOMPARE(first.headers, expected);
        QCOMPARE(first.body,
                 QByteArray("{\"id\":\"evt_1\",\"amount\":1.50,\"name\":\"Zo\xc3\xab\"}"));
        QCOMPARE(first.remoteAddress, QStringLiteral("::1"));
        // 14:37:23.123 at +01:00 is 13:37:23.123 UTC.
        QCOMPARE(first.receivedAtUs, qint64(1795441043123000));
        // "time" is 12.5 ms: the request took no time to send ("send": 0), the answer 12 ms
        // to come ("wait").
        QCOMPARE(first.durationUs, qint64(0));
        QCOMPARE(first.responseDelayMs, qint64(12));
        QCOMPARE(first.responseStatus, 201);
        QCOMPARE(first.responseBody, QByteArray("{\"ok\":true}"));
        QCOMPARE(first.endpoint, QStringLiteral("imported"));

        const Capture &second = result.captures[1];
        QCOMPARE(second.method, QByteArray("PUT"));
        QCOMPARE(second.target, QByteArray("/upload"));
        QVERIFY(!second.tls);
        QCOMPARE(second.body, QByteArray("\x00\x01\xff\xfe\x80\x0a", 6));
        QCOMPARE(second.durationUs, qint64(0));
    }

    void firefoxFormParams()
    {
        HarImportOptions options;
        options.endpoint = QStringLiteral("from-firefox");
        const HarImportResult result = importHarFile(dataFile("firefox.har"), options);
        QVERIFY2(result.ok(), qPrintable(result.fatalError));
        QCOMPARE(result.captures.size(), 1);
        const Capture &capture = result.captures[0];
        QCOMPARE(capture.target, QByteArray("/form?a=1"));
        QCOMPARE(capture.httpVersion, QByteArray("1.1"));
        QCOMPARE(capture.body, QByteArray("name=a%20b&x=1%262"));
        QCOMPARE(capture.endpoint, QStringLiteral("from-firefox"));
        QCOMPARE(capture.receivedAtUs, qint64(1795441043500000));
        QCOMPARE(capture.responseBody, QByteArray("ok"));
        QCOMPARE(headerValue(capture.headers, "content-length"), QByteArray("17"));
    }

    void malformedCapturesRoundTrip_data()
    {
        QTest::addColumn<Capture>("capture");
        QTest::addColumn<QString>("harMethod");
        // Malformed captures keep the raw bytes seen as their body.
        Capture garbage;
        garbage.body = "GARBAGE /\x01\x02 HTTP/1.1\r\n\r\n";
        garbage.parseError = QStringLiteral("invalid URL");
        QTest::newRow("no method parsed") << garbage << QStringLiteral("GARBAGE");
        Capture noHost;
        noHost.method = "POST";
        noHost.target = "/nohost";
        noHost.headers = {{"Content-Length", "2"}};
        noHost.body = "POST /nohost HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi";
        noHost.parseError = QStringLiteral("HTTP/1.1 request without a Host header");
        QTest::newRow("no host") << noHost << QStringLiteral("POST");
        Capture noToken;
        noToken.body = QByteArray("\x01\xff\0\r\n", 5);
        noToken.parseError = QStringLiteral("invalid method");
        QTest::newRow("no token") << noToken << QStringLiteral("MALFORMED");
        Capture badHost;
        badHost.method = "GET";
        badHost.target = "/a b";
        badHost.headers = {{"Host", "a b"}, {"Host", "c"}};
        badHost.body = "GET /a b HTTP/1.1\r\nHost: a b\r\nHost: c\r\n\r\n";
        badHost.parseError = QStringLiteral("more than one Host header");
        QTest::newRow("bad host") << badHost << QStringLiteral("GET");
    }

    void malformedCapturesRoundTrip()
    {
        QFETCH(Capture, capture);
        QFETCH(QString, harMethod);
        capture.malformed = true;
        capture.receivedAtUs = 1795441046000000;
        capture.responseStatus = 400;
        QBuffer har;
        QVERIFY(har.open(QIODevice::ReadWrite));
        QCOMPARE(exportCaptures({capture}, ExportFormat::Har, har), QString());

        // What other tools read: a method HAR allows, and the entry marked malformed.
        const QJsonObject entry
            = QJsonDocument::fromJson(har.data()).object()[u"log"_qs][u"entries"_qs][0].toObject();
        QCOMPARE(entry[u"request"_qs][u"method"_qs].toString(), harMethod);
        QCOMPARE(entry[u"_malformed"_qs].toBool(), true);
        QCOMPARE(entry[u"_parseError"_qs].toString(), capture.parseError);
        QVERIFY(entry[u"comment"_qs].toString().startsWith(u"Malformed request"));

        const HarImportResult result = importHar(har.data());
        QCOMPARE(result.entryErrors, QStringList());
        QCOMPARE(result.captures.size(), 1);
        const Capture &imported = result.captures[0];
        QVERIFY(imported.malformed);
        QCOMPARE(imported.parseError, capture.parseError);
        QCOMPARE(imported.method, capture.method);
        QCOMPARE(imported.target, capture.target);
        QCOMPARE(imported.headers, capture.headers);
        QCOMPARE(imported.body, capture.body);
        QCOMPARE(imported.responseStatus, 400);
    }

    void badEntriesAreSkippedWithReasons()
    {
        const HarImportResult result = importHarFile(dataFile("broken-entries.har"));
        QVERIFY(result.ok());
        QCOMPARE(result.entryCount, 6);
        QCOMPARE(result.captures.size(), 1);
        QCOMPARE(result.captures[0].target, QByteArray("/ok"));
        QCOMPARE(result.captures[0].responseStatus, 204);
        QCOMPARE(result.entryErrors.size(), 5);
        QCOMPARE(result.entryErrors[0], QStringLiteral("entry 2: request.url is missing"));
        QCOMPARE(result.entryErrors[1],
                 QStringLiteral("entry 3: request.postData.text is not valid base64"));
        QCOMPARE(result.entryErrors[2], QStringLiteral("entry 4: not an object"));
        QVERIFY2(result.entryErrors[3].startsWith(u"entry 5: startedDateTime \"yesterday\""),
                 qPrintable(result.entryErrors[3]));
        QVERIFY2(result.entryErrors[4].contains(u"not an absolute URL"),
                 qPrintable(result.entryErrors[4]));
    }

    void unusableFiles_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        QTest::newRow("not JSON") << dataFile("not-json.har")
                                  << QStringLiteral("invalid JSON at byte 1 (illegal value)");
        QTest::newRow("no entries")
            << dataFile("no-entries.har") << QStringLiteral("no \"log.entries\" array");
        QTest::newRow("missing") << dataFile("does-not-exist.har") << QStringLiteral("cannot read");
    }

    void unusableFiles()
    {
        QFETCH(QString, path);
        QFETCH(QString, message);
        const HarImportResult result = importHarFile(path);
        QVERIFY(!result.ok());
        QVERIFY2(result.fatalError.contains(message), qPrintable(result.fatalError));
        QVERIFY2(result.fatalError.contains(path), qPrintable(result.fatalError));
        QVERIFY(result.captures.isEmpty());
    }

    void timestamps_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("micro Z") << QStringLiteral("2026-11-23T13:37:23.123456Z")
                                 << qint64(1795441043123456);
        QTest::newRow("no fraction")
            << QStringLiteral("2026-11-23T13:37:23Z") << qint64(1795441043000000);
        QTest::newRow("nanos") << QStringLiteral("2026-11-23T13:37:23.123456789Z")
                               << qint64(1795441043123456);
        QTest::newRow("negative offset")
            << QStringLiteral("2026-11-23T08:07:23.5-05:30") << qint64(1795441043500000);
        QTest::newRow("no zone is UTC")
            << QStringLiteral("2026-11-23T13:37:23") << qint64(1795441043000000);
    }

    void timestamps()
    {
        QFETCH(QString, text);
        QFETCH(qint64, expected);
        QCOMPARE(parseIsoTimestampUs(text), std::optional<qint64>(expected));
        QCOMPARE(parseIsoTimestampUs(store::isoTimestamp(expected)),
                 std::optional<qint64>(expected));
    }
};

QTEST_GUILESS_MAIN(TestHarImport)
#include "TestHarImport.moc"
