#pragma once

#include <QString>

class QWidget;

namespace hookscope::ui {

// File dialogs with a test hook: setNextFileName() makes the next choice return that path
// without showing anything, so no test ever blocks on a native dialog.
class FileChooser final
{
public:
    static void setNextFileName(const QString &path);
    static QString saveFileName(QWidget *parent, const QString &caption, const QString &suggested,
                                const QString &filter);
    static QString openFileName(QWidget *parent, const QString &caption, const QString &filter);
    // A database to open or create: an existing file is opened, never replaced, so no
    // overwrite question is asked.
    static QString databaseFileName(QWidget *parent, const QString &caption,
                                    const QString &suggested);

private:
    static bool takeNext(QString *path);
};

} // namespace hookscope::ui
