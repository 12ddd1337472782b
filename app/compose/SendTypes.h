#pragma once

#include "http/Capture.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace hookscope::compose {

// One request to send. Headers go on the wire as given: in order, duplicates as separate lines
// (see HttpWire.h for the framing headers added).
struct OutgoingRequest {
    QUrl url;
    // The request target as sent, when the URL cannot say it exactly (a replayed target that is
    // not UTF-8); empty means the URL's path and query.
    QByteArray target;
    QByteArray method = "POST";
    HeaderList headers;
    QByteArray body;
    int timeoutMs = 30000;
    bool insecure = false; // accept any TLS certificate, for this send only
};

enum class SendError {
    None,
    InvalidUrl,
    InvalidMethod,
    InvalidHeader,
    HostNotFound,
    ConnectionRefused,
    Tls,
    Timeout,
    Network,
};

// What came back: a response (any status) or an error that prevented one.
struct SendResult {
    SendError error = SendError::None;
    QString message; // for people; empty when a response arrived
    int status = 0;
    QByteArray reason;
    HeaderList headers; // in the order received
    QByteArray body;
    qint64 startedAtUs = 0; // Unix time in microseconds
    qint64 durationUs = 0; // until the whole response arrived (or the error)
    qint64 firstByteUs = 0; // until the response headers arrived; 0 if they never did

    bool gotResponse() const { return error == SendError::None && status > 0; }
    bool succeeded() const { return gotResponse() && status >= 200 && status < 300; }
    // "200 OK" or the error message
    QString summary() const;
};

QString sendErrorName(SendError error); // "connection-refused", ...

// A URL as Hookscope prints and stores it: a password in it becomes "***" (the user name stays,
// so it is clear that credentials are sent). Requests still go to the real URL.
QString redactedUrl(const QUrl &url);
// The same for text as typed, which may not even parse as a URL.
QString redactedUrlText(const QString &typed);
// `text` (e.g. a sender's error message) with `url`, wherever it is quoted, redacted.
QString withoutUrlPassword(QString text, const QUrl &url);

// "invalid URL 'TYPED': what is wrong, plainly (no scheme, a bad port, a space...)", with a
// password in it redacted; empty when `typed` is an http(s) URL with a host.
QString invalidUrlMessage(const QString &typed);

// Checks what can be checked before sending: an http(s) URL with a host, a method token, header
// names that are tokens and values without CR, LF or NUL (header injection).
bool validateRequest(const OutgoingRequest &request, SendError *error, QString *message);

// Replaces the first header of that name (case-insensitively) in place, dropping later ones, or
// appends it.
void setHeader(HeaderList &headers, const QByteArray &name, const QByteArray &value);
// Parses "Name: value" as typed on a command line.
bool parseHeaderLine(const QString &line, HeaderField *out, QString *error);

// The sent request and its response in the shape the rest of Hookscope shows and stores.
Capture toCapture(const OutgoingRequest &request, const SendResult &result);

} // namespace hookscope::compose
