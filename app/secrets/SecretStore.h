#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace hookscope {

// Keeps endpoint secrets out of the database, settings and exports: in the system keyring through
// QtKeychain when one is available, otherwise in a file of mode 0600 in the config folder (and
// says so once, through fellBackToFile). All calls are asynchronous; callbacks run on the thread
// that owns this object, so the GUI thread never waits on D-Bus or the disk.
class SecretStore final : public QObject
{
    Q_OBJECT

public:
    enum class Backend { Keychain, File };

    using Done = std::function<void(bool ok, const QString &error)>;
    using Loaded = std::function<void(std::optional<QByteArray> secret, const QString &error)>;

    // HOOKSCOPE_SECRET_BACKEND=file forces the file backend (headless machines, tests).
    explicit SecretStore(QObject *parent = nullptr);

    void store(const QString &key, const QByteArray &secret, Done done);
    void load(const QString &key, Loaded loaded); // nullopt and an empty error: no such secret
    void remove(const QString &key, Done done);

    Backend backend() const { return m_backend; }
    static QString fallbackFilePath();

Q_SIGNALS:
    void fellBackToFile(const QString &path);

private:
    void switchToFile(const QString &why);

    Backend m_backend = Backend::Keychain;
    bool m_noticeGiven = false;
};

} // namespace hookscope
