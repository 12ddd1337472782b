#include "dialogs/DiffSummary.h"

#include "core/Counted.h"

#include <QCoreApplication>
#include <QStringList>

namespace hookscope::ui {

using exchange::BodyComparison;
using exchange::CaptureDiffResult;
using exchange::DiffEntry;
using exchange::DiffKind;
using exchange::DiffSection;

namespace {

constexpr int kNamesShown = 3; // a line names this many entries, then "and N more"
constexpr int kValueShown = 40;

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("DiffSummary", text, nullptr, n);
}

QString shortValue(const QString &value)
{
    QString shown = value.size() > kValueShown ? value.left(kValueShown) + u'…' : value;
    return shown.replace(u'\n', u'⏎');
}

// "$.a 1 → 2, $.b \"x\" → \"y\" and 3 more": the entries by name, with their values if asked.
QString listOf(const QList<const DiffEntry *> &entries, bool withValues)
{
    QStringList names;
    for (const DiffEntry *entry : entries) {
        if (names.size() == kNamesShown)
            break;
        QString text = entry->path;
        if (withValues)
            text += u' ' + shortValue(entry->left) + QStringLiteral(" → ")
                + shortValue(entry->right);
        if (entry->expectedToDiffer)
            text += tr(" (expected to differ between deliveries)");
        names << text;
    }
    QString text = names.join(QStringLiteral(", "));
    if (entries.size() > kNamesShown)
        text += tr(" and %n more", int(entries.size()) - kNamesShown);
    return text;
}

QList<const DiffEntry *> entriesOf(const CaptureDiffResult &result, DiffSection section,
                                   std::initializer_list<DiffKind> kinds)
{
    QList<const DiffEntry *> found;
    for (const DiffEntry &entry : result.entries) {
        if (entry.section == section
            && std::find(kinds.begin(), kinds.end(), entry.kind) != kinds.end())
            found << &entry;
    }
    return found;
}

QString requestLineText(const CaptureDiffResult &result)
{
    const auto changed = entriesOf(result, DiffSection::RequestLine, {DiffKind::Changed});
    if (changed.isEmpty())
        return tr("Request line: the same");
    return tr("Request line: ") + listOf(changed, true);
}

QString headersText(const CaptureDiffResult &result, const QString &leftName,
                    const QString &rightName)
{
    QStringList parts;
    const auto changed = entriesOf(result, DiffSection::Headers, {DiffKind::Changed});
    const auto added = entriesOf(result, DiffSection::Headers, {DiffKind::Added});
    const auto removed = entriesOf(result, DiffSection::Headers, {DiffKind::Removed});
    if (!changed.isEmpty())
        parts << tr("%n changed: ", int(changed.size())) + listOf(changed, false);
    if (!added.isEmpty())
        parts << tr("%n only in ", int(added.size())) + rightName + QStringLiteral(": ")
                + listOf(added, false);
    if (!removed.isEmpty())
        parts << tr("%n only in ", int(removed.size())) + leftName + QStringLiteral(": ")
                + listOf(removed, false);
    // Content-Length of a changed body still differs: never "the same" while a value does.
    const auto follows = entriesOf(result, DiffSection::Headers, {DiffKind::Derived});
    if (!follows.isEmpty())
        parts << listOf(follows, false)
                + (follows.size() == 1 ? tr(" differs only because the body does")
                                       : tr(" differ only because the body does"));
    if (parts.isEmpty())
        return tr("Headers: the same");
    return tr("Headers: ") + parts.join(QStringLiteral("; "));
}

QString bodyText(const CaptureDiffResult &result, const QString &leftName, const QString &rightName)
{
    QString title;
    QStringView unit; // "1 value", "2 values"
    QStringView units;
    switch (result.bodyComparison) {
    case BodyComparison::BothEmpty:
        return tr("Body: both empty");
    case BodyComparison::Json:
        title = tr("Body (JSON, by path): ");
        unit = u"value";
        units = u"values";
        break;
    case BodyComparison::Form:
        title = tr("Body (form, by field): ");
        unit = u"field";
        units = u"fields";
        break;
    case BodyComparison::Lines:
        title = tr("Body (text, by line): ");
        unit = u"line";
        units = u"lines";
        break;
    }
    QStringList parts;
    const auto changed = entriesOf(result, DiffSection::Body, {DiffKind::Changed});
    const auto retyped = entriesOf(result, DiffSection::Body, {DiffKind::TypeChanged});
    const auto added = entriesOf(result, DiffSection::Body, {DiffKind::Added});
    const auto removed = entriesOf(result, DiffSection::Body, {DiffKind::Removed});
    const auto order = entriesOf(result, DiffSection::Body, {DiffKind::KeyOrder});
    const auto spelling = entriesOf(result, DiffSection::Body, {DiffKind::NumberSpelling});
    if (!changed.isEmpty())
        parts << counted(changed.size(), unit, units) + tr(" changed: ") + listOf(changed, true);
    if (!retyped.isEmpty())
        parts << counted(retyped.size(), unit, units) + tr(" changed type: ")
                + listOf(retyped, true);
    if (!added.isEmpty())
        parts << counted(added.size(), unit, units) + tr(" only in ") + rightName
                + QStringLiteral(": ") + listOf(added, false);
    if (!removed.isEmpty())
        parts << counted(removed.size(), unit, units) + tr(" only in ") + leftName
                + QStringLiteral(": ") + listOf(removed, false);
    if (!order.isEmpty())
        parts << tr("keys in another order in ") + counted(order.size(), u"object", u"objects")
                + QStringLiteral(": ") + listOf(order, false);
    if (!spelling.isEmpty())
        parts << counted(spelling.size(), u"number", u"numbers")
                + tr(" written differently, same value: ") + listOf(spelling, true);
    if (result.lineDiffTruncated)
        parts << tr("too large to align line by line");
    QString text = title + (parts.isEmpty() ? tr("the same") : parts.join(QStringLiteral("; ")));
    if (result.formattingDiffers)
        text += tr(" (whitespace and formatting differ too, not counted)");
    if (!result.bodyNote.isEmpty())
        text += tr("; compared as text because ") + result.bodyNote;
    return text;
}

} // namespace

QString describeDifferences(const CaptureDiffResult &result, const QString &leftName,
                            const QString &rightName)
{
    return QStringList {requestLineText(result), headersText(result, leftName, rightName),
                        bodyText(result, leftName, rightName)}
        .join(u'\n');
}

} // namespace hookscope::ui
