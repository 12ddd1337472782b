#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>
#include <QStringList>

namespace hookscope::cli {

// What the shell offers for an option's value. NamedFile is NAME=FILE: the name is the user's
// own, files are offered after the '='.
enum class ValueHint { Text, File, NamedFile, Template, Choice };

struct OptionSyntax {
    QCommandLineOption option;
    ValueHint hint = ValueHint::Text;
    QStringList choices; // the values a ValueHint::Choice option accepts
};

struct PositionalSyntax {
    QString name;
    QString description;
    QStringList choices; // the words it accepts, when it is one of a few
};

// Everything a command accepts, in one place: execute() parses with it, and --help, the man
// page and the bash completion are written from it, so none of them can drift from the parser.
class CommandSyntax final
{
public:
    CommandSyntax(QString name, QString usage, QString description);

    QString name() const { return m_name; }
    // "hookscope export [--db PATH] --format jsonl|har [--out FILE]"; may span lines.
    QString usage() const { return m_usage; }
    QString description() const { return m_description; }
    // One line per exit status, e.g. "0 valid, 1 any other verdict, 2 usage error".
    QString exitStatus() const { return m_exitStatus; }
    // Text after the options in --help and the man page (schemes, keys of --custom, ...).
    QString notes() const { return m_notes; }
    const QList<OptionSyntax> &options() const { return m_options; }
    const QList<PositionalSyntax> &positionals() const { return m_positionals; }

    void setExitStatus(const QString &text) { m_exitStatus = text; }
    void setNotes(const QString &text) { m_notes = text; }
    void addPositional(const QString &name, const QString &description,
                       const QStringList &choices = {});
    void addOption(const QCommandLineOption &option, ValueHint hint = ValueHint::Text);
    void addChoiceOption(const QCommandLineOption &option, const QStringList &choices);

    // The option named `name` (its long name); asserts that it exists.
    const QCommandLineOption &option(QStringView name) const;

    // Adds -h/--help, the positionals and the options.
    void configure(QCommandLineParser &parser) const;
    // What was wrong with the arguments parser.parse() refused, in the words of the other usage
    // errors: "unknown option '--prot'; did you mean '--port'?", "missing value after '--db'".
    QString parseError(const QCommandLineParser &parser) const;
    // `hookscope CMD --help`: usage, description, options, arguments, exit status and notes.
    QString helpText(const QCommandLineParser &parser) const;

private:
    QString m_name;
    QString m_usage;
    QString m_description;
    QString m_exitStatus;
    QString m_notes;
    QList<OptionSyntax> m_options;
    QList<PositionalSyntax> m_positionals;
};

} // namespace hookscope::cli
