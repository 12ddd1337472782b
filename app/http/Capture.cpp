#include "http/Capture.h"

namespace hookscope {

QByteArray headerValue(const HeaderList &headers, QByteArrayView name)
{
    for (const HeaderField &field : headers) {
        if (QByteArrayView(field.name).compare(name, Qt::CaseInsensitive) == 0)
            return field.value;
    }
    return {};
}

bool hasHeader(const HeaderList &headers, QByteArrayView name)
{
    for (const HeaderField &field : headers) {
        if (QByteArrayView(field.name).compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace hookscope
