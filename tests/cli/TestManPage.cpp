#include "CliRunner.h"
#include "CommandOptions.h"
#include "TestConfig.h"
#include "cli/CommandLine.h"

#include <QDirIterator>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {

QString manPage()
{
    const auto result = test::runHookscope({QStringLiteral("--man")});
    if (result.exitCode != 0)
        return {};
    return QString::fromUtf8(result.out);
}

// The roff source of one command's section, from ".SS NAME" to the next heading.
QString commandSection(const QString &page, const QString &command)
{
    const qsizetype start = page.indexOf(QStringLiteral("\n.SS %1\n").arg(command));
    if (start < 0)
        return {};
    static const QRegularExpression nextHeading(QStringLiteral("\n\\.S[SH] "));
    const qsizetype end = page.indexOf(nextHeading, start + 1);
    return page.mid(start, end < 0 ? -1 : end - start);
}

struct Rendered {
    int exitCode = -1;
    QString text;
    QString warnings;
};

Rendered groff(const QString &page, const QStringList &arguments)
{
    Rendered rendered;
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("hookscope.1")));
    if (!file.open(QIODevice::WriteOnly) || file.write(page.toUtf8()) < 0)
        return rendered;
    file.close();
    QProcess process;
    process.start(QStringLiteral("groff"), arguments + QStringList {file.fileName()});
    if (!process.waitForFinished(30000))
        return rendered;
    rendered.exitCode = process.exitCode();
    rendered.text = QString::fromUtf8(process.readAllStandardOutput());
    rendered.warnings = QString::fromUtf8(process.readAllStandardError());
    return rendered;
}

} // namespace

class TestManPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyOptionOfEveryCommandIsInItsSection()
    {
        const QString page = manPage();
        QVERIFY(page.startsWith(QStringLiteral(".\\\"")));
        for (const auto &command : cli::allCommands()) {
            const QString section = commandSection(page, command->name());
            QVERIFY2(!section.isEmpty(), qPrintable(command->name()));
            const QSet<QString> options = test::helpOptions(command->name());
            QVERIFY2(options.contains(QStringLiteral("--help")), qPrintable(command->name()));
            for (const QString &option : options) {
                const QString roff = QString(option).replace(u'-', QStringLiteral("\\-"));
                QVERIFY2(section.contains(QStringLiteral("\\fB%1\\fR").arg(roff)),
                         qPrintable(command->name() + u' ' + option));
            }
        }
    }

    void topLevelOptionsAreDocumented()
    {
        const QString page = manPage();
        QVERIFY(page.contains(QStringLiteral("\\fB\\-\\-version\\fR")));
        QVERIFY(page.contains(QStringLiteral(".SH \"EXIT STATUS\"")));
        QVERIFY(page.contains(QStringLiteral(".SH FILES")));
        QVERIFY(page.contains(QStringLiteral(".SH EXAMPLES")));
    }

    // Every variable the program reads (found in its source) is in ENVIRONMENT.
    void everyEnvironmentVariableReadIsDocumented()
    {
        const QString page = manPage();
        const qsizetype start = page.indexOf(QStringLiteral(".SH ENVIRONMENT"));
        QVERIFY(start >= 0);
        const QString environment
            = page.mid(start, page.indexOf(QStringLiteral("\n.SH "), start + 1) - start);
        static const QRegularExpression read(
            QStringLiteral("(?:qgetenv|qEnvironmentVariable\\w*|getenv)\\(\"(\\w+)\""));
        int found = 0;
        QDirIterator files(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/app"), {QStringLiteral("*.cpp")},
                           QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            for (const auto &match : read.globalMatch(QString::fromUtf8(file.readAll()))) {
                ++found;
                const QString name = match.captured(1);
                QVERIFY2(environment.contains(name), qPrintable(name));
            }
        }
        QVERIFY(found >= 2); // HOOKSCOPE_SECRET and HOOKSCOPE_SECRET_BACKEND at least
    }

    void groffRendersItWithoutWarnings()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("groff")).isEmpty())
            QFAIL("groff is not installed (Debian package groff-base)");
        const QString page = manPage();
        const Rendered rendered = groff(page,
                                        {QStringLiteral("-man"), QStringLiteral("-Tutf8"),
                                         QStringLiteral("-ww"), QStringLiteral("-z")});
        QCOMPARE(rendered.exitCode, 0);
        QCOMPARE(rendered.warnings, QString());

        // As a reader sees it: options as typed, plain ASCII hyphens.
        const Rendered text = groff(
            page, {QStringLiteral("-man"), QStringLiteral("-Tascii"), QStringLiteral("-P-cbou")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.text.contains(QStringLiteral("--format FORMAT")));
        QVERIFY(text.text.contains(QStringLiteral("hookscope - webhook inspector and tester")));
        QVERIFY2(!text.text.contains(QStringLiteral("\\[")), "an escape was not understood");
    }
};

QTEST_GUILESS_MAIN(TestManPage)
#include "TestManPage.moc"
