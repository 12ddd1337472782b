#include "compose/JsonForm.h"

#include <QDateTime>
#include <QFontMetrics>
#include <QLineEdit>

namespace hookscope::ui::jsonform {

using compose::JsonValue;

const JsonValue *at(const JsonValue &root, const QStringList &path)
{
    const JsonValue *value = &root;
    for (const QString &key : path) {
        if (value->isArray()) {
            bool ok = false;
            const int index = key.toInt(&ok);
            if (!ok || index < 0 || index >= value->elements().size())
                return nullptr;
            value = &value->elements().at(index);
            continue;
        }
        if (!value->isObject())
            return nullptr;
        value = value->find(key);
        if (!value)
            return nullptr;
    }
    return value;
}

QString text(const JsonValue &root, const QStringList &path)
{
    const JsonValue *value = at(root, path);
    if (!value || value->isNull())
        return {};
    return value->isString() ? value->toString() : QString::fromUtf8(value->toCompact());
}

std::optional<JsonValue> document(const QByteArray &body, QStringView type)
{
    compose::JsonParseError error;
    JsonValue root = compose::parseJson(body, &error);
    if (!error.ok() || !root.isObject())
        return std::nullopt;
    const JsonValue *dataType = at(root, {QStringLiteral("data"), QStringLiteral("type")});
    if (!dataType || !dataType->isString() || dataType->toString() != type)
        return std::nullopt;
    return root;
}

QString quoted(const QString &text)
{
    return QString::fromUtf8(compose::jsonQuoted(text));
}

bool isIsoTime(const QString &text)
{
    return QDateTime::fromString(text, Qt::ISODate).isValid()
        || QDateTime::fromString(text, Qt::ISODateWithMs).isValid();
}

bool holdsPlaceholder(const QString &text)
{
    return text.contains(u"{{");
}

bool isTimeOrPlaceholder(const QString &text)
{
    return holdsPlaceholder(text) || isIsoTime(text);
}

void setTextQuietly(QLineEdit *edit, const QString &text)
{
    // Only when it differs, so the cursor of a field being typed in does not jump.
    if (edit->text() != text) {
        edit->setText(text);
        if (!edit->hasFocus())
            edit->setCursorPosition(0); // show the start of a long time, not its end
    }
}

QLineEdit *hintedLineEdit(QWidget *parent, const QString &name, const QString &placeholder)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    edit->setMinimumWidth(edit->fontMetrics().horizontalAdvance(placeholder)
                          + 2 * edit->fontMetrics().horizontalAdvance(u'M'));
    return edit;
}

bool splice(QByteArray &body, const QString &problem,
            const std::function<QList<compose::JsonOverride>(const JsonValue &)> &overrides,
            QString *error)
{
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    compose::JsonParseError parseError;
    const JsonValue root = compose::parseJson(body, &parseError);
    if (!parseError.ok()) {
        if (error)
            *error = parseError.describe();
        return false;
    }
    QByteArray result = body;
    for (const compose::JsonOverride &override : overrides(root)) {
        if (!compose::applyOverride(result, override, error))
            return false;
    }
    body = result;
    return true;
}

QList<compose::JsonOverride> movedResource(const JsonValue &root,
                                           const QStringList &relationshipPath,
                                           const QStringList &dataPath, const QString &newId)
{
    const JsonValue *data = at(root, dataPath);
    if (!data || !data->isObject())
        return {}; // no such relationship (data: null): nothing to write
    const QString oldId = data->stringValue(u"id");
    if (oldId == newId)
        return {};
    QList<compose::JsonOverride> overrides {
        {dataPath + QStringList {QStringLiteral("id")}, quoted(newId)}};
    const QString type = data->stringValue(u"type");
    const JsonValue *included = at(root, {QStringLiteral("included")});
    if (included && included->isArray()) {
        for (qsizetype i = 0; i < included->elements().size(); ++i) {
            const JsonValue &resource = included->elements().at(i);
            if (resource.stringValue(u"type") == type && resource.stringValue(u"id") == oldId)
                overrides.append(
                    {{QStringLiteral("included"), QString::number(i), QStringLiteral("id")},
                     quoted(newId)});
        }
    }
    const QStringList relatedPath
        = relationshipPath + QStringList {QStringLiteral("links"), QStringLiteral("related")};
    const JsonValue *related = at(root, relatedPath);
    if (related && related->isString() && !oldId.isEmpty() && related->toString().endsWith(oldId))
        overrides.append({relatedPath, quoted(related->toString().chopped(oldId.size()) + newId)});
    return overrides;
}

} // namespace hookscope::ui::jsonform
