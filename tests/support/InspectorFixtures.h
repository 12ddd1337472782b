#pragma once

#include "http/Capture.h"

namespace hookscope::test {

// A Patreon "pledges:create" delivery as the receiver would store it, with the JSON:API body
// from tests/data/json/patreon-pledge.json (creator, patron and reward in "included").
Capture patreonPledgeCapture();
// A POST refused as malformed (no Host header): its body is the 46 bytes that arrived, head
// included, with the parser's error and the 400 it was answered with.
Capture malformedNoHostCapture();

// The headers Patreon would sign `body` with for a pledges:create event.
HeaderList patreonSignatureHeaders(const QByteArray &body, const QByteArray &secret);
// A raw HTTP/1.1 POST of `body` to `target`, signed as Patreon does.
QByteArray signedPatreonRequest(const QByteArray &target, const QByteArray &body,
                                const QByteArray &secret);
// A raw HTTP/1.1 POST of a JSON `body` to `target`, signed by signing::sign with `scheme`.
QByteArray signedRequest(const QString &scheme, const QByteArray &secret, const QByteArray &target,
                         const QByteArray &body);
// The port of a receiver URL such as http://127.0.0.1:41234.
quint16 portOfUrl(const QString &url);

} // namespace hookscope::test
