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
        m_leaked = m_leaked
            || (!secret.isEmpty()
                && (verdict.diagnosis.contains(secretText) || verdict.detail.contains(secretText)));
        return verdict;
    }

    // The verdict on the current data row's signature header (columns scheme, custom, header
    // and value), made with "fake-secret" at Unix time 1700000000.
    Verdict rowVerdict()
    {
        QFETCH(QString, scheme);
        QFETCH(QString, custom);
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, value);
        VerifyOptions options;
        options.now = 1700000000;
        if (!custom.isEmpty())
            options.custom = parseCustomScheme(custom, nullptr);
        return check(scheme, "fake-secret", {{header, value}}, kJson, options);
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

    void noSecretNamesTheConfiguredSecretThatFits()
    {
        VerifyOptions options;
        options.otherSecrets = {"fake-one", "fake-two"};
        options.otherSecretNames = {QStringLiteral("one"), QStringLiteral("two")};
        const Verdict verdict = check(
            QStringLiteral("auto"), {},
            {{"X-Signature", hexMac(HashAlgorithm::Sha256, "fake-two", kJson)}}, kJson, options);
        QCOMPARE(verdict.verdict, verdicts::noSecret);
        QVERIFY2(verdict.diagnosis.contains(u"(\"two\")"), qPrintable(verdict.diagnosis));
        options.otherSecrets = {"fake-three"};
        QVERIFY(check(QStringLiteral("auto"), {},
                      {{"X-Signature", hexMac(HashAlgorithm::Sha256, "fake-two", kJson)}}, kJson,
                      options)
                    .diagnosis.isEmpty());
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
        // A port alone is not a mistake (Twilio's libraries accept both forms), but with the
        // scheme swapped it is.
        QTest::newRow("scheme and port") << QStringLiteral("https://example.test/sms")
                                         << QStringLiteral("http://example.test:443/sms")
                                         << QStringLiteral("other scheme, without the port");
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

    void diagnosisCanBeTurnedOff()
    {
        const QByteArray secret = "fake-secret";
        VerifyOptions options;
        options.diagnose = false;
        const Verdict verdict = check(
            QStringLiteral("x-signature"), secret,
            {{"X-Signature", hexMac(HashAlgorithm::Sha256, secret, kJson)}}, kJson + '\n', options);
        QCOMPARE(verdict.verdict, verdicts::invalid);
        QVERIFY(verdict.diagnosis.isEmpty());
        // Still invalid, not malformed, for a signature in the other encoding.
        const Verdict base64 = check(
            QStringLiteral("x-signature"), secret,
            {{"X-Signature", base64Mac(HashAlgorithm::Sha256, secret, kJson)}}, kJson, options);
        QCOMPARE(base64.verdict, verdicts::invalid);
    }

    void lengthHintsAtTheAlgorithm()
    {
        const QByteArray secret = "fake-secret";
        const Verdict verdict = check(QStringLiteral("patreon"), secret,
                                      {{"X-Patreon-Signature", QByteArray(64, 'a')}}, kJson);
        QCOMPARE(verdict.verdict, verdicts::invalid);
        QVERIFY2(verdict.diagnosis.startsWith(u"The received signature is 64 hex characters; an "
                                              u"HMAC-MD5 signature from Patreon is 32. That is the "
                                              u"length of an HMAC-SHA256"),
                 qPrintable(verdict.diagnosis));
    }

    // A length no hash of the scheme's kind has is said as it is, not "none of the mistakes".
    void lengthSaysTheSignatureIsNotTheExpectedOne_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QString>("custom");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("said");
        const QByteArray other = hexMac(HashAlgorithm::Sha256, "someone-else", kJson);
        QTest::newRow("github padded")
            << QStringLiteral("github") << QString() << QByteArray("X-Hub-Signature-256")
            << "sha256=deadbeef" + other
            << QStringLiteral(
                   "The received signature is 72 hex characters; an HMAC-SHA256 "
                   "signature from GitHub is 64. It may be padded, or made with another hash "
                   "(HMAC-MD5 gives 32, HMAC-SHA1 gives 40, HMAC-SHA512 gives 128).");
        QTest::newRow("stripe truncated")
            << QStringLiteral("stripe") << QString() << QByteArray("Stripe-Signature")
            << "t=1700000000,v1=" + other.first(60)
            << QStringLiteral("The received signature is 60 hex characters; an HMAC-SHA256 "
                              "signature from Stripe is 64. It may be truncated");
        QTest::newRow("patreon sha1 length")
            << QStringLiteral("patreon") << QString() << QByteArray("X-Patreon-Signature")
            << other.first(40)
            << QStringLiteral(
                   "40 hex characters; an HMAC-MD5 signature from Patreon is 32. That is "
                   "the length of an HMAC-SHA1");
        QTest::newRow("shopify base64")
            << QStringLiteral("shopify") << QString() << QByteArray("X-Shopify-Hmac-Sha256")
            << QByteArray::fromHex(other + "00112233").toBase64()
            << QStringLiteral(
                   "48 base64 characters; an HMAC-SHA256 signature from Shopify is 44. It "
                   "may be padded, or made with another hash (HMAC-MD5 gives 24, "
                   "HMAC-SHA1 gives 28, HMAC-SHA512 gives 88).");
        QTest::newRow("shopify given hex")
            << QStringLiteral("shopify") << QString() << QByteArray("X-Shopify-Hmac-Sha256")
            << other
            << QStringLiteral("The received signature is 64 hex characters, the length of an "
                              "HMAC-SHA256 in hex; Shopify sends base64 (44 characters).");
        QTest::newRow("x-signature")
            << QStringLiteral("x-signature") << QString() << QByteArray("X-Signature")
            << other.first(62)
            << QStringLiteral("62 hex characters; an HMAC-SHA256 signature from X-Signature is 64. "
                              "It may be truncated");
        QTest::newRow("custom sha512")
            << QStringLiteral("custom") << QStringLiteral("header=X-Sig,alg=sha512,prefix=v1=")
            << QByteArray("X-Sig") << "v1=" + other
            << QStringLiteral(
                   "64 hex characters; an HMAC-SHA512 signature from Custom (X-Sig) is 128. "
                   "That is the length of an HMAC-SHA256");
    }

    void lengthSaysTheSignatureIsNotTheExpectedOne()
    {
        QFETCH(QString, said);
        const Verdict verdict = rowVerdict();
        QCOMPARE(verdict.verdict, verdicts::invalid);
        QVERIFY(!verdict.explained);
        QVERIFY2(verdict.diagnosis.contains(said), qPrintable(verdict.diagnosis));
    }

    void expectedSignatureInsideTheReceivedOne_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QString>("custom");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("said");
        const QByteArray secret = "fake-secret";
        const QByteArray sha256 = hexMac(HashAlgorithm::Sha256, secret, kJson);
        QTest::newRow("github")
            << QStringLiteral("github") << QString() << QByteArray("X-Hub-Signature-256")
            << "sha256=deadbeef" + sha256
            << QStringLiteral(
                   "The received signature is 72 hex characters; an HMAC-SHA256 "
                   "signature from GitHub is 64: the expected signature is inside the received "
                   "one, with 8 extra characters before it.");
        QTest::newRow("stripe")
            << QStringLiteral("stripe") << QString() << QByteArray("Stripe-Signature")
            << "t=1700000000,v1="
                + hexMac(HashAlgorithm::Sha256, secret, "1700000000." + kJson).toUpper() + "0"
            << QStringLiteral(
                   "65 characters; an HMAC-SHA256 signature from Stripe is 64: the expected "
                   "signature is inside the received one, with 1 extra character "
                   "after it.");
        QTest::newRow("patreon") << QStringLiteral("patreon") << QString()
                                 << QByteArray("X-Patreon-Signature")
                                 << "ffff" + hexMac(HashAlgorithm::Md5, secret, kJson)
                                 << QStringLiteral("with 4 extra characters before it.");
        QTest::newRow("shopify")
            << QStringLiteral("shopify") << QString() << QByteArray("X-Shopify-Hmac-Sha256")
            << "AAAA" + base64Mac(HashAlgorithm::Sha256, secret, kJson)
            << QStringLiteral("48 base64 characters; an HMAC-SHA256 signature from Shopify "
                              "is 44: the expected signature is inside");
        QTest::newRow("x-signature")
            << QStringLiteral("x-signature") << QString() << QByteArray("X-Signature")
            << "ab" + sha256 + "cdef"
            << QStringLiteral("with 2 extra characters before it and 4 after it.");
        QTest::newRow("custom") << QStringLiteral("custom")
                                << QStringLiteral("header=X-Sig,alg=md5,enc=base64,prefix=v1=")
                                << QByteArray("X-Sig")
                                << "v1=" + base64Mac(HashAlgorithm::Md5, secret, kJson) + "AAAA"
                                << QStringLiteral("with 4 extra characters after it.");
        // A piece of the right signature: cut short by a field or log line too narrow for it.
        QTest::newRow("github cut short")
            << QStringLiteral("github") << QString() << QByteArray("X-Hub-Signature-256")
            << "sha256=" + sha256.left(60)
            << QStringLiteral(
                   "The received signature is 60 hex characters; an HMAC-SHA256 signature from "
                   "GitHub is 64: it is the expected signature's first 60 characters, cut "
                   "short.");
        QTest::newRow("x-signature middle piece")
            << QStringLiteral("x-signature") << QString() << QByteArray("X-Signature")
            << sha256.mid(10, 40)
            << QStringLiteral("it is part of the expected signature, characters 11 to 50 of 64.");
    }

    void expectedSignatureInsideTheReceivedOne()
    {
        QFETCH(QString, said);
        const Verdict verdict = rowVerdict();
        QCOMPARE(verdict.verdict, verdicts::invalid);
        QVERIFY(verdict.explained);
        QVERIFY2(verdict.diagnosis.contains(said), qPrintable(verdict.diagnosis));
    }
};

QTEST_GUILESS_MAIN(TestDiagnosis)
#include "TestDiagnosis.moc"
