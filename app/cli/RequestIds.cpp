#include "cli/RequestIds.h"

#include <QString> // QStringView::toLongLong is defined there

namespace hookscope::cli {

std::optional<qint64> parseRequestId(QStringView text)
{
    QStringView digits = text.trimmed();
    if (digits.startsWith(u'#'))
        digits = digits.sliced(1);
    bool ok = false;
    const qint64 id = digits.toLongLong(&ok);
    if (!ok || id <= 0)
        return std::nullopt;
    return id;
}

} // namespace hookscope::cli
