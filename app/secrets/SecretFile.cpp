#include "secrets/SecretFile.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QSaveFile>

namespace hookscope {

namespace {

QMutex &fileLock()
{
    static QMutex lock;
    return lock;
}

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// An absent file is an empty map; an unreadable or corrupt one is an error, never silently reset.
std::optional<QJsonObject> readAll(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.exists())
        return QJsonObject {};
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        *error = QStringLiteral("%1 is not a valid secrets file (%2); fix or remove it")
                     .arg(path, parseError.errorString());
        return std::nullopt;
    }
    return document.object();
}

bool writeAll(const QString &path, const QJsonObject &secrets, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(kOwnerOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(QJsonDocument(secrets).toJson(QJsonDocument::Compact));
    if (!file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace

SecretFile::SecretFile(QString path)
    : m_path(std::move(path))
{ }

bool SecretFile::write(const QString &key, const QByteArray &secret, QString *error)
{
    QMutexLocker locker(&fileLock());
    auto secrets = readAll(m_path, error);
    if (!secrets)
        return false;
    secrets->insert(key, QString::fromLatin1(secret.toBase64()));
    return writeAll(m_path, *secrets, error);
}

std::optional<QByteArray> SecretFile::read(const QString &key, QString *error) const
{
    QMutexLocker locker(&fileLock());
    const auto secrets = readAll(m_path, error);
    if (!secrets || !secrets->contains(key))
        return std::nullopt;
    return QByteArray::fromBase64(secrets->value(key).toString().toLatin1());
}

bool SecretFile::remove(const QString &key, QString *error)
{
    QMutexLocker locker(&fileLock());
    auto secrets = readAll(m_path, error);
    if (!secrets)
        return false;
    if (!secrets->contains(key))
        return true;
    secrets->remove(key);
    return writeAll(m_path, *secrets, error);
}

} // namespace hookscope
