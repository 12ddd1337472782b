#include "export/CurlCommand.h"

#include <QHostAddress>
#include <QUrl>

namespace hookscope {

namespace {

bool isPlain(const QByteArray &bytes)
{
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\'' || (u < 0x20 && c != '\n') || u == 0x7f)
            return false;
    }
    return true;
}

bool isFramingHeader(const QByteArray &name)
{
    static const QByteArrayList framing {"content-length", "transfer-encoding", "connection",
                                         "expect", "keep-alive"};
    return framing.contains(name.toLower());
}

// A body shown as text in the command: valid UTF-8 without NUL bytes.
bool isText(const QByteArray &bytes)
{
    return !bytes.contains('\0') && QString::fromUtf8(bytes).toUtf8() == bytes;
}

// Feeds the command the body's exact bytes on standard input, decoded from base64 lines.
// The delimiter holds '_', which base64 never writes, so no line of the body can end it.
QString base64HereDocument(const QByteArray &body, const QString &command)
{
    static constexpr qsizetype lineLength = 76;
    const QByteArray encoded = body.toBase64();
    QString text = QStringLiteral("base64 -d <<'END_OF_BODY' | ") + command + QLatin1Char('\n');
    for (qsizetype at = 0; at < encoded.size(); at += lineLength)
        text += QString::fromLatin1(encoded.mid(at, lineLength)) + QLatin1Char('\n');
    return text + QStringLiteral("END_OF_BODY");
}

constexpr QLatin1String kContinuation(" \\\n  ");

} // namespace

QString shellQuote(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    const bool validUtf8 = text.toUtf8() == bytes;
    if (validUtf8 && isPlain(bytes))
        return QLatin1Char('\'') + text + QLatin1Char('\'');
    // ANSI-C quoting: quotes, backslashes and control bytes escaped. Valid UTF-8 text stays
    // readable; in anything else every byte outside printable ASCII becomes \xHH.
    QString quoted = QStringLiteral("$'");
    const auto escape = [&quoted](char16_t c, bool keepWide) {
        switch (c) {
        case u'\'':
            quoted += QStringLiteral("\\'");
            return;
        case u'\\':
            quoted += QStringLiteral("\\\\");
            return;
        case u'\n':
            quoted += QStringLiteral("\\n");
            return;
        case u'\r':
            quoted += QStringLiteral("\\r");
            return;
        case u'\t':
            quoted += QStringLiteral("\\t");
            return;
        default:
            break;
        }
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && !keepWide))
            quoted += QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
        else
            quoted += QChar(c);
    };
    if (validUtf8) {
        for (const QChar ch : text)
            escape(ch.unicode(), true);
    } else {
        for (const char c : bytes)
            escape(static_cast<unsigned char>(c), false);
    }
    return quoted + QLatin1Char('\'');
}

bool isSelfSignedReceiverUrl(const QString &url)
{
    const QUrl parsed(url);
    const QString host = parsed.host();
    const QHostAddress address(host);
    return parsed.scheme() == u"https"
        && (host.compare(u"localhost", Qt::CaseInsensitive) == 0
            || address == QHostAddress::LocalHost || address == QHostAddress::LocalHostIPv6);
}

QString curlCommand(const Capture &capture, const QString &url, const CurlOptions &options)
{
    // One option and its value per line.
    QStringList lines {QStringLiteral("curl -sS")};
    const auto option = [&lines](const char *name, const QString &value) {
        lines << QString::fromLatin1(name) + QLatin1Char(' ') + value;
    };
    const QByteArray method = capture.method.isEmpty() ? QByteArray("GET") : capture.method;
    if (method != "GET" || !capture.body.isEmpty())
        option("-X", shellQuote(method));
    lines << shellQuote(url.toUtf8());
    if (!options.caCertificate.isEmpty() && QUrl(url).scheme() == u"https")
        option("--cacert", shellQuote(options.caCertificate.toUtf8()));
    for (const HeaderField &field : capture.headers) {
        if (isFramingHeader(field.name))
            continue;
        // curl drops a header given as "Name:"; "Name;" is its way to send one with no value.
        const QByteArray header
            = field.value.trimmed().isEmpty() ? field.name + ';' : field.name + ": " + field.value;
        option("-H", shellQuote(header));
    }
    // curl adds these when not given; an empty "Name:" stops it, so none appears that the
    // original request did not have.
    for (const char *name : {"User-Agent", "Accept"}) {
        if (!hasHeader(capture.headers, name))
            option("-H", shellQuote(QByteArray(name) + ':'));
    }
    if (capture.body.isEmpty())
        return lines.join(kContinuation);
    // Without a Content-Type of its own, curl would send the body as a form; the empty
    // "Content-Type:" stops it adding one the original request did not have.
    if (!hasHeader(capture.headers, "content-type"))
        option("-H", shellQuote("Content-Type:"));
    if (!isText(capture.body)) {
        // bash cuts any string at a NUL byte, so such a body comes from standard input.
        option("--data-binary", QStringLiteral("@-"));
        return base64HereDocument(capture.body, lines.join(kContinuation));
    }
    // --data-binary reads a file when the data starts with '@'; --data-raw never does.
    option(capture.body.startsWith('@') ? "--data-raw" : "--data-binary", shellQuote(capture.body));
    return lines.join(kContinuation);
}

} // namespace hookscope
