#include "signing/Hmac.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTest>

#include <cstdio>
#include <cstdlib>
#include <openssl/evp.h>
#include <openssl/rand.h>

// OpenSSL must stay usable while the process ends: Qt's network threads can still be finishing
// a handshake then (see app/core/OpenSslAtExit.cpp). The probe is this same program run again:
// an exit handler registered before OpenSSL starts runs after OpenSSL's own would have, and
// uses OpenSSL there, as a late network thread does.

namespace {

constexpr char kProbeArgument[] = "--use-openssl-while-exiting";

void useOpenSslWhileExiting()
{
    unsigned char random[16];
    const int randomOk = RAND_bytes(random, sizeof random);
    unsigned char mac[EVP_MAX_MD_SIZE];
    size_t macLength = 0;
    const unsigned char key[] = "key", data[] = "data";
    const bool macOk = EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key, 3, data, 4, mac,
                                 sizeof mac, &macLength)
        != nullptr;
    std::printf("while exiting: random %s, hmac %s\n", randomOk == 1 ? "ok" : "failed",
                macOk && macLength == 32 ? "ok" : "failed");
    std::fflush(stdout);
}

int runProbe()
{
    std::atexit(useOpenSslWhileExiting);
    // Start OpenSSL the way the app does, through the signing code.
    const QByteArray mac
        = hookscope::signing::hmac(hookscope::signing::HashAlgorithm::Sha256, "key", "data");
    std::printf("before exit: hmac %s\n", mac.size() == 32 ? "ok" : "failed");
    return 0;
}

} // namespace

class TestOpenSslAtExit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void openSslStillWorksWhileTheProcessExits()
    {
        QProcess probe;
        probe.start(QCoreApplication::applicationFilePath(), {QString::fromLatin1(kProbeArgument)});
        QVERIFY(probe.waitForFinished(30000));
        const QByteArray errors = probe.readAllStandardError();
        // Before the fix, OpenSSL crashed here on a lock it had already freed.
        QCOMPARE(probe.exitStatus(), QProcess::NormalExit);
        QVERIFY2(probe.exitCode() == 0, errors.constData());
        QCOMPARE(probe.readAllStandardOutput(),
                 QByteArray("before exit: hmac ok\nwhile exiting: random ok, hmac ok\n"));
    }
};

int main(int argc, char **argv)
{
    if (argc > 1 && qstrcmp(argv[1], kProbeArgument) == 0)
        return runProbe();
    QCoreApplication app(argc, argv);
    TestOpenSslAtExit test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestOpenSslAtExit.moc"
