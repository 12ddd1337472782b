#pragma once

#include "compose/JsonOverride.h"
#include "compose/OrderedJson.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QLineEdit;
class QWidget;

// What the Patreon forms (PledgeBuilder, MemberBuilder) share: reading values at a path of a
// JSON:API document, checking times, and the overrides that move a relationship to a new id.
namespace hookscope::ui::jsonform {

// The value at path (object keys, or array indexes as numbers), null when there is none.
const compose::JsonValue *at(const compose::JsonValue &root, const QStringList &path);
// The value at path as a form shows it: strings unquoted, null or missing empty.
QString text(const compose::JsonValue &root, const QStringList &path);
// The parsed body when it is a JSON:API document whose data.type is `type`.
std::optional<compose::JsonValue> document(const QByteArray &body, QStringView type);

// Text as a JSON string, quotes and escapes included.
QString quoted(const QString &text);

// Patreon writes times as ISO-8601 with an offset ("2015-05-18T23:50:42+00:00").
bool isIsoTime(const QString &text);
// A {{placeholder}} is filled at send time ("{{now:ms-offset}}"): a form keeps it as text.
bool holdsPlaceholder(const QString &text);
// What a time field accepts: an ISO-8601 time, or a placeholder that becomes one.
bool isTimeOrPlaceholder(const QString &text);

// Sets a field's text without moving the cursor of a field being typed in.
void setTextQuietly(QLineEdit *edit, const QString &text);
// A line edit whose hint reads whole: never narrower than its placeholder text.
QLineEdit *hintedLineEdit(QWidget *parent, const QString &name, const QString &placeholder);

// Splices the overrides made from body's parsed root into body, all or none; false (with a
// message) when `problem` is not empty, body is not JSON or an override does not apply.
bool splice(
    QByteArray &body, const QString &problem,
    const std::function<QList<compose::JsonOverride>(const compose::JsonValue &)> &overrides,
    QString *error);

// The overrides that move the resource at dataPath (a relationship's {"id", "type"}) to newId:
// the id itself, the resource in "included" with that type and the old id, and the
// relationship's links.related URL when it ends in the old id. None when the id is unchanged.
QList<compose::JsonOverride> movedResource(const compose::JsonValue &root,
                                           const QStringList &relationshipPath,
                                           const QStringList &dataPath, const QString &newId);

} // namespace hookscope::ui::jsonform
