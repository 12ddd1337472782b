#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace hookscope {

// One header line exactly as it arrived: original case, order and duplicates are kept by
// storing headers as a list, never as a map.
struct HeaderField {
    QByteArray name;
    QByteArray value;

    friend bool operator==(const HeaderField &, const HeaderField &) = default;
};
using HeaderList = QList<HeaderField>;

// First value of a header, matched case-insensitively; empty when absent.
QByteArray headerValue(const HeaderList &headers, QByteArrayView name);
bool hasHeader(const HeaderList &headers, QByteArrayView name);

// The stored signature verdict of a capture (see app/signing).
struct StoredVerdict {
    QString scheme; // CLI name, e.g. "patreon"; empty when none detected
    // valid, invalid, missing-header, malformed-header, outside-tolerance, no-secret, unsigned;
    // empty: not checked (a malformed request)
    QString verdict;
    QString detail; // one line for people
};

// What one forward target answered when a capture was sent on to it (listen --forward-to).
struct ForwardResult {
    QString target; // the URL it was sent to
    qint64 sentAtUs = 0; // Unix time in microseconds
    int status = 0; // 0 when no response arrived
    HeaderList headers; // in the order received
    QByteArray body;
    qint64 durationUs = 0;
    QString error; // why no response arrived; empty otherwise
    // As the forwarder reports it (not stored: the stored attempts are in sending order).
    int attempt = 1; // 1 for the first send, 2 for the first retry, …
    qint64 retryInMs = -1; // when another attempt is on its way; -1 when none is
    bool timedOut = false; // no answer came within the forwarder's timeout
};

// One HTTP request as Hookscope received (or sent) it. Everything flows through this value:
// the server builds it, the store persists it, the window and exports show it.
struct Capture {
    qint64 id = 0;
    QByteArray method;
    QByteArray target; // path and query exactly as sent
    QByteArray httpVersion = "1.1"; // "1.0" or "1.1"
    HeaderList headers;
    QByteArray body; // de-chunked body; for a malformed request, the raw bytes seen so far
    QString remoteAddress;
    quint16 remotePort = 0;
    bool tls = false;
    qint64 receivedAtUs = 0; // Unix time in microseconds of the first byte
    qint64 durationUs = 0; // first to last byte
    QString endpoint; // name of the endpoint that matched; empty for the catch-all
    bool malformed = false;
    QString parseError;

    int responseStatus = 0;
    HeaderList responseHeaders;
    QByteArray responseBody;
    qint64 responseDelayMs = 0; // the endpoint's delay, waited after storing, before answering
    // How long after its request the sender closed the connection while the answer was held
    // (a delay, a pass-through): a sender that timed out never saw the answer. -1: it did not.
    qint64 senderLeftAfterMs = -1;

    StoredVerdict signature;

    // Derived at capture time from the provider's event header or the JSON body's
    // "type"/"event" field (see http/EventType.h); empty when none says.
    QString eventType;

    QList<ForwardResult> forwards; // what forward targets answered; filled by RequestStore::load
};

// For people, when the sender left while the answer was held (Capture::senderLeftAfterMs):
// "The sender closed the connection 1003 ms after its request, before the answer went out
// (held by the endpoint's 3000 ms delay)…"; empty when it did not.
QString senderLeftText(const Capture &capture);
// The same from the two figures it is made of (delayMs 0: the answer waited for a forward target).
QString senderLeftText(qint64 afterMs, qint64 delayMs);

} // namespace hookscope
