#pragma once

#include "compose/OrderedJson.h"
#include "http/Capture.h"

#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace hookscope::compose {

class PlaceholderContext;

// One event template, as stored in a .json file (see resources/templates/README.md):
//   {"provider": "patreon", "event": "pledges:create", "description": "...", "scheme": "patreon",
//    "retry_schedule": "patreon", "method": "POST", "event_id": "{{id:evt_}}",
//    "headers": [["Content-Type", "application/json"], ...], "body_format": "compact",
//    "body": {...JSON...} or "raw text"}
struct EventTemplate {
    QString provider;
    QString event;
    QString description;
    QString scheme; // signature scheme name as the CLI spells it; empty for none
    QString retrySchedule; // the provider's schedule name; empty for none
    QByteArray method = "POST";
    QString eventId; // placeholder text for the id passed to signing (may be empty)
    QList<QPair<QString, QString>> headers; // in order, values may hold placeholders
    JsonValue body; // a JSON value, or a string holding the raw body when bodyIsText
    bool bodyIsText = false;
    bool prettyBody = false;
    QString sourcePath; // the file it came from
    bool builtIn = false;

    QString name() const { return provider + u'/' + event; }

    static std::optional<EventTemplate> fromJson(QByteArrayView text, QString *error);
    QByteArray toJson() const; // pretty, the format fromJson reads

    // "Save as template": the capture's method, headers (minus transport and signature headers,
    // which are recomputed at send time) and body, with any "{{" escaped.
    static EventTemplate fromCapture(const Capture &capture, const QString &provider,
                                     const QString &event);
    // A provider and event name for a capture, guessed from its scheme and event header (or the
    // body's "type"), for the one-step "save as template": {"patreon", "pledges:create"}.
    static QPair<QString, QString> suggestedName(const Capture &capture);
};

// A template with its placeholders filled: ready to sign and send.
struct RenderedEvent {
    QString templateName;
    QString scheme;
    QByteArray method = "POST";
    HeaderList headers;
    QByteArray body;
    QString eventId;
    qint64 timestamp = 0; // Unix seconds, the render's "now" (used for signing)
};

bool renderTemplate(const EventTemplate &eventTemplate, PlaceholderContext &context,
                    RenderedEvent *out, QString *error);

// Removes the {{signature}} slots that signing did not fill (call after signing, before sending).
void dropSignatureSlots(HeaderList &headers);

} // namespace hookscope::compose
