#include "http/RequestParser.h"

#include "http/FieldSyntax.h"

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

} // namespace

struct ParserCallbacks {
    static RequestParser *self(http_parser *p) { return static_cast<RequestParser *>(p->data); }

    static int onMessageBegin(http_parser *p)
    {
        self(p)->m_inRequest = true;
        return 0;
    }

    static bool countHeaderBytes(RequestParser *parser, size_t length)
    {
        parser->m_headerBytes += qint64(length);
        if (parser->m_headerBytes > parser->m_limits.maxHeaderBytes) {
            parser->fail(431,
                         QStringLiteral("request headers exceed the limit of %1 bytes")
                             .arg(parser->m_limits.maxHeaderBytes));
            return false;
        }
        return true;
    }

    static int onUrl(http_parser *p, const char *at, size_t length)
    {
        RequestParser *parser = self(p);
        // The request line's fixed part (method, version, spaces) is counted once, with the
        // target's first piece: a target that arrives in many reads is not charged each time.
        const size_t lineOverhead = parser->m_capture.target.isEmpty() ? 16 : 0;
        if (!countHeaderBytes(parser, length + lineOverhead))
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
        capture.method = http_method_str(http_method(p->method));
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

    static int onMessageComplete(http_parser *p)
    {
        RequestParser *parser = self(p);
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

ParseResult RequestParser::feed(QByteArrayView data)
{
    ParseResult result;
    if (data.isEmpty())
        return result;
    if (!m_inRequest)
        m_inRequest = true;

    const size_t parsed = http_parser_execute(m_parser.get(), &ParserCallbacks::settings(),
                                              data.data(), size_t(data.size()));
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
            capture.method = http_method_str(http_method(m_parser->method));
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
