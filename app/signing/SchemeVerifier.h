#pragma once

#include "signing/Scheme.h"

namespace hookscope::signing {

// The verification pipeline every scheme shares: parse the headers, check for a secret,
// compute and compare the MAC in constant time, check the timestamp, then diagnose a mismatch.
Verdict verifyWithScheme(const Scheme &scheme, const QByteArray &secret, const HeaderList &headers,
                         const QByteArray &body, const VerifyOptions &options);

// Signs `body` with `scheme`: the headers to send.
SignResult signWithScheme(const Scheme &scheme, const QByteArray &secret, const QByteArray &body,
                          const SignOptions &options);

} // namespace hookscope::signing
