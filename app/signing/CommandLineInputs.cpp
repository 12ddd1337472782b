#include "signing/CommandLineInputs.h"

#include "http/FieldSyntax.h"

#include <QFile>

#include <algorithm>

namespace hookscope::signing {

std::optional<QByteArray> readSecretFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the secret file %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QByteArray secret = file.readAll();
    if (secret.endsWith("\r\n"))
        secret.chop(2);
    else if (secret.endsWith('\n'))
        secret.chop(1);
    return secret;
}

SecretResult readSecret(const SecretInput &input)
{
    SecretResult result;
    if (input.hasInlineSecret && !input.secretFile.isEmpty()) {
        result.error = QStringLiteral("give either --secret or --secret-file, not both");
        return result;
    }
    if (input.hasInlineSecret) {
        result.secret = input.inlineSecret.toUtf8();
    } else if (!input.secretFile.isEmpty()) {
        const auto secret = readSecretFile(input.secretFile, &result.error);
        if (!secret)
            return result;
        // Said plainly here, or it would read as "no secret was given" further on.
        if (secret->isEmpty()) {
            result.error = QStringLiteral("the secret file %1 is empty").arg(input.secretFile);
            return result;
        }
        result.secret = *secret;
    } else {
        result.secret = qgetenv("HOOKSCOPE_SECRET");
    }
    result.ok = true;
    return result;
}

std::optional<HeaderField> parseHeaderLine(QByteArrayView line, QString *error)
{
    const qsizetype colon = line.indexOf(':');
    const QByteArray name = colon > 0 ? line.first(colon).trimmed().toByteArray() : QByteArray();
    if (name.isEmpty() || name.contains(' ')) {
        *error = QStringLiteral("\"%1\" is not a \"Name: value\" header line")
                     .arg(QString::fromUtf8(line.first(qMin<qsizetype>(line.size(), 60))));
        return std::nullopt;
    }
    return HeaderField {name, line.sliced(colon + 1).trimmed().toByteArray()};
}

namespace {

// "POST /hooks HTTP/1.1": what starts a raw capture pasted from a proxy or a log.
bool isRequestLine(QByteArrayView line)
{
    const QList<QByteArray> parts = line.toByteArray().split(' ');
    if (parts.size() != 3 || !http::isToken(parts.at(0)) || parts.at(1).isEmpty()
        || !parts.at(2).startsWith("HTTP/") || parts.at(2).size() == 5)
        return false;
    const QByteArray version = parts.at(2).sliced(5);
    return std::all_of(version.cbegin(), version.cend(),
                       [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

// Whether the first line from `from` that is not blank reads as a header (or nothing follows).
bool nextIsHeader(const QList<QByteArray> &lines, qsizetype from)
{
    for (qsizetype i = from; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        QString ignored;
        return line.startsWith('#') || parseHeaderLine(line, &ignored).has_value();
    }
    return true;
}

} // namespace

std::optional<HeaderBlock> parseHeaderBlock(const QByteArray &text, QString *error)
{
    HeaderBlock block;
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (line.endsWith('\r'))
            line.chop(1);
        const QString where = QStringLiteral("line %1: ").arg(i + 1);
        if (line.trimmed().isEmpty()) {
            // After a request line a blank line ends the head, as in HTTP. Otherwise blank lines
            // may separate groups of headers, and the head ends only where a body begins.
            if (!block.headers.isEmpty()
                && (!block.requestLine.isEmpty() || !nextIsHeader(lines, i + 1))) {
                for (qsizetype j = i + 1; j < lines.size(); ++j)
                    block.bodyFollows = block.bodyFollows || !lines.at(j).trimmed().isEmpty();
                break;
            }
            continue;
        }
        if (line.startsWith('#'))
            continue;
        if (isRequestLine(line)) {
            if (!block.headers.isEmpty() || !block.requestLine.isEmpty()) {
                *error = where
                    + QStringLiteral("\"%1\" is a request line; only the first line may be one")
                          .arg(QString::fromUtf8(line.first(qMin<qsizetype>(line.size(), 60))));
                return std::nullopt;
            }
            block.requestLine = line;
            continue;
        }
        if (line.startsWith("HTTP/")) {
            *error = where
                + QStringLiteral("\"%1\" is a response's status line; give the request's headers")
                      .arg(QString::fromUtf8(line.first(qMin<qsizetype>(line.size(), 60))));
            return std::nullopt;
        }
        if (line.startsWith(' ') || line.startsWith('\t')) {
            *error = where
                + QStringLiteral("a header continued on an indented line (obsolete folding); "
                                 "put each header on one line");
            return std::nullopt;
        }
        const auto header = parseHeaderLine(line, error);
        if (!header) {
            *error = where + *error;
            return std::nullopt;
        }
        block.headers.append(*header);
    }
    return block;
}

} // namespace hookscope::signing
