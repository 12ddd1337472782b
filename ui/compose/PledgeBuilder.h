#pragma once

#include <QByteArray>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace hookscope::ui {

// A form for a Patreon pledge (the JSON:API `pledge` of patreon/pledges:*): amount, patron,
// creator and reward ids, declined_since, patron_pays_fees, pledge_cap_cents and created_at.
// It never owns the body: readBody() fills the form from JSON text, and applyTo() writes the
// form's values into JSON text by splicing (compose::applyOverride), so key order and every
// other byte stay. The owner connects `edited` to applyTo and the raw editor to readBody.
class PledgeBuilder final : public QWidget
{
    Q_OBJECT

public:
    explicit PledgeBuilder(QWidget *parent = nullptr);

    // Whether a body is a pledge the form can edit (data.type == "pledge").
    static bool isPledge(const QByteArray &body);

    // Fills the form from a body; false when the body is not a pledge (the form is left as is).
    // Does not emit `edited`.
    bool readBody(const QByteArray &body);
    // Writes the form's values into body; false (with a message) when a field is invalid, and
    // then body is unchanged.
    bool applyTo(QByteArray &body, QString *error) const;
    // The first invalid field's message, empty when all are valid.
    QString validationError() const;
    // Where that message shows (under the fields until an owner places it elsewhere).
    QLabel *validationLabel() const { return m_validationLabel; }

    QSpinBox *amountSpinBox() const { return m_amount; }
    QLineEdit *patronIdLineEdit() const { return m_patronId; }
    QLineEdit *creatorIdLineEdit() const { return m_creatorId; }
    QLineEdit *rewardIdLineEdit() const { return m_rewardId; }
    QLineEdit *declinedSinceLineEdit() const { return m_declinedSince; }
    QCheckBox *patronPaysFeesCheckBox() const { return m_patronPaysFees; }
    QLineEdit *pledgeCapLineEdit() const { return m_pledgeCap; }
    QLineEdit *createdAtLineEdit() const { return m_createdAt; }

Q_SIGNALS:
    // The user changed a field (not emitted by readBody).
    void edited();

private:
    void fieldChanged();
    void showValidation();

    QSpinBox *m_amount = nullptr;
    QLineEdit *m_patronId = nullptr;
    QLineEdit *m_creatorId = nullptr;
    QLineEdit *m_rewardId = nullptr;
    QLineEdit *m_declinedSince = nullptr;
    QCheckBox *m_patronPaysFees = nullptr;
    QLineEdit *m_pledgeCap = nullptr;
    QLineEdit *m_createdAt = nullptr;
    QLabel *m_validationLabel = nullptr;
    bool m_reading = false;
};

} // namespace hookscope::ui
