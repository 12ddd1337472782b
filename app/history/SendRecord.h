#pragma once

#include "http/Capture.h"

#include <QByteArray>
#include <QString>

namespace hookscope::history {

// One attempt the composer sent and what came back. The signing secret is never part of it
// (only the scheme's name and the headers it produced).
struct SendRecord {
    qint64 id = 0;
    qint64 sentAtUs = 0; // Unix time in microseconds
    QString templateName; // empty for a hand-made body
    QString scheme; // empty when unsigned
    QByteArray method;
    QString url;
    HeaderList requestHeaders;
    QByteArray requestBody;
    int status = 0; // 0 when no response arrived
    QByteArray reason;
    HeaderList responseHeaders;
    QByteArray responseBody;
    qint64 durationUs = 0;
    QString error; // for people; empty when a response arrived
    int attempt = 1;
    QString eventId;
    QString deliveryGroup; // shared by every attempt of one Send
    bool hasBodies = true; // false for list rows, which leave headers and bodies out
};

} // namespace hookscope::history
