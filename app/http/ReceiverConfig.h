#pragma once

#include "http/Capture.h"
#include "http/RequestParser.h"

#include <QHostAddress>
#include <QList>
#include <QString>

namespace hookscope::http {

// What an endpoint answers once a request is stored.
struct ResponseConfig {
    int status = 200;
    HeaderList headers; // extra headers, sent as given (checked for CR/LF when configured)
    QByteArray body; // empty: the default {"received":"<id>"}
    int delayMs = 0;

    friend bool operator==(const ResponseConfig &, const ResponseConfig &) = default;
};

// A user-defined endpoint: requests whose path starts with pathPrefix belong to it.
struct EndpointConfig {
    QString name;
    QByteArray pathPrefix; // "/" for a catch-all
    QString scheme; // signature scheme name or "auto"; empty: no verification
    QString
        secretReference; // where the secret lives (keyring entry or file path); never the secret
    QByteArray secret; // a secret given directly (memory only: never stored or printed)
    // Answer 401 to a signature that fails the check: invalid, missing where a secret expects
    // one, malformed or too old (signing::verdicts::refusalReason).
    bool rejectInvalidSignature = false;
    ResponseConfig response;

    friend bool operator==(const EndpointConfig &, const EndpointConfig &) = default;
};

// Everything CaptureServer needs to listen.
struct ReceiverConfig {
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 8787; // 0 picks a free port
    bool allowNonLoopback = false; // binding beyond loopback must be asked for explicitly
    bool tls = false;
    QString certificatePath; // PEM; empty with tls: a generated self-signed localhost cert
    QString privateKeyPath;
    ParseLimits limits;
    int maxConnections = 4096; // lowered to fit the process's descriptor limit
    int idleTimeoutMs = 30000; // keep-alive connection with no request in progress
    int requestTimeoutMs = 30000; // from a request's first byte to its last
    // Pass-through (PassThroughHooks): how long a sender waits for the target's answer before
    // it gets 504; longer than the forwarder's own 30 s timeout, which answers first.
    int passThroughTimeoutMs = 35000;
    int workerThreads = 1; // connection-handling threads; the acceptor hands sockets out
    // Echo the challenge of a provider confirming the URL (Slack url_verification, Meta
    // hub.challenge, Microsoft Graph validationToken, Dropbox challenge) instead of the
    // configured answer, which those providers would refuse.
    bool answerHandshakes = true;
    ResponseConfig defaultResponse; // for requests no endpoint claims
    QString defaultScheme; // signature scheme for the catch-all ("auto", a name, or empty)
    QString defaultSecretReference; // e.g. "file:/path"; never the secret itself
    QByteArray defaultSecret; // a secret given directly (memory only: never stored or printed)
    bool defaultRejectInvalidSignature = false; // the catch-all's rejectInvalidSignature
    QList<EndpointConfig> endpoints; // longest matching prefix wins
};

// The endpoint a request target belongs to, or nullptr for the catch-all.
const EndpointConfig *matchEndpoint(const QList<EndpointConfig> &endpoints, QByteArrayView target);

// True when a header name/value may be sent as is: no CR, LF or NUL (response splitting).
bool isSafeHeaderText(QByteArrayView text);

} // namespace hookscope::http
