#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace hookscope {

// The fallback secret file: a JSON object of key -> base64 secret, written atomically with mode
// 0600. Calls block on the disk, so SecretStore runs them on a worker thread; a process-wide lock
// serialises read-modify-write cycles.
class SecretFile final
{
public:
    explicit SecretFile(QString path);

    bool write(const QString &key, const QByteArray &secret, QString *error);
    std::optional<QByteArray> read(const QString &key, QString *error) const;
    bool remove(const QString &key, QString *error);

private:
    QString m_path;
};

} // namespace hookscope
