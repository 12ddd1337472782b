#include "http/ReceiverConfig.h"

namespace hookscope::http {

const EndpointConfig *matchEndpoint(const QList<EndpointConfig> &endpoints, QByteArrayView target)
{
    const qsizetype queryAt = target.indexOf('?');
    const QByteArrayView path = queryAt < 0 ? target : target.first(queryAt);
    const EndpointConfig *best = nullptr;
    for (const EndpointConfig &endpoint : endpoints) {
        const QByteArrayView prefix(endpoint.pathPrefix);
        if (!path.startsWith(prefix))
            continue;
        // "/github" matches "/github" and "/github/x", not "/githubber".
        const bool boundary
            = prefix.endsWith('/') || path.size() == prefix.size() || path.at(prefix.size()) == '/';
        if (boundary && (!best || prefix.size() > best->pathPrefix.size()))
            best = &endpoint;
    }
    return best;
}

bool isSafeHeaderText(QByteArrayView text)
{
    for (char c : text) {
        if (c == '\r' || c == '\n' || c == '\0')
            return false;
    }
    return true;
}

} // namespace hookscope::http
