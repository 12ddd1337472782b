#pragma once

#include <QAbstractButton>
#include <QApplication>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTest>
#include <QTimer>

#include <functional>

namespace hookscope::test {

// Answers the modal dialogs that a user action opens, one after the other, as a user would:
// each step gets the next modal dialog once it is on screen. Make it before the action (which
// blocks in the dialogs' exec()); afterwards, allAnswered() says whether every step ran and
// texts() what each dialog said.
class ModalAnswers final : public QObject
{
public:
    using Step = std::function<void(QWidget *dialog)>;

    explicit ModalAnswers(QList<Step> steps)
        : m_steps(std::move(steps))
    {
        connect(&m_timer, &QTimer::timeout, this, &ModalAnswers::poll);
        m_timer.start(20);
    }

    // Every step ran, and no dialog came that had none.
    bool allAnswered() const { return m_steps.isEmpty() && m_unexpected == 0; }
    QStringList texts() const { return m_texts; }

private:
    void poll()
    {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal || !modal->isVisible() || modal == m_last)
            return;
        m_last = modal;
        if (m_steps.isEmpty()) {
            // One more than expected: closed, so that the test fails instead of hanging.
            ++m_unexpected;
            m_texts.append(modal->windowTitle());
            if (auto *dialog = qobject_cast<QDialog *>(modal))
                dialog->reject();
            return;
        }
        if (auto *box = qobject_cast<QMessageBox *>(modal))
            m_texts.append(box->text() + u'\n' + box->informativeText());
        else if (auto *prompt = qobject_cast<QInputDialog *>(modal))
            m_texts.append(prompt->labelText());
        else
            m_texts.append(modal->windowTitle());
        const Step step = m_steps.takeFirst();
        step(modal);
    }

    QTimer m_timer;
    QList<Step> m_steps;
    QPointer<QWidget> m_last;
    QStringList m_texts;
    int m_unexpected = 0;
};

// Reads the name a prompt offers into *offered, types `typed` over it (unless empty) and
// clicks OK.
inline ModalAnswers::Step acceptName(QString *offered, const QString &typed = {})
{
    return [offered, typed](QWidget *dialog) {
        auto *edit = dialog->findChild<QLineEdit *>();
        QVERIFY(edit);
        if (offered)
            *offered = edit->text();
        if (!typed.isEmpty()) {
            edit->selectAll();
            QTest::keyClicks(edit, typed);
        }
        auto *buttons = dialog->findChild<QDialogButtonBox *>();
        QVERIFY(buttons);
        QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    };
}

// Clicks a prompt's Cancel.
inline ModalAnswers::Step cancelPrompt()
{
    return [](QWidget *dialog) {
        auto *buttons = dialog->findChild<QDialogButtonBox *>();
        QVERIFY(buttons);
        QTest::mouseClick(buttons->button(QDialogButtonBox::Cancel), Qt::LeftButton);
    };
}

// Clicks a message box's button.
inline ModalAnswers::Step clickButton(QMessageBox::StandardButton which)
{
    return [which](QWidget *dialog) {
        auto *box = qobject_cast<QMessageBox *>(dialog);
        QVERIFY(box);
        QAbstractButton *button = box->button(which);
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
    };
}

} // namespace hookscope::test
