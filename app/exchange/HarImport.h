#pragma once

#include "http/Capture.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace hookscope::exchange {

struct HarImportOptions {
    // Endpoint name given to every imported capture, so they are easy to filter and verify.
    QString endpoint = QStringLiteral("imported");
};

struct HarImportResult {
    QList<Capture> captures; // in the file's order
    QStringList entryErrors; // one line per skipped entry: "entry 3: request.url is missing"
    QString fatalError; // the file as a whole is unusable (not JSON, no log.entries)
    int entryCount = 0;

    bool ok() const { return fatalError.isEmpty(); }
};

// Reads a HAR 1.2 log (Chrome, Firefox, Charles, Hookscope's own export) into captures: request
// line, headers in order (HTTP/2 pseudo-headers dropped), body bytes (base64 when the entry says
// so), remote address, time, TLS from the scheme and the response. Bad entries are skipped and
// listed; the rest are kept.
HarImportResult importHar(const QByteArray &data, const HarImportOptions &options = {});
HarImportResult importHarFile(const QString &path, const HarImportOptions &options = {});

// Unix microseconds of an ISO 8601 time with any fraction and offset
// ("2026-11-23T13:37:23.123456Z", "2026-11-23T14:37:23.1+01:00"); nullopt when it is not one.
std::optional<qint64> parseIsoTimestampUs(const QString &text);

} // namespace hookscope::exchange
