#include "compose/ResponseReader.h"

#include <http_parser.h>

namespace hookscope::compose {

namespace {

// Enough of a wrong answer to recognise it ("SSH-2.0-OpenSSH_9.2p1"), and one byte more to know
// that it goes on.
constexpr qsizetype kOpeningShown = 32;
constexpr qsizetype kOpeningBytes = kOpeningShown + 1;

// Bytes as a person can read them in one line: printable ASCII as is, the rest as \xNN.
QString readable(const QByteArray &bytes)
{
    QString text;
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte == '\r')
            text += QStringLiteral("\\r");
        else if (byte == '\n')
            text += QStringLiteral("\\n");
        else if (byte >= 0x20 && byte < 0x7f)
            text += QLatin1Char(c);
        else
            text += QStringLiteral("\\x%1").arg(byte, 2, 16, QLatin1Char('0'));
    }
    return text;
}

// What to say when the parser gives up: an answer that is HTTP but broken gets the parser's
// reason; one that is not HTTP at all (an SSH banner, a TLS alert, a database's greeting) is
// shown, since its first bytes name what is listening better than any parser message.
QString answerProblem(const QByteArray &opening, const QString &parserReason)
{
    if (opening.startsWith("HTTP/"))
        return QStringLiteral("the answer is not valid HTTP (%1)").arg(parserReason);
    QString text = QStringLiteral("the answer is not HTTP: it starts \"%1%2\"")
                       .arg(readable(opening.left(kOpeningShown)),
                            opening.size() > kOpeningShown ? QStringLiteral("…") : QString());
    // A TLS record (handshake 0x16 or alert 0x15, version 3.x): the port speaks HTTPS.
    if (opening.size() >= 2 && (opening[0] == 0x15 || opening[0] == 0x16) && opening[1] == 0x03)
        text += QStringLiteral("; that is TLS: the server speaks HTTPS, so send to https://");
    else
        text += QStringLiteral("; is an HTTP server listening on that port?");
    return text;
}

} // namespace

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
    if (m_opening.size() < kOpeningBytes)
        m_opening
            += bytes.first(std::min<qsizetype>(kOpeningBytes - m_opening.size(), bytes.size()));
    http_parser_execute(m_parser.get(), &ResponseCallbacks::settings(), bytes.data(),
                        size_t(bytes.size()));
    const auto error = HTTP_PARSER_ERRNO(m_parser.get());
    if (m_state == State::NeedMore && error != HPE_OK) {
        m_state = State::Error;
        m_error = answerProblem(m_opening, QString::fromUtf8(http_errno_description(error)));
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
