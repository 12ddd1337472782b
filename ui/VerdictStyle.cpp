#include "VerdictStyle.h"

#include "signing/Signing.h"
#include "signing/SigningTypes.h"

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
    if (verdict == u"unsigned")
        return QCoreApplication::translate("Verdict", "unsigned");
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

bool isUnsigned(const StoredVerdict &verdict)
{
    return verdict.verdict == signing::verdicts::unsignedRequest;
}

QString verdictLabel(const StoredVerdict &verdict)
{
    return verdictLabel(verdict.verdict);
}

QString verdictDescription(const StoredVerdict &verdict)
{
    if (isUnsigned(verdict))
        return QCoreApplication::translate("Verdict", "Unsigned: the request is not signed");
    if (verdict.verdict == signing::verdicts::noSecret)
        return QCoreApplication::translate("Verdict",
                                           "Signed with %1, but no secret is set to check it")
            .arg(signing::schemeTitle(verdict.scheme));
    if (verdict.verdict.isEmpty())
        return QCoreApplication::translate("Verdict", "Signature not checked");
    const QString label = verdictLabel(verdict.verdict);
    return verdict.scheme.isEmpty()
        ? QCoreApplication::translate("Verdict", "Signature: %1").arg(label)
        : QCoreApplication::translate("Verdict", "%1 signature: %2")
              .arg(signing::schemeTitle(verdict.scheme), label);
}

} // namespace hookscope::ui
