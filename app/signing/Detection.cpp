#include "signing/SchemeRegistry.h"
#include "signing/Signing.h"

namespace hookscope::signing {

// Auto-detection: a scheme is present when any of its signature headers is. The registry's
// order puts providers' own headers before generic ones such as X-Signature.
QStringList detectSchemes(const HeaderList &headers)
{
    QStringList detected;
    for (const Scheme *scheme : builtinSchemes()) {
        for (const QByteArray &header : scheme->detectionHeaders()) {
            if (hasHeader(headers, header)) {
                detected << scheme->name();
                break;
            }
        }
    }
    return detected;
}

// Only the first sender: an unsigned request that names two providers names neither well.
QString identifySender(const HeaderList &headers, QByteArray *header)
{
    for (const Scheme *scheme : builtinSchemes()) {
        for (const QByteArray &name : scheme->senderHeaders()) {
            if (hasHeader(headers, name)) {
                if (header)
                    *header = name;
                return scheme->name();
            }
        }
    }
    return {};
}

} // namespace hookscope::signing
