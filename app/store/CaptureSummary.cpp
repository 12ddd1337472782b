#include "store/CaptureSummary.h"

namespace hookscope::store {

CaptureSummary summarize(const Capture &capture)
{
    CaptureSummary summary;
    summary.id = capture.id;
    summary.receivedAtUs = capture.receivedAtUs;
    summary.method = capture.method;
    summary.target = capture.target;
    summary.endpoint = capture.endpoint;
    summary.eventType = capture.eventType;
    summary.contentType = QString::fromLatin1(headerValue(capture.headers, "content-type"));
    summary.bodySize = capture.body.size();
    summary.remoteAddress = capture.remoteAddress;
    summary.remotePort = capture.remotePort;
    summary.tls = capture.tls;
    summary.malformed = capture.malformed;
    summary.parseError = capture.parseError;
    summary.responseStatus = capture.responseStatus;
    summary.signature = capture.signature;
    return summary;
}

} // namespace hookscope::store
