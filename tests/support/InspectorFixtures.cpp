#include "InspectorFixtures.h"

#include "TestConfig.h"
#include "signing/Signing.h"

#include <QFile>

namespace hookscope::test {

Capture patreonPledgeCapture()
{
    QFile file(QStringLiteral(HOOKSCOPE_TEST_DATA_DIR "/json/patreon-pledge.json"));
    Capture capture;
    capture.id = 42;
    capture.method = "POST";
    capture.target = "/hooks/patreon?source=webhook&attempt=1";
    capture.headers = {{"Host", "127.0.0.1:8080"},
                       {"User-Agent", "Patreon HTTP Robot"},
                       {"Content-Type", "application/json"},
                       {"X-Patreon-Event", "pledges:create"},
                       {"X-Patreon-Signature", "0123456789abcdef0123456789abcdef"},
                       {"Accept-Encoding", "gzip"},
                       {"accept-encoding", "identity"}};
    if (file.open(QIODevice::ReadOnly))
        capture.body = file.readAll();
    capture.remoteAddress = QStringLiteral("127.0.0.1");
    capture.remotePort = 51234;
    capture.receivedAtUs = 1763900000000000;
    capture.durationUs = 850;
    capture.endpoint = QStringLiteral("patreon");
    capture.responseStatus = 200;
    capture.responseHeaders = {{"Content-Type", "application/json"}, {"Content-Length", "11"}};
    capture.responseBody = "{\"ok\":true}";
    capture.signature = {QStringLiteral("patreon"), QStringLiteral("valid"), QString()};
    return capture;
}

Capture malformedNoHostCapture()
{
    Capture capture;
    capture.method = "POST";
    capture.target = "/nohost";
    capture.headers = {{"Content-Length", "2"}};
    capture.body = "POST /nohost HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi";
    capture.malformed = true;
    capture.parseError = QStringLiteral("HTTP/1.1 request without a Host header");
    capture.responseStatus = 400;
    capture.receivedAtUs = 1795441046000000;
    return capture;
}

HeaderList patreonSignatureHeaders(const QByteArray &body, const QByteArray &secret)
{
    signing::SignOptions options;
    options.event = "pledges:create";
    return signing::sign(QStringLiteral("patreon"), secret, body, options).headers;
}

QByteArray signedPatreonRequest(const QByteArray &target, const QByteArray &body,
                                const QByteArray &secret)
{
    QByteArray request
        = "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    for (const HeaderField &field : patreonSignatureHeaders(body, secret))
        request += field.name + ": " + field.value + "\r\n";
    request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    return request;
}

QByteArray signedRequest(const QString &scheme, const QByteArray &secret, const QByteArray &target,
                         const QByteArray &body)
{
    QByteArray request
        = "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    for (const HeaderField &field : signing::sign(scheme, secret, body).headers)
        request += field.name + ": " + field.value + "\r\n";
    return request + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

quint16 portOfUrl(const QString &url)
{
    return quint16(url.section(u':', -1).toUInt());
}

} // namespace hookscope::test
