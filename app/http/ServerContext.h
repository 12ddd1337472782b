#pragma once

#include "http/Handshake.h"
#include "http/PassThrough.h"
#include "http/PlainHttpOnTls.h"
#include "http/ReceiverConfig.h"

#include <QSslConfiguration>

#include <atomic>
#include <functional>

namespace hookscope::store {
class RequestStore;
}

namespace hookscope::http {

// Decides the signature verdict of a capture before it is stored. Called on a server thread,
// so it must be thread-safe. Unset: "unsigned" without a signature header, else "no-secret".
using VerdictHook = std::function<StoredVerdict(const Capture &)>;

// What every connection of one running server shares; read-only while the server runs except
// for the counters.
struct ServerContext {
    ReceiverConfig config;
    store::RequestStore *store = nullptr;
    VerdictHook verdictHook;
    SecretHook secretHook; // for handshakes that prove the secret is known (Zoom, X)
    PassThroughHooks passThrough; // answering with a forward target's answer
    NoticeHook notice; // what the user should hear about a peer; may be unset
    QSslConfiguration ssl; // used when config.tls
    std::atomic<int> openConnections {0};
    // Spare descriptors held by connections with answers pending, and how many may be.
    std::atomic<int> spareDescriptors {0};
    int spareDescriptorBudget = 0;
};

} // namespace hookscope::http
