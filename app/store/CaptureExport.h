#pragma once

#include "http/Capture.h"
#include "store/CaptureSummary.h"

#include <QIODevice>
#include <QJsonObject>

namespace hookscope::store {

class RequestStore;

// "2026-11-23T13:37:23.123456Z" from Unix microseconds.
QString isoTimestamp(qint64 unixUs);

// One JSON-lines record: id, received_at, method, target, http_version, headers as
// [name, value] pairs in arrival order, body (UTF-8) or body_base64, remote, endpoint,
// malformed, signature, forwards (each target's answer, its password as ***). Secrets are never
// part of a capture, so none can leak here.
QJsonObject captureToJson(const Capture &capture);

// One HAR 1.2 entry for a capture (request as received, response as answered).
QJsonObject captureToHarEntry(const Capture &capture);

// The compact JSON text of one record (a JSON line without its newline, or a HAR entry).
// U+FEFF is written as the escape \ufeff: Qt's JSON parser, and so the HAR import, drops the raw
// character at the start of a string, and a body may well start with a byte-order mark.
QByteArray exportJson(const QJsonObject &record);

// Streams every stored capture, oldest first, to out. Returns an error message, empty on success.
QString exportJsonLines(RequestStore &store, QIODevice &out);
QString exportHar(RequestStore &store, QIODevice &out);

} // namespace hookscope::store
