#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace hookscope::test {

struct ProcessResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs the built `hookscope` binary with arguments and optional standard input; waits up to
// timeoutMs and kills it after that (the result's exitCode is then -1).
ProcessResult runHookscope(const QStringList &arguments, const QByteArray &stdinData = {},
                           int timeoutMs = 30000);

} // namespace hookscope::test
