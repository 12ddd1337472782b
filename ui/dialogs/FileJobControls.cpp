#include "dialogs/FileJobControls.h"

#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>

namespace hookscope::ui {

FileJobControls::FileJobControls(QLineEdit *pathEdit, QPushButton *browseButton,
                                 QDialogButtonBox *buttons, QList<QWidget *> options)
    : m_pathEdit(pathEdit)
    , m_browseButton(browseButton)
    , m_buttons(buttons)
    , m_options(std::move(options))
{ }

QString FileJobControls::path() const
{
    return m_pathEdit->text().trimmed();
}

QString FileJobControls::start(const std::function<void()> &browse)
{
    if (m_running)
        return {};
    if (path().isEmpty())
        browse();
    const QString chosen = path();
    if (!chosen.isEmpty())
        setRunning(true);
    return chosen;
}

void FileJobControls::finish()
{
    setRunning(false);
}

void FileJobControls::setRunning(bool running)
{
    m_running = running;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!running);
    m_browseButton->setEnabled(!running);
    m_pathEdit->setEnabled(!running);
    for (QWidget *option : std::as_const(m_options))
        option->setEnabled(!running);
}

} // namespace hookscope::ui
