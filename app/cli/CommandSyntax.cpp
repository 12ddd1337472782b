#include "cli/CommandSyntax.h"

#include "core/ClosestName.h"

namespace hookscope::cli {

namespace {

// Words joined into lines of at most 79 columns, as QCommandLineParser wraps option text.
QString wrapped(const QString &text)
{
    QString out;
    qsizetype lineLength = 0;
    for (const QString &word : text.split(u' ', Qt::SkipEmptyParts)) {
        if (lineLength > 0 && lineLength + 1 + word.size() > 79) {
            out += u'\n';
            lineLength = 0;
        } else if (lineLength > 0) {
            out += u' ';
            ++lineLength;
        }
        out += word;
        lineLength += word.size();
    }
    return out;
}

} // namespace

CommandSyntax::CommandSyntax(QString name, QString usage, QString description)
    : m_name(std::move(name))
    , m_usage(std::move(usage))
    , m_description(std::move(description))
{
    // Not QCommandLineParser::addHelpOption(): its --help-all lists Qt's own options, which
    // a command line tool has no use for.
    addOption(QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")},
                                 QStringLiteral("Show this help.")));
}

void CommandSyntax::addPositional(const QString &name, const QString &description,
                                  const QStringList &choices)
{
    m_positionals.append({name, description, choices});
}

void CommandSyntax::addOption(const QCommandLineOption &option, ValueHint hint)
{
    m_options.append({option, hint, {}});
}

void CommandSyntax::addChoiceOption(const QCommandLineOption &option, const QStringList &choices)
{
    m_options.append({option, ValueHint::Choice, choices});
}

const QCommandLineOption &CommandSyntax::option(QStringView name) const
{
    for (const OptionSyntax &entry : m_options) {
        if (entry.option.names().contains(name))
            return entry.option;
    }
    qFatal("hookscope %s: no option --%s", qPrintable(m_name), qPrintable(name.toString()));
}

void CommandSyntax::configure(QCommandLineParser &parser) const
{
    // No command has clustered short options, so "-json" can mean --json, as Go's flags do.
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    for (const PositionalSyntax &positional : m_positionals)
        parser.addPositionalArgument(positional.name, positional.description);
    for (const OptionSyntax &entry : m_options)
        parser.addOption(entry.option);
}

QString CommandSyntax::parseError(const QCommandLineParser &parser) const
{
    const QStringList unknown = parser.unknownOptionNames();
    if (unknown.isEmpty()) {
        // "Missing value after '--port'." and the like: already names the option as typed.
        QString text = parser.errorText();
        if (text.endsWith(u'.'))
            text.chop(1);
        if (!text.isEmpty())
            text[0] = text.at(0).toLower();
        return text;
    }
    const auto dashed = [](const QString &name) {
        return (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
    };
    QStringList typed;
    for (const QString &name : unknown)
        typed << QStringLiteral("'%1'").arg(dashed(name));
    QString text = QStringLiteral("unknown option%1 %2")
                       .arg(unknown.size() == 1 ? QString() : QStringLiteral("s"),
                            typed.join(QStringLiteral(", ")));
    if (unknown.size() == 1) {
        QStringList longNames;
        for (const OptionSyntax &entry : m_options)
            longNames << entry.option.names().constLast();
        if (const QString closest = closestName(unknown.first(), longNames); !closest.isEmpty())
            text += QStringLiteral("; did you mean '--%1'?").arg(closest);
    }
    return text;
}

QString CommandSyntax::helpText(const QCommandLineParser &parser) const
{
    // QCommandLineParser's own head names the binary ("Usage: /usr/bin/hookscope [options]")
    // and leaves the description unwrapped; ours names the command, wrapped to 80 columns.
    QString help = QStringLiteral("Usage: %1\n%2\n\n").arg(m_usage, wrapped(m_description));
    const QString parserHelp = parser.helpText();
    help += parserHelp.mid(parserHelp.indexOf(QStringLiteral("Options:")));
    if (!m_exitStatus.isEmpty())
        help += u'\n' + wrapped(QStringLiteral("Exit status: ") + m_exitStatus) + u'\n';
    if (!m_notes.isEmpty())
        help += u'\n' + m_notes;
    return help;
}

} // namespace hookscope::cli
