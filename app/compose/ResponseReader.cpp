#include "compose/ResponseReader.h"

#include <http_parser.h>

namespace hookscope::compose {

struct ResponseCallbacks {
    static ResponseReader *self(http_parser *p) { return static_cast<ResponseReader *>(p->data); }

    static int onStatus(http_parser *p, const char *at, size_t length)
    {
        self(p)->m_reason.append(at, qsizetype(length));
        return 0;
    }

    static int onHeaderField(http_parser *p, const char *at, size_t length)
    {
        ResponseReader *reader = self(p);
        if (reader->m_inValue)
            reader->flushHeader();
        reader->m_field.append(at, qsizetype(length));
        return 0;
    }

    static int onHeaderValue(http_parser *p, const char *at, size_t length)
    {
        ResponseReader *reader = self(p);
        reader->m_inValue = true;
        reader->m_value.append(at, qsizetype(length));
        return 0;
    }

    static int onHeadersComplete(http_parser *p)
    {
        ResponseReader *reader = self(p);
        reader->flushHeader();
        reader->m_status = int(p->status_code);
        if (p->status_code >= 200)
            reader->m_headersComplete = true;
        // 1: no body follows, which http-parser cannot know for a response to HEAD.
        return reader->m_head && p->status_code >= 200 ? 1 : 0;
    }

    static int onBody(http_parser *p, const char *at, size_t length)
    {
        self(p)->m_body.append(at, qsizetype(length));
        return 0;
    }

    static int onMessageComplete(http_parser *p)
    {
        ResponseReader *reader = self(p);
        if (p->status_code < 200) {
            reader->startOver(); // 100 Continue and friends: the real answer comes next
            return 0;
        }
        reader->m_keepAlive = http_should_keep_alive(p) != 0;
        reader->m_state = ResponseReader::State::Complete;
        http_parser_pause(p, 1); // anything after the response is not ours to read
        return 0;
    }

    static const http_parser_settings &settings()
    {
        static const http_parser_settings value = [] {
            http_parser_settings s {};
            s.on_status = onStatus;
            s.on_header_field = onHeaderField;
            s.on_header_value = onHeaderValue;
            s.on_headers_complete = onHeadersComplete;
            s.on_body = onBody;
            s.on_message_complete = onMessageComplete;
            return s;
        }();
        return value;
    }
};

ResponseReader::ResponseReader(bool headRequest)
    : m_parser(std::make_unique<http_parser>())
    , m_head(headRequest)
{
    http_parser_init(m_parser.get(), HTTP_RESPONSE);
    m_parser->data = this;
}

ResponseReader::~ResponseReader() = default;

void ResponseReader::flushHeader()
{
    if (m_field.isEmpty() && !m_inValue)
        return;
    m_headers.append({m_field, m_value});
    m_field.clear();
    m_value.clear();
    m_inValue = false;
}

void ResponseReader::startOver()
{
    m_status = 0;
    m_reason.clear();
    m_headers.clear();
    m_body.clear();
}

ResponseReader::State ResponseReader::feed(QByteArrayView bytes)
{
    if (m_state != State::NeedMore || bytes.isEmpty())
        return m_state;
    m_received += bytes.size();
    http_parser_execute(m_parser.get(), &ResponseCallbacks::settings(), bytes.data(),
                        size_t(bytes.size()));
    const auto error = HTTP_PARSER_ERRNO(m_parser.get());
    if (m_state == State::NeedMore && error != HPE_OK) {
        m_state = State::Error;
        m_error = QStringLiteral("the answer is not valid HTTP (%1)")
                      .arg(QString::fromUtf8(http_errno_description(error)));
    }
    return m_state;
}

ResponseReader::State ResponseReader::finish()
{
    if (m_state != State::NeedMore)
        return m_state;
    // Zero bytes tell http-parser the stream ended: a body delimited by the close completes.
    http_parser_execute(m_parser.get(), &ResponseCallbacks::settings(), nullptr, 0);
    if (m_state == State::NeedMore) {
        m_state = State::Error;
        m_error = m_received == 0
            ? QStringLiteral("the connection was closed without an answer")
            : QStringLiteral("the connection was closed in the middle of the answer");
    }
    m_keepAlive = false;
    return m_state;
}

} // namespace hookscope::compose
