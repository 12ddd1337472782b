#include "CliRunner.h"
#include "compose/OrderedJson.h"

#include <QDir>
#include <QFile>
#include <QMessageAuthenticationCode>
#include <QTest>

using namespace hookscope;
using namespace hookscope::compose;

// `hookscope templates` through the real binary.
class TestTemplatesCli final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsEveryTemplateWithItsScheme()
    {
        const auto result = test::runHookscope({QStringLiteral("templates")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.startsWith("NAME"));
        for (const char *line : {"patreon/pledges:create ", "patreon/members:pledge:delete ",
                                 "webhook-api/team.member.role_changed ",
                                 "api-reference/trial.ending ", "stripe/payment_intent.succeeded "})
            QVERIFY2(result.out.contains(line), line);
        QVERIFY(result.out.contains(" x-webhook-signature "));
    }

    void jsonListsAndUserTemplatesAppear()
    {
        // The binary's data folder under the test's own XDG_DATA_HOME.
        const QString folder
            = qEnvironmentVariable("XDG_DATA_HOME") + QStringLiteral("/hookscope/templates/acme");
        QVERIFY(QDir().mkpath(folder));
        QFile file(folder + QStringLiteral("/order.paid.json"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"provider": "acme", "event": "order.paid", "description": "mine",
                      "scheme": "x-signature", "headers": [["Content-Type", "application/json"]],
                      "body": {"id": "{{id:ord_}}", "n": "{{seq}}"}})");
        file.close();

        const auto result
            = test::runHookscope({QStringLiteral("templates"), QStringLiteral("--json")});
        QFile::remove(file.fileName());
        QCOMPARE(result.exitCode, 0);
        JsonParseError error;
        const JsonValue list = parseJson(result.out, &error);
        QVERIFY2(error.ok(), qPrintable(error.describe()));
        QCOMPARE(list.elements().size(), 51);
        bool foundUser = false;
        for (const JsonValue &item : list.elements()) {
            QVERIFY(!item.stringValue(u"name").isEmpty());
            QVERIFY(!item.stringValue(u"description").isEmpty());
            if (item.stringValue(u"name") == u"acme/order.paid") {
                foundUser = true;
                QVERIFY(item.stringValue(u"source").endsWith(u"order.paid.json"));
            } else {
                QCOMPARE(item.stringValue(u"source"), QStringLiteral("built-in"));
            }
        }
        QVERIFY(foundUser);
    }

    void renderShowsAFilledEvent()
    {
        const auto result = test::runHookscope(
            {QStringLiteral("templates"), QStringLiteral("--render"),
             QStringLiteral("webhook-api/user.created"), QStringLiteral("--set"),
             QStringLiteral("data.name=Ann"), QStringLiteral("--json")});
        QCOMPARE(result.exitCode, 0);
        const JsonValue root = parseJson(result.out);
        const JsonValue body = parseJson(root.stringValue(u"body").toUtf8());
        QVERIFY(body.stringValue(u"id").startsWith(u"evt_"));
        QCOMPARE(body.stringValue(u"id"), root.stringValue(u"event_id"));
        QCOMPARE(body.value(u"data").stringValue(u"name"), QStringLiteral("Ann"));
    }

    // --render applies --set as send does, and notes a new key that looks like a typo the same.
    void renderNotesANewKeyNearAnExistingOne()
    {
        const auto result
            = test::runHookscope({QStringLiteral("templates"), QStringLiteral("--render"),
                                  QStringLiteral("github/push"), QStringLiteral("--set"),
                                  QStringLiteral("repository.nme=foo"), QStringLiteral("--json")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.err.contains("note: --set repository.nme: no key \"nme\", added it; did "
                                     "you mean \"name\"?\n"),
                 result.err.constData());
        const JsonValue body = parseJson(parseJson(result.out).stringValue(u"body").toUtf8());
        QCOMPARE(body.value(u"repository").stringValue(u"nme"), QStringLiteral("foo"));
    }

    // Seed 004: "Every webhook request includes an X-Signature header containing an HMAC-SHA256
    // of the raw request body, keyed by your webhook secret" (hexdigest, compared as is).
    void apiReferenceTemplatesCarryXSignature()
    {
        const QByteArray secret = "api-ref-fake-secret-4Rz"; // made up for this test
        qputenv("HOOKSCOPE_SECRET", secret);
        const auto list
            = test::runHookscope({QStringLiteral("templates"), QStringLiteral("--json")});
        qunsetenv("HOOKSCOPE_SECRET");
        QStringList names;
        const JsonValue listed = parseJson(list.out);
        for (const JsonValue &item : listed.elements()) {
            if (item.stringValue(u"provider") == u"api-reference")
                names << item.stringValue(u"name");
        }
        QCOMPARE(names.size(), 7);
        for (const QString &name : std::as_const(names)) {
            qputenv("HOOKSCOPE_SECRET", secret);
            const auto signedRender
                = test::runHookscope({QStringLiteral("templates"), QStringLiteral("--render"), name,
                                      QStringLiteral("--json")});
            qunsetenv("HOOKSCOPE_SECRET");
            QCOMPARE(signedRender.exitCode, 0);
            QVERIFY(!signedRender.out.contains(secret));
            const JsonValue root = parseJson(signedRender.out);
            QVERIFY(root.value(u"signed").toBool());
            const QByteArray body = root.stringValue(u"body").toUtf8();
            const QByteArray expected
                = QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256)
                      .toHex();
            QStringList headerNames;
            QByteArray signature;
            const JsonValue headers = root.value(u"headers");
            for (const JsonValue &pair : headers.elements()) {
                headerNames << pair.elements().at(0).toString();
                if (pair.elements().at(0).toString() == u"X-Signature")
                    signature = pair.elements().at(1).toString().toUtf8();
            }
            QVERIFY2(headerNames.count(QStringLiteral("X-Signature")) == 1, qPrintable(name));
            QCOMPARE(signature, expected);

            // Unsigned, the slot shows where it goes, and a note says how to fill it.
            const auto unsignedRender = test::runHookscope(
                {QStringLiteral("templates"), QStringLiteral("--render"), name});
            QCOMPARE(unsignedRender.exitCode, 0);
            QVERIFY2(unsignedRender.out.contains("\nX-Signature: {{signature}}\n"),
                     unsignedRender.out.constData());
            QVERIFY(unsignedRender.err.contains("note: unsigned; x-signature"));
        }
    }

    void helpNamesTheSubcommands()
    {
        for (const char *command : {"templates", "send"}) {
            const auto result
                = test::runHookscope({QString::fromLatin1(command), QStringLiteral("--help")});
            QCOMPARE(result.exitCode, 0);
            QVERIFY2(result.out.startsWith("Usage: hookscope " + QByteArray(command) + ' '),
                     result.out.constData());
        }
    }

    void usageErrorsExitTwo()
    {
        QCOMPARE(
            test::runHookscope({QStringLiteral("templates"), QStringLiteral("--bogus")}).exitCode,
            2);
        const auto missing = test::runHookscope(
            {QStringLiteral("templates"), QStringLiteral("--render"), QStringLiteral("no/such")});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains("no template 'no/such'\n"), missing.err.constData());
    }

    // Review: the file names say pledges_create, the template is pledges:create; a name typed
    // like the file, in another case or without its provider gets the right one suggested.
    void aMistypedTemplateNameGetsASuggestion()
    {
        const QList<std::pair<const char *, const char *>> cases {
            {"patreon/pledges_create", "did you mean patreon/pledges:create?"},
            {"Patreon/Pledges:Create", "did you mean patreon/pledges:create?"},
            {"github/psuh", "did you mean github/push?"},
            {"user.created",
             "did you mean api-reference/user.created or webhook-api/user.created?"},
        };
        for (const auto &[typed, suggestion] : cases) {
            const auto render
                = test::runHookscope({QStringLiteral("templates"), QStringLiteral("--render"),
                                      QString::fromLatin1(typed)});
            QCOMPARE(render.exitCode, 2);
            QVERIFY2(render.err.contains(suggestion), render.err.constData());
            const auto send
                = test::runHookscope({QStringLiteral("send"), QStringLiteral("http://127.0.0.1:9/"),
                                      QStringLiteral("--template"), QString::fromLatin1(typed)});
            QCOMPARE(send.exitCode, 2);
            QVERIFY2(send.err.contains(suggestion), send.err.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestTemplatesCli)
#include "TestTemplatesCli.moc"
