#pragma once

#include <QByteArrayView>

namespace hookscope::http {

// RFC 9110 token: what a method and a header name must be made of, and nothing else.
bool isToken(QByteArrayView text);

// CR, LF or NUL in a header value would end the field early or inject another one.
bool breaksFieldValue(QByteArrayView value);

} // namespace hookscope::http
