#pragma once

#include "compose/BodyForm.h"

class QCheckBox;
class QLineEdit;
class QSpinBox;

namespace hookscope::ui {

// A form for a Patreon pledge (the JSON:API `pledge` of patreon/pledges:*): amount, patron,
// creator and reward ids, declined_since, patron_pays_fees, pledge_cap_cents and created_at.
// A changed id follows through the JSON:API document (included, links.related).
class PledgeBuilder final : public BodyForm
{
    Q_OBJECT

public:
    explicit PledgeBuilder(QWidget *parent = nullptr);

    bool applyTo(QByteArray &body, QString *error) const override;
    QString validationError() const override;

    QSpinBox *amountSpinBox() const { return m_amount; }
    QLineEdit *patronIdLineEdit() const { return m_patronId; }
    QLineEdit *creatorIdLineEdit() const { return m_creatorId; }
    QLineEdit *rewardIdLineEdit() const { return m_rewardId; }
    QLineEdit *declinedSinceLineEdit() const { return m_declinedSince; }
    QCheckBox *patronPaysFeesCheckBox() const { return m_patronPaysFees; }
    QLineEdit *pledgeCapLineEdit() const { return m_pledgeCap; }
    QLineEdit *createdAtLineEdit() const { return m_createdAt; }

private:
    void fill(const compose::JsonValue &root) override;

    QSpinBox *m_amount = nullptr;
    QLineEdit *m_patronId = nullptr;
    QLineEdit *m_creatorId = nullptr;
    QLineEdit *m_rewardId = nullptr;
    QLineEdit *m_declinedSince = nullptr;
    QCheckBox *m_patronPaysFees = nullptr;
    QLineEdit *m_pledgeCap = nullptr;
    QLineEdit *m_createdAt = nullptr;
};

} // namespace hookscope::ui
