#pragma once

#include "http/CaptureServer.h"
#include "store/RequestStore.h"

#include <QTemporaryDir>

#include <functional>
#include <memory>

namespace hookscope::test {

// A receiver on a free loopback port over a store in a temporary directory, as the receiver's
// socket tests start one per case. Failing to start is fatal: no case can go on without it.
class ReceiverFixture final
{
public:
    ReceiverFixture() = default;
    ~ReceiverFixture() { close(); }
    ReceiverFixture(const ReceiverFixture &) = delete;
    ReceiverFixture &operator=(const ReceiverFixture &) = delete;

    // Opens the store alone (receiver.sqlite in the directory), for cases that start their own
    // server or need store options.
    store::RequestStore *openStore(const store::StoreOptions &options = {});
    // Opens the store unless it is open, then starts a server on a free port once `prepare`
    // has set its hooks. Returns the port.
    quint16 start(http::ReceiverConfig config = {},
                  const std::function<void(http::CaptureServer &)> &prepare = {});
    // start() over HTTPS with the self-signed certificate the receiver makes in the directory,
    // whose path certificatePath() then gives.
    quint16 startTls();
    QString certificatePath() const { return m_certificatePath; }
    // Stops the server, then closes the store (it commits what the server handed it).
    void close();

    QTemporaryDir &dir() { return m_dir; }
    QString databasePath() const { return m_dir.filePath(QStringLiteral("receiver.sqlite")); }
    store::RequestStore *store() const { return m_store.get(); }
    http::CaptureServer *server() const { return m_server.get(); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<store::RequestStore> m_store;
    std::unique_ptr<http::CaptureServer> m_server;
    QString m_certificatePath;
};

} // namespace hookscope::test
