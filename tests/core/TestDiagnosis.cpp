#include "signing/Signing.h"

#include <QTest>

using namespace hookscope;
using namespace hookscope::signing;

namespace {

const QByteArray kJson = R"({"type":"user.created","data":{"id":"u_1","name":"Zoë"}})";
const QByteArray kPrettyJson
    = "{\n  \"type\": \"user.created\",\n  \"data\": {\n    \"id\": \"u_1\",\n"
      "    \"name\": \"Zoë\"\n  }\n}";

QByteArray hexMac(HashAlgorithm algorithm, const QByteArray &key, const QByteArray &content)
{
    return hmac(algorithm, key, content).toHex();
}

QByteArray base64Mac(HashAlgorithm algorithm, const QByteArray &key, const QByteArray &content)
{
    return hmac(algorithm, key, content).toBase64();
}

} // namespace

// One test per mistake the diagnosis names: each builds a request signed the wrong way and
// checks that the diagnosis explains it in words, without ever repeating the secret.
class TestDiagnosis final : public QObject
{
    Q_OBJECT

private:
    Verdict check(const QString &scheme, const QByteArray &secret, const HeaderList &headers,
                  const QByteArray &body, VerifyOptions options = {})
    {
        const Verdict verdict = verify(scheme, secret, headers, body, options);
        // The secret never shows up in any text for people.
        const QString secretText = QString::fromUtf8(secret);
        if (verdict.diagnosis.contains(secretText) || verdict.detail.contains(secretText))
            qWarning("a verdict repeated the secret");
        m_leaked = m_leaked || verdict.diagnosis.contains(secretText)
            || verdict.detail.contains(secretText);
        return verdict;
    }

    bool m_leaked = false;

private Q_SLOTS:
    void init() { m_leaked = false; }
    void cleanup() { QVERIFY(!m_leaked); }

    void wrongAlgorithm()
    {
        const QByteArray secret = "fake-patreon-secret";
        const Verdict verdict
            = check(QStringLiteral("patreon"), secret,
                    {{"X-Patreon-Signature", hexMac(HashAlgorithm::Sha256, secret, kJson)}}, kJson);
        QCOMPARE(verdict.verdict, verdicts::invalid);
        QVERIFY(verdict.explained);
        QVERIFY2(verdict.diagnosis.contains(u"matches HMAC-SHA256 of the body"),
                 qPrintable(verdict.diagnosis));
        QVERIFY2(verdict.diagnosis.contains(u"Patreon expects HMAC-MD5"),
                 qPrintable(verdict.diagnosis));
    }

    void wrongAlgorithmAndEncodingAreNamedTogether()
    {
        // Shopify's recipe arriving at an X-Signature endpoint.
        const QByteArray secret = "fake-secret";
        const Verdict verdict
            = check(QStringLiteral("x-signature"), secret,
                    {{"X-Signature", base64Mac(HashAlgorithm::Sha1, secret, kJson)}}, kJson);
        QCOMPARE(verdict.verdict, verdicts::invalid);
        QVERIFY2(verdict.diagnosis.contains(u"HMAC-SHA1 of the body, base64"),
                 qPrintable(verdict.diagnosis));
    }

    void hexInsteadOfBase64()
    {
        const QByteArray secret = "fake-shopify";
        const Verdict verdict = check(
            QStringLiteral("shopify"), secret,
            {{"X-Shopify-Hmac-Sha256", hexMac(HashAlgorithm::Sha256, secret, kJson)}}, kJson);
        QCOMPARE(verdict.verdict, verdicts::invalid);
        QVERIFY(verdict.explained);
        QVERIFY2(verdict.diagnosis.contains(u"written in hex; Shopify sends base64"),
                 qPrintable(verdict.diagnosis));
    }

    void base64InsteadOfHex()
    {
        // Not valid hex at all, yet not "malformed": the diagnosis recognises it.
        const QByteArray secret = "fake-x";
        const Verdict verdict
            = check(QStringLiteral("x-signature"), secret,
                    {{"X-Signature", base64Mac(HashAlgorithm::Sha256, secret, kJson)}}, kJson);
        QCOMPARE(verdict.verdict, verdicts::invalid);
        QVERIFY2(verdict.diagnosis.contains(u"written in base64; X-Signature sends hex"),
                 qPrintable(verdict.diagnosis));
    }

    void whsecPrefixKeptAsTyped()
    {
        // The sender used Stripe's way (whole text) for a Standard Webhooks endpoint.
        const QByteArray secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        const QByteArray content = "msg_1.1700000000." + kJson;
        VerifyOptions options;
        options.now = 1700000000;
        const Verdict verdict = check(
            QStringLiteral("standard-webhooks"), secret,
            {{"webhook-id", "msg_1"},
             {"webhook-timestamp", "1700000000"},
             {"webhook-signature", "v1," + base64Mac(HashAlgorithm::Sha256, secret, content)}},
            kJson, options);
        QCOMPARE(verdict.verdict, verdicts::invalid);
        QVERIFY2(verdict.diagnosis.contains(u"whole secret as typed, whsec_ prefix included"),
                 qPrintable(verdict.diagnosis));
        QVERIFY(verdict.diagnosis.contains(u"base64-decoded bytes after whsec_"));
    }

    void whsecBase64DecodedForStripe()
    {
        const QByteArray secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        const QByteArray key = QByteArray::fromBase64("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        VerifyOptions options;
        options.now = 1700000000;
        const Verdict verdict = check(
            QStringLiteral("stripe"), secret,
            {{"Stripe-Signature",
              "t=1700000000,v1=" + hexMac(HashAlgorithm::Sha256, key, "1700000000." + kJson)}},
            kJson, options);
        QCOMPARE(verdict.verdict, verdicts::invalid);
        QVERIFY2(verdict.diagnosis.contains(u"base64-decoded bytes after whsec_"),
                 qPrintable(verdict.diagnosis));
        QVERIFY(verdict.diagnosis.contains(u"Stripe uses the secret as typed"));
    }

    void whsecPrefixStripped()
    {
        const QByteArray secret = "whsec_fakeStripeSecret";
        VerifyOptions options;
        options.now = 1700000000;
        const Verdict verdict = check(
            QStringLiteral("stripe"), secret,
            {{"Stripe-Signature",
              "t=1700000000,v1="
                  + hexMac(HashAlgorithm::Sha256, "fakeStripeSecret", "1700000000." + kJson)}},
            kJson, options);
        QVERIFY2(verdict.diagnosis.contains(u"whsec_ prefix stripped but not base64-decoded"),
                 qPrintable(verdict.diagnosis));
    }

    void secretNotBase64Decoded()
    {
        // A Standard Webhooks secret pasted without whsec_, which the sender used as text.
        const QByteArray secret = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        VerifyOptions options;
        options.now = 1700000000;
        const Verdict verdict = check(
            QStringLiteral("standard-webhooks"), secret,
            {{"webhook-id", "msg_1"},
             {"webhook-timestamp", "1700000000"},
             {"webhook-signature",
              "v1," + base64Mac(HashAlgorithm::Sha256, secret, "msg_1.1700000000." + kJson)}},
            kJson, options);
        QVERIFY2(verdict.diagnosis.contains(u"HMAC key is the secret as typed"),
                 qPrintable(verdict.diagnosis));
    }

    void secretBase64DecodedBySender()
    {
        const QByteArray secret = "c2VjcmV0LWtleS1mb3ItdGVzdHM=";
        const Verdict verdict = check(
            QStringLiteral("x-signature"), secret,
            {{"X-Signature", hexMac(HashAlgorithm::Sha256, QByteArray::fromBase64(secret), kJson)}},
            kJson);
        QVERIFY2(verdict.diagnosis.contains(u"the base64-decoded secret"),
                 qPrintable(verdict.diagnosis));
    }

    void hexSecretDecodedBySender()
    {
        const QByteArray secret = "00112233445566778899aabbccddeeff";
        const Verdict verdict = check(
            QStringLiteral("x-webhook-signature"), secret,
            {{"X-Webhook-Signature",
              "sha256=" + hexMac(HashAlgorithm::Sha256, QByteArray::fromHex(secret), kJson)}},
            kJson);
        QVERIFY2(verdict.diagnosis.contains(u"hex-decoded"), qPrintable(verdict.diagnosis));
    }

    void secretWithTrailingNewline()
    {
        const QByteArray secret = "fake-secret";
        const Verdict verdict
            = check(QStringLiteral("x-signature"), secret,
                    {{"X-Signature", hexMac(HashAlgorithm::Sha256, secret + '\n', kJson)}}, kJson);
        QVERIFY2(verdict.diagnosis.contains(u"trailing newline"), qPrintable(verdict.diagnosis));
    }

    void bodyPrettyVersusCompact()
    {
        // Signed compact, delivered pretty-printed.
        const QByteArray secret = "fake-secret";
        const Verdict verdict
            = check(QStringLiteral("x-signature"), secret,
                    {{"X-Signature", hexMac(HashAlgorithm::Sha256, secret, kJson)}}, kPrettyJson);
        QCOMPARE(verdict.verdict, verdicts::invalid);
        QVERIFY2(verdict.diagnosis.contains(u"compact JSON (whitespace removed"),
                 qPrintable(verdict.diagnosis));
    }

    void bodyCompactVersusPretty()
    {
        const QByteArray secret = "fake-secret";
        const Verdict verdict
            = check(QStringLiteral("github"), secret,
                    {{"X-Hub-Signature-256",
                      "sha256=" + hexMac(HashAlgorithm::Sha256, secret, kPrettyJson)}},
                    kJson);
        QVERIFY2(verdict.diagnosis.contains(u"pretty-printed with 2 spaces"),
                 qPrintable(verdict.diagnosis));
    }

    void bodyKeyOrder()
    {
        const QByteArray secret = "fake-secret";
        const QByteArray sent = R"({"b":1,"a":{"d":2,"c":3}})";
        const QByteArray sorted = R"({"a":{"c":3,"d":2},"b":1})";
        const Verdict verdict
            = check(QStringLiteral("x-signature"), secret,
                    {{"X-Signature", hexMac(HashAlgorithm::Sha256, secret, sorted)}}, sent);
        QVERIFY2(verdict.diagnosis.contains(u"keys sorted"), qPrintable(verdict.diagnosis));
    }

    void bodyPythonSpacingAndEscapes()
    {
        const QByteArray secret = "fake-secret";
        const QByteArray python
            = R"({"type": "user.created", "data": {"id": "u_1", "name": "Zo\u00eb"}})";
        const Verdict verdict
            = check(QStringLiteral("x-signature"), secret,
                    {{"X-Signature", hexMac(HashAlgorithm::Sha256, secret, python)}}, kJson);
        QVERIFY2(verdict.diagnosis.contains(u"non-ASCII characters escaped"),
                 qPrintable(verdict.diagnosis));
    }

    void bodyTrailingNewlineAdded()
    {
        const QByteArray secret = "fake-secret";
        const Verdict verdict = check(
            QStringLiteral("patreon"), secret,
            {{"X-Patreon-Signature", hexMac(HashAlgorithm::Md5, secret, kJson)}}, kJson + '\n');
        QVERIFY2(verdict.diagnosis.contains(u"without its final newline"),
                 qPrintable(verdict.diagnosis));
    }

    void bodyTrailingNewlineLost()
    {
        const QByteArray secret = "fake-secret";
        const Verdict verdict = check(
            QStringLiteral("patreon"), secret,
            {{"X-Patreon-Signature", hexMac(HashAlgorithm::Md5, secret, kJson + '\n')}}, kJson);
        QVERIFY2(verdict.diagnosis.contains(u"trailing newline added"),
                 qPrintable(verdict.diagnosis));
    }

    void bodyCrlf()
    {
        const QByteArray secret = "fake-secret";
        const QByteArray lf = "line one\nline two\n";
        const QByteArray crlf = "line one\r\nline two\r\n";
        const Verdict verdict
            = check(QStringLiteral("x-signature"), secret,
                    {{"X-Signature", hexMac(HashAlgorithm::Sha256, secret, lf)}}, crlf);
        QVERIFY2(verdict.diagnosis.contains(u"CRLF line endings turned into LF"),
                 qPrintable(verdict.diagnosis));
    }

    void signedWithAnotherConfiguredSecret()
    {
        const QByteArray secret = "fake-production";
        VerifyOptions options;
        options.otherSecrets = {"fake-other-1", "fake-staging"};
        options.otherSecretNames = {QStringLiteral("other"), QStringLiteral("staging")};
        const Verdict verdict
            = check(QStringLiteral("x-signature"), secret,
                    {{"X-Signature", hexMac(HashAlgorithm::Sha256, "fake-staging", kJson)}}, kJson,
                    options);
        QVERIFY(verdict.explained);
        QVERIFY2(verdict.diagnosis.contains(u"another secret you configured (\"staging\")"),
                 qPrintable(verdict.diagnosis));
        QVERIFY(!verdict.diagnosis.contains(u"fake-staging"));
    }

    void timestampSignedInMilliseconds()
    {
        const QByteArray secret = "fake-slack";
        VerifyOptions options;
        options.now = 1700000000;
        const Verdict verdict
            = check(QStringLiteral("slack"), secret,
                    {{"X-Slack-Request-Timestamp", "1700000000"},
                     {"X-Slack-Signature",
                      "v0=" + hexMac(HashAlgorithm::Sha256, secret, "v0:1700000000000:" + kJson)}},
                    kJson, options);
        QVERIFY2(verdict.diagnosis.contains(u"signed milliseconds but sent seconds"),
                 qPrintable(verdict.diagnosis));
    }

    void timestampSentInMilliseconds()
    {
        const QByteArray secret = "fake-stripe";
        VerifyOptions options;
        options.now = 1700000000;
        const Verdict verdict
            = check(QStringLiteral("stripe"), secret,
                    {{"Stripe-Signature",
                      "t=1700000000123,v1="
                          + hexMac(HashAlgorithm::Sha256, secret, "1700000000." + kJson)}},
                    kJson, options);
        QVERIFY2(verdict.diagnosis.contains(u"signed seconds but sent milliseconds"),
                 qPrintable(verdict.diagnosis));
    }

    void timestampInMillisecondsConsistently()
    {
        // Signed and sent in milliseconds: the signature matches, the tolerance check explains.
        const QByteArray secret = "fake-slack";
        SignOptions signOptions;
        signOptions.timestamp = 1700000000000;
        const SignResult signature = sign(QStringLiteral("slack"), secret, kJson, signOptions);
        VerifyOptions options;
        options.now = 1700000005;
        const Verdict verdict
            = check(QStringLiteral("slack"), secret, signature.headers, kJson, options);
        QCOMPARE(verdict.verdict, verdicts::outsideTolerance);
        QVERIFY2(verdict.detail.contains(u"looks like milliseconds"), qPrintable(verdict.detail));
    }

    void twilioUrl_data()
    {
        QTest::addColumn<QString>("signedUrl");
        QTest::addColumn<QString>("verifiedUrl");
        QTest::addColumn<QString>("why");
        QTest::newRow("https") << QStringLiteral("https://example.test/sms")
                               << QStringLiteral("http://example.test/sms")
                               << QStringLiteral("https instead of http");
        QTest::newRow("http") << QStringLiteral("http://example.test/sms")
                              << QStringLiteral("https://example.test/sms")
                              << QStringLiteral("http instead of https");
        QTest::newRow("port") << QStringLiteral("https://example.test/sms")
                              << QStringLiteral("https://example.test:443/sms")
                              << QStringLiteral("without the port");
        QTest::newRow("default port")
            << QStringLiteral("https://example.test:443/sms")
            << QStringLiteral("https://example.test/sms") << QStringLiteral("default port 443");
        QTest::newRow("local port")
            << QStringLiteral("http://127.0.0.1/sms") << QStringLiteral("http://127.0.0.1:8080/sms")
            << QStringLiteral("without the port");
        QTest::newRow("slash") << QStringLiteral("https://example.test/sms/")
                               << QStringLiteral("https://example.test/sms")
                               << QStringLiteral("with a trailing slash");
        QTest::newRow("no slash") << QStringLiteral("https://example.test/sms")
                                  << QStringLiteral("https://example.test/sms/")
                                  << QStringLiteral("without the trailing slash");
    }

    void twilioUrl()
    {
        QFETCH(QString, signedUrl);
        QFETCH(QString, verifiedUrl);
        QFETCH(QString, why);
        const QByteArray secret = "fake-twilio";
        const QByteArray body = "From=%2B15550001111&Body=hello+there";
        SignOptions signOptions;
        signOptions.url = signedUrl;
        const SignResult signature = sign(QStringLiteral("twilio"), secret, body, signOptions);
        VerifyOptions options;
        options.url = verifiedUrl;
        const Verdict verdict
            = check(QStringLiteral("twilio"), secret, signature.headers, body, options);
        QCOMPARE(verdict.verdict, verdicts::invalid);
        QVERIFY2(verdict.diagnosis.contains(why), qPrintable(verdict.diagnosis));
        QVERIFY2(verdict.diagnosis.contains(signedUrl), qPrintable(verdict.diagnosis));
    }

    void ed25519KeyForHmacSignatures()
    {
        const SignResult signature = sign(QStringLiteral("standard-webhooks"),
                                          "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", kJson);
        const Verdict verdict
            = check(QStringLiteral("standard-webhooks"),
                    "whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", signature.headers, kJson);
        QCOMPARE(verdict.verdict, verdicts::invalid);
        QVERIFY2(verdict.diagnosis.contains(u"whsec_"), qPrintable(verdict.diagnosis));
    }

    void hmacSecretForEd25519Signatures()
    {
        const SignResult signature
            = sign(QStringLiteral("standard-webhooks"),
                   "whsk_nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=", kJson);
        const Verdict verdict
            = check(QStringLiteral("standard-webhooks"), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                    signature.headers, kJson);
        QCOMPARE(verdict.verdict, verdicts::invalid);
        QVERIFY2(verdict.diagnosis.contains(u"whpk_"), qPrintable(verdict.diagnosis));
    }

    void unexplainedMismatchSaysSo()
    {
        const QByteArray secret = "fake-secret";
        const Verdict verdict
            = check(QStringLiteral("x-signature"), secret,
                    {{"X-Signature", hexMac(HashAlgorithm::Sha256, "someone-else", kJson)}}, kJson);
        QCOMPARE(verdict.verdict, verdicts::invalid);
        QVERIFY(!verdict.explained);
        QVERIFY2(verdict.diagnosis.contains(u"different secret"), qPrintable(verdict.diagnosis));
        QCOMPARE(verdict.expected, hexMac(HashAlgorithm::Sha256, secret, kJson));
    }

    void lengthHintsAtTheAlgorithm()
    {
        const QByteArray secret = "fake-secret";
        const Verdict verdict = check(QStringLiteral("patreon"), secret,
                                      {{"X-Patreon-Signature", QByteArray(64, 'a')}}, kJson);
        QCOMPARE(verdict.verdict, verdicts::invalid);
        QVERIFY2(verdict.diagnosis.contains(u"32 bytes, the size of an HMAC-SHA256"),
                 qPrintable(verdict.diagnosis));
    }
};

QTEST_GUILESS_MAIN(TestDiagnosis)
#include "TestDiagnosis.moc"
