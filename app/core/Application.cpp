#include "core/Application.h"

#include "core/Version.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

namespace hookscope {

void configureApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("hookscope"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(kVersion));
    QCoreApplication::setOrganizationDomain(QStringLiteral("hookscope.dev"));
}

static QString ensured(const QString &path)
{
    QDir().mkpath(path);
    return path;
}

QString dataDirectory()
{
    return ensured(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
}

QString defaultDatabasePath()
{
    return dataDirectory() + QStringLiteral("/captures.sqlite");
}

QString configDirectory()
{
    return ensured(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation));
}

} // namespace hookscope
