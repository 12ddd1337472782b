#pragma once

#include <QProcess>
#include <QStringList>

#include <memory>

namespace hookscope::test {

// A `hookscope listen` child process on a free loopback port, for CLI and durability tests.
class HttpListenProcess
{
public:
    ~HttpListenProcess();
    // Starts `hookscope listen --port 0 --db dbPath extra...` and waits for its first line.
    bool start(const QString &dbPath, const QStringList &extra = {}, int timeoutMs = 15000);
    quint16 port() const { return m_port; }
    QByteArray firstLine() const { return m_firstLine; }
    // Lines printed after the first one (reads what is available, waits up to timeoutMs for
    // at least count lines).
    QList<QByteArray> waitForLines(int count, int timeoutMs = 10000);
    // SIGTERM and wait; returns the exit code (-1 when it crashed or hung).
    int terminate(int timeoutMs = 15000);
    void kill(); // SIGKILL, no goodbye
    QByteArray standardError();
    QProcess &process() { return *m_process; }

private:
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QByteArray m_firstLine;
    QByteArray m_out;
    QByteArray m_err;
};

} // namespace hookscope::test
