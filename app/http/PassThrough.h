#pragma once

#include "http/Capture.h"
#include "http/HttpResponse.h"

#include <functional>

namespace hookscope::http {

// Pass-through: the sender gets what the first forward target answered instead of the
// configured answer, so a provider that reads the answer (Slack's interactivity and slash
// commands, Discord's interactions, Slack's and Zoom's URL checks) talks to the user's own
// server through Hookscope. The request is stored first, as every other: only then is it sent
// on. Requests the receiver refuses itself (malformed, too large, a rejected signature) are
// answered by it and not sent to that target.
using PassThroughReply = std::function<void(const HttpResponse &)>; // any thread, once

struct PassThroughHooks {
    // Any thread: whether requests are passed through now (read at each request).
    std::function<bool()> active;
    // On a connection's thread, once `stored` is committed (it has its id): send it on and
    // call reply with the answer for the sender, from any thread. A reply that comes after the
    // receiver gave up waiting (ReceiverConfig::passThroughTimeoutMs) is dropped.
    std::function<void(const Capture &stored, PassThroughReply reply)> ask;
    // On a connection's thread: what went out to the sender (the target's answer, or the
    // receiver's 502, 503 or 504 when none came), headers as sent; to be stored in place of
    // the answer the capture was stored without.
    std::function<void(qint64 captureId, const HttpResponse &sent)> answered;

    bool isActive() const { return active && ask && active(); }
};

// The answer for the sender from a target's result: its status, headers and body, less the
// headers that belong to one connection (Connection, Keep-Alive, Transfer-Encoding, …: the
// receiver frames its own answer). When no answer came: 504 after a timeout, else 502, with
// the reason and the stored request's id.
HttpResponse passThroughResponse(const ForwardResult &result, qint64 captureId);

} // namespace hookscope::http
