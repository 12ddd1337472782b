#include "TestConfig.h"
#include "compose/Placeholders.h"
#include "compose/RetrySchedule.h"
#include "compose/SignerFactory.h"
#include "compose/TemplateLibrary.h"
#include "signing/Ed25519.h"
#include "signing/SchemeRegistry.h"
#include "signing/Signing.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::compose;

// Every built-in template loads, renders to valid JSON and carries what its provider sends;
// user templates are saved, reloaded and made from captures.
class TestTemplateLibrary final : public QObject
{
    Q_OBJECT

    static RenderedEvent render(const EventTemplate &t, qint64 sequence = 1)
    {
        PlaceholderContext context(sequence);
        RenderedEvent event;
        QString error;
        if (!renderTemplate(t, context, &event, &error))
            qWarning("%s", qPrintable(error));
        return event;
    }

    static QStringList keys(const JsonValue &object)
    {
        QStringList names;
        for (const auto &member : object.members())
            names.append(member.first);
        return names;
    }

    QTemporaryDir m_userDir;

private Q_SLOTS:
    void everyRequiredTemplateIsBuiltIn()
    {
        TemplateLibrary library(QString {});
        QVERIFY2(library.loadErrors().isEmpty(), qPrintable(library.loadErrors().join(u'\n')));
        QStringList required;
        for (const char *e :
             {"pledges:create", "pledges:update", "pledges:delete", "members:create",
              "members:update", "members:delete", "members:pledge:create", "members:pledge:update",
              "members:pledge:delete", "posts:publish", "posts:update", "posts:delete"})
            required << QStringLiteral("patreon/") + QLatin1String(e);
        for (const char *e : {"user.created", "user.updated", "user.deleted", "project.created",
                              "project.updated", "project.deleted", "team.member.added",
                              "team.member.removed", "team.member.role_changed"})
            required << QStringLiteral("webhook-api/") + QLatin1String(e);
        for (const char *e : {"user.created", "user.deleted", "invoice.paid", "invoice.failed",
                              "subscription.upgraded", "subscription.canceled", "trial.ending"})
            required << QStringLiteral("api-reference/") + QLatin1String(e);
        for (const char *name : {"github/ping",
                                 "github/push",
                                 "github/pull_request",
                                 "github/issues",
                                 "stripe/payment_intent.succeeded",
                                 "stripe/checkout.session.completed",
                                 "stripe/invoice.payment_failed",
                                 "stripe/customer.subscription.deleted",
                                 "standard-webhooks/contact.created",
                                 "slack/message.channels",
                                 "slack/app_mention",
                                 "slack/url_verification",
                                 "shopify/orders/create",
                                 "shopify/app/uninstalled",
                                 "twilio/sms.incoming",
                                 "zoom/meeting.started",
                                 "zoom/endpoint.url_validation",
                                 "twitter/tweet_create_events",
                                 "twitter/favorite_events",
                                 "twitter/follow_events",
                                 "discord/ping",
                                 "discord/application_command"})
            required << QLatin1String(name);
        for (const QString &name : std::as_const(required)) {
            const auto t = library.find(name);
            QVERIFY2(t, qPrintable(name));
            QVERIFY(t->builtIn);
            QVERIFY2(!t->scheme.isEmpty(), qPrintable(name));
            QVERIFY2(!t->description.isEmpty(), qPrintable(name));
            // A schedule a template names must exist (send --retry-schedule provider uses it).
            if (!t->retrySchedule.isEmpty()) {
                QString error;
                QVERIFY2(RetrySchedule::named(t->retrySchedule, t->event, &error),
                         qPrintable(name + u": "_qs + error));
            }
        }
        QCOMPARE(library.templates().size(), required.size());
    }

    void everyTemplateRendersToItsContentType()
    {
        TemplateLibrary library(QString {});
        for (const EventTemplate &t : library.templates()) {
            for (qint64 sequence : {1, 2}) {
                const RenderedEvent event = render(t, sequence);
                QVERIFY2(!event.body.isEmpty(), qPrintable(t.name()));
                QVERIFY2(!event.body.contains("{{"), qPrintable(t.name()));
                for (const HeaderField &field : event.headers)
                    QVERIFY(field.value == kSignatureSlot || !field.value.contains("{{"));
                if (t.bodyIsText) {
                    // Forms (Twilio): every field is name=value, nothing left unencoded.
                    QCOMPARE(headerValue(event.headers, "Content-Type"),
                             QByteArray("application/x-www-form-urlencoded"));
                    for (const QByteArray &field : event.body.split('&'))
                        QVERIFY2(QRegularExpression(u"^[A-Za-z]+=[A-Za-z0-9+%._-]*$"_qs)
                                     .match(QString::fromLatin1(field))
                                     .hasMatch(),
                                 qPrintable(t.name() + u": "_qs + QString::fromLatin1(field)));
                    continue;
                }
                JsonParseError error;
                const JsonValue body = parseJson(event.body, &error);
                QVERIFY2(error.ok(),
                         qPrintable(t.name() + QStringLiteral(": ") + error.describe()));
                // An independent parser agrees.
                QJsonParseError qtError;
                QJsonDocument::fromJson(event.body, &qtError);
                QVERIFY2(qtError.error == QJsonParseError::NoError, qPrintable(t.name()));
                QCOMPARE(headerValue(event.headers, "Content-Type").left(16),
                         QByteArray("application/json"));
                QVERIFY2(body.isObject(), qPrintable(t.name()));
            }
        }
    }

    void providerHeadersAndEnvelopes()
    {
        TemplateLibrary library(QString {});
        for (const EventTemplate &t : library.templates()) {
            const RenderedEvent event = render(t);
            const JsonValue body = parseJson(event.body);
            if (t.provider == u"patreon") {
                QCOMPARE(headerValue(event.headers, "X-Patreon-Event"), t.event.toUtf8());
                QCOMPARE(t.scheme, QStringLiteral("patreon"));
                const QString type = body.value(u"data").stringValue(u"type");
                QStringList includedTypes;
                const JsonValue included = body.value(u"included");
                for (const JsonValue &item : included.elements())
                    includedTypes << item.stringValue(u"type");
                if (t.event.startsWith(u"pledges:")) {
                    QCOMPARE(type, QStringLiteral("pledge"));
                    QCOMPARE(includedTypes,
                             QStringList({QStringLiteral("user"), QStringLiteral("user"),
                                          QStringLiteral("reward")}));
                } else {
                    QCOMPARE(type,
                             t.event.startsWith(u"posts:") ? QStringLiteral("post")
                                                           : QStringLiteral("member"));
                    QVERIFY(includedTypes.contains(u"campaign"));
                    QVERIFY(includedTypes.contains(u"user"));
                    QVERIFY(includedTypes.contains(u"tier"));
                }
            } else if (t.provider == u"webhook-api") {
                QCOMPARE(headerValue(event.headers, "X-Webhook-Event"), t.event.toUtf8());
                QCOMPARE(headerValue(event.headers, "X-Webhook-Id"), QByteArray("wh_123456"));
                QCOMPARE(keys(body),
                         QStringList({QStringLiteral("id"), QStringLiteral("type"),
                                      QStringLiteral("created_at"), QStringLiteral("data")}));
                QVERIFY(body.stringValue(u"id").startsWith(u"evt_"));
                QCOMPARE(body.stringValue(u"id"), event.eventId);
                QCOMPARE(body.stringValue(u"type"), t.event);
                QCOMPARE(t.retrySchedule, QStringLiteral("webhook-api"));
            } else if (t.provider == u"api-reference") {
                QCOMPARE(body.stringValue(u"type"), t.event);
                QCOMPARE(body.stringValue(u"id"), event.eventId);
                QCOMPARE(t.scheme, QStringLiteral("x-signature"));
            } else if (t.provider == u"github") {
                QCOMPARE(headerValue(event.headers, "X-GitHub-Event"), t.event.toUtf8());
                QCOMPARE(headerValue(event.headers, "X-GitHub-Delivery"), event.eventId.toUtf8());
            } else if (t.provider == u"standard-webhooks") {
                QCOMPARE(headerValue(event.headers, "webhook-id"), event.eventId.toUtf8());
                QCOMPARE(headerValue(event.headers, "webhook-timestamp"),
                         QByteArray::number(event.timestamp));
            } else if (t.provider == u"stripe") {
                QCOMPARE(body.stringValue(u"type"), t.event);
                QCOMPARE(body.value(u"created").toInteger(), event.timestamp);
                QVERIFY(event.body.contains("\n  \"id\": "));
                QCOMPARE(body.stringValue(u"id"), event.eventId);
            } else if (t.provider == u"slack") {
                QCOMPARE(body.stringValue(u"type"),
                         t.event == u"url_verification" ? u"url_verification"_qs
                                                        : u"event_callback"_qs);
                if (t.event != u"url_verification") {
                    QCOMPARE(body.stringValue(u"event_id"), event.eventId);
                    QVERIFY(event.eventId.startsWith(u"Ev"));
                    QCOMPARE(body.value(u"event_time").toInteger(), event.timestamp);
                    const QString eventType = body.value(u"event").stringValue(u"type");
                    QVERIFY2(t.event.startsWith(eventType), qPrintable(t.name()));
                } else {
                    QVERIFY(body.stringValue(u"challenge").size() >= 48);
                }
            } else if (t.provider == u"shopify") {
                QCOMPARE(headerValue(event.headers, "X-Shopify-Topic"), t.event.toUtf8());
                QCOMPARE(headerValue(event.headers, "X-Shopify-Webhook-Id"),
                         event.eventId.toUtf8());
                QVERIFY(
                    headerValue(event.headers, "X-Shopify-Shop-Domain").endsWith(".myshopify.com"));
            } else if (t.provider == u"twilio") {
                QVERIFY(event.body.contains("MessageSid=" + event.eventId.toUtf8() + '&'));
                QVERIFY(event.eventId.startsWith(u"SM"));
            }
        }
    }

    void pledgeReproducesTheSeedPayload()
    {
        // The seed's "data" part, exactly: its "included" holds prose placeholders, not JSON.
        QFile seed(QStringLiteral(HOOKSCOPE_SHARED_DIR "/seeds/000_f84647cf565457be.txt"));
        QVERIFY(seed.open(QIODevice::ReadOnly));
        const QByteArray text = seed.readAll();
        const qsizetype start = text.indexOf("```json\n") + 8;
        const qsizetype end = text.indexOf("\"included\"", start);
        QByteArray dataPart = text.mid(start, end - start).trimmed();
        QVERIFY(dataPart.endsWith(','));
        dataPart.chop(1);
        JsonParseError error;
        const JsonValue seedJson = parseJson(dataPart + '}', &error);
        QVERIFY2(error.ok(), qPrintable(error.describe()));

        TemplateLibrary library(QString {});
        const RenderedEvent event = render(*library.find(QStringLiteral("patreon/pledges:create")));
        const JsonValue body = parseJson(event.body);
        QCOMPARE(body.value(u"data").toCompact(), seedJson.value(u"data").toCompact());
        QCOMPARE(keys(body), QStringList({QStringLiteral("data"), QStringLiteral("included")}));
        QCOMPARE(body.value(u"included").elements().at(0).stringValue(u"id"),
                 QStringLiteral("3024102"));
        QCOMPARE(body.value(u"included").elements().at(1).stringValue(u"id"),
                 QStringLiteral("32187"));
        QCOMPARE(body.value(u"included").elements().at(2).stringValue(u"id"),
                 QStringLiteral("599336"));
    }

    void everyTemplateIsSignedCorrectlyForItsScheme()
    {
        // Fake secrets; standard-webhooks needs a whsec_ (base64) one, Discord an Ed25519 seed
        // (hex) to sign and its public key to verify.
        const QByteArray plainSecret = "test-secret-not-real";
        const QByteArray whsecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        const QByteArray discordSeed(64, '7');
        const QUrl url(QStringLiteral("http://127.0.0.1:8787/hooks"));
        TemplateLibrary library(QString {});
        for (const EventTemplate &t : library.templates()) {
            const QByteArray secret = t.scheme == u"standard-webhooks" ? whsecSecret
                : t.scheme == u"discord"                               ? discordSeed
                                                                       : plainSecret;
            QString error;
            const BodySigner signer = makeSigner(t.scheme, secret, &error);
            QVERIFY2(signer, qPrintable(t.name() + QStringLiteral(": ") + error));
            const RenderedEvent event = render(t);
            const SignOutcome outcome
                = signer(event.body, {t.scheme, event.eventId, event.timestamp, url});
            QVERIFY2(outcome.ok, qPrintable(t.name() + QStringLiteral(": ") + outcome.error));
            HeaderList headers = event.headers;
            for (const HeaderField &field : outcome.headers)
                setHeader(headers, field.name, field.value);
            dropSignatureSlots(headers);
            signing::VerifyOptions options;
            options.url = url.toString();
            const QByteArray verifyWith = t.scheme == u"discord"
                ? signing::ed25519::publicKeyOf(QByteArray::fromHex(secret))->toHex()
                : secret;
            const signing::Verdict verdict
                = signing::verify(t.scheme, verifyWith, headers, event.body, options);
            QVERIFY2(verdict.isValid(),
                     qPrintable(t.name() + QStringLiteral(": ") + verdict.detail));
            // Auto-detection names the template's scheme from the headers alone.
            QCOMPARE(signing::detectSchemes(headers).value(0), t.scheme);

            // Checked independently of the engine where the scheme is a plain HMAC of the body.
            const auto mac = [&](QCryptographicHash::Algorithm algorithm) {
                return QMessageAuthenticationCode::hash(event.body, secret, algorithm).toHex();
            };
            if (t.scheme == u"patreon") {
                QCOMPARE(headerValue(headers, "X-Patreon-Signature"), mac(QCryptographicHash::Md5));
                QCOMPARE(headerValue(headers, "X-Patreon-Event"), t.event.toUtf8());
            } else if (t.scheme == u"x-webhook-signature") {
                QCOMPARE(headerValue(headers, "X-Webhook-Signature"),
                         "sha256=" + mac(QCryptographicHash::Sha256));
            } else if (t.scheme == u"x-signature") {
                QCOMPARE(headerValue(headers, "X-Signature"), mac(QCryptographicHash::Sha256));
            } else if (t.scheme == u"github") {
                QCOMPARE(headerValue(headers, "X-Hub-Signature-256"),
                         "sha256=" + mac(QCryptographicHash::Sha256));
            } else if (t.scheme == u"standard-webhooks") {
                QCOMPARE(headerValue(headers, "webhook-id"), event.eventId.toUtf8());
                QVERIFY(headerValue(headers, "webhook-signature").startsWith("v1,"));
            } else if (t.scheme == u"stripe") {
                QVERIFY(headerValue(headers, "Stripe-Signature")
                            .startsWith("t=" + QByteArray::number(event.timestamp) + ",v1="));
            } else if (t.scheme == u"shopify") {
                QCOMPARE(
                    headerValue(headers, "X-Shopify-Hmac-Sha256"),
                    QMessageAuthenticationCode::hash(event.body, secret, QCryptographicHash::Sha256)
                        .toBase64());
            } else if (t.scheme == u"zoom" || t.scheme == u"slack") {
                // Both sign v0:{timestamp}:{body}, under their own header names.
                const bool zoom = t.scheme == u"zoom";
                const QByteArray timestamp = headerValue(
                    headers, zoom ? "x-zm-request-timestamp" : "X-Slack-Request-Timestamp");
                QCOMPARE(timestamp, QByteArray::number(event.timestamp));
                QCOMPARE(
                    headerValue(headers, zoom ? "x-zm-signature" : "X-Slack-Signature"),
                    "v0="
                        + QMessageAuthenticationCode::hash("v0:" + timestamp + ':' + event.body,
                                                           secret, QCryptographicHash::Sha256)
                              .toHex());
            }
            // Signing adds headers; it never reorders or drops the template's own.
            for (const HeaderField &field : event.headers)
                QVERIFY(field.value == kSignatureSlot || hasHeader(headers, field.name));
            for (const HeaderField &field : headers)
                QVERIFY(field.value != kSignatureSlot);
        }
    }

    void signerPassesIdAndTimestampThrough()
    {
        // The published Standard Webhooks vector (../shared/vectors), through the signer.
        QString error;
        const BodySigner signer = makeSigner(QStringLiteral("standard-webhooks"),
                                             "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", &error);
        QVERIFY2(signer, qPrintable(error));
        const SignOutcome outcome = signer("{\"test\": 2432232314}",
                                           {QStringLiteral("standard-webhooks"),
                                            QStringLiteral("msg_p5jXN8AQM9LWM0D4loKWxJek"),
                                            1614265330,
                                            {}});
        QVERIFY(outcome.ok);
        QCOMPARE(headerValue(outcome.headers, "webhook-signature"),
                 QByteArray("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
        QCOMPARE(headerValue(outcome.headers, "webhook-id"),
                 QByteArray("msg_p5jXN8AQM9LWM0D4loKWxJek"));
    }

    void signerRefusesBadSchemesAndSecretsUpFront()
    {
        QString error;
        QVERIFY(!makeSigner(QStringLiteral("nope"), "x", &error));
        QVERIFY(error.contains(u"patreon"));
        QVERIFY(!makeSigner(QStringLiteral("patreon"), {}, &error));
        QVERIFY(!makeSigner(QStringLiteral("custom"), "x", &error));
    }

    void eachRenderIsAFreshEvent()
    {
        TemplateLibrary library(QString {});
        const auto t = library.find(QStringLiteral("webhook-api/user.created"));
        QVERIFY(t);
        QVERIFY(render(*t).eventId != render(*t).eventId);
    }

    void savedUserTemplatesLoadAndOverride()
    {
        QVERIFY(m_userDir.isValid());
        TemplateLibrary library(m_userDir.path());
        auto t = *library.find(QStringLiteral("patreon/pledges:create"));
        t.description = QStringLiteral("my own pledge");
        QString error;
        QString path;
        QVERIFY2(library.save(t, &error, &path), qPrintable(error));
        QVERIFY(path.startsWith(m_userDir.path()));
        QVERIFY(!path.contains(u':'));
        TemplateLibrary reloaded(m_userDir.path());
        const auto found = reloaded.find(QStringLiteral("patreon/pledges:create"));
        QVERIFY(found);
        QVERIFY(!found->builtIn);
        QCOMPARE(found->description, QStringLiteral("my own pledge"));
        QCOMPARE(reloaded.templates().size(), TemplateLibrary(QString {}).templates().size());
        // The saved body renders to the same bytes as the built-in one (no key reordering).
        const auto builtIn
            = TemplateLibrary(QString {}).find(QStringLiteral("patreon/pledges:create"));
        QCOMPARE(render(*found).body, render(*builtIn).body);
    }

    void brokenUserFilesAreReportedNotFatal()
    {
        QTemporaryDir dir;
        QDir().mkpath(dir.path() + QStringLiteral("/x"));
        QFile bad(dir.path() + QStringLiteral("/x/bad.json"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"provider\": \"x\",\n \"event\": }");
        bad.close();
        TemplateLibrary library(dir.path());
        QCOMPARE(library.loadErrors().size(), 1);
        QVERIFY(library.loadErrors().first().contains(u"line 2"));
        QVERIFY(library.find(QStringLiteral("github/ping")));
    }

    void savingACaptureSuggestsItsName()
    {
        Capture capture;
        capture.id = 7;
        capture.headers = {{"X-Patreon-Event", "members:pledge:create"}};
        QCOMPARE(EventTemplate::suggestedName(capture),
                 qMakePair(QStringLiteral("patreon"), QStringLiteral("members:pledge:create")));
        capture.headers = {{"X-GitHub-Event", "push"}};
        QCOMPARE(EventTemplate::suggestedName(capture).first, QStringLiteral("github"));
        capture.headers = {};
        capture.signature.scheme = QStringLiteral("stripe");
        capture.body = R"({"id":"evt_1","type":"invoice.paid"})";
        QCOMPARE(EventTemplate::suggestedName(capture),
                 qMakePair(QStringLiteral("stripe"), QStringLiteral("invoice.paid")));
        capture.signature.scheme = QStringLiteral("slack");
        capture.body = R"({"event":{"type":"app_mention"},"type":"event_callback"})";
        QCOMPARE(EventTemplate::suggestedName(capture),
                 qMakePair(QStringLiteral("slack"), QStringLiteral("app_mention")));
        capture.signature.scheme.clear();
        capture.headers = {{"X-Shopify-Topic", "orders/paid"}};
        QCOMPARE(EventTemplate::suggestedName(capture),
                 qMakePair(QStringLiteral("shopify"), QStringLiteral("orders_paid")));
        capture.headers = {};
        capture.signature.scheme = QStringLiteral("zoom");
        capture.body = R"({"event":"meeting.started","payload":{}})";
        QCOMPARE(EventTemplate::suggestedName(capture),
                 qMakePair(QStringLiteral("zoom"), QStringLiteral("meeting.started")));
        capture.signature.scheme = QStringLiteral("twitter");
        capture.body = R"({"for_user_id":"2244994945","favorite_events":[{}]})";
        QCOMPARE(EventTemplate::suggestedName(capture),
                 qMakePair(QStringLiteral("twitter"), QStringLiteral("favorite_events")));
        capture.signature.scheme.clear();
        capture.body = "not json";
        QCOMPARE(EventTemplate::suggestedName(capture),
                 qMakePair(QStringLiteral("captured"), QStringLiteral("capture-7")));

        // One step: suggest, convert, save; the library then offers it by that name.
        QTemporaryDir dir;
        TemplateLibrary library(dir.path());
        capture.headers
            = {{"Content-Type", "application/json"}, {"X-Webhook-Event", "user.created"}};
        capture.body = R"({"id":"evt_9","type":"user.created"})";
        const auto [provider, event] = EventTemplate::suggestedName(capture);
        QString error;
        QVERIFY2(library.save(EventTemplate::fromCapture(capture, provider, event), &error),
                 qPrintable(error));
        const auto saved = library.find(QStringLiteral("webhook-api/user.created"));
        QVERIFY(saved && !saved->builtIn);
        QCOMPARE(render(*saved).body, capture.body);
    }

    // Whatever the scheme, its signature header is a slot in the template, so an unsigned send
    // never replays a stale signature and a signed one puts the new one in its place.
    void everySchemesSignatureHeaderBecomesASlot()
    {
        for (const signing::Scheme *scheme : signing::builtinSchemes()) {
            Capture capture;
            capture.headers = {{"Content-Type", "application/json"}};
            for (const QByteArray &header : scheme->detectionHeaders())
                capture.headers.append({header, "captured-signature"});
            capture.body = "{}";
            capture.signature.scheme = scheme->name();
            const EventTemplate t = EventTemplate::fromCapture(capture, QStringLiteral("mine"),
                                                               QStringLiteral("event"));
            QCOMPARE(t.headers.size(), capture.headers.size());
            for (qsizetype i = 1; i < t.headers.size(); ++i)
                QVERIFY2(t.headers.at(i).second == QString::fromLatin1(kSignatureSlot),
                         qPrintable(scheme->name() + u": "_qs + t.headers.at(i).first));
        }
    }

    void captureBecomesATemplateThatRendersTheSameBytes_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("asText");
        QTest::newRow("compact JSON")
            << QByteArray(R"({"z":1,"a":"{{not a placeholder}}"})") << false;
        QTest::newRow("pretty JSON")
            << QByteArray("{\n  \"z\": 1,\n  \"a\": [\n    true\n  ]\n}") << false;
        QTest::newRow("JSON with a trailing newline") << QByteArray("{\"a\":1}\n") << true;
        QTest::newRow("form") << QByteArray("a=1&b={{2}}") << true;
    }

    void captureBecomesATemplateThatRendersTheSameBytes()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, asText);
        Capture capture;
        capture.id = 42;
        capture.method = "PUT";
        capture.headers = {{"Host", "localhost:8787"},
                           {"Content-Type", "application/json"},
                           {"X-Patreon-Event", "pledges:create"},
                           {"X-Patreon-Signature", "deadbeef"},
                           {"Content-Length", QByteArray::number(body.size())},
                           {"X-Odd", "{{id}}"}};
        capture.body = body;
        capture.signature.scheme = QStringLiteral("patreon");
        const EventTemplate t
            = EventTemplate::fromCapture(capture, QStringLiteral("mine"), QStringLiteral("pledge"));
        QCOMPARE(t.bodyIsText, asText);
        QCOMPARE(t.scheme, QStringLiteral("patreon"));
        QString error;
        const auto reparsed = EventTemplate::fromJson(t.toJson(), &error);
        QVERIFY2(reparsed, qPrintable(error));
        const RenderedEvent event = render(*reparsed);
        QCOMPARE(event.body, body);
        QCOMPARE(event.method, QByteArray("PUT"));
        const HeaderList expected {{"Content-Type", "application/json"},
                                   {"X-Patreon-Event", "pledges:create"},
                                   {"X-Patreon-Signature", kSignatureSlot.toByteArray()},
                                   {"X-Odd", "{{id}}"}};
        QCOMPARE(event.headers, expected);
    }
};

QTEST_GUILESS_MAIN(TestTemplateLibrary)
#include "TestTemplateLibrary.moc"
