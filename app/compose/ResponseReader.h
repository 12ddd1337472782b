#pragma once

#include "http/Capture.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

struct http_parser;

namespace hookscope::compose {

// Reads one HTTP/1.x response off a client connection with http-parser: status, reason, headers
// in arrival order, the body de-chunked. Interim 1xx responses are skipped.
class ResponseReader final
{
public:
    enum class State { NeedMore, Complete, Error };

    // A response to HEAD has headers only, whatever its Content-Length says.
    explicit ResponseReader(bool headRequest = false);
    ~ResponseReader();
    ResponseReader(const ResponseReader &) = delete;
    ResponseReader &operator=(const ResponseReader &) = delete;

    State feed(QByteArrayView bytes);
    // The peer closed: a body that runs to the close is complete now.
    State finish();

    State state() const { return m_state; }
    bool headersComplete() const { return m_headersComplete; }
    bool receivedAnything() const { return m_received > 0; }
    // Whether the connection may carry another request (HTTP/1.1 without Connection: close).
    bool keepAlive() const { return m_keepAlive; }
    int status() const { return m_status; }
    const QByteArray &reason() const { return m_reason; }
    const HeaderList &headers() const { return m_headers; }
    const QByteArray &body() const { return m_body; }
    const QString &error() const { return m_error; }

private:
    friend struct ResponseCallbacks;
    void flushHeader();
    void startOver(); // after an interim 1xx response

    std::unique_ptr<http_parser> m_parser;
    bool m_head = false;
    State m_state = State::NeedMore;
    bool m_headersComplete = false;
    bool m_keepAlive = false;
    qint64 m_received = 0;
    QByteArray m_opening; // the answer's first bytes, to show what came instead of HTTP
    int m_status = 0;
    QByteArray m_reason;
    HeaderList m_headers;
    QByteArray m_field;
    QByteArray m_value;
    bool m_inValue = false;
    QByteArray m_body;
    QString m_error;
};

} // namespace hookscope::compose
