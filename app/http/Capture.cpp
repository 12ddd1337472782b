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
    return senderLeftText(capture.senderLeftAfterMs, capture.responseDelayMs);
}

QString senderLeftText(qint64 afterMs, qint64 delayMs)
{
    if (afterMs < 0)
        return {};
    const QString held = delayMs > 0
        ? QStringLiteral("held by the endpoint's %1 ms delay").arg(delayMs)
        : QStringLiteral("waiting for the forward target's answer");
    return QStringLiteral("The sender closed the connection %1 ms after its request, before the "
                          "answer went out (%2): a sender that timed out never saw it.")
        .arg(afterMs)
        .arg(held);
}

} // namespace hookscope
