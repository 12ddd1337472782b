#include "cli/InputFiles.h"

#include "cli/CommandArguments.h"

#include <QFile>

namespace hookscope::cli {

namespace {

InputResult failed(int exitCode, const QString &error)
{
    return {exitCode, {}, error};
}

} // namespace

InputResult readSecretFileInput(const QString &path)
{
    QString error;
    // readSecretFile fails only when the file cannot be opened.
    const auto secret = signing::readSecretFile(path, &error);
    if (!secret)
        return failed(Failure, error);
    return {Success, *secret, {}};
}

InputResult readSecretInput(const signing::SecretInput &input)
{
    if (!input.hasInlineSecret && !input.secretFile.isEmpty()) {
        InputResult result = readSecretFileInput(input.secretFile);
        // Said plainly here, or it would read as "no secret was given" further on.
        if (result.ok() && result.bytes.isEmpty())
            return failed(UsageError,
                          QStringLiteral("the secret file %1 is empty").arg(input.secretFile));
        return result;
    }
    // --secret, both (refused), or $HOOKSCOPE_SECRET: nothing to read from disk.
    const signing::SecretResult secret = signing::readSecret(input);
    if (!secret.ok)
        return failed(UsageError, secret.error);
    return {Success, secret.secret, {}};
}

InputResult readInputFile(const QString &path, const QString &what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failed(
            Failure,
            QStringLiteral("cannot read the %1 %2: %3").arg(what, path, file.errorString()));
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return failed(
            Failure,
            QStringLiteral("cannot read the %1 %2: %3").arg(what, path, file.errorString()));
    return {Success, bytes, {}};
}

InputResult readBodyInput(const QString &path, QIODevice *standardInput)
{
    if (path != u"-")
        return readInputFile(path, QStringLiteral("body file"));
    if (!standardInput)
        return failed(UsageError, QStringLiteral("no standard input to read the body from"));
    return {Success, standardInput->readAll(), {}};
}

int reportInputError(QTextStream &err, const QString &command, const InputResult &input)
{
    if (input.exitCode == UsageError)
        return reportUsageError(err, command, input.error);
    err << "hookscope " << command << ": " << input.error << '\n';
    err.flush();
    return input.exitCode;
}

} // namespace hookscope::cli
