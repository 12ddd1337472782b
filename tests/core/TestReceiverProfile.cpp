#include "session/Forwarder.h"
#include "session/ReceiverProfile.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::session;

class TestReceiverProfile final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aProfileSurvivesTheSettingsFileWithoutItsSecrets()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("settings.ini"));
        ReceiverProfile profile;
        http::EndpointConfig patreon;
        patreon.name = QStringLiteral("patreon");
        patreon.pathPrefix = "/hooks/patreon";
        patreon.scheme = QStringLiteral("patreon");
        patreon.secret = "never-saved-secret";
        patreon.rejectInvalidSignature = true;
        patreon.response = {202, {{"X-One", "1"}, {"x-one", "2"}}, "{\"id\":\"{{id}}\"}", 250};
        http::EndpointConfig github;
        github.name = QStringLiteral("git hub");
        github.pathPrefix = "/gh";
        profile.endpoints << patreon << github;
        profile.defaultResponse = {418, {}, "teapot", 0};
        profile.defaultScheme = QStringLiteral("auto");
        profile.forwardTargets << QUrl(QStringLiteral("http://localhost:3000/webhooks?x=1"));
        {
            QSettings settings(path, QSettings::IniFormat);
            saveReceiverProfile(settings, profile);
        }
        QSettings settings(path, QSettings::IniFormat);
        ReceiverProfile loaded = loadReceiverProfile(settings);
        QCOMPARE(loaded.endpoints.size(), 2);
        patreon.secret.clear();
        QVERIFY(loaded.endpoints.at(0) == patreon); // headers keep order, case and duplicates
        QVERIFY(loaded.endpoints.at(1) == github);
        QVERIFY(loaded.defaultResponse == profile.defaultResponse);
        QCOMPARE(loaded.defaultScheme, QStringLiteral("auto"));
        QCOMPARE(loaded.forwardTargets, profile.forwardTargets);
        QCOMPARE(*loaded.schemeOf(QStringLiteral("patreon")), QStringLiteral("patreon"));
        QCOMPARE(loaded.schemeOf(QString()), &loaded.defaultScheme);
        QCOMPARE(loaded.schemeOf(QStringLiteral("unknown")), nullptr);

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains("never-saved-secret"), "a secret reached the settings");
    }

    // A target's password is saved as *** and handed over for the keyring instead.
    void aForwardTargetsPasswordIsLeftForTheKeyring()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("settings.ini"));
        const QUrl target(QStringLiteral("https://relay:pw-FAKE-4@hooks.test/in"));
        ReceiverProfile profile;
        profile.forwardTargets << target << QUrl(QStringLiteral("http://localhost:3000/plain"));
        {
            QSettings settings(path, QSettings::IniFormat);
            saveReceiverProfile(settings, profile);
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY2(!text.contains("pw-FAKE-4"), "the password reached the settings");
        QVERIFY(text.contains("relay:***@hooks.test"));

        QSettings settings(path, QSettings::IniFormat);
        const ReceiverProfile loaded = loadReceiverProfile(settings);
        QCOMPARE(loaded.forwardTargets.size(), 2);
        QCOMPARE(loaded.forwardTargets.at(0).password(), u"***"_qs);
        QCOMPARE(forwardPasswordKey(loaded.forwardTargets.at(0)), forwardPasswordKey(target));
        QCOMPARE(forwardPasswordKey(target), u"forward/https://relay@hooks.test/in"_qs);
        const QHash<QString, QByteArray> passwords = forwardPasswords(profile);
        QCOMPARE(passwords.size(), 1);
        QCOMPARE(passwords.value(forwardPasswordKey(target)), QByteArray("pw-FAKE-4"));
        QVERIFY(forwardPasswords(loaded).isEmpty()); // *** is no password to keep
    }

    void aHandEditedBadEntryIsDroppedNotUsed()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        settings.beginWriteArray(QStringLiteral("receiver/endpoints"), 3);
        settings.setArrayIndex(0);
        settings.setValue(QStringLiteral("name"), QStringLiteral("good"));
        settings.setValue(QStringLiteral("pathPrefix"), QStringLiteral("/good"));
        settings.setArrayIndex(1);
        settings.setValue(QStringLiteral("name"), QStringLiteral("no-slash"));
        settings.setValue(QStringLiteral("pathPrefix"), QStringLiteral("bad"));
        settings.setArrayIndex(2);
        settings.setValue(QStringLiteral("name"), QStringLiteral("good"));
        settings.setValue(QStringLiteral("pathPrefix"), QStringLiteral("/again"));
        settings.endArray();
        settings.setValue(QStringLiteral("receiver/defaultResponse/status"), 9999);
        settings.setValue(QStringLiteral("receiver/forwardTargets"),
                          QStringList {QStringLiteral("file:///etc/passwd"),
                                       QStringLiteral("https://example.test/hook")});
        const ReceiverProfile loaded = loadReceiverProfile(settings);
        QCOMPARE(loaded.endpoints.size(), 1);
        QCOMPARE(loaded.endpoints.first().name, QStringLiteral("good"));
        QCOMPARE(loaded.defaultResponse.status, 200);
        QCOMPARE(loaded.forwardTargets.size(), 1);
    }

    void endpointProblems_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("prefix");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("headerValue");
        QTest::addColumn<QString>("expected");
        QTest::newRow("fine") << "stripe" << QByteArray("/stripe") << 200 << QByteArray("v")
                              << QString();
        QTest::newRow("no name") << " " << QByteArray("/x") << 200 << QByteArray("v")
                                 << "needs a name";
        QTest::newRow("reserved") << "imported" << QByteArray("/x") << 200 << QByteArray("v")
                                  << "imported";
        QTest::newRow("relative") << "a" << QByteArray("x") << 200 << QByteArray("v")
                                  << "must start with '/'";
        QTest::newRow("catch-all prefix")
            << "a" << QByteArray("/") << 200 << QByteArray("v") << "catch-all";
        QTest::newRow("query") << "a" << QByteArray("/x?y") << 200 << QByteArray("v") << "'?'";
        QTest::newRow("status") << "a" << QByteArray("/x") << 99 << QByteArray("v") << "200 to 599";
        QTest::newRow("split") << "a" << QByteArray("/x") << 200 << QByteArray("v\r\nSet: 1")
                               << "CR, LF or NUL";
    }

    void endpointProblems()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, prefix);
        QFETCH(int, status);
        QFETCH(QByteArray, headerValue);
        QFETCH(QString, expected);
        http::EndpointConfig endpoint;
        endpoint.name = name;
        endpoint.pathPrefix = prefix;
        endpoint.response.status = status;
        endpoint.response.headers = {{"X-Test", headerValue}};
        const QString problem = endpointProblem(endpoint, {});
        if (expected.isEmpty())
            QCOMPARE(problem, QString());
        else
            QVERIFY2(problem.contains(expected), qPrintable(problem));
    }

    void clashesAreNamed()
    {
        http::EndpointConfig a;
        a.name = QStringLiteral("a");
        a.pathPrefix = "/a";
        http::EndpointConfig b = a;
        b.name = QStringLiteral("b");
        const QList<http::EndpointConfig> both {a, b};
        QVERIFY(endpointProblem(both.at(1), both).contains(QStringLiteral("both claim /a")));
        b.pathPrefix = "/b";
        b.name = QStringLiteral("a");
        const QList<http::EndpointConfig> sameName {a, b};
        QVERIFY(
            endpointProblem(sameName.at(1), sameName).contains(QStringLiteral("two endpoints")));
    }

    void headerLinesParseOrSayWhichLine()
    {
        HeaderList headers;
        QString error;
        QVERIFY(parseHeaderLines(QStringLiteral("A: 1\r\n\nb:two words \nA: 3"), &headers, &error));
        QCOMPARE(headers.size(), 3);
        QCOMPARE(headers.at(1).name, QByteArray("b"));
        QCOMPARE(headers.at(1).value, QByteArray("two words"));
        QCOMPARE(formatHeaderLines(headers), QStringLiteral("A: 1\nb: two words\nA: 3"));
        QVERIFY(!parseHeaderLines(QStringLiteral("A: 1\nno colon"), &headers, &error));
        QVERIFY2(error.contains(QStringLiteral("line 2")), qPrintable(error));
        QVERIFY(!parseHeaderLines(QStringLiteral("Bad Name: 1"), &headers, &error));
        QVERIFY(!parseHeaderLines(QStringLiteral(": 1"), &headers, &error));
    }

    void aTargetOnTheReceiversOwnPortLoops()
    {
        QVERIFY(Forwarder::loopsBack(QUrl(QStringLiteral("http://127.0.0.1:8787/x")), 8787));
        QVERIFY(Forwarder::loopsBack(QUrl(QStringLiteral("http://LOCALHOST:8787/")), 8787));
        QVERIFY(Forwarder::loopsBack(QUrl(QStringLiteral("http://[::1]:8787/")), 8787));
        QVERIFY(Forwarder::loopsBack(QUrl(QStringLiteral("http://127.0.0.1/")), 80));
        QVERIFY(!Forwarder::loopsBack(QUrl(QStringLiteral("http://127.0.0.1:3000/")), 8787));
        QVERIFY(!Forwarder::loopsBack(QUrl(QStringLiteral("http://example.test:8787/")), 8787));
        QVERIFY(!forwardTargetProblem(QUrl(QStringLiteral("ftp://x/"))).isEmpty());
        QVERIFY(!forwardTargetProblem(QUrl(QStringLiteral("http:///nohost"))).isEmpty());
        QVERIFY(forwardTargetProblem(QUrl(QStringLiteral("https://x.test/h"))).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestReceiverProfile)
#include "TestReceiverProfile.moc"
