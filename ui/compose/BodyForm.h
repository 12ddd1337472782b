#pragma once

#include <QByteArray>
#include <QWidget>

class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace hookscope::compose {
class JsonValue;
}

namespace hookscope::ui {

// A form over one type of JSON:API resource in a body (a Patreon pledge, a member). It never
// owns the body: readBody() fills the fields from JSON text, and applyTo() writes their values
// into JSON text by splicing (compose::applyOverride), so key order and every other byte stay.
// The owner connects `edited` to applyTo and the raw editor to readBody, and lays out
// validationLabel() where the user will see it.
class BodyForm : public QWidget
{
    Q_OBJECT

public:
    // The JSON:API type of the resource the form edits ("pledge").
    const QString &type() const { return m_type; }
    // Whether the body is a JSON:API document whose data.type is this form's.
    bool accepts(const QByteArray &body) const;
    // Fills the form from a body; false when the form cannot edit it (the form is left as is).
    // Does not emit `edited`.
    bool readBody(const QByteArray &body);
    // Writes the form's values into body; false (with a message) when a field is invalid, and
    // then body is unchanged.
    virtual bool applyTo(QByteArray &body, QString *error) const = 0;
    // The first invalid field's message, empty when all are valid.
    virtual QString validationError() const = 0;
    // Where that message shows, hidden while there is none. It is not in the form's layout: a
    // form may scroll, and the owner puts the message where scrolling does not take it away.
    QLabel *validationLabel() const { return m_validationLabel; }

Q_SIGNALS:
    // The user changed a field (not emitted by readBody).
    void edited();

protected:
    // `type` is the resource's JSON:API type; it also names the form ("pledgeBuilder") and its
    // validation label ("pledgeValidationLabel") for tests and the accessibility tree.
    BodyForm(const QString &type, QWidget *parent);

    // Fills the fields from the parsed body; what it changes is not the user's edit.
    virtual void fill(const compose::JsonValue &root) = 0;

    // Fields that tell the form when the user changes them.
    QLineEdit *lineEdit(const QString &name, const QString &placeholder);
    QSpinBox *centsSpinBox(const QString &name);
    // Adds a labelled row; the field is named for the accessibility tree as its row is.
    void addRow(const QString &label, QWidget *field);
    QFormLayout *fields() const { return m_fields; }
    // To connect each field's user-change signal to.
    void fieldChanged();

private:
    void showValidation();

    QString m_type;
    QFormLayout *m_fields = nullptr;
    QLabel *m_validationLabel = nullptr;
    bool m_reading = false;
};

} // namespace hookscope::ui
