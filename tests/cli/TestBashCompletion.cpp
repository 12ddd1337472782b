#include "CliRunner.h"
#include "CommandOptions.h"
#include "TestConfig.h"
#include "cli/CommandLine.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {

// What bash offers for `line` with the cursor at its end: the script `hookscope completion
// bash` prints is loaded, then its function runs as bash runs it for <TAB>.
QStringList complete(const QString &line, const QString &workingDirectory = {})
{
    const auto script = test::runHookscope({QStringLiteral("completion"), QStringLiteral("bash")});
    if (script.exitCode != 0)
        return {QStringLiteral("<completion bash failed>")};
    QProcess bash;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("COMPLETION"), QString::fromUtf8(script.out));
    environment.insert(QStringLiteral("LINE"), line);
    environment.insert(QStringLiteral("PROGRAM"), QStringLiteral(HOOKSCOPE_BINARY));
    bash.setProcessEnvironment(environment);
    if (!workingDirectory.isEmpty())
        bash.setWorkingDirectory(workingDirectory);
    // bash's own word breaks, as an interactive shell has them.
    bash.start(QStringLiteral("bash"),
               {QStringLiteral("--norc"), QStringLiteral("--noprofile"), QStringLiteral("-c"),
                QStringLiteral("eval \"$COMPLETION\"\n"
                               "COMP_LINE=$LINE COMP_POINT=${#LINE}\n"
                               "COMP_WORDBREAKS=$' \\t\\n\"\\'><=;|&(:'\n"
                               "_hookscope \"$PROGRAM\"\n"
                               "printf '%s\\n' \"${COMPREPLY[@]}\"")});
    if (!bash.waitForFinished(30000) || bash.exitCode() != 0)
        return {QStringLiteral("<bash failed: %1>")
                    .arg(QString::fromUtf8(bash.readAllStandardError()))};
    QStringList replies
        = QString::fromUtf8(bash.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
    replies.sort();
    return replies;
}

} // namespace

class TestBashCompletion final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void completesSubcommands()
    {
        QCOMPARE(complete(QStringLiteral("hookscope ver")), QStringList {QStringLiteral("verify")});
        QCOMPARE(complete(QStringLiteral("hookscope --ver")),
                 QStringList {QStringLiteral("--version")});
        QCOMPARE(complete(QStringLiteral("hookscope completion b")),
                 QStringList {QStringLiteral("bash")});
        const QStringList all = complete(QStringLiteral("hookscope "));
        for (const auto &command : cli::allCommands())
            QVERIFY2(all.contains(command->name()), qPrintable(command->name()));
    }

    void completesOptions()
    {
        QCOMPARE(complete(QStringLiteral("hookscope export --for")),
                 QStringList {QStringLiteral("--format")});
        // After a value, options again.
        QCOMPARE(complete(QStringLiteral("hookscope export --format har --o")),
                 QStringList {QStringLiteral("--out")});
        QCOMPARE(complete(QStringLiteral("hookscope verify --i")),
                 (QStringList {QStringLiteral("--id"), QStringLiteral("--ignore-tolerance")}));
    }

    // Every option each command parses is offered, and nothing it does not parse.
    void offersExactlyTheOptionsEachCommandParses()
    {
        for (const auto &command : cli::allCommands()) {
            const QStringList offered
                = complete(QStringLiteral("hookscope %1 --").arg(command->name()));
            const QSet<QString> expected = test::helpOptions(command->name());
            QVERIFY(!expected.isEmpty());
            QCOMPARE(QSet<QString>(offered.cbegin(), offered.cend()), expected);
        }
    }

    void completesEnumeratedValues()
    {
        const QStringList formats {QStringLiteral("har"), QStringLiteral("jsonl")};
        QCOMPARE(complete(QStringLiteral("hookscope export --format ")), formats);
        // --format=j: bash replaces only what follows '='.
        QCOMPARE(complete(QStringLiteral("hookscope export --format=j")),
                 QStringList {QStringLiteral("jsonl")});
        QCOMPARE(complete(QStringLiteral("hookscope verify --scheme git")),
                 QStringList {QStringLiteral("github")});
        QVERIFY(complete(QStringLiteral("hookscope verify --scheme ")).contains(u"auto"));
        QVERIFY(!complete(QStringLiteral("hookscope sign --scheme ")).contains(u"auto"));
        QVERIFY(complete(QStringLiteral("hookscope send URL --retry-schedule "))
                    .contains(u"webhook-api"));
    }

    void completesTemplateNamesFromTheProgram()
    {
        const QStringList names = complete(QStringLiteral("hookscope send URL --template git"));
        QVERIFY2(names.contains(u"github/push"), qPrintable(names.join(u' ')));
        // A name with ':' is offered from after the ':', which bash takes as typed.
        QCOMPARE(complete(QStringLiteral("hookscope templates --render patreon/pledges:cr")),
                 QStringList {QStringLiteral("create")});
    }

    void completesFilesForFileOptions()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("captures.har")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        QCOMPARE(complete(QStringLiteral("hookscope export --out cap"), dir.path()),
                 QStringList {QStringLiteral("captures.har")});
        QCOMPARE(complete(QStringLiteral("hookscope listen --secret-file cap"), dir.path()),
                 QStringList {QStringLiteral("captures.har")});
        // NAME=FILE: files after the '=' (bash replaces only what follows it); before it the
        // name is the user's own, so nothing is offered.
        QCOMPARE(
            complete(QStringLiteral("hookscope listen --endpoint-secret-file gh=cap"), dir.path()),
            QStringList {QStringLiteral("captures.har")});
        QCOMPARE(
            complete(QStringLiteral("hookscope listen --endpoint-secret-file=gh=cap"), dir.path()),
            QStringList {QStringLiteral("captures.har")});
        QCOMPARE(complete(QStringLiteral("hookscope listen --endpoint-secret-file gh=./cap"),
                          dir.path()),
                 QStringList {QStringLiteral("./captures.har")});
        QCOMPARE(complete(QStringLiteral("hookscope listen --endpoint-secret-file ca"), dir.path()),
                 QStringList());
        // verify --id reads a database named by --db.
        QCOMPARE(complete(QStringLiteral("hookscope verify --id 3 --db cap"), dir.path()),
                 QStringList {QStringLiteral("captures.har")});
        // A value typed by hand (a port) gets no options offered.
        QCOMPARE(complete(QStringLiteral("hookscope listen --port "), dir.path()), QStringList());
        // The same after a short name as after its long one (curl's -H and -d in send).
        QCOMPARE(complete(QStringLiteral("hookscope send URL -H "), dir.path()), QStringList());
        QCOMPARE(complete(QStringLiteral("hookscope send URL -d "), dir.path()), QStringList());
        QCOMPARE(complete(QStringLiteral("hookscope send URL --cacert cap"), dir.path()),
                 QStringList {QStringLiteral("captures.har")});
    }
};

QTEST_GUILESS_MAIN(TestBashCompletion)
#include "TestBashCompletion.moc"
