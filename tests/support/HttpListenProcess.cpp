#include "HttpListenProcess.h"

#include "TestConfig.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <csignal>

namespace hookscope::test {

HttpListenProcess::~HttpListenProcess()
{
    if (m_process && m_process->state() != QProcess::NotRunning)
        kill();
}

bool HttpListenProcess::start(const QString &dbPath, const QStringList &extra, int timeoutMs)
{
    m_process = std::make_unique<QProcess>();
    QStringList arguments {QStringLiteral("listen"), QStringLiteral("--port"), QStringLiteral("0"),
                           QStringLiteral("--db"), dbPath};
    arguments += extra;
    m_process->start(QStringLiteral(HOOKSCOPE_BINARY), arguments);
    if (!m_process->waitForStarted(timeoutMs))
        return false;
    QDeadlineTimer deadline(timeoutMs);
    while (!m_out.contains('\n') && !deadline.hasExpired()) {
        if (!m_process->waitForReadyRead(100) && m_process->state() == QProcess::NotRunning)
            break;
        m_out += m_process->readAllStandardOutput();
    }
    const qsizetype end = m_out.indexOf('\n');
    if (end < 0)
        return false;
    m_firstLine = m_out.left(end);
    m_out.remove(0, end + 1);
    // "listening on http://127.0.0.1:PORT", or with --json {"listening":"http://127.0.0.1:PORT"}.
    QByteArray url = m_firstLine;
    if (url.startsWith('{'))
        url = QJsonDocument::fromJson(url)
                  .object()
                  .value(QStringLiteral("listening"))
                  .toString()
                  .toUtf8();
    m_port = quint16(url.mid(url.lastIndexOf(':') + 1).toUInt());
    return m_port != 0;
}

QList<QByteArray> HttpListenProcess::waitForLines(int count, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_out.count('\n') < count && !deadline.hasExpired()) {
        m_process->waitForReadyRead(100);
        m_out += m_process->readAllStandardOutput();
    }
    m_out += m_process->readAllStandardOutput();
    QList<QByteArray> lines = m_out.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

int HttpListenProcess::terminate(int timeoutMs)
{
    ::kill(pid_t(m_process->processId()), SIGTERM);
    if (!m_process->waitForFinished(timeoutMs)) {
        kill();
        return -1;
    }
    m_out += m_process->readAllStandardOutput();
    m_err += m_process->readAllStandardError();
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

void HttpListenProcess::kill()
{
    ::kill(pid_t(m_process->processId()), SIGKILL);
    m_process->waitForFinished(10000);
}

QByteArray HttpListenProcess::standardError()
{
    m_err += m_process->readAllStandardError();
    return m_err;
}

} // namespace hookscope::test
