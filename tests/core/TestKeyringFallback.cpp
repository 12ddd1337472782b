#include "secrets/SecretFile.h"
#include "secrets/SecretStore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {

// A secret value made up for the test; it is compared with QVERIFY so a failure never prints it.
const QByteArray kSecret = QByteArrayLiteral("test-only-secret-\x01\x02 with bytes");

bool storeAndWait(SecretStore &store, const QString &key, const QByteArray &secret, QString *error)
{
    bool finished = false;
    bool ok = false;
    store.store(key, secret, [&](bool success, const QString &message) {
        finished = true;
        ok = success;
        *error = message;
    });
    if (!QTest::qWaitFor([&] { return finished; }, 20000))
        return false;
    return ok;
}

std::optional<QByteArray> loadAndWait(SecretStore &store, const QString &key, QString *error)
{
    bool finished = false;
    std::optional<QByteArray> value;
    store.load(key, [&](std::optional<QByteArray> secret, const QString &message) {
        finished = true;
        value = std::move(secret);
        *error = message;
    });
    if (!QTest::qWaitFor([&] { return finished; }, 20000))
        return std::nullopt;
    return value;
}

} // namespace

class TestKeyringFallback final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // No session bus: QtKeychain cannot reach a keyring, as on a headless machine. This also
        // guarantees the test never writes into a developer's real keyring.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/hookscope-test-bus");
        qunsetenv("HOOKSCOPE_SECRET_BACKEND");
        QFile::remove(SecretStore::fallbackFilePath());
    }

    void fallsBackToAnOwnerOnlyFileWithOneNotice()
    {
        SecretStore store;
        QSignalSpy notice(&store, &SecretStore::fellBackToFile);
        QString error;
        QVERIFY2(storeAndWait(store, QStringLiteral("endpoint/patreon"), kSecret, &error),
                 qPrintable(error));
        QCOMPARE(store.backend(), SecretStore::Backend::File);
        QCOMPARE(notice.count(), 1);

        QFile file(SecretStore::fallbackFilePath());
        QVERIFY(file.exists());
        QCOMPARE(file.permissions()
                     & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
                        | QFileDevice::WriteOther),
                 QFileDevice::Permissions());

        QVERIFY(storeAndWait(store, QStringLiteral("endpoint/github"), "another", &error));
        QCOMPARE(notice.count(), 1);
        const auto loaded = loadAndWait(store, QStringLiteral("endpoint/patreon"), &error);
        QVERIFY(loaded.has_value());
        QVERIFY(*loaded == kSecret);
    }

    void missingKeyIsNotAnError()
    {
        SecretStore store;
        QString error = QStringLiteral("unset");
        QVERIFY(!loadAndWait(store, QStringLiteral("no/such/key"), &error).has_value());
        QVERIFY(error.isEmpty());
    }

    void removeDeletesOnlyThatKey()
    {
        SecretStore store;
        QString error;
        QVERIFY(storeAndWait(store, QStringLiteral("a"), "one", &error));
        QVERIFY(storeAndWait(store, QStringLiteral("b"), "two", &error));
        bool finished = false;
        store.remove(QStringLiteral("a"), [&](bool ok, const QString &) { finished = ok; });
        QTRY_VERIFY(finished);
        QVERIFY(!loadAndWait(store, QStringLiteral("a"), &error).has_value());
        QCOMPARE(loadAndWait(store, QStringLiteral("b"), &error), std::optional<QByteArray>("two"));
    }

    void corruptFileIsReportedNotOverwritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("secrets.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{not json");
        file.close();

        SecretFile secrets(path);
        QString error;
        QVERIFY(!secrets.write(QStringLiteral("k"), "v", &error));
        QVERIFY(error.contains(QStringLiteral("not a valid secrets file")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("{not json"));
    }
};

QTEST_GUILESS_MAIN(TestKeyringFallback)
#include "TestKeyringFallback.moc"
