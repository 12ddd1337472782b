#include "exchange/CaptureExchange.h"
#include "exchange/HarImport.h"
#include "store/CaptureExport.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace hookscope;

namespace {

QByteArray fromBase64(const QJsonValue &value)
{
    return QByteArray::fromBase64(value.toString().toLatin1());
}

// What a reader of a JSON line gets back: the base64 form where there is one, else the text.
QByteArray lineTarget(const QJsonObject &line)
{
    if (line.contains(u"target_base64"))
        return fromBase64(line.value(u"target_base64"));
    return line.value(u"target").toString().toUtf8();
}

QByteArray lineBody(const QJsonObject &line)
{
    if (line.contains(u"body_base64"))
        return fromBase64(line.value(u"body_base64"));
    return line.value(u"body").toString().toUtf8();
}

HeaderList lineHeaders(const QJsonObject &line)
{
    HeaderList headers;
    const bool exact = line.contains(u"headers_base64");
    const QJsonArray pairs = line.value(exact ? u"headers_base64" : u"headers").toArray();
    for (const QJsonValue &value : pairs) {
        const QJsonArray pair = value.toArray();
        if (exact)
            headers.append({fromBase64(pair.at(0)), fromBase64(pair.at(1))});
        else
            headers.append({pair.at(0).toString().toUtf8(), pair.at(1).toString().toUtf8()});
    }
    return headers;
}

// The request's text as HAR holds it: "_encoding": "base64" marks Hookscope's binary bodies.
QByteArray harBody(const QJsonObject &request)
{
    const QJsonObject postData = request.value(u"postData").toObject();
    if (postData.value(u"_encoding").toString() == u"base64")
        return fromBase64(postData.value(u"text"));
    return postData.value(u"text").toString().toUtf8();
}

// RFC 3986 characters (gen-delims, sub-delims, unreserved) and valid percent escapes only.
bool isUriText(const QString &url)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^[a-z][a-z0-9+.-]*://(?:[A-Za-z0-9._~:/?#\\[\\]@!$&'()*+,;=-]|%[0-9A-Fa-f]{2})*$"));
    return pattern.match(url).hasMatch();
}

Capture textCapture()
{
    Capture capture;
    capture.id = 1;
    capture.method = "POST";
    capture.target = "/hook";
    capture.headers = {{"Host", "localhost:8080"}, {"Content-Type", "text/plain"}};
    capture.body = "hello";
    capture.remoteAddress = QStringLiteral("127.0.0.1");
    capture.remotePort = 53944;
    capture.receivedAtUs = 1'700'000'000'000'000;
    capture.responseStatus = 200;
    return capture;
}

// One capture with every kind of byte the exports must keep.
Capture oddCapture()
{
    Capture capture = textCapture();
    capture.id = 2;
    capture.target = "/raw\xff\x80path?q=a b&x={\"y\"}|<>";
    capture.headers = {{"Host", "localhost:8080"},
                       {"X-Mixed",
                        "a\xff"
                        "b\xc3\xa9"},
                       {"X-N\xe4me", "ok"},
                       {"X-Utf8", "caf\xc3\xa9"}};
    capture.body = "\xef\xbb\xbfhi";
    capture.remoteAddress = QStringLiteral("::1");
    capture.responseHeaders = {{"Content-Type", "text/plain; charset=utf-8"}};
    capture.responseBody = "\xef\xbb\xbfok";
    return capture;
}

} // namespace

class TestCaptureExport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void byteOrderMarkIsKept()
    {
        Capture capture = textCapture();
        capture.body = "\xef\xbb\xbfhi";
        capture.responseBody = "\xef\xbb\xbf{}";
        const QJsonObject line = store::captureToJson(capture);
        QCOMPARE(lineBody(line), capture.body);
        QCOMPARE(line.value(u"body").toString(), QStringLiteral("\ufeffhi"));

        const QJsonObject entry = store::captureToHarEntry(capture);
        const QJsonObject request = entry.value(u"request").toObject();
        QCOMPARE(request.value(u"bodySize").toInt(), 5);
        QCOMPARE(harBody(request), capture.body);
        const QJsonObject content
            = entry.value(u"response").toObject().value(u"content").toObject();
        QCOMPARE(content.value(u"text").toString().toUtf8(), capture.responseBody);
    }

    void utf8TextIsExportedAsText_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("exact");
        QTest::newRow("valid UTF-8") << QByteArray("/raw\xc3\xbf\xc2\x80path")
                                     << QStringLiteral("/raw\u00ff\u0080path") << true;
        QTest::newRow("not UTF-8")
            << QByteArray("/raw\xff\x80path") << QStringLiteral("/raw\ufffd\ufffdpath") << false;
        QTest::newRow("overlong slash")
            << QByteArray("/a\xc0\xaf") << QStringLiteral("/a\ufffd\ufffd") << false;
    }

    void utf8TextIsExportedAsText()
    {
        QFETCH(QByteArray, target);
        QFETCH(QString, text);
        QFETCH(bool, exact);
        Capture capture = textCapture();
        capture.target = target;
        const QJsonObject line = store::captureToJson(capture);
        QCOMPARE(line.value(u"target").toString(), text);
        QCOMPARE(line.contains(u"target_base64"), !exact);
        QCOMPARE(lineTarget(line), target);
    }

    void headersThatAreNotUtf8HaveAnExactList()
    {
        const Capture capture = oddCapture();
        const QJsonObject line = store::captureToJson(capture);
        const QJsonArray headers = line.value(u"headers").toArray();
        QCOMPARE(headers.size(), 4);
        // Valid UTF-8 stays readable next to the bytes that are not.
        QCOMPARE(headers.at(1).toArray().at(1).toString(), QStringLiteral("a\ufffdb\u00e9"));
        QCOMPARE(headers.at(3).toArray().at(1).toString(), QStringLiteral("caf\u00e9"));
        const QJsonArray exact = line.value(u"headers_base64").toArray();
        QCOMPARE(exact.size(), 4);
        QCOMPARE(exact.at(0).toArray(),
                 (QJsonArray {QStringLiteral("SG9zdA=="), QStringLiteral("bG9jYWxob3N0OjgwODA=")}));
        QCOMPARE(lineHeaders(line), capture.headers);

        const QJsonObject plain = store::captureToJson(textCapture());
        QVERIFY(!plain.contains(u"headers_base64"));
        QVERIFY(!plain.contains(u"target_base64"));
    }

    void jsonLinesRoundTripExactly()
    {
        const Capture capture = oddCapture();
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QCOMPARE(exchange::exportCaptures({capture}, exchange::ExportFormat::JsonLines, buffer),
                 QString());
        // Qt's JSON parser drops a raw U+FEFF at the start of a string, so it is written escaped.
        QVERIFY(buffer.data().contains("\"body\":\"\\ufeffhi\""));
        const QJsonObject line = QJsonDocument::fromJson(buffer.data()).object();
        QCOMPARE(lineTarget(line), capture.target);
        QCOMPARE(lineHeaders(line), capture.headers);
        QCOMPARE(lineBody(line), capture.body);
    }

    void harUrlIsPercentEncoded_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QString>("url");
        QTest::newRow("space and tab")
            << QByteArray("/a b\tc") << QStringLiteral("http://localhost:8080/a%20b%09c");
        QTest::newRow("unsafe ASCII")
            << QByteArray("/\"<>|{}\\^`")
            << QStringLiteral("http://localhost:8080/%22%3C%3E%7C%7B%7D%5C%5E%60");
        QTest::newRow("controls") << QByteArray("/\x01\x7f", 3)
                                  << QStringLiteral("http://localhost:8080/%01%7F");
        QTest::newRow("UTF-8") << QByteArray("/caf\xc3\xa9")
                               << QStringLiteral("http://localhost:8080/caf%C3%A9");
        QTest::newRow("not UTF-8") << QByteArray("/raw\xff\x80path")
                                   << QStringLiteral("http://localhost:8080/raw%FF%80path");
        QTest::newRow("percent") << QByteArray("/a%41%e9%zz%4")
                                 << QStringLiteral("http://localhost:8080/a%41%e9%25zz%254");
        QTest::newRow("reserved kept")
            << QByteArray("/p/q?a=1&b=[2]#x@!$'()*+,;=:~-._")
            << QStringLiteral("http://localhost:8080/p/q?a=1&b=[2]#x@!$'()*+,;=:~-._");
        QTest::newRow("absolute form")
            << QByteArray("http://example.com/a b") << QStringLiteral("http://example.com/a%20b");
    }

    void harUrlIsPercentEncoded()
    {
        QFETCH(QByteArray, target);
        QFETCH(QString, url);
        Capture capture = textCapture();
        capture.target = target;
        const QJsonObject request = store::captureToHarEntry(capture).value(u"request").toObject();
        QCOMPARE(request.value(u"url").toString(), url);
        QVERIFY2(isUriText(url), qPrintable(url));
        // The raw target stays available: as text when it is UTF-8, else as base64 too.
        if (request.contains(u"_targetBase64"))
            QCOMPARE(fromBase64(request.value(u"_targetBase64")), target);
        else
            QCOMPARE(request.value(u"_target").toString().toUtf8(), target);
    }

    void hostHeaderIsEncodedToo()
    {
        Capture capture = textCapture();
        capture.headers = {{"Host", "exa mple/x@y"}};
        const QString url = store::captureToHarEntry(capture)
                                .value(u"request")
                                .toObject()
                                .value(u"url")
                                .toString();
        QCOMPARE(url, QStringLiteral("http://exa%20mple%2Fx%40y/hook"));
    }

    void ipv6RemoteIsBracketed()
    {
        Capture capture = textCapture();
        QCOMPARE(store::captureToJson(capture).value(u"remote").toString(),
                 QStringLiteral("127.0.0.1:53944"));
        QCOMPARE(store::captureToHarEntry(capture).value(u"_remote").toString(),
                 QStringLiteral("127.0.0.1:53944"));
        capture.remoteAddress = QStringLiteral("::1");
        QCOMPARE(store::captureToJson(capture).value(u"remote").toString(),
                 QStringLiteral("[::1]:53944"));
        QCOMPARE(store::captureToHarEntry(capture).value(u"_remote").toString(),
                 QStringLiteral("[::1]:53944"));
    }

    void harRequestListsItsCookies()
    {
        Capture capture = textCapture();
        capture.headers.append(HeaderField {"Cookie", "session=abc; theme = dark ;flag"});
        capture.headers.append(HeaderField {"cookie", "later=1"});
        const QJsonArray cookies = store::captureToHarEntry(capture)
                                       .value(u"request")
                                       .toObject()
                                       .value(u"cookies")
                                       .toArray();
        const QJsonArray expected {
            QJsonObject {{QStringLiteral("name"), QStringLiteral("session")},
                         {QStringLiteral("value"), QStringLiteral("abc")}},
            QJsonObject {{QStringLiteral("name"), QStringLiteral("theme")},
                         {QStringLiteral("value"), QStringLiteral("dark")}},
            QJsonObject {{QStringLiteral("name"), QStringLiteral("later")},
                         {QStringLiteral("value"), QStringLiteral("1")}},
        };
        QCOMPARE(cookies, expected);
    }

    void malformedHarEntryCarriesTheParseError()
    {
        Capture capture;
        capture.body = "\x16\x03garbage";
        capture.malformed = true;
        capture.parseError = QStringLiteral("invalid HTTP method");
        capture.responseStatus = 400;
        const QJsonObject entry = store::captureToHarEntry(capture);
        QCOMPARE(entry.value(u"_parseError").toString(), QStringLiteral("invalid HTTP method"));
        QVERIFY(entry.value(u"comment").toString().contains(u"invalid HTTP method"));
        QVERIFY(!store::captureToHarEntry(textCapture()).contains(u"_parseError"));
    }

    // HAR keeps the verdict's scheme and reason, as JSON lines does: "invalid" alone does not
    // say which check failed or why.
    void harEntryCarriesTheVerdictsSchemeAndReason()
    {
        Capture capture = textCapture();
        capture.signature = {u"github"_qs, u"invalid"_qs,
                             u"With this secret, the signature does "
                             "not match GitHub's HMAC-SHA256."_qs};
        const QJsonObject entry = store::captureToHarEntry(capture);
        QCOMPARE(entry.value(u"_signature").toString(), u"invalid"_qs);
        QCOMPARE(entry.value(u"_signatureScheme").toString(), u"github"_qs);
        QCOMPARE(entry.value(u"_signatureDetail").toString(), capture.signature.detail);
        const QJsonObject json = store::captureToJson(capture).value(u"signature").toObject();
        QCOMPARE(json.value(u"scheme").toString(), entry.value(u"_signatureScheme").toString());
        QCOMPARE(json.value(u"detail").toString(), entry.value(u"_signatureDetail").toString());

        capture.signature = {};
        const QJsonObject unchecked = store::captureToHarEntry(capture);
        QVERIFY(!unchecked.contains(u"_signatureScheme"));
        QVERIFY(!unchecked.contains(u"_signatureDetail"));
    }

    // A sender that left while its answer was held: both formats say so, and neither does
    // for one that waited.
    void aSenderThatLeftIsExported()
    {
        Capture capture = textCapture();
        capture.responseStatus = 202;
        capture.responseDelayMs = 3000;
        QVERIFY(!store::captureToJson(capture).contains(u"sender_left_after_ms"));
        QVERIFY(!store::captureToHarEntry(capture).contains(u"_senderLeftAfterMs"));
        capture.senderLeftAfterMs = 1003;
        QCOMPARE(store::captureToJson(capture).value(u"sender_left_after_ms").toInteger(), 1003);
        const QJsonObject entry = store::captureToHarEntry(capture);
        QCOMPARE(entry.value(u"_senderLeftAfterMs").toInteger(), 1003);
        QCOMPARE(entry.value(u"comment").toString(),
                 u"The sender closed the connection 1003 ms after its request, before the answer "
                 u"went out (held by the endpoint's 3000 ms delay): a sender that timed out "
                 u"never saw it."_qs);
    }

    void harImportGivesBackTheExactBytes()
    {
        // The request line was read, a header line was not (TestHarImport covers captures
        // without a method).
        Capture malformed;
        malformed.method = "POST";
        malformed.target = "/h";
        malformed.body = "X-Bad\x01: 1\r\n";
        malformed.malformed = true;
        malformed.parseError = QStringLiteral("invalid character in header");
        malformed.remoteAddress = QStringLiteral("fe80::1%eth0");
        malformed.remotePort = 1;
        malformed.responseStatus = 400;
        const QList<Capture> captures {oddCapture(), malformed, textCapture()};
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QCOMPARE(exchange::exportCaptures(captures, exchange::ExportFormat::Har, buffer),
                 QString());
        const exchange::HarImportResult result = exchange::importHar(buffer.data());
        QVERIFY2(result.ok(), qPrintable(result.fatalError));
        QVERIFY2(result.entryErrors.isEmpty(), qPrintable(result.entryErrors.join(u'\n')));
        QCOMPARE(result.captures.size(), captures.size());
        for (qsizetype i = 0; i < captures.size(); ++i) {
            const Capture &imported = result.captures.at(i);
            QCOMPARE(imported.target, captures[i].target);
            QCOMPARE(imported.headers, captures[i].headers);
            QCOMPARE(imported.body, captures[i].body);
            QCOMPARE(imported.responseBody, captures[i].responseBody);
            QCOMPARE(imported.remoteAddress, captures[i].remoteAddress);
            QCOMPARE(imported.remotePort, captures[i].remotePort);
            QCOMPARE(imported.malformed, captures[i].malformed);
            QCOMPARE(imported.parseError, captures[i].parseError);
        }
    }
};

QTEST_GUILESS_MAIN(TestCaptureExport)
#include "TestCaptureExport.moc"
