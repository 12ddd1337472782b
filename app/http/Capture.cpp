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

QString senderLeftText(const Capture &capture)
{
    if (capture.senderLeftAfterMs < 0)
        return {};
    const QString held = capture.responseDelayMs > 0
        ? QStringLiteral("held by the endpoint's %1 ms delay").arg(capture.responseDelayMs)
        : QStringLiteral("waiting for the forward target's answer");
    return QStringLiteral("The sender closed the connection %1 ms after its request, before the "
                          "answer went out (%2): a sender that timed out never saw it.")
        .arg(capture.senderLeftAfterMs)
        .arg(held);
}

} // namespace hookscope
