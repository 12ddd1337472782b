#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace hookscope::signing {

// A plausible other serialization of a received body: what the sender may have signed when
// the bytes it sent differ from the bytes it signed.
struct BodyVariant {
    QString description; // "the body as compact JSON (whitespace removed)"
    QByteArray body;
};

// Newline, line-ending and JSON re-serialization variants of `body` (pretty and compact,
// Python's default spacing, sorted keys, escaped slashes and non-ASCII); each differs from
// `body`. Bodies over 1 MiB get only the cheap newline variants.
QList<BodyVariant> bodyVariants(const QByteArray &body);

} // namespace hookscope::signing
