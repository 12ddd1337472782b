#include "TestConfig.h"
#include "http/EventType.h"
#include "http/RequestParser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

using namespace hookscope;
using namespace hookscope::http;

class TestHttpRequestParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesOneRequestExactly()
    {
        RequestParser parser;
        const QByteArray raw = "POST /hook?x=1&y=%20 HTTP/1.1\r\nHost: a\r\nX-Dup: 1\r\n"
                               "x-dup: 2\r\nContent-Length: 5\r\n\r\nhello";
        const ParseResult result = parser.feed(raw);
        QCOMPARE(result.kind, ParseResult::Kind::Request);
        QCOMPARE(result.consumed, raw.size());
        const Capture capture = parser.takeCapture();
        QCOMPARE(capture.method, QByteArray("POST"));
        QCOMPARE(capture.target, QByteArray("/hook?x=1&y=%20"));
        QCOMPARE(capture.httpVersion, QByteArray("1.1"));
        const HeaderList expected {
            {"Host", "a"}, {"X-Dup", "1"}, {"x-dup", "2"}, {"Content-Length", "5"}};
        QCOMPARE(capture.headers, expected);
        QCOMPARE(capture.body, QByteArray("hello"));
        QVERIFY(!capture.malformed);
        QVERIFY(parser.keepAlive());
    }

    void byteByByteGivesTheSameCapture()
    {
        RequestParser parser;
        const QByteArray raw
            = "PUT /a HTTP/1.1\r\nHost: a\r\nLong-Header: abcdefghij\r\nContent-Length: 3"
              "\r\n\r\nxyz";
        ParseResult result;
        for (qsizetype i = 0; i < raw.size(); ++i) {
            result = parser.feed(QByteArrayView(raw).sliced(i, 1));
            QCOMPARE(result.consumed, 1);
            if (i + 1 < raw.size())
                QCOMPARE(result.kind, ParseResult::Kind::NeedMore);
        }
        QCOMPARE(result.kind, ParseResult::Kind::Request);
        const Capture capture = parser.takeCapture();
        QCOMPARE(capture.headers.at(1), (HeaderField {"Long-Header", "abcdefghij"}));
        QCOMPARE(capture.body, QByteArray("xyz"));
    }

    void stopsAfterEachPipelinedRequest()
    {
        RequestParser parser;
        const QByteArray first = "GET /1 HTTP/1.1\r\nHost: a\r\n\r\n";
        const QByteArray second = "GET /2 HTTP/1.1\r\nHost: a\r\n\r\n";
        const QByteArray both = first + second;
        ParseResult result = parser.feed(both);
        QCOMPARE(result.kind, ParseResult::Kind::Request);
        QCOMPARE(result.consumed, first.size());
        QCOMPARE(parser.takeCapture().target, QByteArray("/1"));
        result = parser.feed(QByteArrayView(both).sliced(result.consumed));
        QCOMPARE(result.kind, ParseResult::Kind::Request);
        QCOMPARE(parser.takeCapture().target, QByteArray("/2"));
    }

    void dechunksBodies()
    {
        RequestParser parser;
        const ParseResult result = parser.feed("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: "
                                               "chunked\r\n\r\n4\r\nWiki\r\n5;ext=1\r\npedia"
                                               "\r\n0\r\n\r\n");
        QCOMPARE(result.kind, ParseResult::Kind::Request);
        QCOMPARE(parser.takeCapture().body, QByteArray("Wikipedia"));
    }

    void anyMethodTokenIsAccepted_data()
    {
        QTest::addColumn<QByteArray>("method");
        // Valid RFC 9110 tokens that http-parser's fixed list does not hold.
        for (const char *method :
             {"FOO-BAR", "XYZ", "foo", "get", "X.Y", "FOO_BAR", "X1", "!#$%&'*+^`|~"})
            QTest::newRow(method) << QByteArray(method);
    }

    void anyMethodTokenIsAccepted()
    {
        QFETCH(QByteArray, method);
        const QByteArray first
            = "\r\n" + method + " /m?q=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi";
        const QByteArray second = "GET /next HTTP/1.1\r\nHost: a\r\n\r\n";
        const QByteArray both = first + second;
        // Whole, and byte by byte: the same request, the same bytes consumed.
        for (const bool byteByByte : {false, true}) {
            RequestParser parser;
            ParseResult result;
            qsizetype offset = 0;
            if (byteByByte) {
                while (result.kind == ParseResult::Kind::NeedMore && offset < both.size())
                    result = parser.feed(QByteArrayView(both).sliced(offset++, 1));
                QCOMPARE(offset, first.size());
            } else {
                result = parser.feed(both);
                QCOMPARE(result.consumed, first.size());
                offset = result.consumed;
            }
            QCOMPARE(result.kind, ParseResult::Kind::Request);
            const Capture capture = parser.takeCapture();
            QCOMPARE(capture.method, method);
            QCOMPARE(capture.target, QByteArray("/m?q=1"));
            QCOMPARE(capture.body, QByteArray("hi"));
            QVERIFY(!capture.malformed);
            result = parser.feed(QByteArrayView(both).sliced(offset));
            QCOMPARE(result.kind, ParseResult::Kind::Request);
            QCOMPARE(parser.takeCapture().method, QByteArray("GET"));
        }
    }

    void longInputsAfterTheMethodParseInOneGo()
    {
        // The method is read from the first bytes only; the rest goes straight to http-parser.
        const QByteArray body(10000, 'b');
        QByteArray stream
            = "PURGE-ALL /big HTTP/1.1\r\nHost: a\r\nContent-Length: 10000\r\n\r\n" + body;
        for (int i = 0; i < 3000; ++i)
            stream += "NOTIFY /n" + QByteArray::number(i) + " HTTP/1.1\r\nHost: a\r\n\r\n";
        RequestParser parser;
        qsizetype offset = 0;
        int requests = 0;
        while (offset < stream.size()) {
            const ParseResult result = parser.feed(QByteArrayView(stream).sliced(offset));
            QCOMPARE(result.kind, ParseResult::Kind::Request);
            offset += result.consumed;
            const Capture capture = parser.takeCapture();
            if (requests == 0) {
                QCOMPARE(capture.method, QByteArray("PURGE-ALL"));
                QCOMPARE(capture.body, body);
            } else {
                QCOMPARE(capture.method, QByteArray("NOTIFY"));
                QCOMPARE(capture.target, "/n" + QByteArray::number(requests - 1));
            }
            ++requests;
        }
        QCOMPARE(requests, 3001);
    }

    void aMethodThatIsNoTokenIsRefused_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::newRow("bracket") << QByteArray("GE[T / HTTP/1.1\r\nHost: a\r\n\r\n");
        QTest::newRow("control") << QByteArray("G\x01T / HTTP/1.1\r\nHost: a\r\n\r\n");
        QTest::newRow("no space, too long") << QByteArray(3000, 'A');
        QTest::newRow("leading space") << QByteArray(" GET / HTTP/1.1\r\nHost: a\r\n\r\n");
    }

    void aMethodThatIsNoTokenIsRefused()
    {
        QFETCH(QByteArray, raw);
        RequestParser parser;
        const ParseResult result = parser.feed(raw);
        QCOMPARE(result.kind, ParseResult::Kind::Error);
        QCOMPARE(result.status, 400);
        const Capture capture = parser.takeCapture();
        QVERIFY(capture.malformed);
        QCOMPARE(capture.body, raw.left(capture.body.size()));
        QVERIFY(!capture.body.isEmpty());
    }

    void aCustomMethodCutOffStillKeepsItsBytes()
    {
        RequestParser parser;
        QCOMPARE(parser.feed("PROPPATCHX").kind, ParseResult::Kind::NeedMore);
        QVERIFY(parser.inRequest());
        const Capture capture = parser.abandon(QStringLiteral("gone"));
        QCOMPARE(capture.body, QByteArray("PROPPATCHX"));
        QVERIFY(capture.malformed);
    }

    void chunkedTrailersAreKeptAfterTheHeaders()
    {
        RequestParser parser;
        const ParseResult result
            = parser.feed("POST /t HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "3\r\nabc\r\n0\r\nX-Trailer: tv\r\nX-Other: 2\r\n\r\n");
        QCOMPARE(result.kind, ParseResult::Kind::Request);
        const Capture capture = parser.takeCapture();
        QCOMPARE(capture.body, QByteArray("abc"));
        const HeaderList expected {
            {"Host", "x"}, {"Transfer-Encoding", "chunked"}, {"X-Trailer", "tv"}, {"X-Other", "2"}};
        QCOMPARE(capture.headers, expected);
    }

    void anOverflowingChunkSizeIsNamedAsSuch()
    {
        RequestParser parser;
        const ParseResult result
            = parser.feed("POST /hc HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "FFFFFFFFFFFFFFFFFF\r\nabc");
        QCOMPARE(result.kind, ParseResult::Kind::Error);
        QCOMPARE(result.status, 400);
        // Not "invalid character in content-length header": the request has none.
        QCOMPARE(result.error, QStringLiteral("chunk size too large"));
    }

    void http11NeedsExactlyOneHost_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QString>("error");
        QTest::newRow("none") << QByteArray("GET /nohost HTTP/1.1\r\n\r\n")
                              << QStringLiteral("HTTP/1.1 request without a Host header");
        QTest::newRow("two") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n")
                             << QStringLiteral("request with more than one Host header");
        QTest::newRow("two, HTTP/1.0") << QByteArray("GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n")
                                       << QStringLiteral("request with more than one Host header");
    }

    void http11NeedsExactlyOneHost()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QString, error);
        RequestParser parser;
        const ParseResult result = parser.feed(raw);
        QCOMPARE(result.kind, ParseResult::Kind::Error);
        QCOMPARE(result.status, 400);
        QCOMPARE(result.error, error);
        const Capture capture = parser.takeCapture();
        QVERIFY(capture.malformed);
        QCOMPARE(capture.method, QByteArray("GET")); // still shown for what it was
        QCOMPARE(capture.body, raw);
        // HTTP/1.0 has no such rule.
        RequestParser old;
        QCOMPARE(old.feed("GET / HTTP/1.0\r\n\r\n").kind, ParseResult::Kind::Request);
    }

    void asksForContinueOnlyBeforeTheBody()
    {
        RequestParser parser;
        ParseResult result = parser.feed("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n"
                                         "Content-Length: 2\r\n\r\n");
        QCOMPARE(result.kind, ParseResult::Kind::NeedMore);
        QVERIFY(parser.wantsContinue());
        parser.markContinueSent();
        QVERIFY(!parser.wantsContinue());
        result = parser.feed("ok");
        QCOMPARE(result.kind, ParseResult::Kind::Request);
        QCOMPARE(parser.takeCapture().body, QByteArray("ok"));
    }

    void http10ClosesUnlessKeepAlive()
    {
        RequestParser parser;
        QCOMPARE(parser.feed("GET / HTTP/1.0\r\n\r\n").kind, ParseResult::Kind::Request);
        QCOMPARE(parser.takeCapture().httpVersion, QByteArray("1.0"));
        QVERIFY(!parser.keepAlive());
        QCOMPARE(parser.feed("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").kind,
                 ParseResult::Kind::Request);
        parser.takeCapture();
        QVERIFY(!parser.keepAlive());
    }

    void rejectsSmugglingShapes_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QString>("why"); // what the error must say
        const QString both = QStringLiteral("both Content-Length and Transfer-Encoding: chunked");
        const QString twice = QStringLiteral("more than one Content-Length header");
        QTest::newRow("content-length and chunked") << QByteArray(
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n"
            "\r\n0\r\n\r\n") << both;
        QTest::newRow("chunked and content-length") << QByteArray(
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n"
            "\r\n0\r\n\r\n") << both;
        QTest::newRow("conflicting content-lengths") << QByteArray(
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd")
                                                     << twice;
        QTest::newRow("repeated content-length") << QByteArray(
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc")
                                                 << twice;
        QTest::newRow("bad content-length")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3x\r\n\r\nabc")
            << QStringLiteral("content-length");
        QTest::newRow("chunked not last") << QByteArray(
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\nabc")
                                          << QStringLiteral("last coding is not chunked");
        QTest::newRow("space before colon")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length : 3\r\n\r\nabc")
            << QStringLiteral("invalid header name");
        QTest::newRow("bad chunk size") << QByteArray(
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n")
                                        << QStringLiteral("chunk size");
    }

    void rejectsSmugglingShapes()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QString, why);
        RequestParser parser;
        const ParseResult result = parser.feed(raw);
        QCOMPARE(result.kind, ParseResult::Kind::Error);
        QCOMPARE(result.status, 400);
        QVERIFY2(result.error.contains(why), qPrintable(result.error));
        const Capture capture = parser.takeCapture();
        QVERIFY(capture.malformed);
        QCOMPARE(capture.body, raw); // the bytes as they arrived
        QCOMPARE(capture.parseError, result.error);
        QVERIFY(!parser.keepAlive());
    }

    void garbageIsMalformedWithItsBytes()
    {
        RequestParser parser;
        QCOMPARE(parser.feed(QByteArray("\x16\x03\x01\x02\x00garbage", 12)).kind,
                 ParseResult::Kind::Error);
        const Capture capture = parser.takeCapture();
        QVERIFY(capture.malformed);
        QCOMPARE(capture.body, QByteArray("\x16\x03\x01\x02\x00garbage", 12));
    }

    void oversizeHeadersAre431()
    {
        RequestParser parser({1024, 1 << 20});
        const QByteArray raw
            = "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + QByteArray(2000, 'a') + "\r\n\r\n";
        const ParseResult result = parser.feed(raw);
        QCOMPARE(result.kind, ParseResult::Kind::Error);
        QCOMPARE(result.status, 431);
        QVERIFY(parser.takeCapture().malformed);
    }

    // One limit covers the request line and the headers; the status says which part broke it.
    void aTargetPastTheLimitIs414()
    {
        RequestParser parser({1024, 1 << 20});
        const QByteArray raw = "GET /" + QByteArray(2000, 'a') + " HTTP/1.1\r\nHost: a\r\n\r\n";
        const ParseResult result = parser.feed(raw);
        QCOMPARE(result.kind, ParseResult::Kind::Error);
        QCOMPARE(result.status, 414);
        QVERIFY2(result.error.contains(u"target"), qPrintable(result.error));
        const Capture capture = parser.takeCapture();
        QVERIFY(capture.malformed);
        QVERIFY(raw.startsWith(capture.body)); // the bytes seen, bounded
        // Split anywhere, the same bytes meet the limit at the same place.
        RequestParser split({1024, 1 << 20});
        ParseResult last;
        for (qsizetype i = 0; i < raw.size() && last.kind == ParseResult::Kind::NeedMore; ++i)
            last = split.feed(QByteArrayView(raw).sliced(i, 1));
        QCOMPARE(last.status, 414);
    }

    void oversizeBodiesAre413_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::newRow("declared") << QByteArray(
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 101\r\n\r\n");
        QTest::newRow("chunked")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "64\r\n")
                + QByteArray(100, 'x') + "\r\n1\r\nx\r\n0\r\n\r\n";
    }

    void oversizeBodiesAre413()
    {
        QFETCH(QByteArray, raw);
        RequestParser parser({1024, 100});
        const ParseResult result = parser.feed(raw);
        QCOMPARE(result.kind, ParseResult::Kind::Error);
        QCOMPARE(result.status, 413);
    }

    void aChunkDeclaredPastTheLimitIs413AtOnce()
    {
        ParseLimits limits;
        limits.maxBodyBytes = 100;
        RequestParser parser(limits);
        const ParseResult result = parser.feed(
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef"
            "\r\n1000\r\nabc");
        QCOMPARE(result.kind, ParseResult::Kind::Error); // not waiting for 4 KiB that would fail
        QCOMPARE(result.status, 413);
        QVERIFY(result.error.contains(QStringLiteral("4096 bytes")));
    }

    void bodyAtTheLimitIsAccepted()
    {
        RequestParser parser({1024, 100});
        const ParseResult result = parser.feed(
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n" + QByteArray(100, 'x'));
        QCOMPARE(result.kind, ParseResult::Kind::Request);
    }

    void abandonKeepsWhatArrived()
    {
        RequestParser parser;
        QCOMPARE(parser.feed("POST /slow HTTP/1.1\r\nHost: a\r\nContent-Le").kind,
                 ParseResult::Kind::NeedMore);
        QVERIFY(parser.inRequest());
        const Capture capture = parser.abandon(QStringLiteral("timed out"));
        QVERIFY(capture.malformed);
        QCOMPARE(capture.method, QByteArray("POST"));
        QCOMPARE(capture.body, QByteArray("POST /slow HTTP/1.1\r\nHost: a\r\nContent-Le"));
        QCOMPARE(capture.parseError, QStringLiteral("timed out"));
    }

    // tests/data/http: ok-*.http parse into requests, bad-*.http are rejected with 400. The same
    // files seed the parser's fuzz corpus.
    void dataFilesParseAsTheirNamesSay_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(HOOKSCOPE_TEST_DATA_DIR "/http"));
        const QStringList names = dir.entryList({QStringLiteral("*.http")}, QDir::Files);
        QVERIFY(names.size() >= 10);
        for (const QString &name : names)
            QTest::newRow(qPrintable(name)) << dir.filePath(name);
    }

    void dataFilesParseAsTheirNamesSay()
    {
        QFETCH(QString, path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray raw = file.readAll();
        RequestParser parser;
        qsizetype offset = 0;
        int requests = 0;
        bool failed = false;
        while (offset < raw.size()) {
            const ParseResult result = parser.feed(QByteArrayView(raw).sliced(offset));
            offset += result.consumed;
            if (result.kind == ParseResult::Kind::NeedMore)
                break;
            const Capture capture = parser.takeCapture();
            if (result.kind == ParseResult::Kind::Error) {
                QCOMPARE(result.status, 400);
                QVERIFY(capture.malformed);
                failed = true;
                break;
            }
            ++requests;
        }
        const bool good = QFileInfo(path).fileName().startsWith(u"ok-");
        QCOMPARE(failed, !good);
        if (good) {
            QVERIFY(requests >= 1);
            QCOMPARE(offset, raw.size());
        }
    }

    void eventTypeFromHeadersThenBody_data()
    {
        QTest::addColumn<HeaderList>("headers");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("github") << HeaderList {{"X-GitHub-Event", "push"}} << QByteArray("{}")
                                << QStringLiteral("push");
        QTest::newRow("patreon") << HeaderList {{"x-patreon-event", "members:pledge:create"}}
                                 << QByteArray() << QStringLiteral("members:pledge:create");
        QTest::newRow("shopify") << HeaderList {{"X-Shopify-Topic", "orders/create"}}
                                 << QByteArray() << QStringLiteral("orders/create");
        QTest::newRow("standard webhooks") << HeaderList {{"webhook-event", "user.created"}}
                                           << QByteArray() << QStringLiteral("user.created");
        QTest::newRow("stripe body")
            << HeaderList {} << QByteArray(R"({"id":"evt_1","type":"invoice.paid"})")
            << QStringLiteral("invoice.paid");
        QTest::newRow("event field")
            << HeaderList {} << QByteArray(R"( {"event":"ping"})") << QStringLiteral("ping");
        QTest::newRow("nested type ignored")
            << HeaderList {} << QByteArray(R"({"data":{"type":"inner"}})") << QString();
        QTest::newRow("slack event_callback")
            << HeaderList {}
            << QByteArray(R"({"token":"t","event":{"type":"app_mention","text":"hi"},)"
                          R"("type":"event_callback","event_id":"Ev1"})")
            << QStringLiteral("app_mention");
        QTest::newRow("slack, type first")
            << HeaderList {}
            << QByteArray(R"({"type":"event_callback","event":{"user":"U1","type":"message"}})")
            << QStringLiteral("message");
        QTest::newRow("slack url_verification")
            << HeaderList {} << QByteArray(R"({"challenge":"abc","type":"url_verification"})")
            << QStringLiteral("url_verification");
        QTest::newRow("event object elsewhere is not a type")
            << HeaderList {} << QByteArray(R"({"event":{"type":"inner"},"type":"outer"})")
            << QStringLiteral("outer");
        QTest::newRow("x account activity")
            << HeaderList {}
            << QByteArray(R"({"for_user_id":"2244994945","user_has_blocked":"false",)"
                          R"("favorite_events":[{"id":"a7ba59eab0bfcba386f7acedac279542"}]})")
            << QStringLiteral("favorite_events");
        QTest::newRow("x, array before the user")
            << HeaderList {}
            << QByteArray(R"({"follow_events":[{"type":"follow"}],"for_user_id":"1"})")
            << QStringLiteral("follow_events");
        QTest::newRow("an _events array elsewhere is not x's")
            << HeaderList {} << QByteArray(R"({"pending_events":[1,2]})") << QString();
        QTest::newRow("an _events string is not x's")
            << HeaderList {} << QByteArray(R"({"for_user_id":"1","x_events":"no"})") << QString();
        QTest::newRow("not json") << HeaderList {} << QByteArray("type=x") << QString();
        QTest::newRow("broken json") << HeaderList {} << QByteArray("{\"type\":") << QString();
    }

    void eventTypeFromHeadersThenBody()
    {
        QFETCH(HeaderList, headers);
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        QCOMPARE(deriveEventType(headers, body), expected);
    }
};

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "TestHttpRequestParser.moc"
