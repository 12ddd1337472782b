#include "compose/PledgeBuilder.h"

#include "compose/JsonOverride.h"
#include "compose/OrderedJson.h"

#include <QCheckBox>
#include <QDateTime>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

#include <utility>

namespace hookscope::ui {

using compose::JsonValue;

namespace {

const QStringList kAmountPath {QStringLiteral("data"), QStringLiteral("attributes"),
                               QStringLiteral("amount_cents")};
const QStringList kDeclinedPath {QStringLiteral("data"), QStringLiteral("attributes"),
                                 QStringLiteral("declined_since")};
const QStringList kFeesPath {QStringLiteral("data"), QStringLiteral("attributes"),
                             QStringLiteral("patron_pays_fees")};
const QStringList kCapPath {QStringLiteral("data"), QStringLiteral("attributes"),
                            QStringLiteral("pledge_cap_cents")};
const QStringList kCreatedPath {QStringLiteral("data"), QStringLiteral("attributes"),
                                QStringLiteral("created_at")};

QStringList relationshipIdPath(const QString &relationship)
{
    return {QStringLiteral("data"), QStringLiteral("relationships"), relationship,
            QStringLiteral("data"), QStringLiteral("id")};
}

const JsonValue *at(const JsonValue &root, const QStringList &path)
{
    const JsonValue *value = &root;
    for (const QString &key : path) {
        if (!value->isObject())
            return nullptr;
        value = value->find(key);
        if (!value)
            return nullptr;
    }
    return value;
}

// Patreon writes times as ISO-8601 with an offset ("2015-05-18T23:50:42+00:00").
bool isIsoTime(const QString &text)
{
    return QDateTime::fromString(text, Qt::ISODate).isValid()
        || QDateTime::fromString(text, Qt::ISODateWithMs).isValid();
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

} // namespace

PledgeBuilder::PledgeBuilder(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("pledgeBuilder"));
    auto *form = new QFormLayout;
    // Beside the body the form is narrow: labels above their fields leave each field the
    // form's width, and a field is never narrower than its hint ("empty: null (not declined)",
    // the created_at example), which then reads whole.
    form->setRowWrapPolicy(QFormLayout::WrapAllRows);
    const auto lineEdit = [this](const QString &name, const QString &placeholder) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(name);
        edit->setPlaceholderText(placeholder);
        edit->setMinimumWidth(edit->fontMetrics().horizontalAdvance(placeholder)
                              + 2 * edit->fontMetrics().horizontalAdvance(u'M'));
        connect(edit, &QLineEdit::textEdited, this, &PledgeBuilder::fieldChanged);
        return edit;
    };
    m_amount = new QSpinBox(this);
    m_amount->setObjectName(QStringLiteral("amountSpinBox"));
    m_amount->setRange(0, 100000000);
    m_amount->setSuffix(tr(" cents"));
    connect(m_amount, &QSpinBox::valueChanged, this, &PledgeBuilder::fieldChanged);
    m_patronId = lineEdit(QStringLiteral("patronIdLineEdit"), tr("user id"));
    m_creatorId = lineEdit(QStringLiteral("creatorIdLineEdit"), tr("user id"));
    m_rewardId = lineEdit(QStringLiteral("rewardIdLineEdit"), tr("reward id"));
    m_declinedSince
        = lineEdit(QStringLiteral("declinedSinceLineEdit"), tr("empty: null (not declined)"));
    m_patronPaysFees = new QCheckBox(tr("The patron pays the fees"), this);
    m_patronPaysFees->setObjectName(QStringLiteral("patronPaysFeesCheckBox"));
    connect(m_patronPaysFees, &QCheckBox::toggled, this, &PledgeBuilder::fieldChanged);
    m_pledgeCap = lineEdit(QStringLiteral("pledgeCapLineEdit"), tr("empty: null (no cap)"));
    m_createdAt = lineEdit(QStringLiteral("createdAtLineEdit"), tr("2015-05-18T23:50:42+00:00"));

    // Each field is named as its row is labelled.
    const auto row = [form](const QString &label, QWidget *field) {
        field->setAccessibleName(label);
        form->addRow(label, field);
    };
    row(tr("amount_cents"), m_amount);
    row(tr("Patron id"), m_patronId);
    row(tr("Creator id"), m_creatorId);
    row(tr("Reward id"), m_rewardId);
    row(tr("declined_since"), m_declinedSince);
    form->addRow(m_patronPaysFees);
    row(tr("pledge_cap_cents"), m_pledgeCap);
    row(tr("created_at"), m_createdAt);

    m_validationLabel = new QLabel(this);
    m_validationLabel->setObjectName(QStringLiteral("pledgeValidationLabel"));
    m_validationLabel->setWordWrap(true);
    m_validationLabel->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_validationLabel->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_validationLabel);
    layout->addStretch(1);
}

bool PledgeBuilder::isPledge(const QByteArray &body)
{
    compose::JsonParseError error;
    const JsonValue root = compose::parseJson(body, &error);
    if (!error.ok() || !root.isObject())
        return false;
    const JsonValue *type = at(root, {QStringLiteral("data"), QStringLiteral("type")});
    return type && type->isString() && type->toString() == u"pledge";
}

bool PledgeBuilder::readBody(const QByteArray &body)
{
    compose::JsonParseError error;
    const JsonValue root = compose::parseJson(body, &error);
    if (!error.ok() || !isPledge(body))
        return false;
    m_reading = true;
    const auto text = [&root](const QStringList &path) -> QString {
        const JsonValue *value = at(root, path);
        if (!value || value->isNull())
            return {};
        return value->isString() ? value->toString() : QString::fromUtf8(value->toCompact());
    };
    if (const JsonValue *amount = at(root, kAmountPath);
        amount && amount->type() == JsonValue::Type::Number) {
        const qint64 cents = amount->toInteger(m_amount->value());
        if (cents != m_amount->value())
            m_amount->setValue(int(qBound(qint64(0), cents, qint64(m_amount->maximum()))));
    }
    for (const auto &[relationship, edit] : {std::pair {QStringLiteral("patron"), m_patronId},
                                             std::pair {QStringLiteral("creator"), m_creatorId},
                                             std::pair {QStringLiteral("reward"), m_rewardId}}) {
        // A relationship whose data is null (no reward) has no id to edit.
        const JsonValue *data = at(root,
                                   {QStringLiteral("data"), QStringLiteral("relationships"),
                                    relationship, QStringLiteral("data")});
        edit->setEnabled(data && data->isObject());
        setTextQuietly(edit, text(relationshipIdPath(relationship)));
    }
    setTextQuietly(m_declinedSince, text(kDeclinedPath));
    const JsonValue *fees = at(root, kFeesPath);
    m_patronPaysFees->setChecked(fees && fees->type() == JsonValue::Type::Bool && fees->toBool());
    setTextQuietly(m_pledgeCap, text(kCapPath));
    setTextQuietly(m_createdAt, text(kCreatedPath));
    m_reading = false;
    showValidation();
    return true;
}

QString PledgeBuilder::validationError() const
{
    const auto checkId = [](const QString &label, const QLineEdit *edit) -> QString {
        if (edit->isEnabled() && edit->text().trimmed().isEmpty())
            return tr("%1 cannot be empty.").arg(label);
        return {};
    };
    for (const QString &problem :
         {checkId(tr("The patron id"), m_patronId), checkId(tr("The creator id"), m_creatorId),
          checkId(tr("The reward id"), m_rewardId)}) {
        if (!problem.isEmpty())
            return problem;
    }
    if (!m_declinedSince->text().isEmpty() && !isIsoTime(m_declinedSince->text()))
        return tr("declined_since must be an ISO-8601 time (e.g. 2015-05-18T23:50:42+00:00) or "
                  "empty for null.");
    if (!m_pledgeCap->text().isEmpty()) {
        bool ok = false;
        const qlonglong cap = m_pledgeCap->text().toLongLong(&ok);
        if (!ok || cap < 0)
            return tr("pledge_cap_cents must be a whole number of cents or empty for null.");
    }
    if (!isIsoTime(m_createdAt->text()))
        return tr("created_at must be an ISO-8601 time (e.g. 2015-05-18T23:50:42+00:00).");
    return {};
}

bool PledgeBuilder::applyTo(QByteArray &body, QString *error) const
{
    const QString problem = validationError();
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
    const auto quoted
        = [](const QString &text) { return QString::fromUtf8(compose::jsonQuoted(text)); };
    QList<compose::JsonOverride> overrides {
        {kAmountPath, QString::number(m_amount->value())},
        {kDeclinedPath,
         m_declinedSince->text().isEmpty() ? QStringLiteral("null")
                                           : quoted(m_declinedSince->text())},
        {kFeesPath,
         m_patronPaysFees->isChecked() ? QStringLiteral("true") : QStringLiteral("false")},
        {kCapPath, m_pledgeCap->text().isEmpty() ? QStringLiteral("null") : m_pledgeCap->text()},
        {kCreatedPath, quoted(m_createdAt->text())},
    };
    // A changed id follows through the JSON:API document: the relationship, the resource in
    // "included" with that type and the old id, and the relationship's links.related URL.
    const JsonValue *included = at(root, {QStringLiteral("included")});
    for (const auto &[relationship, edit] : {std::pair {QStringLiteral("patron"), m_patronId},
                                             std::pair {QStringLiteral("creator"), m_creatorId},
                                             std::pair {QStringLiteral("reward"), m_rewardId}}) {
        const QStringList dataPath {QStringLiteral("data"), QStringLiteral("relationships"),
                                    relationship, QStringLiteral("data")};
        const JsonValue *data = at(root, dataPath);
        if (!data || !data->isObject())
            continue; // no such relationship (data: null): nothing to write
        const QString oldId = data->stringValue(u"id");
        const QString newId = edit->text();
        if (oldId == newId)
            continue;
        overrides.append({relationshipIdPath(relationship), quoted(newId)});
        const QString type = data->stringValue(u"type");
        if (included && included->isArray()) {
            for (qsizetype i = 0; i < included->elements().size(); ++i) {
                const JsonValue &resource = included->elements().at(i);
                if (resource.stringValue(u"type") == type && resource.stringValue(u"id") == oldId)
                    overrides.append(
                        {{QStringLiteral("included"), QString::number(i), QStringLiteral("id")},
                         quoted(newId)});
            }
        }
        const QStringList relatedPath {QStringLiteral("data"), QStringLiteral("relationships"),
                                       relationship, QStringLiteral("links"),
                                       QStringLiteral("related")};
        const JsonValue *related = at(root, relatedPath);
        if (related && related->isString() && !oldId.isEmpty()
            && related->toString().endsWith(oldId))
            overrides.append(
                {relatedPath, quoted(related->toString().chopped(oldId.size()) + newId)});
    }
    QByteArray result = body;
    for (const compose::JsonOverride &override : overrides) {
        if (!compose::applyOverride(result, override, error))
            return false;
    }
    body = result;
    return true;
}

void PledgeBuilder::fieldChanged()
{
    if (m_reading)
        return;
    showValidation();
    Q_EMIT edited();
}

void PledgeBuilder::showValidation()
{
    const QString problem = validationError();
    m_validationLabel->setText(problem);
    m_validationLabel->setVisible(!problem.isEmpty());
}

} // namespace hookscope::ui
