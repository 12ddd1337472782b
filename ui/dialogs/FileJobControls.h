#pragma once

#include <QList>
#include <QString>

#include <functional>

class QDialogButtonBox;
class QLineEdit;
class QPushButton;
class QWidget;

namespace hookscope::ui {

// The file field, its Browse button and the OK button of a dialog that writes or reads one file
// in the background (ExportDialog, ImportHarDialog): which path a job takes, and the controls
// held while it runs so that a second one cannot start.
class FileJobControls final
{
public:
    // `options` are the dialog's other inputs, held with the rest while a job runs.
    FileJobControls(QLineEdit *pathEdit, QPushButton *browseButton, QDialogButtonBox *buttons,
                    QList<QWidget *> options);

    QString path() const; // as typed, trimmed
    bool isRunning() const { return m_running; }

    // Starts a job on the path typed, or else on one `browse` puts in the field; returns it.
    // Empty, and nothing started, while a job runs or when no path was chosen.
    QString start(const std::function<void()> &browse);
    void finish();

private:
    void setRunning(bool running);

    QLineEdit *m_pathEdit;
    QPushButton *m_browseButton;
    QDialogButtonBox *m_buttons;
    QList<QWidget *> m_options;
    bool m_running = false;
};

} // namespace hookscope::ui
