// Verifications per second for each scheme next to raw HMAC throughput, measured in the same
// run on the same body. Not a test: run by hand through run.sh and read the table.

#include "http/Handshake.h"
#include "signing/Hmac.h"
#include "signing/Signing.h"

#include <QElapsedTimer>
#include <QTextStream>

#include <openssl/core_names.h>
#include <openssl/evp.h>

using namespace hookscope;
using namespace hookscope::signing;

namespace {

double secondsPerCase = 1.0;

// Calls `work` until the time is up; returns calls per second.
template<typename Work> double rate(Work work)
{
    QElapsedTimer timer;
    timer.start();
    qint64 calls = 0;
    const qint64 budget = qint64(secondsPerCase * 1e9);
    while (timer.nsecsElapsed() < budget) {
        for (int i = 0; i < 64; ++i)
            work();
        calls += 64;
    }
    return double(calls) * 1e9 / double(timer.nsecsElapsed());
}

// The `openssl speed -mac HMAC` way: one context, key set once, re-initialised per message.
double rawHmacRate(const QByteArray &key, const QByteArray &data)
{
    EVP_MAC *mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(mac);
    OSSL_PARAM params[]
        = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char *>("SHA256"), 0),
           OSSL_PARAM_construct_end()};
    EVP_MAC_init(ctx, reinterpret_cast<const unsigned char *>(key.data()), size_t(key.size()),
                 params);
    unsigned char out[EVP_MAX_MD_SIZE];
    size_t length = 0;
    const double result = rate([&] {
        EVP_MAC_init(ctx, nullptr, 0, nullptr);
        EVP_MAC_update(ctx, reinterpret_cast<const unsigned char *>(data.data()),
                       size_t(data.size()));
        EVP_MAC_final(ctx, out, &length, sizeof out);
    });
    EVP_MAC_CTX_free(ctx);
    EVP_MAC_free(mac);
    return result;
}

// Twilio signs form parameters, so its body is a form of about the same size.
QByteArray formBody(int size)
{
    QByteArray body;
    for (int i = 0; body.size() < size - 12; ++i)
        body += (i ? "&" : "") + QByteArray("k") + QByteArray::number(i) + "=abc";
    return body;
}

QByteArray jsonBody(int size)
{
    QByteArray body = R"({"type":"invoice.paid","data":{"id":"in_1","lines":[)";
    int i = 0;
    while (body.size() < size - 40)
        body
            += (i++ ? "," : "") + QByteArray(R"({"n":)") + QByteArray::number(i) + R"(,"x":"abc"})";
    body += "]}}";
    return body;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc > 1)
        secondsPerCase = QByteArray(argv[1]).toDouble();
    QTextStream out(stdout);
    const QByteArray secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const struct {
        const char *scheme;
        QByteArray secret;
    } cases[] = {{"x-signature", secret},
                 {"github", secret},
                 {"patreon", secret},
                 {"shopify", secret},
                 {"stripe", secret},
                 {"slack", secret},
                 {"standard-webhooks", secret},
                 {"standard-webhooks", "whsk_nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A="},
                 {"twilio", secret}};

    out << QStringLiteral("%1 %2 %3 %4 %5\n")
               .arg(QStringLiteral("scheme"), -22)
               .arg(QStringLiteral("body"), 7)
               .arg(QStringLiteral("verify/s"), 11)
               .arg(QStringLiteral("raw HMAC/s"), 11)
               .arg(QStringLiteral("verify/raw"), 10);
    for (int size : {256, 1024, 16384}) {
        const QByteArray body = jsonBody(size);
        const double raw = rawHmacRate(secret, body);
        const double oneShot = rate([&] { hmac(HashAlgorithm::Sha256, secret, body); });
        out << QStringLiteral("%1 %2 %3 %4 %5\n")
                   .arg(QStringLiteral("(signing::hmac one-shot)"), -22)
                   .arg(body.size(), 7)
                   .arg(oneShot, 11, 'f', 0)
                   .arg(raw, 11, 'f', 0)
                   .arg(oneShot / raw, 10, 'f', 2);
        for (const auto &c : cases) {
            SignOptions signOptions;
            signOptions.url = QStringLiteral("https://example.test/hook");
            signOptions.timestamp = 1700000000;
            const QByteArray signedBody = QByteArray(c.scheme) == "twilio" ? formBody(size) : body;
            const SignResult signature
                = sign(QString::fromLatin1(c.scheme), c.secret, signedBody, signOptions);
            VerifyOptions options;
            options.url = signOptions.url;
            options.now = 1700000000;
            QByteArray verifySecret = c.secret;
            const double verifications = rate([&] {
                const Verdict verdict = verify(QString::fromLatin1(c.scheme), verifySecret,
                                               signature.headers, signedBody, options);
                if (!verdict.isValid())
                    qFatal("benchmark case did not verify");
            });
            QString label = QString::fromLatin1(c.scheme);
            if (c.secret.startsWith("whsk_"))
                label += QStringLiteral(" v1a");
            out << QStringLiteral("%1 %2 %3 %4 %5\n")
                       .arg(label, -22)
                       .arg(signedBody.size(), 7)
                       .arg(verifications, 11, 'f', 0)
                       .arg(raw, 11, 'f', 0)
                       .arg(verifications / raw, 10, 'f', 2);
        }
        // The receiver asks every request whether it is a URL check. An event never names
        // url_verification: a substring search. One that does (in a text field) is parsed.
        for (const bool namesIt : {false, true}) {
            Capture capture;
            capture.method = "POST";
            capture.target = "/hook";
            capture.body = body;
            if (namesIt)
                capture.body.insert(1, R"("text":"see url_verification",)");
            const double checks = rate([&] {
                if (http::answerHandshake(capture))
                    qFatal("an event was taken for a handshake");
            });
            out << QStringLiteral("%1 %2 %3 %4 %5\n")
                       .arg(namesIt ? QStringLiteral("handshake? (parsed)")
                                    : QStringLiteral("handshake? (event)"),
                            -22)
                       .arg(capture.body.size(), 7)
                       .arg(checks, 11, 'f', 0)
                       .arg(raw, 11, 'f', 0)
                       .arg(checks / raw, 10, 'f', 2);
        }
        // A failing verification runs the diagnosis: dozens of HMACs and re-serializations.
        const SignResult signature = sign(QStringLiteral("x-signature"), secret, body);
        const double diagnoses = rate(
            [&] { verify(QStringLiteral("x-signature"), "fake-wrong", signature.headers, body); });
        out << QStringLiteral("%1 %2 %3 %4 %5\n")
                   .arg(QStringLiteral("invalid + diagnosis"), -22)
                   .arg(body.size(), 7)
                   .arg(diagnoses, 11, 'f', 0)
                   .arg(raw, 11, 'f', 0)
                   .arg(diagnoses / raw, 10, 'f', 3);
        out.flush();
    }
    return 0;
}
