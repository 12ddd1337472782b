#include "compose/MemberBuilder.h"

#include "compose/JsonForm.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>

namespace hookscope::ui {

using compose::JsonValue;
using jsonform::at;
using jsonform::holdsPlaceholder;
using jsonform::quoted;

namespace {

QStringList attributePath(const char *name)
{
    return {QStringLiteral("data"), QStringLiteral("attributes"), QString::fromLatin1(name)};
}

const QStringList kTiersPath {QStringLiteral("data"), QStringLiteral("relationships"),
                              QStringLiteral("currently_entitled_tiers")};
const QStringList kFirstTierPath
    = kTiersPath + QStringList {QStringLiteral("data"), QStringLiteral("0")};

bool isTimeOrNull(const QString &text)
{
    return text.isEmpty() || jsonform::isTimeOrPlaceholder(text);
}

} // namespace

MemberBuilder::MemberBuilder(QWidget *parent)
    : BodyForm(QStringLiteral("member"), parent)
{
    // The values Patreon documents; "null" writes JSON null.
    const auto combo = [this](const QString &name, const QStringList &values) {
        auto *box = new QComboBox(this);
        box->setObjectName(name);
        for (const QString &value : values)
            box->addItem(value, value);
        box->addItem(QStringLiteral("null"));
        connect(box, &QComboBox::currentIndexChanged, this, &MemberBuilder::fieldChanged);
        return box;
    };
    m_entitledAmount = centsSpinBox(QStringLiteral("entitledAmountSpinBox"));
    m_willPayAmount = centsSpinBox(QStringLiteral("willPayAmountSpinBox"));
    m_patronStatus = combo(QStringLiteral("patronStatusComboBox"),
                           {QStringLiteral("active_patron"), QStringLiteral("declined_patron"),
                            QStringLiteral("former_patron")});
    m_lastChargeStatus
        = combo(QStringLiteral("lastChargeStatusComboBox"),
                {QStringLiteral("Paid"), QStringLiteral("Declined"), QStringLiteral("Deleted"),
                 QStringLiteral("Pending"), QStringLiteral("Refunded"), QStringLiteral("Fraud"),
                 QStringLiteral("Refunded by Patreon"), QStringLiteral("Other"),
                 QStringLiteral("Partially Refunded"), QStringLiteral("Free Trial")});
    m_lastChargeDate
        = lineEdit(QStringLiteral("lastChargeDateLineEdit"), tr("empty: null (never charged)"));
    m_relationshipStart
        = lineEdit(QStringLiteral("relationshipStartLineEdit"), tr("2023-12-29T02:38:24+00:00"));
    m_fullName = lineEdit(QStringLiteral("fullNameLineEdit"), tr("the patron's name"));
    m_email = lineEdit(QStringLiteral("emailLineEdit"), tr("empty: null (no email scope)"));
    m_tierId = lineEdit(QStringLiteral("tierIdLineEdit"), tr("tier id"));

    addRow(tr("currently_entitled_amount_cents"), m_entitledAmount);
    addRow(tr("will_pay_amount_cents"), m_willPayAmount);
    addRow(tr("patron_status"), m_patronStatus);
    addRow(tr("last_charge_status"), m_lastChargeStatus);
    addRow(tr("last_charge_date"), m_lastChargeDate);
    addRow(tr("pledge_relationship_start"), m_relationshipStart);
    addRow(tr("full_name"), m_fullName);
    addRow(tr("email"), m_email);
    addRow(tr("Entitled tier id"), m_tierId);
}

void MemberBuilder::fill(const JsonValue &root)
{
    for (const auto &[name, spin] :
         {std::pair {"currently_entitled_amount_cents", m_entitledAmount},
          std::pair {"will_pay_amount_cents", m_willPayAmount}}) {
        // A placeholder ("{{int:100:900}}") or null is no number to edit here: the raw text is.
        const JsonValue *amount = at(root, attributePath(name));
        const bool number = amount && amount->type() == JsonValue::Type::Number;
        spin->setEnabled(number);
        if (number && amount->toInteger(spin->value()) != spin->value())
            spin->setValue(int(qBound(qint64(0), amount->toInteger(), qint64(spin->maximum()))));
    }
    for (const auto &[name, box] : {std::pair {"patron_status", m_patronStatus},
                                    std::pair {"last_charge_status", m_lastChargeStatus}}) {
        const JsonValue *status = at(root, attributePath(name));
        if (!status || !status->isString()) {
            box->setCurrentIndex(box->count() - 1); // null
            continue;
        }
        int index = box->findData(status->toString());
        if (index < 0) {
            // A value Patreon may add later: shown, and kept.
            box->insertItem(box->count() - 1, status->toString(), status->toString());
            index = box->count() - 2;
        }
        box->setCurrentIndex(index);
    }
    for (const auto &[name, edit] :
         {std::pair {"last_charge_date", m_lastChargeDate},
          std::pair {"pledge_relationship_start", m_relationshipStart},
          std::pair {"full_name", m_fullName}, std::pair {"email", m_email}})
        jsonform::setTextQuietly(edit, jsonform::text(root, attributePath(name)));
    // A member entitled to no tier (data: []) has no tier id to edit.
    const JsonValue *tier = at(root, kFirstTierPath);
    m_tierId->setEnabled(tier && tier->isObject());
    jsonform::setTextQuietly(
        m_tierId, jsonform::text(root, kFirstTierPath + QStringList {QStringLiteral("id")}));
}

QString MemberBuilder::validationError() const
{
    if (!isTimeOrNull(m_lastChargeDate->text()))
        return tr("last_charge_date must be an ISO-8601 time (e.g. 2023-12-29T02:38:24+00:00) "
                  "or empty for null.");
    if (!isTimeOrNull(m_relationshipStart->text()))
        return tr("pledge_relationship_start must be an ISO-8601 time (e.g. "
                  "2023-12-29T02:38:24+00:00) or empty for null.");
    static const QRegularExpression email(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    const QString address = m_email->text();
    if (!address.isEmpty() && !holdsPlaceholder(address) && !email.match(address).hasMatch())
        return tr("email must be an address (e.g. kopi@example.com) or empty for null.");
    if (m_tierId->isEnabled() && m_tierId->text().trimmed().isEmpty())
        return tr("The tier id cannot be empty.");
    return {};
}

bool MemberBuilder::applyTo(QByteArray &body, QString *error) const
{
    return jsonform::splice(
        body, validationError(),
        [this](const JsonValue &root) {
            // Only what differs from the body is written: a {{placeholder}} the user left alone
            // stays.
            QList<compose::JsonOverride> overrides;
            for (const auto &[name, spin] :
                 {std::pair {"currently_entitled_amount_cents", m_entitledAmount},
                  std::pair {"will_pay_amount_cents", m_willPayAmount}}) {
                const JsonValue *amount = at(root, attributePath(name));
                if (spin->isEnabled() && (!amount || amount->toInteger() != spin->value()))
                    overrides.append({attributePath(name), QString::number(spin->value())});
            }
            for (const auto &[name, box] : {std::pair {"patron_status", m_patronStatus},
                                            std::pair {"last_charge_status", m_lastChargeStatus}}) {
                const JsonValue *status = at(root, attributePath(name));
                const QVariant chosen = box->currentData();
                const bool same = chosen.isValid()
                    ? status && status->isString() && status->toString() == chosen.toString()
                    : !status || status->isNull();
                if (!same)
                    overrides.append(
                        {attributePath(name),
                         chosen.isValid() ? quoted(chosen.toString()) : QStringLiteral("null")});
            }
            for (const auto &[name, edit, nullable] :
                 {std::tuple {"last_charge_date", m_lastChargeDate, true},
                  std::tuple {"pledge_relationship_start", m_relationshipStart, true},
                  std::tuple {"full_name", m_fullName, false},
                  std::tuple {"email", m_email, true}}) {
                if (edit->text() == jsonform::text(root, attributePath(name)))
                    continue;
                overrides.append({attributePath(name),
                                  nullable && edit->text().isEmpty() ? QStringLiteral("null")
                                                                     : quoted(edit->text())});
            }
            if (m_tierId->isEnabled())
                overrides.append(
                    jsonform::movedResource(root, kTiersPath, kFirstTierPath, m_tierId->text()));
            return overrides;
        },
        error);
}

} // namespace hookscope::ui
