#include "compose/PledgeBuilder.h"

#include "compose/JsonForm.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

#include <utility>

namespace hookscope::ui {

using compose::JsonValue;
using jsonform::at;
using jsonform::isTimeOrPlaceholder;
using jsonform::quoted;
using jsonform::setTextQuietly;

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

QStringList relationshipPath(const QString &relationship)
{
    return {QStringLiteral("data"), QStringLiteral("relationships"), relationship};
}

QStringList relationshipDataPath(const QString &relationship)
{
    return relationshipPath(relationship) + QStringList {QStringLiteral("data")};
}

} // namespace

PledgeBuilder::PledgeBuilder(QWidget *parent)
    : BodyForm(QStringLiteral("pledge"), parent)
{
    m_amount = centsSpinBox(QStringLiteral("amountSpinBox"));
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

    addRow(tr("amount_cents"), m_amount);
    addRow(tr("Patron id"), m_patronId);
    addRow(tr("Creator id"), m_creatorId);
    addRow(tr("Reward id"), m_rewardId);
    addRow(tr("declined_since"), m_declinedSince);
    fields()->addRow(m_patronPaysFees);
    addRow(tr("pledge_cap_cents"), m_pledgeCap);
    addRow(tr("created_at"), m_createdAt);
}

void PledgeBuilder::fill(const JsonValue &root)
{
    const auto text = [&root](const QStringList &path) { return jsonform::text(root, path); };
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
        const JsonValue *data = at(root, relationshipDataPath(relationship));
        edit->setEnabled(data && data->isObject());
        setTextQuietly(edit, text(relationshipDataPath(relationship) << QStringLiteral("id")));
    }
    setTextQuietly(m_declinedSince, text(kDeclinedPath));
    const JsonValue *fees = at(root, kFeesPath);
    m_patronPaysFees->setChecked(fees && fees->type() == JsonValue::Type::Bool && fees->toBool());
    setTextQuietly(m_pledgeCap, text(kCapPath));
    setTextQuietly(m_createdAt, text(kCreatedPath));
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
    if (!m_declinedSince->text().isEmpty() && !isTimeOrPlaceholder(m_declinedSince->text()))
        return tr("declined_since must be an ISO-8601 time (e.g. 2015-05-18T23:50:42+00:00) or "
                  "empty for null.");
    if (!m_pledgeCap->text().isEmpty()) {
        bool ok = false;
        const qlonglong cap = m_pledgeCap->text().toLongLong(&ok);
        if (!ok || cap < 0)
            return tr("pledge_cap_cents must be a whole number of cents or empty for null.");
    }
    if (!isTimeOrPlaceholder(m_createdAt->text()))
        return tr("created_at must be an ISO-8601 time (e.g. 2015-05-18T23:50:42+00:00).");
    return {};
}

bool PledgeBuilder::applyTo(QByteArray &body, QString *error) const
{
    return jsonform::splice(
        body, validationError(),
        [this](const JsonValue &root) {
            QList<compose::JsonOverride> overrides {
                {kAmountPath, QString::number(m_amount->value())},
                {kDeclinedPath,
                 m_declinedSince->text().isEmpty() ? QStringLiteral("null")
                                                   : quoted(m_declinedSince->text())},
                {kFeesPath,
                 m_patronPaysFees->isChecked() ? QStringLiteral("true") : QStringLiteral("false")},
                {kCapPath,
                 m_pledgeCap->text().isEmpty() ? QStringLiteral("null") : m_pledgeCap->text()},
                {kCreatedPath, quoted(m_createdAt->text())},
            };
            // A changed id follows through the JSON:API document (included, links.related).
            for (const auto &[relationship, edit] :
                 {std::pair {QStringLiteral("patron"), m_patronId},
                  std::pair {QStringLiteral("creator"), m_creatorId},
                  std::pair {QStringLiteral("reward"), m_rewardId}})
                overrides.append(jsonform::movedResource(root, relationshipPath(relationship),
                                                         relationshipDataPath(relationship),
                                                         edit->text()));
            return overrides;
        },
        error);
}

} // namespace hookscope::ui
