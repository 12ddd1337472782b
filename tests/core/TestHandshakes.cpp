#include "HttpTestClient.h"
#include "ReceiverFixture.h"
#include "ZoomRequests.h"
#include "http/CaptureServer.h"
#include "http/Handshake.h"
#include "session/SignatureVerifier.h"
#include "store/RequestStore.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <optional>

using namespace hookscope;
using namespace hookscope::http;
using test::RawResponse;

// Providers that confirm a URL before sending to it (Slack, Meta, Microsoft Graph, Dropbox,
// Zoom, X) get their challenge back, over a real socket, and the request is stored like any other.
class TestHandshakes final : public QObject
{
    Q_OBJECT

    std::optional<test::ReceiverFixture> m_rx;
    session::SignatureVerifier m_verifier;
    const QByteArray m_secret = "zoom-secret-token-for-tests";
    static inline const QByteArray kXSecret = "fake-x-consumer-secret-for-tests";
    // Discord's check, signed outside Hookscope (Python's cryptography, Ed25519 seed 07 x 32)
    // over the timestamp followed by the body.
    static inline const QByteArray kDiscordPublicKey
        = "ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c";
    static inline const QByteArray kDiscordPing
        = "{\"application_id\":\"1187654321098765432\",\"id\":\"1187654321098765433\","
          "\"token\":\"aW50ZXJhY3Rpb24\",\"type\":1,\"version\":1}";
    static inline const QByteArray kDiscordSignature
        = "4264d8026a90da8973efa165efab21aa49d25c8aa1719e47ca4e1bd273f25fefbb0c2740c1136421f57952"
          "078e1e55ee7d1f8beb9b5d718b8df69d96deca4600";

    static QByteArray discordPost(const QByteArray &signature, const QByteArray &body)
    {
        QByteArray request = "POST /discord HTTP/1.1\r\nHost: localhost\r\n"
                             "Content-Type: application/json\r\n";
        if (!signature.isEmpty())
            request += "X-Signature-Ed25519: " + signature
                + "\r\nX-Signature-Timestamp: 1700000000\r\n";
        return request + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }

    quint16 start(ReceiverConfig config = {}) { return m_rx->start(std::move(config)); }

    static QByteArray post(const QByteArray &target, const QByteArray &body)
    {
        return "POST " + target
            + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
              "\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }
    static QByteArray get(const QByteArray &target)
    {
        return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    // A receiver that verifies with `scheme` and `secret` for every endpoint, wired as
    // `hookscope listen` and the window wire theirs.
    quint16 startVerifying(const QByteArray &secret, const QString &scheme = QStringLiteral("auto"),
                           const QHash<QString, QByteArray> &schemeSecrets = {})
    {
        m_verifier.setSecret(QString(), scheme, secret);
        for (auto it = schemeSecrets.cbegin(); it != schemeSecrets.cend(); ++it)
            m_verifier.setSchemeSecret(QString(), it.key(), it.value());
        return m_rx->start({}, [this](CaptureServer &server) {
            server.setVerdictHook(
                [this](const Capture &capture) { return m_verifier.verdictFor(capture); });
            server.setSecretHook(
                [this](const Capture &capture, const QString &scheme, bool dedicated) {
                    return m_verifier.handshakeSecret(capture, scheme, dedicated);
                });
        });
    }

    // The stored capture behind an echoed answer (which carries no receipt id): the newest.
    std::optional<Capture> newest() const
    {
        const auto page = m_rx->store()->page({}, 0, 1);
        return page.isEmpty() ? std::nullopt : m_rx->store()->load(page.first().id);
    }

    static void verifyEcho(const RawResponse &response, const QByteArray &challenge)
    {
        QCOMPARE(response.status, 200);
        QCOMPARE(response.body, challenge);
        QCOMPARE(response.header("Content-Type"), QByteArray("text/plain; charset=utf-8"));
        QCOMPARE(response.header("X-Content-Type-Options"), QByteArray("nosniff"));
    }

private Q_SLOTS:
    void init() { m_rx.emplace(); }
    void cleanup()
    {
        m_rx.reset();
        m_verifier.removeSecret(QString());
    }

    void slackUrlVerificationGetsItsChallenge()
    {
        // An endpoint with its own answer: Slack would refuse it, so the challenge wins.
        ReceiverConfig config;
        EndpointConfig slack;
        slack.name = QStringLiteral("slack");
        slack.pathPrefix = "/slack";
        slack.response = {202, {{"X-Answer", "mine"}}, "accepted", 500};
        config.endpoints = {slack};
        const quint16 port = start(config);
        const QByteArray body = R"({"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":)"
                                R"("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",)"
                                R"("type":"url_verification"})";
        const RawResponse response = test::roundTrip(port, post("/slack/events", body));
        verifyEcho(response, "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
        QVERIFY(response.header("X-Answer").isEmpty());

        const auto stored = newest();
        QVERIFY(stored);
        QCOMPARE(stored->body, body); // captured exactly, as any request
        QCOMPARE(stored->endpoint, QStringLiteral("slack"));
        QCOMPARE(stored->eventType, QStringLiteral("url_verification"));
        QCOMPARE(stored->responseStatus, 200);
        QCOMPARE(stored->responseBody, response.body);

        // Slack's events after the handshake get the endpoint's own answer.
        const RawResponse event = test::roundTrip(
            port, post("/slack/events", R"({"type":"event_callback","event":{"type":"message"}})"));
        QCOMPARE(event.status, 202);
        QCOMPARE(event.body, QByteArray("accepted"));
    }

    void queryChallengesAreEchoed()
    {
        const quint16 port = start();
        // Meta (Facebook, Instagram, WhatsApp) subscribes with a GET.
        verifyEcho(test::roundTrip(port,
                                   get("/meta?hub.mode=subscribe&hub.challenge=1158201444"
                                       "&hub.verify_token=meatyhamhock")),
                   "1158201444");
        // Microsoft Graph: the token, decoded, as plain text.
        verifyEcho(test::roundTrip(port,
                                   post("/graph?validationToken=Validation%3A%20Testing%20"
                                        "client%20application%20reachability",
                                        {})),
                   "Validation: Testing client application reachability");
        // Dropbox.
        verifyEcho(test::roundTrip(port, get("/dropbox?challenge=Hc2f4a1b9d7e")), "Hc2f4a1b9d7e");
        QCOMPARE(m_rx->store()->count({}), 3);
    }

    void otherRequestsKeepTheirAnswer_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::newRow("slack event") << post("/s", R"({"type":"event_callback","challenge":"x"})");
        QTest::newRow("challenge not a string")
            << post("/s", R"({"type":"url_verification","challenge":5})");
        QTest::newRow("markup in a challenge")
            << get("/d?challenge=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        QTest::newRow("meta without subscribe") << get("/m?hub.challenge=1158201444");
        QTest::newRow("graph token by GET") << get("/g?validationToken=abc");
        QTest::newRow("too long") << get("/d?challenge=" + QByteArray(2000, 'a'));
        QTest::newRow("a name that only contains challenge") << get("/d?nochallenge=abc");
    }

    void otherRequestsKeepTheirAnswer()
    {
        QFETCH(QByteArray, request);
        const quint16 port = start();
        const RawResponse response = test::roundTrip(port, request);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.header("Content-Type"), QByteArray("application/json"));
        QVERIFY2(response.body.startsWith("{\"received\":\""), response.body.constData());
    }

    // Zoom's check proves the receiver knows the secret token: the token back, with its hex
    // HMAC-SHA256 under that secret (computed here with Qt, not with Hookscope's HMAC).
    void zoomUrlValidationIsAnsweredWithTheEndpointsSecret()
    {
        const quint16 port = startVerifying(m_secret);
        const QByteArray token = "qgg8vlvZRS6UYooatFL8Aw";
        const RawResponse response = test::roundTrip(
            port, test::signedZoomRequest("/zoom", test::zoomUrlCheckBody(token), m_secret));
        QCOMPARE(response.status, 200);
        QCOMPARE(response.header("Content-Type"), QByteArray("application/json"));
        const QJsonObject answer = QJsonDocument::fromJson(response.body).object();
        QCOMPARE(answer.size(), 2);
        QCOMPARE(answer.value(u"plainToken").toString().toUtf8(), token);
        QCOMPARE(answer.value(u"encryptedToken").toString().toUtf8(),
                 test::zoomEncryptedToken(token, m_secret));

        const auto stored = newest();
        QVERIFY(stored);
        QCOMPARE(stored->eventType, QStringLiteral("endpoint.url_validation"));
        QCOMPARE(stored->signature.scheme, QStringLiteral("zoom"));
        QCOMPARE(stored->signature.verdict, QStringLiteral("valid"));
        QCOMPARE(stored->responseBody, response.body);
    }

    // Zoom's answer is keyed with the secret that verified the request, whichever kind it is:
    // a Zoom secret kept for Zoom wins; where only the any-scheme one verifies, that one.
    void zoomIsAnsweredWithTheSecretThatVerified_data()
    {
        QTest::addColumn<QByteArray>("keptForZoom");
        QTest::addColumn<QByteArray>("signedWith");
        QTest::newRow("kept for Zoom") << m_secret << m_secret;
        QTest::newRow("any scheme") << QByteArray("an-older-zoom-token") << QByteArray("any-k");
    }

    void zoomIsAnsweredWithTheSecretThatVerified()
    {
        QFETCH(QByteArray, keptForZoom);
        QFETCH(QByteArray, signedWith);
        const quint16 port = startVerifying("any-k", QStringLiteral("auto"),
                                            {{QStringLiteral("zoom"), keptForZoom}});
        const QByteArray token = "qgg8vlvZRS6UYooatFL8Aw";
        const RawResponse response = test::roundTrip(
            port, test::signedZoomRequest("/zoom", test::zoomUrlCheckBody(token), signedWith));
        QCOMPARE(response.status, 200);
        QCOMPARE(QJsonDocument::fromJson(response.body)
                     .object()
                     .value(u"encryptedToken")
                     .toString()
                     .toUtf8(),
                 test::zoomEncryptedToken(token, signedWith));
    }

    // Without the secret, or to a sender that does not know it, the answer is the usual receipt:
    // an HMAC of a caller's token under the user's secret is never handed out.
    void zoomUrlValidationNeedsAValidSignature_data()
    {
        QTest::addColumn<QByteArray>("verifyWith");
        QTest::addColumn<QByteArray>("request");
        const QByteArray secret = m_secret;
        QTest::newRow("no secret set")
            << QByteArray()
            << test::signedZoomRequest("/zoom", test::zoomUrlCheckBody("abc"), secret);
        QTest::newRow("signed with another secret")
            << secret
            << test::signedZoomRequest("/zoom", test::zoomUrlCheckBody("abc"), "not-the-secret");
        QTest::newRow("not signed") << secret << post("/zoom", test::zoomUrlCheckBody("abc"));
        QTest::newRow("a token that is not one")
            << secret
            << test::signedZoomRequest("/zoom", test::zoomUrlCheckBody("v0:1:{}"), secret);
        QTest::newRow("another Zoom event")
            << secret
            << test::signedZoomRequest(
                   "/zoom", R"({"event":"meeting.started","payload":{"plainToken":"abc"}})",
                   secret);
    }

    void zoomUrlValidationNeedsAValidSignature()
    {
        QFETCH(QByteArray, verifyWith);
        QFETCH(QByteArray, request);
        const quint16 port = startVerifying(verifyWith);
        const RawResponse response = test::roundTrip(port, request);
        QCOMPARE(response.status, 200);
        QVERIFY2(response.body.startsWith("{\"received\":\""), response.body.constData());
        QVERIFY(!response.body.contains("encryptedToken"));
    }

    // X's CRC: GET ?crc_token=…, answered with "sha256=" and the base64 HMAC-SHA256 of the token
    // under the consumer secret. The expected value was computed with Python's hmac.
    void xCrcIsAnsweredOnAnXEndpoint()
    {
        const quint16 port = startVerifying(kXSecret, QStringLiteral("twitter"));
        const RawResponse response = test::roundTrip(
            port, get("/x/webhook?crc_token=9b4507b3-9040-4669-9ca3-6b94edb50553&nonce=MTQ"));
        QCOMPARE(response.status, 200);
        QCOMPARE(response.header("Content-Type"), QByteArray("application/json"));
        const QJsonObject answer = QJsonDocument::fromJson(response.body).object();
        QCOMPARE(answer.size(), 1);
        QCOMPARE(answer.value(u"response_token").toString(),
                 QStringLiteral("sha256=TcML7bfpfN6Z7JUTiF3F8Dy89ufnEgMV9RV9uxf/QJs="));

        const auto stored = newest();
        QVERIFY(stored);
        QCOMPARE(stored->method, QByteArray("GET"));
        QCOMPARE(stored->responseStatus, 200);
        QCOMPARE(stored->responseBody, response.body);
    }

    // A receiver that takes several providers keeps X's secret as X's: the check is answered
    // with it while the catch-all stays on auto.
    void xCrcIsAnsweredWithASecretKeptForX()
    {
        const quint16 port = startVerifying({}, QStringLiteral("auto"),
                                            {{QStringLiteral("twitter"), kXSecret},
                                             {QStringLiteral("github"), "test-github-secret"}});
        const RawResponse response
            = test::roundTrip(port, get("/x?crc_token=9b4507b3-9040-4669-9ca3-6b94edb50553"));
        QCOMPARE(response.status, 200);
        QCOMPARE(QJsonDocument::fromJson(response.body).object().value(u"response_token"),
                 QStringLiteral("sha256=TcML7bfpfN6Z7JUTiF3F8Dy89ufnEgMV9RV9uxf/QJs="));
    }

    // X does not sign its check: the answer is given only where the user chose X's scheme and
    // gave its secret, and only for a plain token by GET.
    void xCrcNeedsXsSchemeAndAPlainToken_data()
    {
        QTest::addColumn<QByteArray>("verifyWith");
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QByteArray>("request");
        const QByteArray crc = get("/x?crc_token=9b4507b3-9040-4669-9ca3-6b94edb50553");
        const QString x = QStringLiteral("twitter");
        QTest::newRow("auto-detect") << kXSecret << QStringLiteral("auto") << crc;
        QTest::newRow("another scheme") << kXSecret << QStringLiteral("github") << crc;
        QTest::newRow("no secret") << QByteArray() << x << crc;
        QTest::newRow("by POST") << kXSecret << x << post("/x?crc_token=abc", {});
        QTest::newRow("a JSON token") << kXSecret << x << get("/x?crc_token=%7B%22a%22%3A1%7D");
        QTest::newRow("too long") << kXSecret << x << get("/x?crc_token=" + QByteArray(2000, 'a'));
        QTest::newRow("empty") << kXSecret << x << get("/x?crc_token=");
    }

    void xCrcNeedsXsSchemeAndAPlainToken()
    {
        QFETCH(QByteArray, verifyWith);
        QFETCH(QString, scheme);
        QFETCH(QByteArray, request);
        const quint16 port = startVerifying(verifyWith, scheme);
        const RawResponse response = test::roundTrip(port, request);
        QCOMPARE(response.status, 200);
        QVERIFY2(response.body.startsWith("{\"received\":\""), response.body.constData());
        QVERIFY(!response.body.contains("response_token"));
    }

    // Discord's PING gets a PONG once its Ed25519 signature verifies with the public key, on an
    // endpoint set to Discord or found by its header.
    void discordPingIsAnsweredWhenItVerifies_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::newRow("discord") << QStringLiteral("discord");
        QTest::newRow("auto-detect") << QStringLiteral("auto");
    }

    void discordPingIsAnsweredWhenItVerifies()
    {
        QFETCH(QString, scheme);
        const quint16 port = startVerifying(kDiscordPublicKey, scheme);
        const RawResponse response
            = test::roundTrip(port, discordPost(kDiscordSignature, kDiscordPing));
        QCOMPARE(response.status, 200);
        QCOMPARE(response.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(response.body, QByteArray("{\"type\":1}"));
        const auto stored = newest();
        QVERIFY(stored);
        QCOMPARE(stored->signature.scheme, QStringLiteral("discord"));
        QCOMPARE(stored->signature.verdict, QStringLiteral("valid"));
        QCOMPARE(stored->body, kDiscordPing);
    }

    // Discord probes the URL with bad signatures and drops it unless they get 401: an endpoint
    // set to Discord refuses what does not verify; one that only detects it answers as usual.
    void discordEndpointsRefuseWhatDoesNotVerify_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QByteArray forged = kDiscordSignature;
        forged[0] = forged[0] == 'a' ? 'b' : 'a';
        const QString discord = QStringLiteral("discord");
        QTest::newRow("forged PING") << discord << discordPost(forged, kDiscordPing) << 401;
        QTest::newRow("unsigned") << discord << discordPost({}, kDiscordPing) << 401;
        QTest::newRow("another body")
            << discord << discordPost(kDiscordSignature, "{\"type\":2}") << 401;
        QTest::newRow("not hex") << discord << discordPost("zz", kDiscordPing) << 401;
        QTest::newRow("forged, detected only")
            << QStringLiteral("auto") << discordPost(forged, kDiscordPing) << 200;
    }

    void discordEndpointsRefuseWhatDoesNotVerify()
    {
        QFETCH(QString, scheme);
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        const quint16 port = startVerifying(kDiscordPublicKey, scheme);
        const RawResponse response = test::roundTrip(port, request);
        QCOMPARE(response.status, status);
        QVERIFY(!response.body.contains("\"type\":1"));
        QCOMPARE(m_rx->store()->count({}), 1); // refused, but captured
    }

    // Discord's key kept as Discord's on a catch-all on auto: Discord's probes with bad
    // signatures get 401, its PING its PONG, and everyone else's requests their usual answer.
    void aDiscordKeyKeptForDiscordRefusesOnlyDiscordRequests()
    {
        const quint16 port = startVerifying({}, QStringLiteral("auto"),
                                            {{QStringLiteral("discord"), kDiscordPublicKey}});
        QByteArray forged = kDiscordSignature;
        forged[0] = forged[0] == 'a' ? 'b' : 'a';
        QCOMPARE(test::roundTrip(port, discordPost(forged, kDiscordPing)).status, 401);
        const RawResponse pong
            = test::roundTrip(port, discordPost(kDiscordSignature, kDiscordPing));
        QCOMPARE(pong.status, 200);
        QCOMPARE(pong.body, QByteArray("{\"type\":1}"));
        const RawResponse other = test::roundTrip(port, post("/hooks", "{\"a\":1}"));
        QCOMPARE(other.status, 200);
        QVERIFY2(other.body.startsWith("{\"received\":\""), other.body.constData());
        QCOMPARE(m_rx->store()->count({}), 3);
    }

    void handshakesCanBeTurnedOff()
    {
        ReceiverConfig config;
        config.answerHandshakes = false;
        const quint16 port = start(config);
        const RawResponse response = test::roundTrip(port, get("/dropbox?challenge=Hc2f4a1b9d7e"));
        QVERIFY(response.body.startsWith("{\"received\":\""));
    }

    // The same decisions without a socket, for what the socket tests cannot easily send.
    void decisionsOnCaptures()
    {
        Capture capture;
        capture.method = "POST";
        capture.target = "/slack";
        capture.body = R"({"challenge":"abc","type":"url_verification"})";
        auto answer = answerHandshake(capture);
        QVERIFY(answer);
        QCOMPARE(answer->provider, QStringLiteral("Slack"));
        capture.malformed = true; // a refused request is answered 400, never echoed
        QVERIFY(!answerHandshake(capture));
        capture.malformed = false;
        capture.method = "PUT";
        QVERIFY(!answerHandshake(capture));
    }
};

QTEST_GUILESS_MAIN(TestHandshakes)
#include "TestHandshakes.moc"
