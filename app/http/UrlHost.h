#pragma once

#include <QHostAddress>
#include <QString>

namespace hookscope::http {

// An address as a URL's host: IPv6 in brackets ("[::1]"), IPv4 as it is.
inline QString urlHost(const QHostAddress &address)
{
    return address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']'
                                                               : address.toString();
}

} // namespace hookscope::http
