#pragma once

#include "http/Capture.h"

#include <QList>
#include <QMutex>
#include <QThread>
#include <QUrl>

#include <memory>

namespace hookscope::test {

// One request as the test server saw it.
struct ComposeReceived {
    QByteArray method;
    QByteArray target;
    HeaderList headers;
    QByteArray body;
    qint64 arrivedNs = 0; // steady clock, for spacing between attempts
};

class ComposeServerWorker;

// A small HTTP/1.1 server on 127.0.0.1 for the composer's tests, running in its own thread so a
// test may block (e.g. waiting for the hookscope binary) while it answers. It answers with the
// configured statuses in order (the last one repeats), or never when silent.
class ComposeTestServer final
{
public:
    // With tls, it serves HTTPS with a fresh self-signed certificate for localhost (made with the
    // openssl tool); check isListening().
    explicit ComposeTestServer(bool tls = false);
    ~ComposeTestServer();

    bool isListening() const { return m_port != 0; }

    quint16 port() const { return m_port; }
    QUrl url(const QString &path = QStringLiteral("/hook")) const;
    bool isTls() const { return m_tls; }

    void setStatuses(const QList<int> &statuses);
    void setSilent(bool silent);
    void setResponse(const HeaderList &headers, const QByteArray &body);

    QList<ComposeReceived> received() const;
    int receivedCount() const;
    // Spins the caller's event loop until n requests arrived or the time is up.
    bool waitForRequests(int n, int timeoutMs = 10000) const;

    // Shared with the worker thread.
    struct State {
        mutable QMutex mutex;
        QList<int> statuses {200};
        int answered = 0;
        bool silent = false;
        HeaderList responseHeaders {{"Content-Type", "application/json"}};
        QByteArray responseBody = "{\"ok\":true}";
        QList<ComposeReceived> received;
    };

private:
    std::shared_ptr<State> m_state = std::make_shared<State>();
    QThread m_thread;
    ComposeServerWorker *m_worker = nullptr;
    quint16 m_port = 0;
    bool m_tls = false;
};

// A port on 127.0.0.1 where nothing listens (bound, then closed), for "connection refused".
quint16 composeClosedPort();

} // namespace hookscope::test
