#pragma once

#include "http/Capture.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

struct http_parser;

namespace hookscope::http {

// Limits a peer cannot exceed; breaking one ends the request with the matching status.
struct ParseLimits {
    qint64 maxHeaderBytes = 64 * 1024; // request line and headers -> 414 (target) or 431
    qint64 maxBodyBytes = 25 * 1024 * 1024; // de-chunked body -> 413
};

// What one call to RequestParser::feed found.
struct ParseResult {
    enum class Kind {
        NeedMore, // every byte was consumed and the request is not finished
        Request, // one request completed; takeCapture() returns it
        Error, // the request is broken; takeCapture() returns the malformed capture
    };
    Kind kind = Kind::NeedMore;
    qsizetype consumed = 0; // bytes of the input that belong to this request
    int status = 0; // for Error: 400, 413, 414 or 431
    QString error; // for Error: why, in the parser's words
};

// A pure HTTP/1.x request parser over http-parser: bytes in, one request (or error) out.
// It stops after each complete request so the caller can handle pipelined requests in order;
// it keeps the raw bytes of the current request so a broken one can be captured as it arrived.
class RequestParser final
{
public:
    explicit RequestParser(ParseLimits limits = {});
    ~RequestParser();
    RequestParser(const RequestParser &) = delete;
    RequestParser &operator=(const RequestParser &) = delete;

    // Parses as much of data as belongs to the current request.
    ParseResult feed(QByteArrayView data);
    // The request completed (or failed) by the last feed; the parser is then ready for the next.
    Capture takeCapture();
    // Gives up on the unfinished request (e.g. a timeout) and returns it as malformed.
    Capture abandon(const QString &reason);

    // True once some byte of a request has been fed and the request is not yet finished.
    bool inRequest() const { return m_inRequest; }
    // True when the current request's headers asked for "100 Continue" and none was sent yet.
    bool wantsContinue() const;
    void markContinueSent() { m_continueSent = true; }
    // Whether the connection may carry another request after the one just taken.
    bool keepAlive() const { return m_keepAlive; }
    // The request that just completed asked to switch protocols (Upgrade or CONNECT).
    bool upgrade() const { return m_upgrade; }

private:
    friend struct ParserCallbacks;
    // How the request's method reads once its token and the space after it have arrived.
    enum class MethodScan { Pending, AsIs, StandIn };
    void reset();
    void fail(int status, const QString &error);
    MethodScan scanMethod();
    // The request's method: the one http-parser read, or the real one behind a stand-in.
    QByteArray methodName() const;
    // Runs http-parser over parserBytes; data holds the same bytes as they arrived.
    ParseResult execute(QByteArrayView parserBytes, QByteArrayView data);

    ParseLimits m_limits;
    std::unique_ptr<http_parser> m_parser;
    Capture m_capture;
    QByteArray m_raw; // bytes of the current request, for malformed captures
    QByteArray m_field;
    QByteArray m_value;
    bool m_inValue = false;
    bool m_inRequest = false;
    bool m_headersDone = false;
    bool m_messageDone = false;
    bool m_expectContinue = false;
    bool m_continueSent = false;
    bool m_keepAlive = true;
    bool m_upgrade = false;
    qint64 m_headerBytes = 0;
    // http-parser knows a fixed list of methods; RFC 9110 allows any token. Until the method's
    // space arrives, the request's first bytes wait here; a method it does not know is then
    // handed to it as a stand-in and put back in the capture.
    MethodScan m_methodScan = MethodScan::Pending;
    QByteArray m_pending;
    QByteArray m_method; // the real method when a stand-in was used
    qsizetype m_methodStart = 0; // where the token sits in m_pending
    qsizetype m_methodEnd = 0;
    int m_failStatus = 0;
    QString m_failError;
};

} // namespace hookscope::http
