#include "payload/Multipart.h"

#include "json/JsonTreeParser.h"
#include "json/PayloadTreeBuilder.h"

#include <QCoreApplication>

namespace hookscope::payload {

QByteArray headerParameter(QByteArrayView headerValue, QByteArrayView name)
{
    // Parameters follow the first ';'. Values may be quoted strings with backslash escapes.
    qsizetype at = headerValue.indexOf(';');
    while (at >= 0 && at < headerValue.size()) {
        ++at;
        while (at < headerValue.size() && (headerValue[at] == ' ' || headerValue[at] == '\t'))
            ++at;
        const qsizetype equals = headerValue.indexOf('=', at);
        if (equals < 0)
            return {};
        const QByteArrayView paramName = headerValue.sliced(at, equals - at).trimmed();
        qsizetype valueStart = equals + 1;
        QByteArray value;
        qsizetype next;
        if (valueStart < headerValue.size() && headerValue[valueStart] == '"') {
            qsizetype i = valueStart + 1;
            for (; i < headerValue.size() && headerValue[i] != '"'; ++i) {
                if (headerValue[i] == '\\' && i + 1 < headerValue.size())
                    ++i;
                value += headerValue[i];
            }
            next = headerValue.indexOf(';', i);
        } else {
            next = headerValue.indexOf(';', valueStart);
            const qsizetype stop = next < 0 ? headerValue.size() : next;
            value = headerValue.sliced(valueStart, stop - valueStart).trimmed().toByteArray();
        }
        if (paramName.compare(name, Qt::CaseInsensitive) == 0)
            return value;
        at = next;
    }
    return {};
}

namespace {

struct PartHeader {
    QByteArrayView name;
    QByteArrayView value;
};

QString tr(const char *text)
{
    return QCoreApplication::translate("hookscope::payload", text);
}

} // namespace

MultipartResult parseMultipart(QByteArrayView contentType, QByteArrayView body)
{
    MultipartResult result;
    json::PayloadTreeBuilder builder;
    const QByteArray boundary = headerParameter(contentType, "boundary");
    if (boundary.isEmpty()) {
        result.error = tr("The Content-Type has no boundary parameter, so the parts cannot be "
                          "told apart.");
        result.tree = builder.finish();
        return result;
    }
    const QByteArray delimiter = "--" + boundary;

    // The first delimiter may follow a preamble; later ones follow a line break.
    qsizetype at = body.startsWith(delimiter) ? 0 : body.indexOf("\n" + delimiter);
    if (at < 0) {
        result.error
            = tr("The body does not contain the boundary \"%1\".").arg(QString::fromUtf8(boundary));
        result.tree = builder.finish();
        return result;
    }
    if (at > 0)
        ++at;
    int partNumber = 0;
    while (true) {
        at += delimiter.size();
        if (body.sliced(at).startsWith("--"))
            break; // closing delimiter
        const qsizetype lineEnd = body.indexOf('\n', at);
        if (lineEnd < 0) {
            result.error = tr("The body ends inside a boundary line.");
            break;
        }
        const qsizetype headersStart = lineEnd + 1;
        // Headers end at an empty line (CRLF CRLF, or bare LF LF from lenient senders).
        qsizetype headersEnd = -1;
        qsizetype contentStart = -1;
        const QByteArrayView rest = body.sliced(headersStart);
        if (rest.startsWith("\r\n") || rest.startsWith("\n")) {
            headersEnd = headersStart;
            contentStart = headersStart + (rest.startsWith("\r\n") ? 2 : 1);
        } else {
            const qsizetype crlf = body.indexOf("\r\n\r\n", headersStart);
            const qsizetype lf = body.indexOf("\n\n", headersStart);
            if (crlf >= 0 && (lf < 0 || crlf <= lf)) {
                headersEnd = crlf;
                contentStart = crlf + 4;
            } else if (lf >= 0) {
                headersEnd = lf;
                contentStart = lf + 2;
            }
        }
        if (headersEnd < 0) {
            result.error = tr("Part %1 has no end of headers.").arg(partNumber + 1);
            break;
        }
        const qsizetype nextDelimiter = body.indexOf("\n" + delimiter, contentStart - 1);
        const bool truncated = nextDelimiter < 0;
        qsizetype contentEnd = truncated ? body.size() : nextDelimiter;
        if (!truncated && contentEnd > contentStart && body[contentEnd - 1] == '\r')
            --contentEnd;
        contentEnd = std::max(contentEnd, contentStart);

        std::vector<PartHeader> headers;
        QByteArrayView disposition;
        for (qsizetype line = headersStart; line < headersEnd;) {
            qsizetype stop = body.indexOf('\n', line);
            if (stop < 0 || stop > headersEnd)
                stop = headersEnd;
            const QByteArrayView text = body.sliced(line, stop - line).trimmed();
            line = stop + 1;
            const qsizetype colon = text.indexOf(':');
            if (colon <= 0)
                continue;
            PartHeader header {text.first(colon).trimmed(), text.sliced(colon + 1).trimmed()};
            if (header.name.compare("Content-Disposition", Qt::CaseInsensitive) == 0)
                disposition = header.value;
            headers.push_back(header);
        }
        ++partNumber;
        const QByteArray name = headerParameter(disposition, "name");
        const QByteArray filename = headerParameter(disposition, "filename");
        const bool isFile = disposition.contains("filename");
        const QByteArrayView content = body.sliced(contentStart, contentEnd - contentStart);

        builder.beginContainer(name.isEmpty() ? "part " + QByteArray::number(partNumber) : name,
                               json::NodeKind::Part);
        builder.beginContainer("headers");
        for (const PartHeader &header : headers)
            builder.addString(header.name, header.value);
        builder.endContainer();
        builder.addString("name", name);
        if (isFile)
            builder.addString("filename", filename);
        builder.addNumber("size", content.size());
        if (!isFile) {
            // A JSON part (e.g. a "payload" field) is shown as a tree, like a JSON form field.
            const QByteArrayView trimmed = content.trimmed();
            json::JsonParseResult parsed;
            if (trimmed.startsWith('{') || trimmed.startsWith('['))
                parsed = json::JsonTreeParser::parse(content.toByteArray());
            if (!parsed.tree.isEmpty())
                builder.addTree("value", parsed.tree);
            else
                builder.addString("value", content);
        }
        builder.endContainer();

        if (truncated) {
            result.error = tr("The body ends without the closing boundary.");
            break;
        }
        at = nextDelimiter + 1;
    }
    result.tree = builder.finish();
    return result;
}

} // namespace hookscope::payload
