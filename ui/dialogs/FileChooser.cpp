#include "dialogs/FileChooser.h"

#include <QFileDialog>

#include <optional>

namespace hookscope::ui {

namespace {
std::optional<QString> &nextFileName()
{
    static std::optional<QString> next;
    return next;
}
} // namespace

void FileChooser::setNextFileName(const QString &path)
{
    nextFileName() = path;
}

bool FileChooser::takeNext(QString *path)
{
    if (!nextFileName())
        return false;
    *path = *nextFileName();
    nextFileName().reset();
    return true;
}

QString FileChooser::saveFileName(QWidget *parent, const QString &caption, const QString &suggested,
                                  const QString &filter)
{
    QString path;
    if (takeNext(&path))
        return path;
    return QFileDialog::getSaveFileName(parent, caption, suggested, filter);
}

QString FileChooser::openFileName(QWidget *parent, const QString &caption, const QString &filter)
{
    QString path;
    if (takeNext(&path))
        return path;
    return QFileDialog::getOpenFileName(parent, caption, QString(), filter);
}

QString FileChooser::databaseFileName(QWidget *parent, const QString &caption,
                                      const QString &suggested)
{
    QString path;
    if (takeNext(&path))
        return path;
    return QFileDialog::getSaveFileName(
        parent, caption, suggested,
        QObject::tr("Hookscope databases (*.sqlite *.db);;All files (*)"), nullptr,
        QFileDialog::DontConfirmOverwrite);
}

} // namespace hookscope::ui
