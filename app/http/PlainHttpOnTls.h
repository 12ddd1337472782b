#pragma once

#include <QByteArray>
#include <QString>

#include <functional>

namespace hookscope::http {

// A sender that posts plain HTTP to an HTTPS receiver (a URL written with http://) would
// otherwise see the connection close with no answer ("Empty reply from server"). OpenSSL
// names the mistake when the handshake fails, before sending any alert, so the receiver can
// still answer in plain HTTP, as nginx does, and say which URL to use.

// Something the receiver says about a peer that is not a stored request. Called on a server
// thread.
using NoticeHook = std::function<void(const QString &)>;

// Whether a failed TLS handshake's error says the peer spoke plain HTTP (OpenSSL's
// "http request", or "wrong version number" for methods it does not recognise).
bool isPlainHttpHandshakeError(const QString &handshakeError);

// The whole plain-HTTP answer, a 400 that closes, naming `httpsUrl` as the URL to use.
QByteArray plainHttpOnTlsAnswer(const QString &httpsUrl);

} // namespace hookscope::http
