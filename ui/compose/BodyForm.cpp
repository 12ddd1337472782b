#include "compose/BodyForm.h"

#include "compose/JsonForm.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace hookscope::ui {

BodyForm::BodyForm(const QString &type, QWidget *parent)
    : QWidget(parent)
    , m_type(type)
{
    setObjectName(type + QStringLiteral("Builder"));
    m_fields = new QFormLayout;
    // Beside the body the form is narrow: labels above their fields leave each field the
    // form's width, and a field is never narrower than its hint, which then reads whole.
    m_fields->setRowWrapPolicy(QFormLayout::WrapAllRows);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_fields);
    layout->addStretch(1);

    m_validationLabel = new QLabel(this);
    m_validationLabel->setObjectName(type + QStringLiteral("ValidationLabel"));
    m_validationLabel->setWordWrap(true);
    m_validationLabel->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_validationLabel->hide();
}

bool BodyForm::accepts(const QByteArray &body) const
{
    return jsonform::document(body, m_type).has_value();
}

bool BodyForm::readBody(const QByteArray &body)
{
    const std::optional<compose::JsonValue> document = jsonform::document(body, m_type);
    if (!document)
        return false;
    m_reading = true;
    fill(*document);
    m_reading = false;
    showValidation();
    return true;
}

QLineEdit *BodyForm::lineEdit(const QString &name, const QString &placeholder)
{
    QLineEdit *edit = jsonform::hintedLineEdit(this, name, placeholder);
    connect(edit, &QLineEdit::textEdited, this, &BodyForm::fieldChanged);
    return edit;
}

QSpinBox *BodyForm::centsSpinBox(const QString &name)
{
    auto *spin = new QSpinBox(this);
    spin->setObjectName(name);
    spin->setRange(0, 100000000);
    spin->setSuffix(tr(" cents"));
    connect(spin, &QSpinBox::valueChanged, this, &BodyForm::fieldChanged);
    return spin;
}

void BodyForm::addRow(const QString &label, QWidget *field)
{
    field->setAccessibleName(label);
    m_fields->addRow(label, field);
}

void BodyForm::fieldChanged()
{
    if (m_reading)
        return;
    showValidation();
    Q_EMIT edited();
}

void BodyForm::showValidation()
{
    const QString problem = validationError();
    m_validationLabel->setText(problem);
    m_validationLabel->setVisible(!problem.isEmpty());
}

} // namespace hookscope::ui
