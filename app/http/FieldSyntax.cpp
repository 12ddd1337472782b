#include "http/FieldSyntax.h"

namespace hookscope::http {

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

bool breaksFieldValue(QByteArrayView value)
{
    return value.contains('\r') || value.contains('\n') || value.contains('\0');
}

} // namespace hookscope::http
