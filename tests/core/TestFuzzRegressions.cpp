// Every input the fuzz targets (tests/fuzz) turned up, kept as a plain test so it runs in every
// build, sanitizers included. Inputs live in tests/data/fuzz/<target>/, in the fuzz targets'
// formats (see the comment at the top of each tests/fuzz/fuzz_<target>.cpp).
#include "TestConfig.h"
#include "compose/JsonOverride.h"
#include "compose/OrderedJson.h"
#include "compose/Placeholders.h"
#include "http/RequestParser.h"
#include "json/JsonParseError.h"
#include "json/JsonTreeParser.h"
#include "payload/BodyParser.h"
#include "signing/CustomSchemeSpec.h"
#include "signing/Signing.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTest>

using namespace hookscope;
using http::ParseLimits;
using http::ParseResult;
using http::RequestParser;

namespace {

QByteArray fuzzData(const QString &name)
{
    QFile file(QStringLiteral(HOOKSCOPE_TEST_DATA_DIR "/fuzz/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(name));
    return file.readAll();
}

struct Outcome {
    ParseResult::Kind kind;
    int status;
};

// Feeds the chunks as HttpConnection does and lists what each request came to.
QList<Outcome> parseChunks(const QList<QByteArrayView> &chunks, ParseLimits limits)
{
    QList<Outcome> outcomes;
    RequestParser parser(limits);
    for (QByteArrayView chunk : chunks) {
        qsizetype offset = 0;
        while (offset < chunk.size()) {
            const ParseResult result = parser.feed(chunk.sliced(offset));
            offset += result.consumed;
            if (result.kind == ParseResult::Kind::NeedMore)
                break;
            (void)parser.takeCapture();
            outcomes.append({result.kind, result.status});
            if (result.kind == ParseResult::Kind::Error)
                return outcomes;
        }
    }
    return outcomes;
}

QList<QByteArrayView> oneByteAtATime(QByteArrayView data)
{
    QList<QByteArrayView> bytes;
    for (qsizetype i = 0; i < data.size(); ++i)
        bytes.append(data.sliced(i, 1));
    return bytes;
}

} // namespace

class TestFuzzRegressions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void urlSplitAcrossReadsCountsAgainstTheHeaderLimitOnce()
    {
        // Fuzz finding, fixed: every read carrying part of the target used to be charged the
        // request line's 16 bytes again, so a target sent in small segments got a false 431.
        // With the default 64 KiB limit: a 4000-byte target, one byte per read.
        const QByteArray longTarget
            = "GET /" + QByteArray(4000, 'a') + " HTTP/1.1\r\nHost: a\r\n\r\n";
        QCOMPARE(parseChunks({longTarget}, {}).first().kind, ParseResult::Kind::Request);
        QCOMPARE(parseChunks(oneByteAtATime(longTarget), {}).first().kind,
                 ParseResult::Kind::Request);

        // The fuzzer's input, where it was found: byte 1 (odd) selects limits of 128 header bytes
        // and a 16-byte body.
        const QByteArray input = fuzzData(QStringLiteral("http_request/url-split-431.bin"));
        ParseLimits tight;
        tight.maxHeaderBytes = 64 + (quint8(input.at(1)) >> 1) * 4;
        tight.maxBodyBytes = quint8(input.at(1)) >> 1;
        const QByteArrayView request = QByteArrayView(input).sliced(2);
        const QList<Outcome> whole = parseChunks({request}, tight);
        const QList<Outcome> trickled = parseChunks(oneByteAtATime(request), tight);
        QCOMPARE(trickled.size(), whole.size());
        for (qsizetype i = 0; i < whole.size(); ++i)
            QCOMPARE(trickled.at(i).status, whole.at(i).status);
    }

    void requestFixturesParseTheSameHoweverTheyAreCut()
    {
        // The differential the fuzzer runs, on every raw request fixture, with default limits.
        const QDir dir(QStringLiteral(HOOKSCOPE_TEST_DATA_DIR "/http"));
        const QStringList files = dir.entryList({QStringLiteral("*.http")}, QDir::Files);
        QVERIFY(!files.isEmpty());
        for (const QString &name : files) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray raw = file.readAll();
            const QList<Outcome> whole = parseChunks({raw}, {});
            for (qsizetype split = 0; split <= raw.size();
                 split += qMax<qsizetype>(1, raw.size() / 7)) {
                const QList<Outcome> parts = parseChunks(
                    {QByteArrayView(raw).first(split), QByteArrayView(raw).sliced(split)}, {});
                QVERIFY2(parts.size() == whole.size(), qPrintable(name));
                for (qsizetype i = 0; i < whole.size(); ++i) {
                    QVERIFY2(parts.at(i).kind == whole.at(i).kind, qPrintable(name));
                    QVERIFY2(parts.at(i).status == whole.at(i).status, qPrintable(name));
                }
            }
        }
    }

    void twilioRefusesToSignAUrlWithAnotherBodysHash()
    {
        // Found by the sign-then-verify check: --url already carried bodySHA256 for another
        // body, and sign printed a signature that verify (rightly) rejected. Fixed: sign says so.
        const QByteArray input
            = fuzzData(QStringLiteral("signature_headers/twilio-url-with-foreign-bodysha256.txt"));
        const QList<QByteArray> lines = input.split('\n');
        const QByteArray secret = lines.at(1);
        const QString url = QString::fromUtf8(lines.at(2));
        const QByteArray body = input.mid(input.indexOf("\n\n") + 2);
        signing::SignOptions signOptions;
        signOptions.url = url;
        const signing::SignResult refused
            = signing::sign(QStringLiteral("twilio"), secret, body, signOptions);
        QVERIFY(!refused.ok);
        QVERIFY2(refused.error.contains(QStringLiteral("bodySHA256")), qPrintable(refused.error));

        // With the body's own hash in the URL, what sign makes verify accepts.
        const QByteArray hash = QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
        signOptions.url
            = QStringLiteral("https://example.test/hook?bodySHA256=") + QString::fromLatin1(hash);
        const signing::SignResult signed_
            = signing::sign(QStringLiteral("twilio"), secret, body, signOptions);
        QVERIFY2(signed_.ok, qPrintable(signed_.error));
        signing::VerifyOptions options;
        options.url = signOptions.url;
        options.diagnose = false;
        QVERIFY(signing::verify(QStringLiteral("twilio"), secret, signed_.headers, body, options)
                    .isValid());
    }

    void customPrefixCannotHoldWhatAHeaderValueLoses()
    {
        // Found by the sign-then-verify check: prefix=CR signed a header value starting with CR,
        // which every HTTP parser (and verify) trims away, so the signature could never verify.
        const QByteArray input
            = fuzzData(QStringLiteral("signature_headers/custom-prefix-crlf.txt"));
        const QString spec = QString::fromUtf8(input.left(input.indexOf('\n')));
        QString error;
        QVERIFY(!signing::parseCustomScheme(spec, &error));
        QVERIFY2(error.contains(QStringLiteral("control characters")), qPrintable(error));

        QVERIFY(!signing::parseCustomScheme(QStringLiteral("header=X Sig"), &error));
        QVERIFY2(error.contains(QStringLiteral("not a valid header name")), qPrintable(error));
        QVERIFY(!signing::parseCustomScheme(
            QStringLiteral("header=X-Sig,content={timestamp}.{body},timestamp-header=X:Ts"),
            &error));
        QVERIFY2(error.contains(QStringLiteral("timestamp-header")), qPrintable(error));
        // Also found: timestamp-header=X-Sig, the signature's own header, signed a request
        // whose X-Sig held both.
        const QByteArray shared = fuzzData(
            QStringLiteral("signature_headers/custom-timestamp-in-signature-header.txt"));
        QVERIFY(!signing::parseCustomScheme(QString::fromUtf8(shared.left(shared.indexOf('\n'))),
                                            &error));
        QVERIFY2(error.contains(QStringLiteral("name the same header")), qPrintable(error));
        QVERIFY(!signing::parseCustomScheme(
            QStringLiteral("header=X-Sig,content={timestamp}.{body},timestamp-header=x-sig"),
            &error));
        QVERIFY2(error.contains(QStringLiteral("name the same header")), qPrintable(error));
        QVERIFY(!signing::parseCustomScheme(QStringLiteral("header=X-Sig,content={timestamp}.{id},"
                                                           "timestamp-header=X-A,id-header=X-A"),
                                            &error));

        // Leading blanks go, as HTTP drops them; what is left signs and verifies.
        const auto custom
            = signing::parseCustomScheme(QStringLiteral("header=X-Sig,prefix= \tv1 "), &error);
        QVERIFY2(custom, qPrintable(error));
        QCOMPARE(custom->prefix, QByteArray("v1 "));
        signing::SignOptions signOptions;
        signOptions.custom = custom;
        const QByteArray body = R"({"ok":true})";
        const signing::SignResult signed_
            = signing::sign(QStringLiteral("custom"), "secret", body, signOptions);
        QVERIFY2(signed_.ok, qPrintable(signed_.error));
        QVERIFY(signed_.headers.first().value.startsWith("v1 "));
        signing::VerifyOptions options;
        options.custom = custom;
        options.diagnose = false;
        QVERIFY(signing::verify(QStringLiteral("custom"), "secret", signed_.headers, body, options)
                    .isValid());
    }

    void composerAndInspectorAgreeOnInvalidUtf8()
    {
        // Found by the differential between the two JSON parsers: the composer's order-keeping
        // parser used to take invalid UTF-8 inside a string (reading it as U+FFFD, so the sent
        // bytes changed); the inspector's refuses it, as RFC 8259 (UTF-8 only) says. Now both
        // refuse it, and the composer sends such a body raw, byte for byte.
        const QByteArray input = fuzzData(QStringLiteral("compose/invalid-utf8-key.txt"));
        const QByteArray text = input.mid(input.indexOf('\n') + 1);
        compose::JsonParseError error;
        (void)compose::parseJson(text, &error);
        QVERIFY(!error.ok());
        QVERIFY2(error.message.contains(QStringLiteral("UTF-8")), qPrintable(error.describe()));
        QVERIFY(!json::JsonTreeParser::parse(text).ok());
        QVERIFY(json::locateJsonError(text).has_value());
        // --set cannot edit a body that is not JSON, and says so instead of rewriting its bytes.
        compose::JsonOverride override;
        QString message;
        QVERIFY(compose::JsonOverride::parse(QString::fromUtf8(input.left(input.indexOf('\n'))),
                                             &override, &message));
        QByteArray spliced = text;
        QVERIFY(!compose::applyOverride(spliced, override, &message));
        QVERIFY2(message.contains(QStringLiteral("not valid JSON")), qPrintable(message));
        QCOMPARE(spliced, text);
    }

    void everyKeptInputStillParses()
    {
        // Whatever else is added to tests/data/fuzz/ later runs through every parser here.
        const QDir root(QStringLiteral(HOOKSCOPE_TEST_DATA_DIR "/fuzz"));
        int inputs = 0;
        for (const QString &target : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QDir dir(root.filePath(target));
            for (const QString &name : dir.entryList(QDir::Files)) {
                QFile file(dir.filePath(name));
                QVERIFY(file.open(QIODevice::ReadOnly));
                const QByteArray data = file.readAll();
                ++inputs;
                (void)parseChunks({data}, {});
                (void)parseChunks(oneByteAtATime(data.left(512)), {});
                (void)json::JsonTreeParser::parse(data);
                (void)json::locateJsonError(data);
                (void)payload::parseBody("multipart/form-data; boundary=x", data);
                (void)payload::parseBody("application/x-www-form-urlencoded", data);
                compose::JsonParseError error;
                (void)compose::parseJson(data, &error);
                compose::PlaceholderContext context;
                QString out;
                QString message;
                (void)context.expand(QString::fromUtf8(data), &out, &message);
                HeaderList headers {{"Stripe-Signature", data.left(200)},
                                    {"webhook-signature", data.left(200)}};
                for (const QString &scheme : signing::schemeNames())
                    (void)signing::verify(scheme, "secret", headers, data);
            }
        }
        QVERIFY(inputs >= 3);
    }
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "TestFuzzRegressions.moc"
