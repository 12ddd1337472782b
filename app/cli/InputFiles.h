#pragma once

#include "cli/Command.h"
#include "signing/CommandLineInputs.h"

#include <QByteArray>
#include <QIODevice>
#include <QString>
#include <QTextStream>

namespace hookscope::cli {

// What a command read from the files its arguments name. A file that does not exist or cannot
// be read is an I/O error (exit 1): the command line was right, the file system said no. What
// the arguments got wrong (--secret with --secret-file, an empty secret file) stays a usage
// error (exit 2).
struct InputResult {
    int exitCode = Success;
    QByteArray bytes;
    QString error; // names the file and the OS's reason; never holds a secret
    bool ok() const { return exitCode == Success; }
};

// The secret from --secret, --secret-file or $HOOKSCOPE_SECRET, as signing::readSecret reads it.
InputResult readSecretInput(const signing::SecretInput &input);
// One secret file (--other-secret-file, --endpoint-secret-file), one final newline dropped.
InputResult readSecretFileInput(const QString &path);
// A file's bytes as stored; `what` names it in the error ("headers file").
InputResult readInputFile(const QString &path, const QString &what);
// --body-file: the file's bytes as stored, or standard input for "-".
InputResult readBodyInput(const QString &path, QIODevice *standardInput);

// Prints why `input` failed as `hookscope COMMAND: ...`, with the usage hint only after a usage
// error, and returns its exit code.
int reportInputError(QTextStream &err, const QString &command, const InputResult &input);

} // namespace hookscope::cli
