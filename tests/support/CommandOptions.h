#pragma once

#include <QSet>
#include <QString>

namespace hookscope::test {

// The long options `hookscope COMMAND --help` lists ("--db", "--format", ...): what the
// command's parser was given, read from the running program.
QSet<QString> helpOptions(const QString &command);

} // namespace hookscope::test
