#include "cli/ExportCommand.h"

#include "core/Application.h"
#include "store/CaptureExport.h"
#include "store/RequestStore.h"

#include <QCommandLineParser>
#include <QFile>
#include <QSaveFile>

namespace hookscope::cli {

namespace {

// Lets the exporters write to the command's output stream (a buffer in tests, stdout otherwise).
class TextStreamDevice final : public QIODevice
{
public:
    explicit TextStreamDevice(QTextStream &stream)
        : m_stream(stream)
    {
        open(QIODevice::WriteOnly);
    }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override
    {
        m_stream << QString::fromUtf8(data, qsizetype(size));
        return m_stream.status() == QTextStream::Ok ? size : -1;
    }

private:
    QTextStream &m_stream;
};

} // namespace

CommandSyntax ExportCommand::syntax() const
{
    CommandSyntax syntax(
        name(), QStringLiteral("hookscope export [--db PATH] --format jsonl|har [--out FILE]"),
        summary() + u'.');
    syntax.setExitStatus(QStringLiteral(
        "0 written, 1 the database or FILE could not be read or written, 2 usage error."));
    syntax.addOption(
        QCommandLineOption(QStringLiteral("db"),
                           QStringLiteral("Database to read (default: the shared store)."),
                           QStringLiteral("PATH")),
        ValueHint::File);
    syntax.addChoiceOption(
        QCommandLineOption(QStringLiteral("format"),
                           QStringLiteral("jsonl (one JSON object per line) or har."),
                           QStringLiteral("FORMAT")),
        {QStringLiteral("jsonl"), QStringLiteral("har")});
    syntax.addOption(QCommandLineOption(QStringLiteral("out"),
                                        QStringLiteral("Write to FILE instead of standard output."),
                                        QStringLiteral("FILE")),
                     ValueHint::File);
    return syntax;
}

int ExportCommand::execute(const QStringList &arguments, CommandIo &io)
{
    const CommandSyntax syntax = this->syntax();
    QCommandLineParser parser;
    syntax.configure(parser);
    const QCommandLineOption &dbOption = syntax.option(u"db");
    const QCommandLineOption &formatOption = syntax.option(u"format");
    const QCommandLineOption &outOption = syntax.option(u"out");
    const auto usage = [&io](const QString &message) {
        io.err << "hookscope export: " << message << "\nRun 'hookscope export --help' for usage.\n";
        return int(UsageError);
    };
    if (!parser.parse(arguments))
        return usage(syntax.parseError(parser));
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << syntax.helpText(parser);
        return Success;
    }
    const QString format = parser.value(formatOption);
    if (format != u"jsonl" && format != u"har")
        return usage(parser.isSet(formatOption)
                         ? QStringLiteral("--format must be jsonl or har, not '%1'").arg(format)
                         : QStringLiteral("--format is required (jsonl or har)"));
    if (!parser.positionalArguments().isEmpty())
        return usage(
            QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    const QString path = parser.isSet(dbOption) ? parser.value(dbOption) : defaultDatabasePath();
    if (!QFile::exists(path)) {
        io.err << "hookscope export: no database at " << path << '\n';
        return Failure;
    }
    store::RequestStore store;
    store::StoreOptions readOnly;
    readOnly.exclusive = false; // reads beside a running listener, which holds the lock
    const QString openError = store.open(path, readOnly);
    if (!openError.isEmpty()) {
        io.err << "hookscope export: " << openError << '\n';
        return Failure;
    }

    // Write to a temporary file and rename at the end, so a failed export leaves no half file.
    std::unique_ptr<QIODevice> device;
    if (parser.isSet(outOption)) {
        auto file = std::make_unique<QSaveFile>(parser.value(outOption));
        if (!file->open(QIODevice::WriteOnly)) {
            io.err << "hookscope export: cannot write " << parser.value(outOption) << ": "
                   << file->errorString() << '\n';
            return Failure;
        }
        device = std::move(file);
    } else {
        device = std::make_unique<TextStreamDevice>(io.out);
    }
    const QString error = format == u"har" ? store::exportHar(store, *device)
                                           : store::exportJsonLines(store, *device);
    if (!error.isEmpty()) {
        io.err << "hookscope export: " << error << '\n';
        return Failure;
    }
    if (auto *saveFile = qobject_cast<QSaveFile *>(device.get())) {
        if (!saveFile->commit()) {
            io.err << "hookscope export: cannot write " << saveFile->fileName() << ": "
                   << saveFile->errorString() << '\n';
            return Failure;
        }
    } else {
        io.out.flush();
    }
    return Success;
}

} // namespace hookscope::cli
