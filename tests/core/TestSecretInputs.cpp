#include "cli/InputFiles.h"
#include "signing/CommandLineInputs.h"
#include "signing/Signing.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::signing;

// How a pasted secret is recognised and described, and how the command line reads secrets,
// headers and bodies.
class TestSecretInputs final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void describesSecretFormats_data()
    {
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("nameContains");
        QTest::addColumn<QString>("usageContains");
        QTest::newRow("whsec for standard webhooks")
            << QByteArray("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
            << QStringLiteral("standard-webhooks") << int(SecretFormat::Whsec)
            << QStringLiteral("24-byte key") << QStringLiteral("base64-decoded");
        QTest::newRow("whsec for stripe")
            << QByteArray("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") << QStringLiteral("stripe")
            << int(SecretFormat::Whsec) << QStringLiteral("whsec_") << QStringLiteral("as typed");
        QTest::newRow("whsec without scheme")
            << QByteArray("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") << QString()
            << int(SecretFormat::Whsec) << QStringLiteral("base64")
            << QStringLiteral("Stripe included");
        QTest::newRow("hex") << QByteArray("8f742231b10e8888abcd99aa85a5ffee")
                             << QStringLiteral("slack") << int(SecretFormat::Hex)
                             << QStringLiteral("hex (32 digits)")
                             << QStringLiteral("hex text itself is the key");
        QTest::newRow("discord public key")
            << QByteArray("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
            << QStringLiteral("discord") << int(SecretFormat::Hex)
            << QStringLiteral("hex (64 digits)") << QStringLiteral("Hex-decoded into the Ed25519");
        QTest::newRow("plain") << QByteArray("It's a Secret to Everybody")
                               << QStringLiteral("github") << int(SecretFormat::Plain)
                               << QStringLiteral("plain text (26 bytes)")
                               << QStringLiteral("as typed");
        QTest::newRow("one byte") << QByteArray("Q") << QStringLiteral("github")
                                  << int(SecretFormat::Plain)
                                  << QStringLiteral("plain text (1 byte)")
                                  << QStringLiteral("as typed");
        QTest::newRow("public key")
            << QByteArray("whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")
            << QStringLiteral("standard-webhooks") << int(SecretFormat::Ed25519PublicKey)
            << QStringLiteral("public key") << QStringLiteral("cannot sign");
        QTest::newRow("private key")
            << QByteArray("whsk_nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=")
            << QStringLiteral("standard-webhooks") << int(SecretFormat::Ed25519PrivateKey)
            << QStringLiteral("private key") << QStringLiteral("Signs");
        QTest::newRow("empty") << QByteArray() << QString() << int(SecretFormat::Empty)
                               << QStringLiteral("empty") << QStringLiteral("No secret");
    }

    void describesSecretFormats()
    {
        QFETCH(QByteArray, secret);
        QFETCH(QString, scheme);
        QFETCH(int, format);
        QFETCH(QString, nameContains);
        QFETCH(QString, usageContains);
        const SecretDescription description = describeSecret(secret, scheme);
        QCOMPARE(int(description.format), format);
        QVERIFY2(description.formatName.contains(nameContains), qPrintable(description.formatName));
        QVERIFY2(description.usage.contains(usageContains), qPrintable(description.usage));
        // A description never quotes the secret.
        if (!secret.isEmpty()) {
            QVERIFY(!description.formatName.contains(QString::fromUtf8(secret)));
            QVERIFY(!description.usage.contains(QString::fromUtf8(secret)));
        }
    }

    void warnsAboutLikelyMistakes()
    {
        QVERIFY(!describeSecret("fake-secret-value\n").warnings.isEmpty());
        QVERIFY(!describeSecret("whsec_***not base64***").warnings.isEmpty());
        QVERIFY(!describeSecret("whpk_AAAA").warnings.isEmpty());
        QVERIFY(!describeSecret("whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
                                QStringLiteral("stripe"))
                     .warnings.isEmpty());
        QVERIFY(!describeSecret("abc").warnings.isEmpty());
        QVERIFY(describeSecret("a-perfectly-fine-secret").warnings.isEmpty());
    }

    // Review: verify --scheme stripe with a whsec_ secret warned that Standard Webhooks cannot
    // decode it; Stripe uses it as typed, so that warning belongs to Standard Webhooks only.
    void aWhsecWarningOnlyWhereItIsDecoded()
    {
        const QByteArray secret = "whsec_fake!stripe!secret"; // made up, not base64
        for (const char *scheme : {"stripe", "x-signature", "github"}) {
            const SecretDescription description
                = describeSecret(secret, QString::fromLatin1(scheme));
            QVERIFY2(!description.warnings.join(u' ').contains(u"Standard Webhooks"), scheme);
        }
        QVERIFY(describeSecret(secret, QStringLiteral("standard-webhooks"))
                    .warnings.join(u' ')
                    .contains(u"Standard Webhooks cannot decode it"));
    }

    void secretFileLosesOneFinalNewline_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QByteArray>("secret");
        QTest::newRow("no newline") << QByteArray("fake-a") << QByteArray("fake-a");
        QTest::newRow("LF") << QByteArray("fake-a\n") << QByteArray("fake-a");
        QTest::newRow("CRLF") << QByteArray("fake-a\r\n") << QByteArray("fake-a");
        QTest::newRow("two newlines") << QByteArray("fake-a\n\n") << QByteArray("fake-a\n");
        QTest::newRow("inner spaces kept") << QByteArray(" fake a \n") << QByteArray(" fake a ");
    }

    void secretFileLosesOneFinalNewline()
    {
        QFETCH(QByteArray, content);
        QFETCH(QByteArray, secret);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("secret"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        const SecretResult result = readSecret({{}, false, path});
        QVERIFY(result.ok);
        QVERIFY(result.secret == secret); // QVERIFY: never print secrets, even fake ones
    }

    void secretSources()
    {
        qputenv("HOOKSCOPE_SECRET", "fake-from-env");
        QVERIFY(readSecret({}).secret == "fake-from-env");
        QVERIFY(readSecret({QStringLiteral("fake-inline"), true, {}}).secret == "fake-inline");
        const SecretResult both = readSecret({QStringLiteral("x"), true, QStringLiteral("/tmp/y")});
        QVERIFY(!both.ok);
        QVERIFY(both.error.contains(u"not both"));
        qunsetenv("HOOKSCOPE_SECRET");
        QVERIFY(readSecret({}).ok);
        QVERIFY(readSecret({}).secret.isEmpty());
        const SecretResult missing = readSecret({{}, false, QStringLiteral("/nonexistent/secret")});
        QVERIFY(!missing.ok);
    }

    void headerLinesAsSignPrintsThem()
    {
        QString error;
        const auto block = parseHeaderBlock("# comment\r\nStripe-Signature: t=1,v1=ab\r\n\r\n"
                                            "X-Empty:\nX-Colon: a: b\n",
                                            &error);
        QVERIFY2(block, qPrintable(error));
        const HeaderList &headers = block->headers;
        QCOMPARE(headers.size(), 3);
        QCOMPARE(headers.at(0), (HeaderField {"Stripe-Signature", "t=1,v1=ab"}));
        QCOMPARE(headers.at(1), (HeaderField {"X-Empty", ""}));
        QCOMPARE(headers.at(2), (HeaderField {"X-Colon", "a: b"}));
        QVERIFY(!block->bodyFollows);
        QVERIFY(!parseHeaderBlock("no colon here\n", &error));
        QVERIFY(!parseHeaderBlock(": value\n", &error));
        QVERIFY(!parseHeaderBlock("Bad Name: value\n", &error));
    }

    // A raw request's head, as pasted from a capture: the request line is kept aside, the
    // blank line ends the head, and a body after it is noticed.
    void headerBlockOfARawRequest()
    {
        QString error;
        const auto raw = parseHeaderBlock("POST /hooks?x=1 HTTP/1.1\r\nHost: a\r\nX-Sig: ab\r\n\r\n"
                                          "X-Not-A-Header: in the body\r\n",
                                          &error);
        QVERIFY2(raw, qPrintable(error));
        QCOMPARE(raw->requestLine, QByteArray("POST /hooks?x=1 HTTP/1.1"));
        QCOMPARE(raw->headers, (HeaderList {{"Host", "a"}, {"X-Sig", "ab"}}));
        QVERIFY(raw->bodyFollows);
        // Without a request line, a body that is not a header line ends the head too.
        const auto pasted = parseHeaderBlock("X-Sig: ab\n\n{\n  \"a\": 1\n}\n", &error);
        QVERIFY2(pasted, qPrintable(error));
        QCOMPARE(pasted->headers, (HeaderList {{"X-Sig", "ab"}}));
        QVERIFY(pasted->bodyFollows);
        QVERIFY(parseHeaderBlock("GET / HTTP/2\nHost: a\n", &error));
        QVERIFY(!parseHeaderBlock("X-Sig: ab\nGET / HTTP/1.1\n", &error));
        QVERIFY2(error.startsWith(u"line 2: "), qPrintable(error));
        QVERIFY(!parseHeaderBlock("HTTP/1.1 200 OK\nA: b\n", &error));
        QVERIFY(!parseHeaderBlock("A: b\n  folded\n", &error));
        QVERIFY2(error.contains(u"obsolete folding"), qPrintable(error));
    }

    void bodyBytesAreKeptExactly()
    {
        QByteArray stdinBytes("line\r\n\x00tail\n", 12);
        QBuffer buffer(&stdinBytes);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        const cli::InputResult fromStdin = cli::readBodyInput(QStringLiteral("-"), &buffer);
        QVERIFY(fromStdin.ok());
        QCOMPARE(fromStdin.bytes, stdinBytes);
        QVERIFY(!cli::readBodyInput(QStringLiteral("-"), nullptr).ok());
        QVERIFY(!cli::readBodyInput(QStringLiteral("/nonexistent/body"), nullptr).ok());
    }
};

QTEST_GUILESS_MAIN(TestSecretInputs)
#include "TestSecretInputs.moc"
