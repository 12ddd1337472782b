#include "signing/Signing.h"

#include <QRandomGenerator>
#include <QTest>

using namespace hookscope;
using namespace hookscope::signing;

namespace {

constexpr qint64 kSignedAt = 1700000000;
const QByteArray kBody = R"({"id":"evt_1"})";

HeaderList signedHeaders(const QString &scheme, const QString &custom = {})
{
    SignOptions options;
    options.timestamp = kSignedAt;
    if (!custom.isEmpty())
        options.custom = parseCustomScheme(custom, nullptr);
    return sign(scheme, "fake-edge-secret", kBody, options).headers;
}

HeaderList replaced(HeaderList headers, const QByteArray &name, const QByteArray &value)
{
    for (HeaderField &field : headers) {
        if (field.name.compare(name, Qt::CaseInsensitive) == 0)
            field.value = value;
    }
    return headers;
}

HeaderList without(HeaderList headers, const QByteArray &name)
{
    headers.removeIf([&name](const HeaderField &field) {
        return field.name.compare(name, Qt::CaseInsensitive) == 0;
    });
    return headers;
}

const QString kCustomTimed
    = QStringLiteral("header=X-Sig,content={timestamp}.{body},timestamp-header=X-Ts,tolerance=60");

} // namespace

class TestSchemeEdges final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void toleranceEdges_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QString>("custom");
        QTest::addColumn<qint64>("offset"); // now - signed time
        QTest::addColumn<int>("tolerance"); // -1: the scheme's own
        QTest::addColumn<bool>("ignore");
        QTest::addColumn<QString>("verdict");
        for (const QString &scheme : {QStringLiteral("stripe"), QStringLiteral("slack"),
                                      QStringLiteral("standard-webhooks")}) {
            auto row = [&scheme](const char *name) -> QTestData & {
                return QTest::addRow("%s %s", qPrintable(scheme), name) << scheme << QString();
            };
            row("same second") << qint64(0) << -1 << false << verdicts::valid;
            row("exactly at tolerance") << qint64(300) << -1 << false << verdicts::valid;
            row("one second past") << qint64(301) << -1 << false << verdicts::outsideTolerance;
            row("future at tolerance") << qint64(-300) << -1 << false << verdicts::valid;
            // Stripe's libraries refuse only old timestamps (timestamp < now - tolerance);
            // Slack's and Standard Webhooks' refuse the future too.
            const QString future
                = scheme == u"stripe" ? verdicts::valid : verdicts::outsideTolerance;
            row("future one second past") << qint64(-301) << -1 << false << future;
            row("a day in the future") << qint64(-86400) << -1 << false << future;
            row("a year old, ignored") << qint64(365 * 86400) << -1 << true << verdicts::valid;
            row("own tolerance") << qint64(301) << 600 << false << verdicts::valid;
            row("own tolerance past") << qint64(11) << 10 << false << verdicts::outsideTolerance;
        }
        QTest::newRow("custom at tolerance") << QStringLiteral("custom") << kCustomTimed
                                             << qint64(60) << -1 << false << verdicts::valid;
        QTest::newRow("custom past tolerance")
            << QStringLiteral("custom") << kCustomTimed << qint64(61) << -1 << false
            << verdicts::outsideTolerance;
        QTest::newRow("custom without tolerance")
            << QStringLiteral("custom")
            << QStringLiteral("header=X-Sig,content={timestamp}.{body},timestamp-header=X-Ts")
            << qint64(86400 * 30) << -1 << false << verdicts::valid;
        QTest::newRow("untimed scheme ignores age")
            << QStringLiteral("github") << QString() << qint64(86400 * 3000) << -1 << false
            << verdicts::valid;
    }

    void toleranceEdges()
    {
        QFETCH(QString, scheme);
        QFETCH(QString, custom);
        QFETCH(qint64, offset);
        QFETCH(int, tolerance);
        QFETCH(bool, ignore);
        QFETCH(QString, verdict);
        VerifyOptions options;
        options.now = kSignedAt + offset;
        if (tolerance >= 0)
            options.toleranceSeconds = tolerance;
        options.ignoreTolerance = ignore;
        if (!custom.isEmpty())
            options.custom = parseCustomScheme(custom, nullptr);
        const Verdict result
            = verify(scheme, "fake-edge-secret", signedHeaders(scheme, custom), kBody, options);
        QCOMPARE(result.verdict, verdict);
        if (verdict == verdicts::outsideTolerance) {
            QVERIFY2(result.detail.contains(offset > 0 ? u"old" : u"in the future"),
                     qPrintable(result.detail));
            QVERIFY(result.detail.contains(u"signature matches"));
        }
        if (ignore)
            QVERIFY2(result.detail.contains(u"tolerance ignored"), qPrintable(result.detail));
        if (scheme == u"stripe" && offset < -300)
            QVERIFY2(result.detail.contains(u"in the future; Stripe accepts that"),
                     qPrintable(result.detail));
    }

    // A sender stamping milliseconds: Stripe's libraries accept a future timestamp, so the
    // verdict stays valid, but the detail names the mistake, as it does where it is refused.
    void aMillisecondTimestampIsNamedWhereItIsAccepted()
    {
        SignOptions signing;
        signing.timestamp = kSignedAt * 1000;
        VerifyOptions options;
        options.now = kSignedAt;
        for (const QString &scheme : {u"stripe"_qs, u"slack"_qs}) {
            const HeaderList headers = sign(scheme, "fake-edge-secret", kBody, signing).headers;
            const Verdict result = verify(scheme, "fake-edge-secret", headers, kBody, options);
            QCOMPARE(result.verdict,
                     scheme == u"stripe" ? verdicts::valid : verdicts::outsideTolerance);
            QVERIFY2(result.detail.contains(u"it looks like milliseconds, not seconds"),
                     qPrintable(result.detail));
        }
    }

    // A stored capture is judged by how old its timestamp was when it arrived: it does not turn
    // "too old" while it sits in the store, and one that arrived stale stays refused.
    void aStoredCaptureIsJudgedAsItArrived()
    {
        Capture capture;
        capture.method = "POST";
        capture.target = "/hooks";
        capture.headers = signedHeaders(QStringLiteral("stripe"));
        capture.body = kBody;
        capture.receivedAtUs = (kSignedAt + 2) * 1'000'000; // now is years later
        const Verdict fresh = verifyCapture(QStringLiteral("stripe"), "fake-edge-secret", capture);
        QCOMPARE(fresh.verdict, verdicts::valid);

        capture.receivedAtUs = (kSignedAt + 312) * 1'000'000;
        const Verdict stale = verifyCapture(QStringLiteral("stripe"), "fake-edge-secret", capture);
        QCOMPARE(stale.verdict, verdicts::outsideTolerance);
        QVERIFY2(stale.detail.contains(u"5 min 12 s old when the request arrived"),
                 qPrintable(stale.detail));

        // A capture with no arrival time (built by hand) is judged against the clock.
        capture.receivedAtUs = 0;
        QCOMPARE(verifyCapture(QStringLiteral("stripe"), "fake-edge-secret", capture).verdict,
                 verdicts::outsideTolerance);
    }

    void aWrongSignatureIsInvalidEvenWhenStale()
    {
        // The signature is checked before the timestamp, so a stale forged request is "invalid".
        VerifyOptions options;
        options.now = kSignedAt + 10000;
        const HeaderList headers = signedHeaders(QStringLiteral("stripe"));
        const Verdict verdict
            = verify(QStringLiteral("stripe"), "fake-other", headers, kBody, options);
        QCOMPARE(verdict.verdict, verdicts::invalid);
    }

    void malformedHeaders_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<HeaderList>("headers");
        QTest::addColumn<QString>("verdict");
        const QByteArray huge(9000, 'a');
        const QString malformed = verdicts::malformedHeader;
        const QString missing = verdicts::missingHeader;

        struct Simple {
            const char *scheme;
            QByteArray header;
            QByteArray prefix;
            bool base64;
        };
        const Simple simple[] = {{"patreon", "X-Patreon-Signature", "", false},
                                 {"x-webhook-signature", "X-Webhook-Signature", "sha256=", false},
                                 {"x-signature", "X-Signature", "", false},
                                 {"github", "X-Hub-Signature-256", "sha256=", false},
                                 {"shopify", "X-Shopify-Hmac-Sha256", "", true},
                                 {"twilio", "X-Twilio-Signature", "", true}};
        for (const Simple &s : simple) {
            const QString scheme = QString::fromLatin1(s.scheme);
            auto row = [&](const char *name, const HeaderList &headers, const QString &verdict) {
                QTest::addRow("%s %s", s.scheme, name) << scheme << headers << verdict;
            };
            row("absent", {{"Content-Type", "application/json"}}, missing);
            row("empty", {{s.header, ""}}, malformed);
            row("blank", {{s.header, "   "}}, malformed);
            row("huge", {{s.header, s.prefix + huge}}, malformed);
            row("bad encoding",
                {{s.header, s.prefix + (s.base64 ? "!!not*base64!!" : "zz-not-hex")}}, malformed);
            row("odd hex", {{s.header, s.prefix + (s.base64 ? "QUJD=" : "abc")}}, malformed);
            if (!s.prefix.isEmpty()) {
                row("no prefix", {{s.header, QByteArray(64, 'a')}}, malformed);
                row("prefix only", {{s.header, s.prefix}}, malformed);
            }
        }
        QTest::newRow("github legacy wrong prefix")
            << QStringLiteral("github")
            << HeaderList {{"X-Hub-Signature", "sha256=" + QByteArray(40, 'a')}} << malformed;

        auto stripe = [](const QByteArray &value) {
            return HeaderList {{"Stripe-Signature", value}};
        };
        const QByteArray v1 = "v1=" + QByteArray(64, 'a');
        QTest::newRow("stripe absent") << QStringLiteral("stripe") << HeaderList {} << missing;
        QTest::newRow("stripe empty") << QStringLiteral("stripe") << stripe("") << malformed;
        QTest::newRow("stripe no t") << QStringLiteral("stripe") << stripe(v1) << malformed;
        QTest::newRow("stripe no v1")
            << QStringLiteral("stripe") << stripe("t=1700000000,v0=ab") << malformed;
        QTest::newRow("stripe bad t")
            << QStringLiteral("stripe") << stripe("t=yesterday," + v1) << malformed;
        QTest::newRow("stripe two t")
            << QStringLiteral("stripe") << stripe("t=1700000000,t=1700000001," + v1) << malformed;
        QTest::newRow("stripe garbage")
            << QStringLiteral("stripe") << stripe("garbage") << malformed;
        QTest::newRow("stripe bad hex")
            << QStringLiteral("stripe") << stripe("t=1700000000,v1=xyz") << malformed;
        QTest::newRow("stripe huge")
            << QStringLiteral("stripe") << stripe("t=1700000000,v1=" + huge) << malformed;

        const HeaderList standard {{"webhook-id", "msg_1"},
                                   {"webhook-timestamp", "1700000000"},
                                   {"webhook-signature", "v1," + QByteArray(44, 'A')}};
        const QString sw = QStringLiteral("standard-webhooks");
        QTest::newRow("standard no id") << sw << without(standard, "webhook-id") << missing;
        QTest::newRow("standard no timestamp")
            << sw << without(standard, "webhook-timestamp") << missing;
        QTest::newRow("standard empty id")
            << sw << replaced(standard, "webhook-id", "") << malformed;
        QTest::newRow("standard bad timestamp")
            << sw << replaced(standard, "webhook-timestamp", "hello") << malformed;
        QTest::newRow("standard negative timestamp")
            << sw << replaced(standard, "webhook-timestamp", "-1700000000") << malformed;
        QTest::newRow("standard empty signature")
            << sw << replaced(standard, "webhook-signature", "") << malformed;
        QTest::newRow("standard no comma")
            << sw << replaced(standard, "webhook-signature", "v1" + QByteArray(44, 'A'))
            << malformed;
        QTest::newRow("standard nothing after comma")
            << sw << replaced(standard, "webhook-signature", "v1,") << malformed;
        QTest::newRow("standard only v2")
            << sw << replaced(standard, "webhook-signature", "v2,AAAA") << malformed;
        QTest::newRow("standard bad base64")
            << sw << replaced(standard, "webhook-signature", "v1,***") << malformed;
        QTest::newRow("standard huge")
            << sw << replaced(standard, "webhook-signature", "v1," + huge) << malformed;

        const HeaderList slack {{"X-Slack-Request-Timestamp", "1700000000"},
                                {"X-Slack-Signature", "v0=" + QByteArray(64, 'a')}};
        QTest::newRow("slack no timestamp")
            << QStringLiteral("slack") << without(slack, "X-Slack-Request-Timestamp") << missing;
        QTest::newRow("slack bad timestamp")
            << QStringLiteral("slack") << replaced(slack, "X-Slack-Request-Timestamp", "12:00")
            << malformed;
        QTest::newRow("slack no v0")
            << QStringLiteral("slack") << replaced(slack, "X-Slack-Signature", QByteArray(64, 'a'))
            << malformed;
        QTest::newRow("slack bad hex")
            << QStringLiteral("slack") << replaced(slack, "X-Slack-Signature", "v0=nothex")
            << malformed;
    }

    void malformedHeaders()
    {
        QFETCH(QString, scheme);
        QFETCH(HeaderList, headers);
        QFETCH(QString, verdict);
        VerifyOptions options;
        options.now = kSignedAt;
        options.url = QStringLiteral("https://example.test/hook");
        const Verdict result = verify(scheme, "fake-edge-secret", headers, kBody, options);
        QCOMPARE(result.verdict, verdict);
        QCOMPARE(result.scheme, scheme);
        QVERIFY(!result.detail.isEmpty());
        QVERIFY(result.detail.size() < 300); // huge values are never echoed whole
    }

    void customSchemeMissingHeaders()
    {
        VerifyOptions options;
        options.now = kSignedAt;
        options.custom = parseCustomScheme(QStringLiteral("header=X-Sig,content={id}.{body},"
                                                          "id-header=X-Id"),
                                           nullptr);
        SignOptions signOptions;
        signOptions.custom = options.custom;
        signOptions.id = "evt_9";
        const HeaderList headers
            = sign(QStringLiteral("custom"), "fake", kBody, signOptions).headers;
        QCOMPARE(verify(QStringLiteral("custom"), "fake", headers, kBody, options).verdict,
                 verdicts::valid);
        QCOMPARE(verify(QStringLiteral("custom"), "fake", without(headers, "X-Id"), kBody, options)
                     .verdict,
                 verdicts::missingHeader);
        QCOMPARE(verify(QStringLiteral("custom"), "fake", without(headers, "X-Sig"), kBody, options)
                     .verdict,
                 verdicts::missingHeader);
    }

    void noSecretComesAfterHeaderChecks()
    {
        const HeaderList headers = signedHeaders(QStringLiteral("patreon"));
        QCOMPARE(verify(QStringLiteral("patreon"), {}, headers, kBody).verdict, verdicts::noSecret);
        QCOMPARE(verify(QStringLiteral("patreon"), {}, {}, kBody).verdict, verdicts::missingHeader);
        QCOMPARE(
            verify(QStringLiteral("patreon"), {}, {{"X-Patreon-Signature", ""}}, kBody).verdict,
            verdicts::malformedHeader);
    }

    void missingHeaderNamesWhatTheRequestCarries()
    {
        const HeaderList headers = signedHeaders(QStringLiteral("stripe"));
        const Verdict verdict = verify(QStringLiteral("github"), "fake", headers, kBody);
        QCOMPARE(verdict.verdict, verdicts::missingHeader);
        QVERIFY2(verdict.detail.contains(u"Stripe signature"), qPrintable(verdict.detail));
        const Verdict standard
            = verify(QStringLiteral("standard-webhooks"), "fake", headers, kBody);
        QVERIFY2(standard.detail.startsWith(u"No webhook-signature header."),
                 qPrintable(standard.detail));
    }

    void twilioWithoutUrlCannotBeChecked()
    {
        SignOptions signOptions;
        signOptions.url = QStringLiteral("https://example.test/sms");
        const HeaderList headers
            = sign(QStringLiteral("twilio"), "fake", "a=b", signOptions).headers;
        const Verdict verdict = verify(QStringLiteral("twilio"), "fake", headers, "a=b");
        QCOMPARE(verdict.verdict, verdicts::invalid);
        QVERIFY(verdict.detail.contains(u"URL"));
    }

    void twilioAcceptsThePortEitherWay_data()
    {
        QTest::addColumn<QString>("signedUrl");
        QTest::addColumn<QString>("verifiedUrl");
        QTest::newRow("port added") << QStringLiteral("https://example.test:443/sms")
                                    << QStringLiteral("https://example.test/sms");
        QTest::newRow("port removed") << QStringLiteral("http://127.0.0.1/sms?a=1")
                                      << QStringLiteral("http://127.0.0.1:8080/sms?a=1");
        QTest::newRow("ipv6 port removed")
            << QStringLiteral("http://[::1]/sms") << QStringLiteral("http://[::1]:8080/sms");
    }

    void twilioAcceptsThePortEitherWay()
    {
        QFETCH(QString, signedUrl);
        QFETCH(QString, verifiedUrl);
        SignOptions signOptions;
        signOptions.url = signedUrl;
        const HeaderList headers
            = sign(QStringLiteral("twilio"), "fake", "a=b", signOptions).headers;
        VerifyOptions options;
        options.url = verifiedUrl;
        const Verdict verdict = verify(QStringLiteral("twilio"), "fake", headers, "a=b", options);
        QCOMPARE(verdict.verdict, verdicts::valid);
        QVERIFY2(verdict.detail.contains(signedUrl), qPrintable(verdict.detail));
    }

    void twilioJsonBodyUsesBodySha256()
    {
        // Twilio signs the URL alone for JSON bodies; the body's SHA-256 is in the URL.
        const QByteArray body = R"({"a":1})";
        const QString url
            = QStringLiteral("https://example.test/hook?bodySHA256="
                             "015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862");
        SignOptions signOptions;
        signOptions.url = url;
        const HeaderList headers
            = sign(QStringLiteral("twilio"), "fake", body, signOptions).headers;
        VerifyOptions options;
        options.url = url;
        QCOMPARE(verify(QStringLiteral("twilio"), "fake", headers, body, options).verdict,
                 verdicts::valid);
        const Verdict changed
            = verify(QStringLiteral("twilio"), "fake", headers, body + ' ', options);
        QCOMPARE(changed.verdict, verdicts::invalid);
        QVERIFY(changed.detail.contains(u"bodySHA256"));
    }

    void headerNamesAreCaseInsensitiveAndValuesTrimmed()
    {
        HeaderList headers = signedHeaders(QStringLiteral("slack"));
        for (HeaderField &field : headers) {
            field.name = field.name.toLower();
            field.value = "  " + field.value + " ";
        }
        VerifyOptions options;
        options.now = kSignedAt;
        QCOMPARE(
            verify(QStringLiteral("slack"), "fake-edge-secret", headers, kBody, options).verdict,
            verdicts::valid);
    }

    void upperCaseHexIsAccepted()
    {
        HeaderList headers = signedHeaders(QStringLiteral("x-signature"));
        headers.first().value = headers.first().value.toUpper();
        QCOMPARE(verify(QStringLiteral("x-signature"), "fake-edge-secret", headers, kBody).verdict,
                 verdicts::valid);
    }

    void svixHeaderNamesAreRead()
    {
        HeaderList headers = signedHeaders(QStringLiteral("standard-webhooks"));
        for (HeaderField &field : headers)
            field.name.replace("webhook-", "svix-");
        VerifyOptions options;
        options.now = kSignedAt;
        QCOMPARE(
            verify(QStringLiteral("auto"), "fake-edge-secret", headers, kBody, options).verdict,
            verdicts::valid);
    }

    // A small deterministic fuzz: random and half-valid header values never crash the parsers or
    // the diagnosis, and always give one of the six verdicts.
    void randomHeaderValuesGiveAVerdict()
    {
        QRandomGenerator random(20261123);
        const QStringList allowed {
            verdicts::valid,           verdicts::invalid,          verdicts::missingHeader,
            verdicts::malformedHeader, verdicts::outsideTolerance, verdicts::noSecret};
        const QByteArray pieces[] = {
            "t=", "v1=",        "v0=",    "v1,", "v1a,", "sha256=",          "sha1=", ",", " ", "=",
            "==", "1700000000", "whsec_", "%",   "\0",   "abcdef0123456789", "QUJD",  "+/"};
        VerifyOptions options;
        options.now = kSignedAt;
        options.url = QStringLiteral("https://example.test/x");
        options.otherSecrets = {"fake-other"};
        for (int round = 0; round < 3000; ++round) {
            QByteArray value;
            const int parts = random.bounded(12);
            for (int i = 0; i < parts; ++i) {
                if (random.bounded(3) == 0) {
                    QByteArray noise(random.bounded(1, 40), Qt::Uninitialized);
                    for (char &c : noise)
                        c = char(random.bounded(256));
                    value += noise;
                } else {
                    value += pieces[random.bounded(int(std::size(pieces)))];
                }
            }
            if (random.bounded(50) == 0)
                value += QByteArray(random.bounded(8000, 20000), 'a');
            const HeaderList headers {{"X-Patreon-Signature", value},
                                      {"X-Webhook-Signature", value},
                                      {"X-Signature", value},
                                      {"X-Hub-Signature-256", value},
                                      {"Stripe-Signature", value},
                                      {"webhook-signature", value},
                                      {"webhook-id", value},
                                      {"webhook-timestamp", value},
                                      {"X-Slack-Signature", value},
                                      {"X-Slack-Request-Timestamp", value},
                                      {"X-Shopify-Hmac-Sha256", value},
                                      {"X-Twilio-Signature", value}};
            const QByteArray body = random.bounded(2) ? kBody : value;
            for (const QString &scheme : schemeNames()) {
                if (scheme == u"custom")
                    continue;
                const Verdict verdict = verify(scheme, "fake-edge-secret", headers, body, options);
                QVERIFY2(allowed.contains(verdict.verdict), qPrintable(verdict.verdict));
            }
        }
    }

    void unknownSchemeIsNotValid()
    {
        const Verdict verdict = verify(QStringLiteral("nope"), "fake", {}, kBody);
        QVERIFY(!verdict.isValid());
        QVERIFY(verdict.detail.contains(u"nope"));
        const Verdict custom = verify(QStringLiteral("custom:alg=sha256"), "fake", {}, kBody);
        QVERIFY(!custom.isValid());
        QVERIFY(custom.detail.contains(u"header"));
    }
};

QTEST_GUILESS_MAIN(TestSchemeEdges)
#include "TestSchemeEdges.moc"
