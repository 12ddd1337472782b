#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace hookscope::store {

// The text of bytes that are valid UTF-8, or nothing. An initial byte-order mark stays in the
// text as U+FEFF (Qt skips it by default), and the text must encode back to the same bytes.
std::optional<QString> strictUtf8(const QByteArray &bytes);

// Readable text of any bytes: the UTF-8 that is valid, U+FFFD for each byte that is not. It is
// lossy, so wherever strictUtf8() fails the exact bytes go beside it as base64.
QString lossyUtf8(const QByteArray &bytes);

} // namespace hookscope::store
