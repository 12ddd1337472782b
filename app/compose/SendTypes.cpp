#include "compose/SendTypes.h"

#include "compose/HiddenPassword.h"
#include "compose/HttpWire.h"
#include "http/FieldSyntax.h"

#include <QRegularExpression>

namespace hookscope::compose {

QString SendResult::summary() const
{
    if (!gotResponse())
        return message;
    return reason.isEmpty() ? QString::number(status)
                            : QStringLiteral("%1 %2").arg(status).arg(QString::fromLatin1(reason));
}

QString sendErrorName(SendError error)
{
    switch (error) {
    case SendError::None:
        return QStringLiteral("none");
    case SendError::InvalidUrl:
        return QStringLiteral("invalid-url");
    case SendError::InvalidMethod:
        return QStringLiteral("invalid-method");
    case SendError::InvalidHeader:
        return QStringLiteral("invalid-header");
    case SendError::HostNotFound:
        return QStringLiteral("host-not-found");
    case SendError::ConnectionRefused:
        return QStringLiteral("connection-refused");
    case SendError::Tls:
        return QStringLiteral("tls");
    case SendError::Timeout:
        return QStringLiteral("timeout");
    case SendError::Network:
        return QStringLiteral("network");
    }
    return QStringLiteral("network");
}

QString redactedUrl(const QUrl &url)
{
    return withHiddenPassword(url).toString(QUrl::FullyEncoded);
}

QString redactedUrlText(const QString &typed)
{
    // scheme://user:password@ -> scheme://user:***@ (the last '@' before the path ends userinfo)
    static const QRegularExpression userinfo(
        QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*://[^/?#@:]*):[^/?#]*@"));
    QString shown = typed;
    return shown.replace(userinfo, QStringLiteral("\\1:***@"));
}

QString withoutUrlPassword(QString text, const QUrl &url)
{
    if (url.password().isEmpty())
        return text;
    for (const QUrl::ComponentFormattingOptions format :
         {QUrl::PrettyDecoded, QUrl::FullyEncoded}) {
        QUrl shown = url;
        shown.setPassword(QStringLiteral("***"));
        text.replace(url.toString(format), shown.toString(format));
    }
    return text;
}

namespace {

// The port of an authority ("host:port", "[::1]:port", "user@host"), null when it has none.
QString portOf(const QString &authority, QString *host)
{
    const QString hostPort = authority.mid(authority.lastIndexOf(u'@') + 1);
    const qsizetype colon = hostPort.lastIndexOf(u':');
    if (colon < 0 || colon < hostPort.lastIndexOf(u']')) {
        *host = hostPort;
        return {};
    }
    *host = hostPort.left(colon);
    return hostPort.mid(colon + 1);
}

QString urlProblem(const QString &typed)
{
    static const QRegularExpression schemePrefix(QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*)://"));
    const QRegularExpressionMatch scheme = schemePrefix.match(typed);
    if (!scheme.hasMatch())
        return QStringLiteral("it does not start with http:// or https://");
    const QString name = scheme.captured(1).toLower();
    if (name != u"http" && name != u"https")
        return QStringLiteral("only http:// and https:// URLs can be sent to");
    for (const QChar c : typed) {
        if (c.isSpace())
            return c == u' ' ? QStringLiteral("it contains a space")
                             : QStringLiteral("it contains a tab or line break");
    }
    const QString rest = typed.mid(scheme.capturedLength());
    static const QRegularExpression authorityEnd(QStringLiteral("[/?#]"));
    QString host;
    const QString port = portOf(rest.left(rest.indexOf(authorityEnd)), &host);
    if (host.isEmpty())
        return QStringLiteral("it has no host");
    if (!port.isEmpty()) {
        bool isNumber = false;
        const qulonglong value = port.toULongLong(&isNumber);
        if (!isNumber)
            return QStringLiteral("the port '%1' is not a number").arg(port);
        if (value < 1 || value > 65535)
            return QStringLiteral("the port %1 is not from 1 to 65535").arg(port);
    }
    const QUrl url(typed, QUrl::StrictMode);
    // Qt's first clause says what is wrong (the rest repeats the input), but about a password it
    // quotes one of its characters.
    const QString qtProblem = url.errorString().section(u';', 0, 0);
    if (qtProblem.startsWith(u"Invalid password"))
        return QStringLiteral("its password has a character that must be percent-encoded");
    if (!url.isValid())
        return QStringLiteral("it is not a valid URL (%1)").arg(qtProblem);
    if (url.host().isEmpty())
        return QStringLiteral("it has no host");
    return {};
}

// What was typed: an invalid QUrl keeps it only in its error text.
QString typedText(const QUrl &url)
{
    if (url.isValid())
        return url.toString();
    const QString error = url.errorString();
    const QString marker = QStringLiteral("source was \"");
    const qsizetype start = error.indexOf(marker);
    if (start < 0)
        return {};
    const qsizetype from = start + marker.size();
    const qsizetype end = error.indexOf(QStringLiteral("\";"), from);
    return error.mid(from, end < 0 ? -1 : end - from);
}

} // namespace

QString invalidUrlMessage(const QString &typed)
{
    const QString problem = urlProblem(typed);
    if (problem.isEmpty())
        return {};
    return QStringLiteral("invalid URL '%1': %2").arg(redactedUrlText(typed), problem);
}

bool validateRequest(const OutgoingRequest &request, SendError *error, QString *message)
{
    const QUrl &url = request.url;
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"http" && scheme != u"https") || url.host().isEmpty()) {
        *error = SendError::InvalidUrl;
        const QString typed = typedText(url);
        *message = invalidUrlMessage(typed);
        if (message->isEmpty())
            *message = QStringLiteral("invalid URL '%1': an http:// or https:// URL with a host is "
                                      "needed")
                           .arg(redactedUrlText(typed));
        return false;
    }
    if (!http::isToken(request.method)) {
        *error = SendError::InvalidMethod;
        *message = QStringLiteral("invalid method '%1'").arg(QString::fromLatin1(request.method));
        return false;
    }
    for (const HeaderField &field : request.headers) {
        if (!http::isToken(field.name)) {
            *error = SendError::InvalidHeader;
            *message
                = QStringLiteral("invalid header name '%1'").arg(QString::fromUtf8(field.name));
            return false;
        }
        if (http::breaksFieldValue(field.value)) {
            *error = SendError::InvalidHeader;
            *message
                = QStringLiteral("header '%1' refused: its value contains CR, LF or NUL, which "
                                 "would inject headers")
                      .arg(QString::fromUtf8(field.name));
            return false;
        }
    }
    *error = SendError::None;
    message->clear();
    return true;
}

void setHeader(HeaderList &headers, const QByteArray &name, const QByteArray &value)
{
    bool replaced = false;
    for (qsizetype i = 0; i < headers.size();) {
        if (QByteArrayView(headers.at(i).name).compare(name, Qt::CaseInsensitive) != 0) {
            ++i;
            continue;
        }
        if (replaced) {
            headers.removeAt(i);
            continue;
        }
        headers[i] = {name, value};
        replaced = true;
        ++i;
    }
    if (!replaced)
        headers.append({name, value});
}

bool parseHeaderLine(const QString &line, HeaderField *out, QString *error)
{
    const qsizetype colon = line.indexOf(u':');
    if (colon <= 0) {
        *error = QStringLiteral("'%1' is not 'Name: value'").arg(line);
        return false;
    }
    out->name = line.left(colon).trimmed().toUtf8();
    // Only the one space after the colon is syntax; the rest of the value is kept as typed.
    QString value = line.mid(colon + 1);
    while (value.startsWith(u' ') || value.startsWith(u'\t'))
        value.remove(0, 1);
    out->value = value.toUtf8();
    return true;
}

Capture toCapture(const OutgoingRequest &request, const SendResult &result)
{
    Capture capture;
    capture.method = request.method;
    capture.target = wireTarget(request);
    // As they went on the wire, but for the Authorization made from a URL's password: that
    // password is never shown or stored, so neither is its base64.
    OutgoingRequest withoutPassword = request;
    withoutPassword.url.setUserInfo(QString());
    capture.headers = wireHeaders(withoutPassword);
    if (!request.url.userName().isEmpty() && !hasHeader(request.headers, "Authorization"))
        capture.headers.append(HeaderField {"Authorization", "Basic ***"});
    capture.body = request.body;
    capture.remoteAddress = request.url.host();
    capture.remotePort = portOf(request.url);
    capture.tls = isHttps(request.url);
    capture.receivedAtUs = result.startedAtUs;
    capture.durationUs = result.durationUs;
    capture.responseStatus = result.status;
    capture.responseHeaders = result.headers;
    capture.responseBody = result.body;
    if (!result.gotResponse())
        capture.parseError = result.message;
    return capture;
}

} // namespace hookscope::compose
