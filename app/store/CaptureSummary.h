#pragma once

#include "http/Capture.h"

#include <QList>
#include <QString>

#include <optional>

namespace hookscope::store {

// One row of the request list: everything but headers and bodies, cheap to page through.
struct CaptureSummary {
    qint64 id = 0;
    qint64 receivedAtUs = 0;
    QByteArray method;
    QByteArray target;
    QString endpoint;
    QString eventType;
    QString contentType;
    qint64 bodySize = 0;
    QString remoteAddress;
    quint16 remotePort = 0;
    bool tls = false;
    bool malformed = false;
    QString parseError; // why a malformed request was refused
    int responseStatus = 0;
    StoredVerdict signature;
};

// Filters for paging and counting; unset members do not filter.
struct CaptureFilter {
    QString text; // substring of target, headers or body (ASCII case-insensitive), or "#id"
    QByteArray method;
    std::optional<QString> endpoint; // "" is the catch-all
    QString eventType;
    QString verdict; // e.g. "valid", "invalid", "no-secret"
    qint64 fromUs = 0; // received_at >= fromUs when non-zero
    qint64 toUs = 0; // received_at < toUs when non-zero
    bool malformedOnly = false; // only requests refused as malformed (not a malformed signature)

    bool isEmpty() const
    {
        return text.isEmpty() && method.isEmpty() && !endpoint && eventType.isEmpty()
            && verdict.isEmpty() && fromUs == 0 && toUs == 0 && !malformedOnly;
    }
};

// Newest first is what an inspector shows; oldest first is what an export wants.
enum class SortOrder { NewestFirst, OldestFirst };

CaptureSummary summarize(const Capture &capture);

} // namespace hookscope::store
