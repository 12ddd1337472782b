#include "secrets/SecretStore.h"

#include "core/Application.h"
#include "core/ThreadCall.h"
#include "secrets/SecretFile.h"

#include <qt6keychain/keychain.h>

namespace hookscope {

namespace {

const QString kService = QStringLiteral("hookscope");

bool keychainUnavailable(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented
        || error == QKeychain::OtherError || error == QKeychain::AccessDenied;
}

} // namespace

SecretStore::SecretStore(QObject *parent)
    : QObject(parent)
{
    if (qEnvironmentVariable("HOOKSCOPE_SECRET_BACKEND") == u"file")
        m_backend = Backend::File;
}

QString SecretStore::fallbackFilePath()
{
    return configDirectory() + QStringLiteral("/secrets.json");
}

void SecretStore::switchToFile(const QString &why)
{
    m_backend = Backend::File;
    if (!m_noticeGiven) {
        m_noticeGiven = true;
        qInfo("No usable system keyring (%s); secrets are kept in %s (mode 0600).",
              qUtf8Printable(why), qUtf8Printable(fallbackFilePath()));
        Q_EMIT fellBackToFile(fallbackFilePath());
    }
}

void SecretStore::store(const QString &key, const QByteArray &secret, Done done)
{
    if (m_backend == Backend::File) {
        runInPool(
            this,
            [key, secret] {
                QString error;
                const bool ok = SecretFile(fallbackFilePath()).write(key, secret, &error);
                return std::make_pair(ok, error);
            },
            [done](const std::pair<bool, QString> &result) { done(result.first, result.second); });
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(key);
    job->setBinaryData(secret);
    connect(job, &QKeychain::Job::finished, this, [this, key, secret, done](QKeychain::Job *job) {
        if (job->error() == QKeychain::NoError)
            return done(true, {});
        if (keychainUnavailable(job->error())) {
            switchToFile(job->errorString());
            return store(key, secret, done);
        }
        done(false, job->errorString());
    });
    job->start();
}

void SecretStore::load(const QString &key, Loaded loaded)
{
    if (m_backend == Backend::File) {
        runInPool(
            this,
            [key] {
                QString error;
                auto secret = SecretFile(fallbackFilePath()).read(key, &error);
                return std::make_pair(secret, error);
            },
            [loaded](const std::pair<std::optional<QByteArray>, QString> &result) {
                loaded(result.first, result.second);
            });
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, key, loaded](QKeychain::Job *job) {
        auto *read = static_cast<QKeychain::ReadPasswordJob *>(job);
        if (read->error() == QKeychain::NoError)
            return loaded(read->binaryData(), {});
        if (read->error() == QKeychain::EntryNotFound)
            return loaded(std::nullopt, {});
        if (keychainUnavailable(read->error())) {
            switchToFile(read->errorString());
            return load(key, loaded);
        }
        loaded(std::nullopt, read->errorString());
    });
    job->start();
}

void SecretStore::remove(const QString &key, Done done)
{
    if (m_backend == Backend::File) {
        runInPool(
            this,
            [key] {
                QString error;
                const bool ok = SecretFile(fallbackFilePath()).remove(key, &error);
                return std::make_pair(ok, error);
            },
            [done](const std::pair<bool, QString> &result) { done(result.first, result.second); });
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, key, done](QKeychain::Job *job) {
        if (job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound)
            return done(true, {});
        if (keychainUnavailable(job->error())) {
            switchToFile(job->errorString());
            return remove(key, done);
        }
        done(false, job->errorString());
    });
    job->start();
}

} // namespace hookscope
