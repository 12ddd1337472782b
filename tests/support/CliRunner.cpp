#include "CliRunner.h"

#include "TestConfig.h"

namespace hookscope::test {

ProcessResult runHookscope(const QStringList &arguments, const QByteArray &stdinData, int timeoutMs)
{
    QProcess process;
    process.start(QStringLiteral(HOOKSCOPE_BINARY), arguments);
    ProcessResult result;
    if (!process.waitForStarted(timeoutMs))
        return result;
    if (!stdinData.isEmpty())
        process.write(stdinData);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace hookscope::test
