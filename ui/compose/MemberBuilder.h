#pragma once

#include <QByteArray>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace hookscope::ui {

// A form for a Patreon API v2 member (the JSON:API `member` of patreon/members:* and
// members:pledge:*): the entitled and will-pay amounts, patron_status, last_charge_status, the
// charge and relationship dates, full_name, email and the entitled tier's id. Like PledgeBuilder
// it never owns the body: readBody() fills the form, applyTo() splices the values the user
// changed into the body (compose::applyOverride), so key order, every other byte and any
// {{placeholder}} left alone stay as they were.
class MemberBuilder final : public QWidget
{
    Q_OBJECT

public:
    explicit MemberBuilder(QWidget *parent = nullptr);

    // Whether a body is a member the form can edit (data.type == "member").
    static bool isMember(const QByteArray &body);

    // Fills the form from a body; false when the body is not a member (the form is left as is).
    // Does not emit `edited`.
    bool readBody(const QByteArray &body);
    // Writes the values that differ from body's into it; false (with a message) when a field
    // is invalid, and then body is unchanged.
    bool applyTo(QByteArray &body, QString *error) const;
    // The first invalid field's message, empty when all are valid.
    QString validationError() const;
    // Where that message shows (under the fields until an owner places it elsewhere).
    QLabel *validationLabel() const { return m_validationLabel; }

    QSpinBox *entitledAmountSpinBox() const { return m_entitledAmount; }
    QSpinBox *willPayAmountSpinBox() const { return m_willPayAmount; }
    QComboBox *patronStatusComboBox() const { return m_patronStatus; }
    QComboBox *lastChargeStatusComboBox() const { return m_lastChargeStatus; }
    QLineEdit *lastChargeDateLineEdit() const { return m_lastChargeDate; }
    QLineEdit *relationshipStartLineEdit() const { return m_relationshipStart; }
    QLineEdit *fullNameLineEdit() const { return m_fullName; }
    QLineEdit *emailLineEdit() const { return m_email; }
    QLineEdit *tierIdLineEdit() const { return m_tierId; }

Q_SIGNALS:
    // The user changed a field (not emitted by readBody).
    void edited();

private:
    void fieldChanged();
    void showValidation();

    QSpinBox *m_entitledAmount = nullptr;
    QSpinBox *m_willPayAmount = nullptr;
    QComboBox *m_patronStatus = nullptr;
    QComboBox *m_lastChargeStatus = nullptr;
    QLineEdit *m_lastChargeDate = nullptr;
    QLineEdit *m_relationshipStart = nullptr;
    QLineEdit *m_fullName = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_tierId = nullptr;
    QLabel *m_validationLabel = nullptr;
    bool m_reading = false;
};

} // namespace hookscope::ui
