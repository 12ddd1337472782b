#pragma once

#include "http/Capture.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace hookscope::signing {

// Where a command line gets its secret: --secret, --secret-file or $HOOKSCOPE_SECRET, in that
// order; at most one of the first two. Shared by sign, verify and listen.
struct SecretInput {
    QString inlineSecret;
    bool hasInlineSecret = false;
    QString secretFile;
};

struct SecretResult {
    bool ok = false;
    QByteArray secret; // empty when none was given anywhere
    QString error; // never contains the secret
};

SecretResult readSecret(const SecretInput &input);

// A secret file's content with one final newline (LF or CRLF) removed: editors add it, and
// nobody means it as part of the key.
std::optional<QByteArray> readSecretFile(const QString &path, QString *error);

// A headers file: "Name: value" lines as `hookscope sign` prints them, or the head of a raw
// request pasted from a capture (a first request line, then headers, then a blank line and the
// body). Lines starting with '#' are skipped.
struct HeaderBlock {
    HeaderList headers;
    QByteArray requestLine; // "POST /hooks HTTP/1.1" when the text starts with one
    bool bodyFollows = false; // something after the blank line that ends the head
};
std::optional<HeaderBlock> parseHeaderBlock(const QByteArray &text, QString *error);
std::optional<HeaderField> parseHeaderLine(QByteArrayView line, QString *error);

} // namespace hookscope::signing
