#include "TestConfig.h"
#include "signing/Ed25519.h"
#include "signing/SchemeRegistry.h"
#include "signing/Signing.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTest>
#include <QUrl>

using namespace hookscope;
using namespace hookscope::signing;

namespace {

// The shared vectors name schemes by header; map them to the CLI names.
QString schemeForVector(const QString &name)
{
    if (name.startsWith(u"github"))
        return QStringLiteral("github");
    if (name.startsWith(u"twilio"))
        return QStringLiteral("twilio");
    return name;
}

QJsonArray loadVectors(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).array();
}

QByteArray formEncode(const QJsonObject &params)
{
    QByteArrayList pairs;
    for (auto it = params.begin(); it != params.end(); ++it)
        pairs << QUrl::toPercentEncoding(it.key()) + '='
                + QUrl::toPercentEncoding(it.value().toString());
    return pairs.join('&');
}

HeaderList headersFrom(const QJsonObject &object)
{
    HeaderList headers;
    for (auto it = object.begin(); it != object.end(); ++it)
        headers.append({it.key().toUtf8(), it.value().toString().toUtf8()});
    return headers;
}

HeaderList withHeader(HeaderList headers, const QByteArray &name, const QByteArray &value)
{
    headers.append({name, value});
    return headers;
}

} // namespace

class TestSignSchemes final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everySchemeRoundTrips_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QString>("custom");
        QTest::addColumn<QByteArray>("body");
        const QByteArray json
            = R"({"event":"pledges:create","data":{"id":"1","amount_cents":250}})";
        // 20 characters: base64 too, so Standard Webhooks can decode them as it signs.
        for (const QString &name : schemeNames()) {
            if (name == u"custom")
                continue;
            // Discord signs with an Ed25519 private key (a hex seed), verified below with its
            // public key.
            const auto secret = [&](char n) {
                return name == u"discord" ? QByteArray(64, n)
                                          : QByteArray("fake-test-secret-00") + n;
            };
            QTest::newRow(qPrintable(name)) << name << secret('1') << QString() << json;
            QTest::newRow(qPrintable(name + QStringLiteral(" empty body")))
                << name << secret('2') << QString() << QByteArray();
            QTest::newRow(qPrintable(name + QStringLiteral(" binary body")))
                << name << secret('3') << QString() << QByteArray("\x00\xff\r\n\x80 body", 10);
        }
        QTest::newRow("standard-webhooks whsec")
            << QStringLiteral("standard-webhooks")
            << QByteArray("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") << QString() << json;
        QTest::newRow("standard-webhooks v1a")
            << QStringLiteral("standard-webhooks")
            << QByteArray("whsk_nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=") << QString() << json;
        QTest::newRow("stripe whsec")
            << QStringLiteral("stripe") << QByteArray("whsec_fakeStripeKey") << QString() << json;
        QTest::newRow("custom body") << QStringLiteral("custom") << QByteArray("fake-custom")
                                     << QStringLiteral("header=X-Sig") << json;
        QTest::newRow("custom everything")
            << QStringLiteral("custom") << QByteArray("fake-custom")
            << QStringLiteral(
                   "header=X-Sig,alg=sha512,enc=base64,prefix=v9=,content={id}|{timestamp}"
                   "|{url}|{body},timestamp-header=X-Ts,id-header=X-Id,tolerance=60")
            << json;
        QTest::newRow("custom md5 hex-decoded secret")
            << QStringLiteral("custom") << QByteArray("00112233445566778899aabbccddeeff")
            << QStringLiteral("header=X-Sig,alg=md5,secret=hex,content={timestamp},{body},"
                              "timestamp-header=X-Ts")
            << json;
        QTest::newRow("custom sha1 whsec secret")
            << QStringLiteral("custom") << QByteArray("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
            << QStringLiteral("header=X-Sig,alg=sha1,secret=whsec") << json;
    }

    void everySchemeRoundTrips()
    {
        QFETCH(QString, scheme);
        QFETCH(QByteArray, secret);
        QFETCH(QString, custom);
        QFETCH(QByteArray, body);
        SignOptions signOptions;
        signOptions.url = QStringLiteral("https://example.test/hooks/in?x=1");
        VerifyOptions verifyOptions;
        verifyOptions.url = signOptions.url;
        if (!custom.isEmpty()) {
            QString error;
            signOptions.custom = verifyOptions.custom = parseCustomScheme(custom, &error);
            QVERIFY2(signOptions.custom, qPrintable(error));
        }
        const SignResult signature = sign(scheme, secret, body, signOptions);
        QVERIFY2(signature.ok, qPrintable(signature.error));
        QVERIFY(!signature.headers.isEmpty());

        // A v1a signature made with a private key verifies with the public key too.
        QByteArray verifySecret = secret;
        if (secret.startsWith("whsk_"))
            verifySecret = "whpk_" + ed25519::publicKeyOf(*decodeBase64(secret.mid(5)))->toBase64();
        if (scheme == u"discord")
            verifySecret = ed25519::publicKeyOf(QByteArray::fromHex(secret))->toHex();
        const Verdict verdict
            = verify(scheme, verifySecret, signature.headers, body, verifyOptions);
        QCOMPARE(verdict.verdict, verdicts::valid);
        QCOMPARE(verdict.scheme, scheme);
        QVERIFY(verdict.isValid());
        QCOMPARE(verdict.matchedIndex, 0);
        QVERIFY(verdict.diagnosis.isEmpty());
        if (!secret.startsWith("whsk_") && scheme != u"discord")
            QVERIFY(signature.headers.contains(
                HeaderField {detectionHeader(scheme, custom), verdict.expected}));

        // Auto-detection finds the built-in schemes by their headers.
        if (scheme != u"custom") {
            QCOMPARE(detectSchemes(signature.headers).value(0), scheme);
            QCOMPARE(
                verify(QStringLiteral("auto"), verifySecret, signature.headers, body, verifyOptions)
                    .verdict,
                verdicts::valid);
        }
        // One changed byte breaks it.
        const Verdict tampered
            = verify(scheme, verifySecret, signature.headers, body + ' ', verifyOptions);
        QCOMPARE(tampered.verdict, verdicts::invalid);
    }

    void publishedVectors_data()
    {
        QTest::addColumn<QJsonObject>("vector");
        const QJsonArray shared
            = loadVectors(QStringLiteral(HOOKSCOPE_SHARED_DIR "/vectors/signatures.json"));
        QVERIFY(shared.size() >= 3);
        const QJsonArray ours
            = loadVectors(QStringLiteral(HOOKSCOPE_TEST_DATA_DIR "/signing/provider-vectors.json"));
        QVERIFY(ours.size() >= 5);
        int index = 0;
        for (const QJsonArray &list : {shared, ours}) {
            for (const QJsonValue &value : list) {
                const QJsonObject vector = value.toObject();
                QTest::addRow("%d %s", index++, qPrintable(vector[u"scheme"].toString())) << vector;
            }
        }
    }

    // Vectors published by the providers (sources are in each JSON entry's "source").
    void publishedVectors()
    {
        QFETCH(QJsonObject, vector);
        const QString scheme = schemeForVector(vector[u"scheme"].toString());
        const QByteArray secret = vector[u"secret"].toString().toUtf8();
        QByteArray body = vector[u"body"].toString().toUtf8();
        if (vector[u"params"].isObject()) // Twilio's form parameters travel in the body
            body = formEncode(vector[u"params"].toObject());
        const HeaderList headersIn = headersFrom(vector[u"headers_in"].toObject());
        const HeaderList expected = headersFrom(vector[u"expected_headers"].toObject());
        const QString url = vector[u"url"].toString();
        // Old vectors are checked at the time they were made.
        const QByteArray madeAt = headerValue(headersIn, "webhook-timestamp")
            + headerValue(headersIn, "X-Slack-Request-Timestamp");
        std::optional<qint64> now;
        if (vector[u"now"].isDouble())
            now = vector[u"now"].toInteger();
        else if (!madeAt.isEmpty())
            now = madeAt.toLongLong();

        if (!expected.isEmpty()) {
            SignOptions options;
            options.url = url;
            options.id = headerValue(headersIn, "webhook-id");
            if (!madeAt.isEmpty())
                options.timestamp = madeAt.toLongLong();
            else if (now) // Stripe carries its timestamp inside the signature header
                options.timestamp = now;
            const SignResult signature = sign(scheme, secret, body, options);
            QVERIFY2(signature.ok, qPrintable(signature.error));
            for (const HeaderField &header : expected)
                QCOMPARE(headerValue(signature.headers, header.name), header.value);
        }

        VerifyOptions options;
        options.url = url;
        options.now = now;
        const QByteArray verifySecret = vector[u"verify_secret"].isString()
            ? vector[u"verify_secret"].toString().toUtf8()
            : secret;
        const Verdict verdict = verify(scheme, verifySecret, headersIn + expected, body, options);
        QCOMPARE(verdict.verdict, vector[u"expected_verdict"].toString(verdicts::valid));
        QCOMPARE(verdict.scheme, scheme);
        if (vector[u"matched_index"].isDouble())
            QCOMPARE(verdict.matchedIndex, vector[u"matched_index"].toInt());
    }

    // RFC 8032 section 7.1, TEST 1: the Ed25519 primitive itself.
    void ed25519MatchesRfc8032()
    {
        const QByteArray seed = QByteArray::fromHex(
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        const QByteArray publicKey = QByteArray::fromHex(
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        const QByteArray signature = QByteArray::fromHex(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e"
            "39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        QCOMPARE(ed25519::publicKeyOf(seed).value_or(QByteArray()), publicKey);
        QCOMPARE(ed25519::sign(seed, "").value_or(QByteArray()), signature);
        QVERIFY(ed25519::verify(publicKey, "", signature));
        QVERIFY(!ed25519::verify(publicKey, "x", signature));
        // The 64-byte libsodium layout (seed followed by public key) signs the same.
        QCOMPARE(ed25519::sign(seed + publicKey, "").value_or(QByteArray()), signature);
    }

    void hmacMatchesRfc4231()
    {
        // RFC 4231 test case 2 (key "Jefe"), and RFC 2202 for MD5 and SHA-1.
        const QByteArray data = "what do ya want for nothing?";
        QCOMPARE(hmac(HashAlgorithm::Sha256, "Jefe", data).toHex(),
                 QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
        QCOMPARE(hmac(HashAlgorithm::Sha512, "Jefe", data).toHex(),
                 QByteArray("164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                            "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"));
        QCOMPARE(hmac(HashAlgorithm::Md5, "Jefe", data).toHex(),
                 QByteArray("750c783e6ab0b503eaa86e310a5db738"));
        QCOMPARE(hmac(HashAlgorithm::Sha1, "Jefe", data).toHex(),
                 QByteArray("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"));
        // An empty key is HMAC's all-zero key.
        QCOMPARE(hmac(HashAlgorithm::Sha256, "", "").toHex(),
                 QByteArray("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"));
        QVERIFY(macEquals("abc", "abc"));
        QVERIFY(!macEquals("abc", "abd"));
        QVERIFY(!macEquals("abc", "abcd"));
        QVERIFY(!macEquals("", ""));
    }

    void stripeSaysWhichSignatureMatched()
    {
        const QByteArray body = R"({"id":"evt_1"})";
        SignOptions options;
        options.timestamp = 1700000000;
        const SignResult signature = sign(QStringLiteral("stripe"), "whsec_fakeB", body, options);
        const QByteArray good = headerValue(signature.headers, "Stripe-Signature").split(',').at(1);
        const QByteArray header
            = "t=1700000000,v1=" + QByteArray(64, 'a') + ',' + good + ",v0=" + QByteArray(64, 'b');
        VerifyOptions verifyOptions;
        verifyOptions.now = 1700000000;
        const Verdict verdict = verify(QStringLiteral("stripe"), "whsec_fakeB",
                                       {{"Stripe-Signature", header}}, body, verifyOptions);
        QCOMPARE(verdict.verdict, verdicts::valid);
        QCOMPARE(verdict.matchedIndex, 1);
        QVERIFY(verdict.detail.contains(u"2 of 3"));
        QCOMPARE(verdict.received, header);
    }

    void githubFallsBackToTheLegacySha1Header()
    {
        const QByteArray body = "payload";
        const SignResult signature = sign(QStringLiteral("github"), "fake-gh", body);
        QCOMPARE(signature.headers.size(), 2);
        const HeaderList legacyOnly {signature.headers.at(1)};
        QCOMPARE(legacyOnly.first().name, QByteArray("X-Hub-Signature"));
        const Verdict verdict = verify(QStringLiteral("github"), "fake-gh", legacyOnly, body);
        QCOMPARE(verdict.verdict, verdicts::valid);
        QVERIFY(verdict.expected.startsWith("sha1="));
    }

    void signPrintsEventAndIdHeadersWhenGiven()
    {
        SignOptions options;
        options.event = "pledges:create";
        const SignResult patreon = sign(QStringLiteral("patreon"), "fake", "{}", options);
        QCOMPARE(headerValue(patreon.headers, "X-Patreon-Event"), QByteArray("pledges:create"));
        options.id = "wh_123";
        options.event = "user.created";
        const SignResult webhook
            = sign(QStringLiteral("x-webhook-signature"), "fake", "{}", options);
        QCOMPARE(headerValue(webhook.headers, "X-Webhook-Id"), QByteArray("wh_123"));
        QCOMPARE(headerValue(webhook.headers, "X-Webhook-Event"), QByteArray("user.created"));
        QVERIFY(headerValue(webhook.headers, "X-Webhook-Signature").startsWith("sha256="));
        // Standard Webhooks always needs an id: one is generated.
        const SignResult standard = sign(QStringLiteral("standard-webhooks"),
                                         "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "{}");
        QVERIFY(headerValue(standard.headers, "webhook-id").startsWith("msg_"));
    }

    void signRefusesWhatItCannotSign()
    {
        QVERIFY(!sign(QStringLiteral("nope"), "fake", "{}").ok);
        QVERIFY(!sign(QStringLiteral("stripe"), "", "{}").ok);
        QVERIFY(!sign(QStringLiteral("twilio"), "fake", "a=b").ok); // no URL
        QVERIFY(!sign(QStringLiteral("custom"), "fake", "{}").ok); // no settings
        const SignResult publicOnly
            = sign(QStringLiteral("standard-webhooks"),
                   "whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", "{}");
        QVERIFY(!publicOnly.ok);
        QVERIFY(publicOnly.error.contains(u"whsk_"));
        QVERIFY(sign(QStringLiteral("custom:header=X-S,alg=sha1"), "fake", "{}").ok);
    }

    void detectsSchemesFromHeaders_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("scheme");
        QTest::newRow("patreon") << QByteArray("x-patreon-signature") << QStringLiteral("patreon");
        QTest::newRow("x-webhook")
            << QByteArray("X-Webhook-Signature") << QStringLiteral("x-webhook-signature");
        QTest::newRow("x-signature") << QByteArray("X-SIGNATURE") << QStringLiteral("x-signature");
        QTest::newRow("github") << QByteArray("X-Hub-Signature-256") << QStringLiteral("github");
        QTest::newRow("github sha1") << QByteArray("X-Hub-Signature") << QStringLiteral("github");
        QTest::newRow("stripe") << QByteArray("stripe-signature") << QStringLiteral("stripe");
        QTest::newRow("standard") << QByteArray("webhook-signature")
                                  << QStringLiteral("standard-webhooks");
        QTest::newRow("svix") << QByteArray("svix-signature")
                              << QStringLiteral("standard-webhooks");
        QTest::newRow("slack") << QByteArray("X-Slack-Signature") << QStringLiteral("slack");
        QTest::newRow("shopify") << QByteArray("X-Shopify-Hmac-SHA256")
                                 << QStringLiteral("shopify");
        QTest::newRow("twilio") << QByteArray("X-Twilio-Signature") << QStringLiteral("twilio");
        QTest::newRow("zoom") << QByteArray("x-zm-signature") << QStringLiteral("zoom");
        QTest::newRow("twitter") << QByteArray("X-Twitter-Webhooks-Signature")
                                 << QStringLiteral("twitter");
        QTest::newRow("discord") << QByteArray("x-signature-ed25519") << QStringLiteral("discord");
    }

    void detectsSchemesFromHeaders()
    {
        QFETCH(QByteArray, header);
        QFETCH(QString, scheme);
        const HeaderList headers {{"Content-Type", "application/json"}, {header, "x"}};
        QCOMPARE(detectSchemes(headers), QStringList {scheme});
    }

    void detectionPutsProvidersBeforeGenericHeaders()
    {
        const HeaderList headers {{"X-Signature", "a"}, {"X-Shopify-Hmac-Sha256", "b"}};
        QCOMPARE(detectSchemes(headers),
                 (QStringList {QStringLiteral("shopify"), QStringLiteral("x-signature")}));
        QVERIFY(detectSchemes({{"Content-Type", "text/plain"}}).isEmpty());
        const Verdict none = verify(QStringLiteral("auto"), "fake", {}, "{}");
        QCOMPARE(none.verdict, verdicts::missingHeader);
        QVERIFY(none.scheme.isEmpty());
    }

    void autoPicksTheValidOneOfSeveral()
    {
        const QByteArray body = "{}";
        const SignResult signature = sign(QStringLiteral("x-signature"), "fake-x", body);
        const HeaderList headers = withHeader(signature.headers, "X-Shopify-Hmac-Sha256",
                                              "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        const Verdict verdict = verify(QStringLiteral("auto"), "fake-x", headers, body);
        QCOMPARE(verdict.scheme, QStringLiteral("x-signature"));
        QCOMPARE(verdict.verdict, verdicts::valid);
    }

    // Zoom's documented recipe, computed here without the engine: "v0=" + hex HMAC-SHA256 of
    // "v0:" + x-zm-request-timestamp + ":" + the raw body, keyed with the Secret Token.
    void zoomFollowsItsDocumentedRecipe()
    {
        const QByteArray secret = "fake-zoom-secret-token";
        const QByteArray body = R"({"event":"meeting.started","payload":{"object":{"id":"1"}}})";
        const QByteArray timestamp = "1658940994";
        const QByteArray expected = "v0="
            + QMessageAuthenticationCode::hash("v0:" + timestamp + ':' + body, secret,
                                               QCryptographicHash::Sha256)
                  .toHex();
        const HeaderList headers {{"x-zm-request-timestamp", timestamp},
                                  {"x-zm-signature", expected}};
        // A 2022 timestamp still verifies today: Zoom names no time window.
        const Verdict verdict = verify(QStringLiteral("auto"), secret, headers, body);
        QCOMPARE(verdict.scheme, QStringLiteral("zoom"));
        QVERIFY2(verdict.isValid(), qPrintable(verdict.detail));

        SignOptions signOptions;
        signOptions.timestamp = 1658940994;
        const SignResult signature = sign(QStringLiteral("zoom"), secret, body, signOptions);
        QCOMPARE(headerValue(signature.headers, "x-zm-signature"), expected);
        QCOMPARE(headerValue(signature.headers, "x-zm-request-timestamp"), timestamp);

        const Verdict wrong = verify(QStringLiteral("zoom"), "another-secret", headers, body);
        QCOMPARE(wrong.verdict, verdicts::invalid);
    }

    // X's recipe: "sha256=" + base64 HMAC-SHA256 of the raw body keyed with the consumer
    // secret. The expected value was computed with Python's hmac, not with Hookscope.
    void twitterFollowsItsDocumentedRecipe()
    {
        const QByteArray secret = "fake-x-consumer-secret-for-tests";
        const QByteArray body = R"({"for_user_id":"2244994945","follow_events":[]})";
        const QByteArray expected = "sha256=79peOzxWsPSGYvFKx6skrH9MUN3QZprMCIZdjTc/KZs=";
        const HeaderList headers {{"x-twitter-webhooks-signature", expected}};
        const Verdict verdict = verify(QStringLiteral("auto"), secret, headers, body);
        QCOMPARE(verdict.scheme, QStringLiteral("twitter"));
        QVERIFY2(verdict.isValid(), qPrintable(verdict.detail));
        const SignResult signature = sign(QStringLiteral("twitter"), secret, body);
        QCOMPARE(headerValue(signature.headers, "x-twitter-webhooks-signature"), expected);
        // The same MAC in hex, as GitHub writes it, is not X's.
        const HeaderList hex {{"x-twitter-webhooks-signature",
                               "sha256=" + QByteArray::fromBase64(expected.mid(7)).toHex()}};
        const Verdict wrongEncoding = verify(QStringLiteral("twitter"), secret, hex, body);
        QCOMPARE(wrongEncoding.verdict, verdicts::invalid);
        QVERIFY2(wrongEncoding.diagnosis.contains(u"hex"), qPrintable(wrongEncoding.diagnosis));
    }

    // Discord: hex Ed25519 signature of X-Signature-Timestamp followed by the body, checked with
    // the application's public key. Signed with Python's cryptography (seed 07 x 32).
    void discordFollowsItsDocumentedRecipe()
    {
        const QByteArray seed = QByteArray("07").repeated(32);
        const QByteArray publicKey
            = "ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c";
        const QByteArray body = "{\"application_id\":\"1187654321098765432\",\"id\":"
                                "\"1187654321098765433\",\"token\":\"aW50ZXJhY3Rpb24\","
                                "\"type\":1,\"version\":1}";
        const QByteArray signature = "4264d8026a90da8973efa165efab21aa49d25c8aa1719e47ca4e1bd273f25"
                                     "fefbb0c2740c1136421f57952"
                                     "078e1e55ee7d1f8beb9b5d718b8df69d96deca4600";
        const HeaderList headers {{"X-Signature-Ed25519", signature},
                                  {"X-Signature-Timestamp", "1700000000"}};
        const Verdict verdict = verify(QStringLiteral("auto"), publicKey, headers, body);
        QCOMPARE(verdict.scheme, QStringLiteral("discord"));
        QVERIFY2(verdict.isValid(), qPrintable(verdict.detail));

        SignOptions options;
        options.timestamp = 1700000000;
        const SignResult signed_ = sign(QStringLiteral("discord"), seed, body, options);
        QVERIFY2(signed_.ok, qPrintable(signed_.error));
        QCOMPARE(headerValue(signed_.headers, "X-Signature-Ed25519"), signature);

        // The private key where the public one belongs is named as such.
        const Verdict withSeed = verify(QStringLiteral("discord"), seed, headers, body);
        QCOMPARE(withSeed.verdict, verdicts::invalid);
        QVERIFY2(withSeed.diagnosis.contains(u"private key")
                     && withSeed.diagnosis.contains(QLatin1String(publicKey)),
                 qPrintable(withSeed.diagnosis));
        // A changed body fails; a secret that is not a key says what Discord takes.
        QCOMPARE(verify(QStringLiteral("discord"), publicKey, headers, body + ' ').verdict,
                 verdicts::invalid);
        QVERIFY(verify(QStringLiteral("discord"), "not-a-key", headers, body)
                    .detail.contains(u"public key"));
        QVERIFY(!sign(QStringLiteral("discord"), "not-a-key", body).ok);
    }

    void autoWithoutSecretSaysNoSecret()
    {
        const SignResult signature = sign(QStringLiteral("slack"), "fake", "{}");
        const Verdict verdict = verify(QStringLiteral("auto"), {}, signature.headers, "{}");
        QCOMPARE(verdict.scheme, QStringLiteral("slack"));
        QCOMPARE(verdict.verdict, verdicts::noSecret);
        QCOMPARE(verdict.received, headerValue(signature.headers, "X-Slack-Signature"));
        QVERIFY(verdict.expected.isEmpty());
    }

    void customSchemeTextRoundTrips()
    {
        const QString spec = QStringLiteral("header=X-Sig,alg=sha512,enc=base64,prefix=sha512=,"
                                            "content={timestamp},{body},timestamp-header=X-Ts,"
                                            "tolerance=300,secret=hex");
        QString error;
        const auto config = parseCustomScheme(spec, &error);
        QVERIFY2(config, qPrintable(error));
        QCOMPARE(config->header, QByteArray("X-Sig"));
        QCOMPARE(config->algorithm, HashAlgorithm::Sha512);
        QCOMPARE(config->encoding, Encoding::Base64);
        QCOMPARE(config->prefix, QByteArray("sha512="));
        QCOMPARE(config->content, QByteArray("{timestamp},{body}")); // comma kept in the template
        QCOMPARE(config->timestampHeader, QByteArray("X-Ts"));
        QCOMPARE(config->toleranceSeconds, std::optional<int>(300));
        QCOMPARE(config->secret, CustomSecretUse::Hex);
        const auto again = parseCustomScheme(formatCustomScheme(*config), &error);
        QVERIFY(again);
        QCOMPARE(formatCustomScheme(*again), formatCustomScheme(*config));
    }

    void customSchemeTextErrors_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("error");
        QTest::newRow("no header") << QStringLiteral("alg=sha256") << QStringLiteral("header");
        QTest::newRow("bad alg") << QStringLiteral("header=X,alg=sha3") << QStringLiteral("alg");
        QTest::newRow("bad enc") << QStringLiteral("header=X,enc=b32") << QStringLiteral("enc");
        QTest::newRow("unknown key")
            << QStringLiteral("colour=red,header=X") << QStringLiteral("colour");
        QTest::newRow("timestamp without header")
            << QStringLiteral("header=X,content={timestamp}.{body}")
            << QStringLiteral("timestamp-header");
        QTest::newRow("id without header")
            << QStringLiteral("header=X,content={id}.{body}") << QStringLiteral("id-header");
        QTest::newRow("tolerance without timestamp")
            << QStringLiteral("header=X,tolerance=5") << QStringLiteral("timestamp-header");
        QTest::newRow("bad tolerance") << QStringLiteral("header=X,timestamp-header=T,tolerance=-1")
                                       << QStringLiteral("tolerance");
        QTest::newRow("bad secret use")
            << QStringLiteral("header=X,secret=rot13") << QStringLiteral("secret");
    }

    void customSchemeTextErrors()
    {
        QFETCH(QString, spec);
        QFETCH(QString, error);
        QString message;
        QVERIFY(!parseCustomScheme(spec, &message));
        QVERIFY2(message.contains(error), qPrintable(message));
    }

    void aMistypedCustomKeyGetsTheLikelyOne()
    {
        const auto errorOf = [](const QString &spec) {
            QString error;
            return parseCustomScheme(spec, &error) ? QString() : error;
        };
        QCOMPARE(errorOf(QStringLiteral("heder=X-Sig")),
                 QStringLiteral("unknown key \"heder\"; did you mean 'header'?"));
        QCOMPARE(
            errorOf(QStringLiteral("timestmp-headr=X-Ts,header=X")),
            QStringLiteral("unknown key \"timestmp-headr\"; did you mean 'timestamp-header'?"));
        // A prefix is what someone who stopped typing meant.
        QCOMPARE(errorOf(QStringLiteral("toler=5,header=X")),
                 QStringLiteral("unknown key \"toler\"; did you mean 'tolerance'?"));
        // Nothing close: no guess.
        QCOMPARE(errorOf(QStringLiteral("colour=red,header=X")),
                 QStringLiteral("unknown key \"colour\""));
    }

    void verifiesACaptureWithItsOwnUrl()
    {
        Capture capture;
        capture.method = "POST";
        capture.target = "/twilio/sms?x=1";
        capture.tls = true;
        capture.body = "Body=hi&From=%2B15550000000";
        capture.headers = {{"Host", "hooks.example.test"}};
        QCOMPARE(captureUrl(capture), QStringLiteral("https://hooks.example.test/twilio/sms?x=1"));
        SignOptions options;
        options.url = captureUrl(capture);
        capture.headers += sign(QStringLiteral("twilio"), "fake-tw", capture.body, options).headers;
        const Verdict verdict = verifyCapture(QStringLiteral("auto"), "fake-tw", capture);
        QCOMPARE(verdict.verdict, verdicts::valid);
        const StoredVerdict stored = toStoredVerdict(verdict);
        QCOMPARE(stored.scheme, QStringLiteral("twilio"));
        QCOMPARE(stored.verdict, verdicts::valid);
        QCOMPARE(stored.detail, verdict.detail);
        QCOMPARE(verdictLine(verdict), QStringLiteral("twilio valid"));
        QCOMPARE(verdictLine(verify(QStringLiteral("auto"), {}, {}, {})),
                 QStringLiteral("- missing-header"));

        // Through a tunnel: plain HTTP to us, but the provider signed the public https URL.
        capture.tls = false;
        capture.headers = {{"Host", "127.0.0.1:8787"},
                           {"X-Forwarded-Proto", "https"},
                           {"X-Forwarded-Host", "abc.tunnel.example, 10.0.0.1"}};
        QCOMPARE(captureUrl(capture), QStringLiteral("https://abc.tunnel.example/twilio/sms?x=1"));
        options.url = captureUrl(capture);
        capture.headers += sign(QStringLiteral("twilio"), "fake-tw", capture.body, options).headers;
        QCOMPARE(verifyCapture(QStringLiteral("twilio"), "fake-tw", capture).verdict,
                 verdicts::valid);
        capture.headers = {{"Host", "abc.tunnel.example"}, {"X-Forwarded-Proto", "https"}};
        QCOMPARE(captureUrl(capture), QStringLiteral("https://abc.tunnel.example/twilio/sms?x=1"));
        capture.tls = true;
        capture.headers = {{"Host", "h"}, {"X-Forwarded-Proto", "http"}};
        QCOMPARE(captureUrl(capture), QStringLiteral("http://h/twilio/sms?x=1"));
    }

    void storedVerdictCarriesTheDiagnosis()
    {
        const SignResult signature = sign(QStringLiteral("x-signature"), "fake-1", "{}");
        const Verdict verdict
            = verify(QStringLiteral("x-signature"), "fake-1", signature.headers, "{}\n");
        QCOMPARE(verdict.verdict, verdicts::invalid);
        const StoredVerdict stored = toStoredVerdict(verdict);
        QCOMPARE(stored.verdict, verdicts::invalid);
        QVERIFY(stored.detail.contains(verdict.diagnosis));
    }

    void schemeNamesAreTheCliNames()
    {
        QCOMPARE(schemeNames().size(), 13);
        // Each built-in scheme once, under its CLI name; "custom" is the one that is not built in.
        QStringList builtIn;
        for (const Scheme *scheme : builtinSchemes())
            builtIn << scheme->name();
        builtIn << QStringLiteral("custom");
        builtIn.sort();
        QStringList names = schemeNames();
        names.sort();
        QCOMPARE(builtIn, names);
        for (const QString &name : schemeNames()) {
            QVERIFY(isKnownScheme(name));
            QVERIFY2(!schemeSummary(name).isEmpty(), qPrintable(name));
        }
        QVERIFY(!isKnownScheme(QStringLiteral("auto")));
        QCOMPARE(schemeTitle(QStringLiteral("standard-webhooks")),
                 QStringLiteral("Standard Webhooks"));
        QCOMPARE(schemeTitle(QStringLiteral("custom")), QStringLiteral("Custom"));
    }

private:
    static QByteArray detectionHeader(const QString &scheme, const QString &custom)
    {
        if (!custom.isEmpty())
            return parseCustomScheme(custom, nullptr)->header;
        static const QHash<QString, QByteArray> headers {
            {QStringLiteral("patreon"), "X-Patreon-Signature"},
            {QStringLiteral("x-webhook-signature"), "X-Webhook-Signature"},
            {QStringLiteral("x-signature"), "X-Signature"},
            {QStringLiteral("github"), "X-Hub-Signature-256"},
            {QStringLiteral("stripe"), "Stripe-Signature"},
            {QStringLiteral("standard-webhooks"), "webhook-signature"},
            {QStringLiteral("slack"), "X-Slack-Signature"},
            {QStringLiteral("shopify"), "X-Shopify-Hmac-Sha256"},
            {QStringLiteral("twilio"), "X-Twilio-Signature"},
            {QStringLiteral("zoom"), "x-zm-signature"},
            {QStringLiteral("twitter"), "x-twitter-webhooks-signature"},
            {QStringLiteral("discord"), "X-Signature-Ed25519"}};
        return headers.value(scheme);
    }
};

QTEST_GUILESS_MAIN(TestSignSchemes)
#include "TestSignSchemes.moc"
