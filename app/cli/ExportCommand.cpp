#include "cli/ExportCommand.h"

#include "cli/CommandArguments.h"
#include "cli/RequestIds.h"
#include "cli/StoredDatabase.h"
#include "core/Application.h"
#include "core/Version.h"
#include "store/CaptureExport.h"
#include "store/RequestStore.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTimeZone>

#include <algorithm>
#include <optional>

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

// --since: a time as received_at prints it ("2026-11-23T13:37:23.123456Z"; without a zone,
// local time; a date alone is its midnight), or an age counted back from now ("90s", "10m",
// "2h", "1d"). Unix microseconds, or nothing when the text is neither.
std::optional<qint64> parseSince(const QString &text, qint64 nowUs)
{
    static const QRegularExpression age(QStringLiteral("^(\\d{1,9})([smhd])$"));
    if (const QRegularExpressionMatch match = age.match(text); match.hasMatch()) {
        const qint64 unitSeconds = match.captured(2) == u"s" ? 1
            : match.captured(2) == u"m"                      ? 60
            : match.captured(2) == u"h"                      ? 3600
                                                             : 86400;
        const qint64 count = match.captured(1).toLongLong();
        const qint64 unitUs = unitSeconds * 1'000'000;
        // Older than the epoch is everything; 0 would mean no filter at all, 1 is the same.
        return count >= nowUs / unitUs ? qint64(1) : nowUs - count * unitUs;
    }
    static const QRegularExpression time(QStringLiteral(
        "^(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
        "(Z|[+-]\\d{2}(?::?\\d{2})?)?$"));
    const QRegularExpressionMatch match = time.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const QDate date(match.captured(1).toInt(), match.captured(2).toInt(),
                     match.captured(3).toInt());
    const QTime clock(match.captured(4).toInt(), match.captured(5).toInt(),
                      match.captured(6).toInt());
    if (!date.isValid() || !clock.isValid())
        return std::nullopt;
    // Microseconds as stored; digits past them are dropped, never rounded up past a request.
    const qint64 fractionUs = match.captured(7).leftJustified(6, u'0').left(6).toLongLong();
    const QString zone = match.captured(8);
    QDateTime moment;
    if (zone.isEmpty()) {
        moment = QDateTime(date, clock);
    } else if (zone == u"Z") {
        moment = QDateTime(date, clock, QTimeZone::utc());
    } else {
        const QString digits = zone.mid(1).remove(u':');
        const int offset = digits.left(2).toInt() * 3600 + digits.mid(2).toInt() * 60;
        moment = QDateTime(date, clock, QTimeZone(zone.startsWith(u'-') ? -offset : offset));
    }
    if (!moment.isValid())
        return std::nullopt;
    return moment.toMSecsSinceEpoch() * 1000 + fractionUs;
}

// Writes records one by one in the shape store::exportJsonLines and store::exportHar give
// the whole store, for a selection of it.
class RecordWriter
{
public:
    RecordWriter(QIODevice &out, bool har)
        : m_out(out)
        , m_har(har)
    { }
    bool begin()
    {
        if (!m_har)
            return true;
        const QJsonObject creator {{QStringLiteral("name"), QStringLiteral("Hookscope")},
                                   {QStringLiteral("version"), QString::fromLatin1(kVersion)}};
        return m_out.write("{\"log\":{\"version\":\"1.2\",\"creator\":"
                           + QJsonDocument(creator).toJson(QJsonDocument::Compact)
                           + ",\"entries\":[\n")
            >= 0;
    }
    bool write(const Capture &capture)
    {
        if (!m_har)
            return m_out.write(store::exportJson(store::captureToJson(capture)) + '\n') >= 0;
        QByteArray entry = store::exportJson(store::captureToHarEntry(capture));
        if (!std::exchange(m_first, false))
            entry.prepend(",\n");
        return m_out.write(entry) >= 0;
    }
    bool end() { return !m_har || m_out.write("\n]}}\n") >= 0; }

private:
    QIODevice &m_out;
    bool m_har = false;
    bool m_first = true;
};

// Which requests to export; none of it set is all of them.
struct Selection {
    QList<qint64> ids; // oldest first, each once
    qint64 sinceUs = 0;
    int limit = 0; // the most recent N (after sinceUs)
    bool isAll() const { return ids.isEmpty() && sinceUs == 0 && limit == 0; }
};

// Writes the selected requests, oldest first; returns an error message, empty on success.
QString exportSelection(store::RequestStore &store, const Selection &selection, QIODevice &out,
                        bool har)
{
    RecordWriter writer(out, har);
    if (!writer.begin())
        return out.errorString();
    QList<qint64> ids = selection.ids;
    store::CaptureFilter filter;
    filter.fromUs = selection.sinceUs;
    if (selection.ids.isEmpty() && selection.limit > 0) {
        // The newest N in the list's own order, written oldest first as everything else is.
        for (const store::CaptureSummary &row :
             store.page(filter, 0, selection.limit, store::SortOrder::NewestFirst))
            ids.prepend(row.id);
        if (!store.lastError().isEmpty())
            return store.lastError();
    }
    if (selection.ids.isEmpty() && selection.limit == 0) {
        bool writeOk = true;
        if (!store.forEach(filter, store::SortOrder::OldestFirst, [&](const Capture &capture) {
                writeOk = writer.write(capture);
                return writeOk;
            }))
            return store.lastError();
        if (!writeOk)
            return out.errorString();
    }
    for (qint64 id : std::as_const(ids)) {
        const std::optional<Capture> capture = store.load(id);
        if (!capture) // removed since it was listed (the window's Delete, beside the export)
            return QStringLiteral("request %1 is no longer in %2").arg(id).arg(store.path());
        if (!writer.write(*capture))
            return out.errorString();
    }
    return writer.end() ? QString() : out.errorString();
}

} // namespace

CommandSyntax ExportCommand::syntax() const
{
    CommandSyntax syntax(
        name(),
        QStringLiteral("hookscope export [--db PATH] --format jsonl|har [--out FILE]\n"
                       "                        [--id ID[,ID]...]... | [--since TIME] [--limit N]"),
        summary()
            + QStringLiteral(", oldest first: all of them, the ones --id names, or those --since "
                             "and --limit pick."));
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
    syntax.addOption(QCommandLineOption(
        QStringLiteral("id"),
        QStringLiteral("Only the request with this id (12, or #12 as listen prints it); repeat "
                       "it or give a list, 3,7. An id that is not stored is an error."),
        QStringLiteral("ID")));
    syntax.addOption(QCommandLineOption(
        QStringLiteral("since"),
        QStringLiteral("Only requests received since TIME: a time as received_at gives it "
                       "(2026-11-23T13:37:23Z; without a zone, local time; a date alone, its "
                       "midnight), or an age counted back from now: 90s, 10m, 2h, 1d."),
        QStringLiteral("TIME")));
    syntax.addOption(QCommandLineOption(
        QStringLiteral("limit"),
        QStringLiteral("Only the N most recent requests (of those since --since), still "
                       "written oldest first: --limit 1 is the last one."),
        QStringLiteral("N")));
    return syntax;
}

int ExportCommand::execute(const QStringList &arguments, CommandIo &io)
{
    const CommandSyntax syntax = this->syntax();
    QCommandLineParser parser;
    const QCommandLineOption &dbOption = syntax.option(u"db");
    const QCommandLineOption &formatOption = syntax.option(u"format");
    const QCommandLineOption &outOption = syntax.option(u"out");
    const QCommandLineOption &idOption = syntax.option(u"id");
    const QCommandLineOption &sinceOption = syntax.option(u"since");
    const QCommandLineOption &limitOption = syntax.option(u"limit");
    const auto usage = usageReporter(io.err, name());
    if (const std::optional<int> exitCode = parseArguments(parser, syntax, arguments, io))
        return *exitCode;
    const QString format = parser.value(formatOption);
    if (format != u"jsonl" && format != u"har")
        return usage(parser.isSet(formatOption)
                         ? QStringLiteral("--format must be jsonl or har, not '%1'").arg(format)
                         : QStringLiteral("--format is required (jsonl or har)"));
    if (const QString extra = unexpectedArgument(parser); !extra.isEmpty())
        return usage(extra);
    Selection selection;
    for (const QString &value : parser.values(idOption)) {
        for (const QString &part : value.split(u',')) {
            const std::optional<qint64> id = parseRequestId(part);
            if (!id)
                return usage(
                    QStringLiteral("--id needs request ids (12, or 3,7), not '%1'").arg(part));
            selection.ids << *id;
        }
    }
    std::sort(selection.ids.begin(), selection.ids.end());
    selection.ids.erase(std::unique(selection.ids.begin(), selection.ids.end()),
                        selection.ids.end());
    if (!selection.ids.isEmpty() && (parser.isSet(sinceOption) || parser.isSet(limitOption)))
        return usage(QStringLiteral("--id names the requests; --since and --limit do not go "
                                    "with it"));
    if (parser.isSet(sinceOption)) {
        const std::optional<qint64> since = parseSince(
            parser.value(sinceOption), QDateTime::currentDateTimeUtc().toMSecsSinceEpoch() * 1000);
        if (!since)
            return usage(QStringLiteral("--since needs a time (2026-11-23T13:37:23Z, as "
                                        "received_at gives it) or an age with its unit (90s, "
                                        "10m, 2h, 1d), not '%1'")
                             .arg(parser.value(sinceOption)));
        selection.sinceUs = *since;
    }
    if (parser.isSet(limitOption)) {
        bool ok = false;
        selection.limit = parser.value(limitOption).toInt(&ok);
        if (!ok || selection.limit <= 0)
            return usage(QStringLiteral("--limit must be a positive number, not '%1'")
                             .arg(parser.value(limitOption)));
    }

    const QString path = parser.isSet(dbOption) ? parser.value(dbOption) : defaultDatabasePath();
    store::RequestStore store;
    if (const QString openError = openStoredDatabase(store, path); !openError.isEmpty()) {
        io.err << "hookscope export: " << openError << '\n';
        return Failure;
    }
    // Every id named is there before anything is written (or an --out file made). Only its
    // summary row is read here; the capture itself is loaded once, when it is written.
    for (qint64 id : std::as_const(selection.ids)) {
        const QList<store::CaptureSummary> row
            = store.pageAfter({}, id - 1, 1, store::SortOrder::OldestFirst);
        if (row.isEmpty() && !store.lastError().isEmpty()) {
            io.err << "hookscope export: " << store.lastError() << '\n';
            return Failure;
        }
        if (row.isEmpty() || row.constFirst().id != id) {
            io.err << "hookscope export: no request with id " << id << " in " << path << '\n';
            return Failure;
        }
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
    const bool har = format == u"har";
    const QString error = !selection.isAll() ? exportSelection(store, selection, *device, har)
        : har                                ? store::exportHar(store, *device)
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
