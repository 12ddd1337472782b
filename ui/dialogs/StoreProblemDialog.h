#pragma once

#include "store/RequestStore.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPushButton;

namespace hookscope::ui {

// Shown when the window's database cannot be opened: says why in plain words and offers the
// ways out that fit. A file another Hookscope holds can be tried again; an unreadable one
// (damaged, or from a newer Hookscope) can be set aside for a new one, never overwritten.
// Open it with open(); chosen() reports the choice (closing the dialog means continuing
// without storing).
class StoreProblemDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class Choice { TryAgain, OpenAnother, StartNew, ContinueWithoutStoring };
    Q_ENUM(Choice)

    StoreProblemDialog(store::OpenFailure failure, const QString &path, const QString &error,
                       QWidget *parent = nullptr);

    store::OpenFailure failure() const { return m_failure; }
    Choice choice() const { return m_choice; }
    QString message() const;

Q_SIGNALS:
    void chosen(hookscope::ui::StoreProblemDialog::Choice choice);

private:
    QPushButton *addChoice(Choice choice, const QString &text, const QString &objectName);

    store::OpenFailure m_failure;
    Choice m_choice = Choice::ContinueWithoutStoring;
    QLabel *m_messageLabel = nullptr;
    QLabel *m_detailLabel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace hookscope::ui
