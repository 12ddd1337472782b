// One receiver, several providers: each request is judged with the secret of the scheme that
// signed it, never another provider's (which would read "invalid" and send the user hunting a
// wrong secret that is not wrong).
#include "session/SignatureVerifier.h"
#include "signing/Signing.h"

#include <QDateTime>
#include <QTest>

using namespace hookscope;
using session::SignatureVerifier;

namespace {

// Made-up secrets for this test only.
const QByteArray kGitHubSecret = "test-github-secret";
const QByteArray kStripeSecret = "whsec_test-stripe-secret";
const QByteArray kPatreonSecret = "test-patreon-secret";
const QByteArray kBody = R"({"action":"opened","number":7})";

// A request to `endpoint` signed by `scheme` with `secret`, as it arrived just now.
Capture signedCapture(const QString &scheme, const QByteArray &secret,
                      const QString &endpoint = QString())
{
    const signing::SignResult signedHeaders = signing::sign(scheme, secret, kBody);
    Q_ASSERT(signedHeaders.ok);
    Capture capture;
    capture.method = "POST";
    capture.target = "/hooks";
    capture.headers = {{"Host", "127.0.0.1"}, {"Content-Type", "application/json"}};
    capture.headers += signedHeaders.headers;
    capture.body = kBody;
    capture.endpoint = endpoint;
    capture.receivedAtUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    return capture;
}

} // namespace

class TestSchemeSecrets final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachProviderIsJudgedWithItsOwnSecret()
    {
        SignatureVerifier verifier;
        verifier.setSecret(QString(), QStringLiteral("auto"), QByteArray());
        verifier.setSchemeSecret(QString(), QStringLiteral("github"), kGitHubSecret);
        verifier.setSchemeSecret(QString(), QStringLiteral("stripe"), kStripeSecret);

        const StoredVerdict github
            = verifier.verdictFor(signedCapture(QStringLiteral("github"), kGitHubSecret));
        QCOMPARE(github.scheme, u"github"_qs);
        QCOMPARE(github.verdict, signing::verdicts::valid);
        const StoredVerdict stripe
            = verifier.verdictFor(signedCapture(QStringLiteral("stripe"), kStripeSecret));
        QCOMPARE(stripe.scheme, u"stripe"_qs);
        QCOMPARE(stripe.verdict, signing::verdicts::valid);

        // A provider with no secret of its own reads no-secret and says which ones are set,
        // not "invalid" against GitHub's or Stripe's secret.
        const StoredVerdict patreon
            = verifier.verdictFor(signedCapture(QStringLiteral("patreon"), kPatreonSecret));
        QCOMPARE(patreon.scheme, u"patreon"_qs);
        QCOMPARE(patreon.verdict, signing::verdicts::noSecret);
        QVERIFY2(patreon.detail.contains(u"Secrets are set for GitHub, Stripe only."),
                 qPrintable(patreon.detail));

        // A GitHub request signed with Stripe's secret is invalid, and says whose secret it is.
        const StoredVerdict crossed
            = verifier.verdictFor(signedCapture(QStringLiteral("github"), kStripeSecret));
        QCOMPARE(crossed.scheme, u"github"_qs);
        QCOMPARE(crossed.verdict, signing::verdicts::invalid);

        // A request nothing signed and no provider sent (a curl) is unsigned: the secrets set
        // are GitHub's and Stripe's, and it is neither's.
        Capture unsigned_ = signedCapture(QStringLiteral("github"), kGitHubSecret);
        unsigned_.headers = {{"Host", "127.0.0.1"}};
        const StoredVerdict curl = verifier.verdictFor(unsigned_);
        QCOMPARE(curl.verdict, signing::verdicts::unsignedRequest);
        QCOMPARE(curl.scheme, QString());
        QVERIFY2(curl.detail.contains(u"Secrets are set for GitHub, Stripe only."),
                 qPrintable(curl.detail));

        // GitHub's delivery without its signature (the webhook's secret is off at GitHub) is
        // missing one, since GitHub's secret is set here, and it says why.
        unsigned_.headers = {{"Host", "127.0.0.1"}, {"X-GitHub-Event", "push"}};
        const StoredVerdict delivery = verifier.verdictFor(unsigned_);
        QCOMPARE(delivery.verdict, signing::verdicts::missingHeader);
        QCOMPARE(delivery.scheme, u"github"_qs);
        QVERIFY2(delivery.detail.contains(u"It came from GitHub (X-GitHub-Event) without GitHub's "
                                          u"signature header (X-Hub-Signature-256 or "
                                          u"X-Hub-Signature)."),
                 qPrintable(delivery.detail));
        QVERIFY2(delivery.detail.contains(u"only when the webhook has a secret"),
                 qPrintable(delivery.detail));

        // Patreon's, when no Patreon secret is set, is just unsigned.
        unsigned_.headers = {{"Host", "127.0.0.1"}, {"X-Patreon-Event", "members:create"}};
        QCOMPARE(verifier.verdictFor(unsigned_).verdict, signing::verdicts::unsignedRequest);
    }

    void aSecretForAnySchemeStillCoversTheOthers()
    {
        SignatureVerifier verifier;
        verifier.setSecret(QString(), QStringLiteral("auto"), kPatreonSecret);
        verifier.setSchemeSecret(QString(), QStringLiteral("github"), kGitHubSecret);
        QCOMPARE(
            verifier.verdictFor(signedCapture(QStringLiteral("patreon"), kPatreonSecret)).verdict,
            signing::verdicts::valid);
        QCOMPARE(
            verifier.verdictFor(signedCapture(QStringLiteral("github"), kGitHubSecret)).verdict,
            signing::verdicts::valid);
        // GitHub's own secret comes first: its verdict is the one reported when neither fits.
        const StoredVerdict wrong
            = verifier.verdictFor(signedCapture(QStringLiteral("github"), "some-other-secret"));
        QCOMPARE(wrong.scheme, u"github"_qs);
        QCOMPARE(wrong.verdict, signing::verdicts::invalid);
    }

    void endpointsFallBackToTheCatchAllsSchemeSecrets()
    {
        SignatureVerifier verifier;
        verifier.setSecret(QString(), QStringLiteral("auto"), QByteArray());
        verifier.setSchemeSecret(QString(), QStringLiteral("github"), kGitHubSecret);
        // Set to GitHub without a secret of its own: the catch-all's GitHub secret judges it.
        verifier.setSecret(u"gh"_qs, QStringLiteral("github"), QByteArray());
        QCOMPARE(verifier.verdictFor(signedCapture(u"github"_qs, kGitHubSecret, u"gh"_qs)).verdict,
                 signing::verdicts::valid);
        // Its own secret for GitHub wins over the catch-all's.
        verifier.setSchemeSecret(u"other"_qs, QStringLiteral("github"), "endpoint-own-secret");
        QCOMPARE(
            verifier.verdictFor(signedCapture(u"github"_qs, "endpoint-own-secret", u"other"_qs))
                .verdict,
            signing::verdicts::valid);
        QCOMPARE(
            verifier.verdictFor(signedCapture(u"github"_qs, kGitHubSecret, u"other"_qs)).verdict,
            signing::verdicts::invalid);
        // Setting its scheme and secret keeps the secrets kept by scheme.
        verifier.setSecret(u"other"_qs, QStringLiteral("auto"), kPatreonSecret);
        QCOMPARE(
            verifier.verdictFor(signedCapture(u"github"_qs, "endpoint-own-secret", u"other"_qs))
                .verdict,
            signing::verdicts::valid);
        // Removing one: back to the catch-all's.
        verifier.setSchemeSecret(u"other"_qs, QStringLiteral("github"), QByteArray());
        QCOMPARE(
            verifier.verdictFor(signedCapture(u"github"_qs, kGitHubSecret, u"other"_qs)).verdict,
            signing::verdicts::valid);
    }

    // An endpoint given only a provider's secret keeps using the catch-all's scheme and secret
    // for everything else, as they change, not a copy taken when the provider's was set.
    void anEndpointHoldingOnlySchemeSecretsFollowsTheCatchAll()
    {
        SignatureVerifier verifier;
        verifier.setSecret(QString(), QStringLiteral("auto"), kPatreonSecret);
        verifier.setSchemeSecret(u"gh"_qs, QStringLiteral("github"), kGitHubSecret);
        QVERIFY(!verifier.hasOwnSetting(u"gh"_qs));
        QVERIFY(verifier.hasOwnSetting(QString()));
        QCOMPARE(
            verifier.verdictFor(signedCapture(u"patreon"_qs, kPatreonSecret, u"gh"_qs)).verdict,
            signing::verdicts::valid);
        verifier.setSecret(QString(), QStringLiteral("auto"), "a-new-catch-all-secret");
        QCOMPARE(
            verifier.verdictFor(signedCapture(u"patreon"_qs, "a-new-catch-all-secret", u"gh"_qs))
                .verdict,
            signing::verdicts::valid);
        verifier.setSecret(QString(), QStringLiteral("stripe"), kStripeSecret);
        QCOMPARE(verifier.verdictFor(signedCapture(u"stripe"_qs, kStripeSecret, u"gh"_qs)).verdict,
                 signing::verdicts::valid);
        QCOMPARE(verifier.secretFor(u"gh"_qs).scheme, u"stripe"_qs);
        // Its own setting ends the following.
        verifier.setSecret(u"gh"_qs, QStringLiteral("auto"), QByteArray());
        QVERIFY(verifier.hasOwnSetting(u"gh"_qs));
        QCOMPARE(verifier.verdictFor(signedCapture(u"github"_qs, kGitHubSecret, u"gh"_qs)).verdict,
                 signing::verdicts::valid);
        QCOMPARE(verifier.verdictFor(signedCapture(u"stripe"_qs, kStripeSecret, u"gh"_qs)).verdict,
                 signing::verdicts::noSecret);
    }

    void theTabShowsTheSecretThatJudgesTheRequest()
    {
        SignatureVerifier verifier;
        verifier.setSecret(QString(), QStringLiteral("auto"), kPatreonSecret);
        verifier.setSchemeSecret(QString(), QStringLiteral("github"), kGitHubSecret);
        const auto github = verifier.appliedTo(signedCapture(u"github"_qs, kGitHubSecret));
        QCOMPARE(github.scheme, u"auto"_qs);
        QCOMPARE(github.secret, kGitHubSecret);
        QCOMPARE(github.signedWith, u"github"_qs);
        const auto patreon = verifier.appliedTo(signedCapture(u"patreon"_qs, kPatreonSecret));
        QCOMPARE(patreon.secret, kPatreonSecret);
        QCOMPARE(patreon.signedWith, QString());
        QCOMPARE(verifier.allSecrets().size(), 2);
    }

    void handshakesTakeOnlyASecretGivenToTheirScheme()
    {
        SignatureVerifier verifier;
        verifier.setSecret(QString(), QStringLiteral("auto"), kPatreonSecret);
        Capture check;
        check.method = "GET";
        check.target = "/x?crc_token=abc";
        // X's CRC MACs a caller's token: never with a secret kept for any scheme.
        QCOMPARE(verifier.handshakeSecret(check, u"twitter"_qs, true), QByteArray());
        QCOMPARE(verifier.handshakeSecret(check, u"zoom"_qs, false), kPatreonSecret);
        QCOMPARE(verifier.handshakeSecret(check, u"zoom"_qs, true), QByteArray());
        verifier.setSchemeSecret(QString(), u"twitter"_qs, "x-consumer-secret");
        QCOMPARE(verifier.handshakeSecret(check, u"twitter"_qs, true),
                 QByteArray("x-consumer-secret"));
        // An endpoint set to another scheme takes nothing for this one.
        verifier.setSecret(u"gh"_qs, u"github"_qs, kGitHubSecret);
        check.endpoint = u"gh"_qs;
        QCOMPARE(verifier.handshakeSecret(check, u"twitter"_qs, true), QByteArray());
        QCOMPARE(verifier.handshakeSecret(check, u"github"_qs, true), kGitHubSecret);
    }
};

QTEST_GUILESS_MAIN(TestSchemeSecrets)
#include "TestSchemeSecrets.moc"
