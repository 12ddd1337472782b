#include "ZoomRequests.h"

#include <QDateTime>
#include <QMessageAuthenticationCode>

namespace hookscope::test {

QByteArray zoomUrlCheckBody(const QByteArray &token)
{
    return R"({"payload":{"plainToken":")" + token
        + R"("},"event_ts":1654503849680,"event":"endpoint.url_validation"})";
}

QByteArray signedZoomRequest(const QByteArray &target, const QByteArray &body,
                             const QByteArray &secret)
{
    const QByteArray timestamp = QByteArray::number(QDateTime::currentSecsSinceEpoch());
    const QByteArray signature
        = QMessageAuthenticationCode::hash("v0:" + timestamp + ':' + body, secret,
                                           QCryptographicHash::Sha256)
              .toHex();
    return "POST " + target
        + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
          "\r\nx-zm-request-timestamp: "
        + timestamp + "\r\nx-zm-signature: v0=" + signature
        + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QByteArray zoomEncryptedToken(const QByteArray &token, const QByteArray &secret)
{
    return QMessageAuthenticationCode::hash(token, secret, QCryptographicHash::Sha256).toHex();
}

} // namespace hookscope::test
