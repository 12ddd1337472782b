#pragma once

#include "cli/Command.h"
#include "compose/OrderedJson.h"
#include "compose/SendTypes.h"

namespace hookscope::cli {

// How `send` and `replay` show what came back, so both read the same.

// "12.34" (two decimals under 10 ms, one above).
QString milliseconds(qint64 us);
compose::JsonValue millisecondsJson(qint64 us);
// [[name, value], ...] in order.
compose::JsonValue headersJson(const HeaderList &headers);
// "body" when the bytes are UTF-8, else "body_base64".
void putBody(compose::JsonValue &object, const QByteArray &body);
// {"status", "reason", "headers", "body"|"body_base64", "duration_ms"}
compose::JsonValue responseJson(const compose::SendResult &result);
// "HTTP 200 OK", the headers, a blank line, then the body's exact bytes.
void printResponse(CommandIo &io, const compose::SendResult &result);

} // namespace hookscope::cli
