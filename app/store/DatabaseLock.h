#pragma once

#include <QString>

#include <memory>

class QLockFile;

namespace hookscope::store {

// One writer's exclusive claim on a database file, held as `<database>.lock` beside it, so a
// second Hookscope (window or `listen`) never writes the same file. A lock left behind by a
// process that died (SIGKILL, crash) is taken over: QLockFile checks the PID recorded in it.
class DatabaseLock final
{
public:
    DatabaseLock();
    ~DatabaseLock(); // releases

    // Takes the lock; returns an empty string on success, else a sentence saying who holds it
    // and what to do. *inUse tells a lock held by another Hookscope from other failures.
    QString acquire(const QString &databasePath, bool *inUse = nullptr);
    void release();
    bool isHeld() const { return m_lock != nullptr; }

    // `<database>.lock`, beside the file the path resolves to.
    static QString lockPathFor(const QString &databasePath);

private:
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace hookscope::store
