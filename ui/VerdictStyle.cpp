#include "VerdictStyle.h"

#include <QCoreApplication>

namespace hookscope::ui {

QString verdictLabel(const QString &verdict)
{
    if (verdict == u"valid")
        return QCoreApplication::translate("Verdict", "valid");
    if (verdict == u"invalid")
        return QCoreApplication::translate("Verdict", "invalid");
    if (verdict == u"missing-header")
        return QCoreApplication::translate("Verdict", "no signature");
    if (verdict == u"malformed-header")
        return QCoreApplication::translate("Verdict", "malformed");
    if (verdict == u"outside-tolerance")
        return QCoreApplication::translate("Verdict", "too old");
    if (verdict == u"no-secret")
        return QCoreApplication::translate("Verdict", "no secret");
    // Requests refused before verification (malformed, too large, too slow) have no verdict.
    if (verdict.isEmpty())
        return QCoreApplication::translate("Verdict", "not checked");
    return verdict;
}

QColor verdictColor(const QString &verdict)
{
    if (verdict == u"valid")
        return QColor(0x1e, 0x87, 0x3c);
    if (verdict == u"invalid")
        return QColor(0xc6, 0x28, 0x28);
    if (verdict == u"missing-header" || verdict == u"malformed-header")
        return QColor(0xc2, 0x5b, 0x00);
    if (verdict == u"outside-tolerance")
        return QColor(0x8a, 0x6d, 0x00);
    return QColor(0x6b, 0x6f, 0x76);
}

} // namespace hookscope::ui
