#pragma once

#include "compose/BodyForm.h"

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace hookscope::ui {

// A form for a Patreon API v2 member (the JSON:API `member` of patreon/members:* and
// members:pledge:*): the entitled and will-pay amounts, patron_status, last_charge_status, the
// charge and relationship dates, full_name, email and the entitled tier's id. It splices only
// the values the user changed, so a {{placeholder}} left alone stays as it was.
class MemberBuilder final : public BodyForm
{
    Q_OBJECT

public:
    explicit MemberBuilder(QWidget *parent = nullptr);

    bool applyTo(QByteArray &body, QString *error) const override;
    QString validationError() const override;

    QSpinBox *entitledAmountSpinBox() const { return m_entitledAmount; }
    QSpinBox *willPayAmountSpinBox() const { return m_willPayAmount; }
    QComboBox *patronStatusComboBox() const { return m_patronStatus; }
    QComboBox *lastChargeStatusComboBox() const { return m_lastChargeStatus; }
    QLineEdit *lastChargeDateLineEdit() const { return m_lastChargeDate; }
    QLineEdit *relationshipStartLineEdit() const { return m_relationshipStart; }
    QLineEdit *fullNameLineEdit() const { return m_fullName; }
    QLineEdit *emailLineEdit() const { return m_email; }
    QLineEdit *tierIdLineEdit() const { return m_tierId; }

private:
    void fill(const compose::JsonValue &root) override;

    QSpinBox *m_entitledAmount = nullptr;
    QSpinBox *m_willPayAmount = nullptr;
    QComboBox *m_patronStatus = nullptr;
    QComboBox *m_lastChargeStatus = nullptr;
    QLineEdit *m_lastChargeDate = nullptr;
    QLineEdit *m_relationshipStart = nullptr;
    QLineEdit *m_fullName = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_tierId = nullptr;
};

} // namespace hookscope::ui
