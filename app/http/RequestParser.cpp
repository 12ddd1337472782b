#include "http/RequestParser.h"

#include "http/FieldSyntax.h"

#include <algorithm>
#include <http_parser.h>
#include <mutex>

namespace hookscope::http {

namespace {

// http-parser's own header cap is process-wide; raise it once so our per-server limit decides.
void raiseLibraryHeaderCap()
{
    static std::once_flag once;
    std::call_once(once, [] { http_parser_set_max_header_size(64u * 1024u * 1024u); });
}

// Room kept for the raw copy of a request beyond the limits, so a malformed capture shows
// what overflowed without letting a peer grow it without bound.
constexpr qsizetype kRawSlack = 4096;

// What http-parser is shown in place of a method it does not know. Any method without
// special handling would do: body framing comes from Content-Length and Transfer-Encoding.
const QByteArrayView kStandInMethod("POST");
// A token this long without its space is not waited for: http-parser then refuses it.
constexpr qsizetype kMaxMethodBytes = 1024;

bool isKnownMethod(QByteArrayView token)
{
    static const QList<QByteArray> known = [] {
        QList<QByteArray> names;
        for (int i = 0;; ++i) {
            const char *name = http_method_str(http_method(i));
            if (qstrcmp(name, "<unknown>") == 0)
                break;
            names.append(name);
        }
        return names;
    }();
    return known.contains(token);
}

} // namespace

struct ParserCallbacks {
    static RequestParser *self(http_parser *p) { return static_cast<RequestParser *>(p->data); }

    static int onMessageBegin(http_parser *p)
    {
        self(p)->m_inRequest = true;
        return 0;
    }

    // The request line and the headers share one limit. As nginx does, the request is told
    // which part went past it: 414 for the target, 431 for the headers.
    enum class Part { Target, Headers };
    static bool countHeaderBytes(RequestParser *parser, size_t length, Part part = Part::Headers)
    {
        parser->m_headerBytes += qint64(length);
        if (parser->m_headerBytes <= parser->m_limits.maxHeaderBytes)
            return true;
        if (part == Part::Target)
            parser->fail(414,
                         QStringLiteral("request target exceeds the limit of %1 bytes for the "
                                        "request line and headers")
                             .arg(parser->m_limits.maxHeaderBytes));
        else
            parser->fail(431,
                         QStringLiteral("request headers exceed the limit of %1 bytes")
                             .arg(parser->m_limits.maxHeaderBytes));
        return false;
    }

    static int onUrl(http_parser *p, const char *at, size_t length)
    {
        RequestParser *parser = self(p);
        // The request line's fixed part (method, version, spaces) is counted once, with the
        // target's first piece: a target that arrives in many reads is not charged each time.
        const size_t lineOverhead = parser->m_capture.target.isEmpty() ? 16 : 0;
        if (!countHeaderBytes(parser, length + lineOverhead, Part::Target))
            return 1;
        parser->m_capture.target.append(at, qsizetype(length));
        return 0;
    }

    static void flushHeader(RequestParser *parser)
    {
        if (parser->m_field.isEmpty() && !parser->m_inValue)
            return;
        parser->m_capture.headers.append({parser->m_field, parser->m_value});
        parser->m_field.clear();
        parser->m_value.clear();
        parser->m_inValue = false;
    }

    static int onHeaderField(http_parser *p, const char *at, size_t length)
    {
        RequestParser *parser = self(p);
        if (parser->m_inValue)
            flushHeader(parser);
        if (!countHeaderBytes(parser, length + (parser->m_field.isEmpty() ? 4 : 0)))
            return 1;
        parser->m_field.append(at, qsizetype(length));
        return 0;
    }

    static int onHeaderValue(http_parser *p, const char *at, size_t length)
    {
        RequestParser *parser = self(p);
        if (!countHeaderBytes(parser, length))
            return 1;
        parser->m_inValue = true;
        parser->m_value.append(at, qsizetype(length));
        return 0;
    }

    static int onHeadersComplete(http_parser *p)
    {
        RequestParser *parser = self(p);
        if (parser->m_inValue || !parser->m_field.isEmpty())
            flushHeader(parser);
        parser->m_headersDone = true;
        Capture &capture = parser->m_capture;
        for (const HeaderField &field : std::as_const(capture.headers)) {
            if (!isToken(field.name)) {
                // "Content-Length : 3" and friends: read differently by different servers.
                parser->fail(400, QStringLiteral("invalid header name"));
                return -1;
            }
        }
        // RFC 9112 3.2: an HTTP/1.1 request has exactly one Host, and no request has two; a
        // server must refuse the others, as nginx and Node's http do. The request is still
        // captured, so the sender's mistake is there to see.
        const auto hosts = std::count_if(
            capture.headers.cbegin(), capture.headers.cend(), [](const HeaderField &field) {
                return field.name.compare("host", Qt::CaseInsensitive) == 0;
            });
        if (hosts > 1 || (hosts == 0 && p->http_major == 1 && p->http_minor >= 1)) {
            parser->fail(400,
                         hosts == 0 ? QStringLiteral("HTTP/1.1 request without a Host header")
                                    : QStringLiteral("request with more than one Host header"));
            return -1;
        }
        capture.method = parser->methodName();
        capture.httpVersion
            = QByteArray::number(p->http_major) + '.' + QByteArray::number(p->http_minor);
        if ((p->flags & F_CONTENTLENGTH)
            && p->content_length > quint64(parser->m_limits.maxBodyBytes)) {
            parser->fail(413,
                         QStringLiteral("request body of %1 bytes exceeds the limit of %2 bytes")
                             .arg(p->content_length)
                             .arg(parser->m_limits.maxBodyBytes));
            return -1; // any value but 0, 1 and 2 stops the parser with an error
        }
        if ((p->flags & F_CONTENTLENGTH) && p->content_length > 0)
            capture.body.reserve(qsizetype(p->content_length));
        const QByteArray expect = headerValue(capture.headers, "expect");
        parser->m_expectContinue = p->http_major == 1 && p->http_minor >= 1
            && expect.compare("100-continue", Qt::CaseInsensitive) == 0;
        return 0;
    }

    static int onBody(http_parser *p, const char *at, size_t length)
    {
        RequestParser *parser = self(p);
        if (parser->m_capture.body.size() + qint64(length) > parser->m_limits.maxBodyBytes) {
            parser->fail(413,
                         QStringLiteral("request body exceeds the limit of %1 bytes")
                             .arg(parser->m_limits.maxBodyBytes));
            return 1;
        }
        parser->m_capture.body.append(at, qsizetype(length));
        return 0;
    }

    // A chunk that says it will overflow the body limit is refused now, not once its bytes
    // have come, as a Content-Length that does is.
    static int onChunkHeader(http_parser *p)
    {
        RequestParser *parser = self(p);
        if (p->content_length
            > quint64(parser->m_limits.maxBodyBytes - parser->m_capture.body.size())) {
            parser->fail(413,
                         QStringLiteral("a chunk of %1 bytes would take the body past the limit "
                                        "of %2 bytes")
                             .arg(p->content_length)
                             .arg(parser->m_limits.maxBodyBytes));
            return 1;
        }
        return 0;
    }

    static int onMessageComplete(http_parser *p)
    {
        RequestParser *parser = self(p);
        // A chunked body's trailer fields arrive as header callbacks after it: keep the last.
        if (parser->m_inValue || !parser->m_field.isEmpty())
            flushHeader(parser);
        parser->m_messageDone = true;
        parser->m_keepAlive = http_should_keep_alive(p) != 0;
        parser->m_upgrade = p->upgrade || p->method == HTTP_CONNECT;
        // Stop after this request so pipelined ones are handled (and answered) in order.
        http_parser_pause(p, 1);
        return 0;
    }

    static const http_parser_settings &settings()
    {
        static const http_parser_settings s = [] {
            http_parser_settings value {};
            value.on_message_begin = onMessageBegin;
            value.on_url = onUrl;
            value.on_header_field = onHeaderField;
            value.on_header_value = onHeaderValue;
            value.on_headers_complete = onHeadersComplete;
            value.on_body = onBody;
            value.on_chunk_header = onChunkHeader;
            value.on_message_complete = onMessageComplete;
            return value;
        }();
        return s;
    }
};

RequestParser::RequestParser(ParseLimits limits)
    : m_limits(limits)
    , m_parser(std::make_unique<http_parser>())
{
    raiseLibraryHeaderCap();
    reset();
}

RequestParser::~RequestParser() = default;

void RequestParser::reset()
{
    http_parser_init(m_parser.get(), HTTP_REQUEST);
    m_parser->data = this;
    m_capture = Capture {};
    m_raw.clear();
    m_field.clear();
    m_value.clear();
    m_inValue = false;
    m_inRequest = false;
    m_headersDone = false;
    m_messageDone = false;
    m_expectContinue = false;
    m_continueSent = false;
    m_upgrade = false;
    m_headerBytes = 0;
    m_methodScan = MethodScan::Pending;
    m_pending.clear();
    m_method.clear();
    m_methodStart = 0;
    m_methodEnd = 0;
    m_failStatus = 0;
    m_failError.clear();
}

void RequestParser::fail(int status, const QString &error)
{
    if (m_failStatus == 0) {
        m_failStatus = status;
        m_failError = error;
    }
}

bool RequestParser::wantsContinue() const
{
    return m_expectContinue && !m_continueSent && m_capture.body.isEmpty() && !m_messageDone;
}

QByteArray RequestParser::methodName() const
{
    return m_method.isEmpty() ? QByteArray(http_method_str(http_method(m_parser->method)))
                              : m_method;
}

RequestParser::MethodScan RequestParser::scanMethod()
{
    qsizetype i = 0;
    const qsizetype size = m_pending.size();
    while (i < size && (m_pending.at(i) == '\r' || m_pending.at(i) == '\n'))
        ++i; // empty lines before a request line are allowed, and skipped
    const qsizetype start = i;
    while (i < size && isToken(QByteArrayView(m_pending).sliced(i, 1)))
        ++i;
    if (i == size) // no space yet: wait for it, within bounds
        return start < kMaxMethodBytes && size - start < kMaxMethodBytes ? MethodScan::Pending
                                                                         : MethodScan::AsIs;
    const QByteArrayView token = QByteArrayView(m_pending).sliced(start, i - start);
    // Anything but a token and its space is no request line: http-parser refuses it and says
    // why. A method it knows needs no stand-in.
    if (m_pending.at(i) != ' ' || token.isEmpty() || isKnownMethod(token))
        return MethodScan::AsIs;
    m_method = token.toByteArray();
    m_methodStart = start;
    m_methodEnd = i;
    return MethodScan::StandIn;
}

ParseResult RequestParser::feed(QByteArrayView data)
{
    if (data.isEmpty())
        return {};
    m_inRequest = true;
    if (m_methodScan != MethodScan::Pending)
        return execute(data, data);

    // Held only as far as a method can reach: a buffer of pipelined requests is not copied
    // whole for each of them.
    const qsizetype heldBefore = m_pending.size();
    const qsizetype look = qMin(data.size(), 2 * kMaxMethodBytes);
    m_pending.append(data.first(look));
    m_methodScan = scanMethod();
    if (m_methodScan == MethodScan::Pending) { // scanMethod's bounds: all of data was looked at
        ParseResult result;
        result.consumed = data.size();
        return result;
    }
    const QByteArray held = std::exchange(m_pending, {});
    qsizetype standInShift = 0;
    ParseResult result;
    if (m_methodScan == MethodScan::StandIn) {
        const QByteArray forParser
            = held.first(m_methodStart) + kStandInMethod.toByteArray() + held.sliced(m_methodEnd);
        standInShift = (m_methodEnd - m_methodStart) - kStandInMethod.size();
        result = execute(forParser, held);
    } else {
        result = execute(held, held);
    }
    if (result.kind == ParseResult::Kind::Request) {
        // Back from the stand-in's length and the held bytes to those of data.
        result.consumed += standInShift - heldBefore;
        return result;
    }
    if (result.kind == ParseResult::Kind::Error || look == data.size()) {
        result.consumed = data.size();
        return result;
    }
    const QByteArrayView rest = data.sliced(look);
    result = execute(rest, rest);
    result.consumed
        = result.kind == ParseResult::Kind::Request ? look + result.consumed : data.size();
    return result;
}

namespace {

// The smuggling shapes, said in words a sender's developer can act on: http-parser's own
// ("unexpected content-length header") does not say what was wrong with it.
QString framingError(http_errno error, unsigned flags)
{
    if (error == HPE_UNEXPECTED_CONTENT_LENGTH && (flags & F_CHUNKED))
        return QStringLiteral("both Content-Length and Transfer-Encoding: chunked, which servers "
                              "and proxies read differently (a request-smuggling shape)");
    if (error == HPE_UNEXPECTED_CONTENT_LENGTH)
        return QStringLiteral("more than one Content-Length header, which servers and proxies "
                              "read differently (a request-smuggling shape)");
    if (error == HPE_INVALID_TRANSFER_ENCODING)
        return QStringLiteral("a Transfer-Encoding whose last coding is not chunked: where the "
                              "body ends cannot be known");
    return {};
}

} // namespace

ParseResult RequestParser::execute(QByteArrayView parserBytes, QByteArrayView data)
{
    ParseResult result;
    const size_t parsed = http_parser_execute(m_parser.get(), &ParserCallbacks::settings(),
                                              parserBytes.data(), size_t(parserBytes.size()));
    const auto error = HTTP_PARSER_ERRNO(m_parser.get());
    const qint64 rawLimit = m_limits.maxHeaderBytes + m_limits.maxBodyBytes + kRawSlack;

    if (m_messageDone && (error == HPE_OK || error == HPE_PAUSED) && m_failStatus == 0) {
        result.kind = ParseResult::Kind::Request;
        result.consumed = qsizetype(parsed);
        return result;
    }
    if (error == HPE_OK && m_failStatus == 0) {
        if (m_raw.size() < rawLimit)
            m_raw.append(data.first(qMin<qsizetype>(data.size(), rawLimit - m_raw.size())));
        result.consumed = qsizetype(parsed);
        return result;
    }

    // Broken: keep what was seen (bounded) and say why, as nginx would.
    if (m_failStatus == 0) {
        if (error == HPE_HEADER_OVERFLOW)
            fail(431, QString::fromUtf8(http_errno_description(error)));
        else if (error == HPE_INVALID_CONTENT_LENGTH && (m_parser->flags & F_CHUNKED))
            fail(400, QStringLiteral("chunk size too large")); // http-parser reuses that errno
        else if (const QString framing = framingError(error, m_parser->flags); !framing.isEmpty())
            fail(400, framing);
        else
            fail(400, QString::fromUtf8(http_errno_description(error)));
    }
    m_raw.append(
        data.first(qMin<qsizetype>(data.size(), qMax<qint64>(0, rawLimit - m_raw.size()))));
    result.kind = ParseResult::Kind::Error;
    result.consumed = data.size();
    result.status = m_failStatus;
    result.error = m_failError;
    return result;
}

Capture RequestParser::abandon(const QString &reason)
{
    m_raw += std::exchange(m_pending, {}); // bytes still waiting for the method's space
    fail(408, reason);
    return takeCapture();
}

Capture RequestParser::takeCapture()
{
    Capture capture = std::move(m_capture);
    if (m_failStatus != 0) {
        capture.malformed = true;
        capture.parseError = m_failError;
        capture.body = m_raw; // the bytes as they arrived, not the half-parsed fields
        if (!m_field.isEmpty() || m_inValue)
            capture.headers.append({m_field, m_value});
        // The method is known once the request line got as far as the target.
        if (capture.method.isEmpty() && (m_headersDone || !capture.target.isEmpty()))
            capture.method = methodName();
        m_keepAlive = false;
    }
    const bool keepAlive = m_keepAlive;
    const bool upgrade = m_upgrade;
    reset();
    m_keepAlive = keepAlive;
    m_upgrade = upgrade;
    return capture;
}

} // namespace hookscope::http
