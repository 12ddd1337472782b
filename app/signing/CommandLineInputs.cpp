#include "signing/CommandLineInputs.h"

#include <QFile>

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

std::optional<HeaderList> parseHeaderLines(const QByteArray &text, QString *error)
{
    HeaderList headers;
    for (QByteArray line : text.split('\n')) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.trimmed().isEmpty() || line.startsWith('#'))
            continue;
        const auto header = parseHeaderLine(line, error);
        if (!header)
            return std::nullopt;
        headers.append(*header);
    }
    return headers;
}

std::optional<QByteArray> readBody(const QString &path, QIODevice *standardInput, QString *error)
{
    if (path == u"-") {
        if (!standardInput) {
            *error = QStringLiteral("no standard input to read the body from");
            return std::nullopt;
        }
        return standardInput->readAll();
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the body file %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return file.readAll();
}

} // namespace hookscope::signing
