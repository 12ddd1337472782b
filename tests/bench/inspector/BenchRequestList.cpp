// The inspector's request list at scale: 100,000 stored captures, shown through the window's own
// model (RequestListModel over the store, paged with canFetchMore/fetchMore) in a QTableView set
// up as MainWindow sets it up, against a naive reference that loads every row into a
// QStandardItemModel. Prints one table; run by hand, never as a test (timings swing on shared
// machines, so compare the ratios, not the absolute figures).
//
//   cmake -S tests/bench/inspector -B build-bench -DCMAKE_BUILD_TYPE=Release
//   cmake --build build-bench -j2 --target bench_request_list
//   QT_QPA_PLATFORM=offscreen build-bench/bench_request_list [--rows 100000] [--db PATH]
//
// The store (realistic signed Patreon deliveries: all twelve Patreon templates rendered with
// fresh placeholders, headers included) is made once at PATH (default
// $TMPDIR/hookscope-bench-<rows>.sqlite) and reused by later runs. Making it and the reference
// run in child processes, so each figure of resident memory (VmRSS) starts from a clean process.
#include "RequestListModel.h"
#include "VerdictBadgeDelegate.h"
#include "compose/EventTemplate.h"
#include "compose/Placeholders.h"
#include "compose/SendTypes.h"
#include "compose/TemplateLibrary.h"
#include "signing/Signing.h"
#include "store/RequestStore.h"
#include "store/StoreClient.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QMap>
#include <QProcess>
#include <QScrollBar>
#include <QStandardItemModel>
#include <QTableView>
#include <QTimer>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>

using namespace hookscope;

namespace {

// Made-up secrets: most deliveries are signed with the endpoint's, some with another.
const QByteArray kSecret = "bench-patreon-secret";
const QByteArray kWrongSecret = "bench-rotated-secret";

qint64 rssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

double ms(const QElapsedTimer &clock)
{
    return double(clock.nsecsElapsed()) / 1e6;
}

// Spins the event loop until done() holds; false after timeoutMs.
bool waitFor(const std::function<bool()> &done, int timeoutMs = 600000)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
    }
    return true;
}

// --- making the store (child process) ---------------------------------------------------------

int generate(const QString &path, int rows)
{
    QFile::remove(path);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    compose::TemplateLibrary library(QDir::tempPath() + QStringLiteral("/hookscope-bench-none"));
    QList<compose::EventTemplate> templates;
    for (const compose::EventTemplate &candidate : library.templates()) {
        if (candidate.provider == u"patreon")
            templates.append(candidate);
    }
    if (templates.isEmpty()) {
        std::fprintf(stderr, "no patreon templates compiled in\n");
        return 1;
    }
    store::RequestStore store;
    store::StoreOptions options;
    options.fullSync = false;
    if (const QString error = store.open(path, options); !error.isEmpty()) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(path), qPrintable(error));
        return 1;
    }
    QElapsedTimer clock;
    clock.start();
    const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-rows);
    for (int i = 0; i < rows; ++i) {
        const compose::EventTemplate &eventTemplate = templates.at(i % templates.size());
        compose::PlaceholderContext context(i + 1, start.addSecs(i));
        compose::RenderedEvent event;
        QString error;
        if (!compose::renderTemplate(eventTemplate, context, &event, &error)) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(eventTemplate.name()), qPrintable(error));
            return 1;
        }
        Capture capture;
        capture.method = event.method;
        capture.target = i % 7 == 0 ? QByteArray("/") : QByteArray("/hooks/patreon");
        capture.endpoint = i % 7 == 0 ? QString() : QStringLiteral("patreon");
        capture.headers = {{"Host", "127.0.0.1:8787"},
                           {"User-Agent", "Patreon HTTP Robot 2.0"},
                           {"Accept-Encoding", "gzip"},
                           {"Content-Length", QByteArray::number(event.body.size())}};
        capture.headers += event.headers;
        // One in ten signed with a rotated secret (invalid), one in 25 not signed at all.
        const bool unsigned_ = i % 25 == 3;
        const bool wrong = i % 10 == 7;
        if (!unsigned_) {
            const signing::SignResult signature = signing::sign(
                QStringLiteral("patreon"), wrong ? kWrongSecret : kSecret, event.body);
            for (const HeaderField &field : signature.headers)
                compose::setHeader(capture.headers, field.name, field.value);
        }
        compose::dropSignatureSlots(capture.headers);
        capture.body = event.body;
        capture.remoteAddress = QStringLiteral("127.0.0.1");
        capture.remotePort = quint16(40000 + i % 20000);
        capture.receivedAtUs = start.addSecs(i).toMSecsSinceEpoch() * 1000;
        capture.durationUs = 180 + i % 300;
        capture.eventType = QString::fromLatin1(headerValue(capture.headers, "X-Patreon-Event"));
        capture.responseStatus = 200;
        capture.responseHeaders = {{"Content-Type", "application/json"}};
        capture.responseBody = "{\"received\":\"{{id}}\"}";
        capture.signature.scheme = unsigned_ ? QString() : QStringLiteral("patreon");
        capture.signature.verdict = unsigned_ ? QStringLiteral("missing-header")
            : wrong                           ? QStringLiteral("invalid")
                                              : QStringLiteral("valid");
        store.submit(std::move(capture));
    }
    store.flush();
    std::printf("generated=%d\ngenerate_ms=%.0f\n", rows, ms(clock));
    return 0;
}

// --- the window's way: paged model over the store ----------------------------------------------

void setUpLikeTheWindow(QTableView &view)
{
    view.setSelectionBehavior(QAbstractItemView::SelectRows);
    view.setSelectionMode(QAbstractItemView::ExtendedSelection);
    view.setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    view.setShowGrid(false);
    view.setWordWrap(false);
    view.setAlternatingRowColors(true);
    view.verticalHeader()->hide();
    view.verticalHeader()->setDefaultSectionSize(view.fontMetrics().height() + 8);
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.horizontalHeader()->setStretchLastSection(true);
    view.resize(1100, 700);
}

struct Row {
    QString measure;
    QString paged;
    QString naive;
    QString ratio;
};

struct PagedFigures {
    double firstPageMs = 0;
    double scrollAllMs = 0;
    double slowestPageMs = 0; // fetch, insert and repaint: the longest the list waits
    int pages = 0;
    qint64 rssBeforeKb = 0;
    qint64 rssFirstPageKb = 0;
    qint64 rssAllKb = 0;
    QList<std::pair<QString, double>> filters; // name, ms to first page
    QList<int> filterRows;
    QList<double> filterResetMs;
};

PagedFigures runPaged(const QString &path, int rows)
{
    PagedFigures figures;
    QTableView view;
    setUpLikeTheWindow(view);
    view.show();
    QCoreApplication::processEvents();
    figures.rssBeforeKb = rssKb();

    QElapsedTimer clock;
    clock.start();
    store::StoreClient client;
    ui::RequestListModel model(client);
    view.setModel(&model);
    view.setItemDelegateForColumn(ui::RequestListModel::SignatureColumn,
                                  new ui::VerdictBadgeDelegate(&view));
    int loads = 0;
    QObject::connect(&model, &ui::RequestListModel::loadingFinished, [&] { ++loads; });
    QString openError = QStringLiteral("pending");
    store::StoreOptions options;
    options.fullSync = false;
    client.open(path, options, [&](const QString &error) {
        openError = error;
        if (error.isEmpty())
            model.reload();
    });
    if (!waitFor([&] { return loads > 0; }) || !openError.isEmpty()) {
        std::fprintf(stderr, "the store did not open: %s\n", qPrintable(openError));
        std::exit(1);
    }
    view.viewport()->repaint(); // the first page on screen
    figures.firstPageMs = ms(clock);
    figures.rssFirstPageKb = rssKb();

    // A user holding End: every time the view reaches the bottom it asks for more (fetchMore),
    // and the next page arrives from the store's thread.
    clock.restart();
    QScrollBar *bar = view.verticalScrollBar();
    while (model.canFetchMore({}) || model.isLoading()) {
        QElapsedTimer pageClock;
        pageClock.start();
        const int before = loads;
        if (!model.isLoading()) {
            if (bar->value() == bar->maximum())
                model.fetchMore({}); // what the view does when the bar cannot move further
            else
                bar->setValue(bar->maximum()); // the view calls fetchMore at the bottom
            if (!model.isLoading())
                model.fetchMore({});
        }
        waitFor([&] { return loads > before; });
        QCoreApplication::processEvents();
        bar->setValue(bar->maximum());
        view.viewport()->repaint();
        ++figures.pages;
        figures.slowestPageMs = qMax(figures.slowestPageMs, ms(pageClock));
    }
    figures.scrollAllMs = ms(clock);
    figures.rssAllKb = rssKb();
    if (model.rowCount() != rows) {
        std::fprintf(stderr, "expected %d rows, the model has %d\n", rows, model.rowCount());
        std::exit(1);
    }

    const auto applyFilter = [&](const QString &name, const store::CaptureFilter &filter) {
        const int before = loads;
        QElapsedTimer filterClock;
        filterClock.start();
        model.setFilter(filter);
        figures.filterResetMs.append(ms(filterClock)); // dropping the rows already loaded
        waitFor([&] { return loads > before; });
        view.viewport()->repaint();
        figures.filters.append({name, ms(filterClock)});
        figures.filterRows.append(model.rowCount());
    };
    store::CaptureFilter verdictFilter;
    verdictFilter.verdict = QStringLiteral("invalid");
    applyFilter(QStringLiteral("filter: verdict invalid (1 in 10)"), verdictFilter);
    store::CaptureFilter eventFilter;
    eventFilter.eventType = QStringLiteral("pledges:delete");
    applyFilter(QStringLiteral("filter: event type (1 in 12)"), eventFilter);
    store::CaptureFilter textFilter;
    textFilter.text = QStringLiteral("\"last_charge_status\":\"Paid\"");
    applyFilter(QStringLiteral("filter: text in 1 of 3 bodies"), textFilter);
    store::CaptureFilter rareFilter;
    rareFilter.text = QStringLiteral("no-such-text-anywhere");
    applyFilter(QStringLiteral("filter: text in none (full scan)"), rareFilter);
    applyFilter(QStringLiteral("filter: cleared"), {});
    view.setModel(nullptr);
    return figures;
}

// --- the naive reference (child process) --------------------------------------------------------

int runNaive(const QString &path)
{
    QTableView view;
    setUpLikeTheWindow(view);
    view.show();
    QCoreApplication::processEvents();
    const qint64 before = rssKb();
    QElapsedTimer clock;
    clock.start();
    store::RequestStore store;
    if (const QString error = store.open(path); !error.isEmpty()) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(path), qPrintable(error));
        return 1;
    }
    const QList<store::CaptureSummary> rows = store.page({}, 0, 1 << 30);
    const double queryMs = ms(clock);
    // The texts the window's model shows, made up front for every row.
    QStandardItemModel model(0, ui::RequestListModel::ColumnCount);
    model.setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        const store::CaptureSummary &summary = rows.at(row);
        const QString verdict = summary.signature.verdict;
        const QString values[]
            = {QDateTime::fromMSecsSinceEpoch(summary.receivedAtUs / 1000)
                   .toString(QStringLiteral("HH:mm:ss.zzz")),
               QString::fromLatin1(summary.method),
               summary.endpoint.isEmpty() ? QString::fromLatin1(summary.target) : summary.endpoint,
               summary.eventType,
               verdict,
               ui::formatSize(summary.bodySize),
               summary.remoteAddress};
        for (int column = 0; column < ui::RequestListModel::ColumnCount; ++column) {
            auto *item = new QStandardItem(values[column]);
            item->setData(summary.id, Qt::UserRole);
            model.setItem(row, column, item);
        }
    }
    view.setModel(&model);
    view.viewport()->repaint();
    const double shownMs = ms(clock);
    std::printf("naive_rows=%lld\nnaive_query_ms=%.1f\nnaive_shown_ms=%.1f\n"
                "naive_rss_before_kb=%lld\nnaive_rss_after_kb=%lld\n",
                qlonglong(rows.size()), queryMs, shownMs, before, rssKb());
    view.setModel(nullptr);
    return 0;
}

QMap<QString, QString> runChild(const QStringList &arguments)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), arguments);
    if (!child.waitForFinished(-1) || child.exitCode() != 0) {
        std::fprintf(stderr, "%s failed\n", qPrintable(arguments.join(u' ')));
        std::exit(1);
    }
    QMap<QString, QString> values;
    for (const QByteArray &line : child.readAllStandardOutput().split('\n')) {
        const qsizetype equals = line.indexOf('=');
        if (equals > 0)
            values.insert(QString::fromLatin1(line.left(equals)),
                          QString::fromLatin1(line.mid(equals + 1)));
    }
    return values;
}

QString mib(qint64 kb)
{
    return QString::number(double(kb) / 1024.0, 'f', 1) + QStringLiteral(" MiB");
}

QString msText(double value)
{
    return QString::number(value, 'f', value < 100 ? 1 : 0) + QStringLiteral(" ms");
}

QString times(double a, double b)
{
    if (a <= 0 || b <= 0)
        return QStringLiteral("-");
    return QString::number(b / a, 'f', b / a < 10 ? 1 : 0) + QStringLiteral("× less");
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption rowsOption(QStringLiteral("rows"), QStringLiteral("Stored requests."),
                                        QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("Store to use/make."),
                                      QStringLiteral("PATH"));
    const QCommandLineOption generateOption(QStringLiteral("generate"),
                                            QStringLiteral("(internal) make the store"));
    const QCommandLineOption naiveOption(QStringLiteral("naive"),
                                         QStringLiteral("(internal) run the reference"));
    parser.addOptions({rowsOption, dbOption, generateOption, naiveOption});
    parser.process(app);
    const int rows = parser.value(rowsOption).toInt();
    const QString path = parser.isSet(dbOption)
        ? parser.value(dbOption)
        : QDir::tempPath() + QStringLiteral("/hookscope-bench-%1.sqlite").arg(rows);
    if (parser.isSet(generateOption))
        return generate(path, rows);
    if (parser.isSet(naiveOption))
        return runNaive(path);

    // Reuse the store when it holds the right number of rows.
    bool reuse = false;
    if (QFile::exists(path)) {
        store::RequestStore probe;
        reuse = probe.open(path).isEmpty() && probe.count() == rows;
    }
    if (!reuse) {
        std::printf("making %d captures in %s ...\n", rows, qPrintable(path));
        std::fflush(stdout);
        const auto made = runChild({QStringLiteral("--generate"), QStringLiteral("--rows"),
                                    QString::number(rows), QStringLiteral("--db"), path});
        std::printf("made in %s s\n",
                    qPrintable(QString::number(
                        made.value(QStringLiteral("generate_ms")).toDouble() / 1000.0, 'f', 1)));
    }
    std::printf("store: %s (%s)\n", qPrintable(path),
                qPrintable(mib(QFileInfo(path).size() / 1024)));

    const auto naive = runChild({QStringLiteral("--naive"), QStringLiteral("--rows"),
                                 QString::number(rows), QStringLiteral("--db"), path});
    const PagedFigures paged = runPaged(path, rows);

    const double naiveShown = naive.value(QStringLiteral("naive_shown_ms")).toDouble();
    const qint64 naiveBefore = naive.value(QStringLiteral("naive_rss_before_kb")).toLongLong();
    const qint64 naiveAfter = naive.value(QStringLiteral("naive_rss_after_kb")).toLongLong();
    QList<Row> table;
    table.append({QStringLiteral("first page shown"), msText(paged.firstPageMs), msText(naiveShown),
                  times(paged.firstPageMs, naiveShown)});
    table.append(
        {QStringLiteral("all %1 rows, scrolled to the bottom (%2 pages, %3 ms each with a repaint)")
             .arg(rows)
             .arg(paged.pages)
             .arg(QString::number(paged.scrollAllMs / qMax(1, paged.pages), 'f', 1)),
         msText(paged.scrollAllMs), msText(naiveShown),
         QString::number(paged.scrollAllMs / naiveShown, 'f', 1) + QStringLiteral("× the time")});
    table.append({QStringLiteral("slowest page while scrolling (fetch + insert + repaint)"),
                  msText(paged.slowestPageMs), msText(naiveShown),
                  times(paged.slowestPageMs, naiveShown)});
    for (int i = 0; i < paged.filters.size(); ++i) {
        table.append({QStringLiteral("%1, first page (%2 rows)")
                          .arg(paged.filters.at(i).first)
                          .arg(paged.filterRows.at(i)),
                      msText(paged.filters.at(i).second), QString(), QString()});
        if (i == 0) {
            table.append(
                {QStringLiteral("  of which dropping the %1 loaded rows (model reset)").arg(rows),
                 msText(paged.filterResetMs.at(i)), QString(), QString()});
        }
    }
    table.append({QStringLiteral("memory before opening (VmRSS)"), mib(paged.rssBeforeKb),
                  mib(naiveBefore), QString()});
    table.append({QStringLiteral("memory growth, first page shown"),
                  mib(paged.rssFirstPageKb - paged.rssBeforeKb), mib(naiveAfter - naiveBefore),
                  times(double(paged.rssFirstPageKb - paged.rssBeforeKb),
                        double(naiveAfter - naiveBefore))});
    table.append(
        {QStringLiteral("memory growth, all %1 rows fetched").arg(rows),
         mib(paged.rssAllKb - paged.rssBeforeKb), mib(naiveAfter - naiveBefore),
         times(double(paged.rssAllKb - paged.rssBeforeKb), double(naiveAfter - naiveBefore))});

    int widths[3] = {7, 11, 17};
    for (const Row &row : table) {
        widths[0] = qMax(widths[0], int(row.measure.size()));
        widths[1] = qMax(widths[1], int(row.paged.size()));
        widths[2] = qMax(widths[2], int(row.naive.size()));
    }
    const auto line = [&](const QString &a, const QString &b, const QString &c, const QString &d) {
        std::printf("| %s | %s | %s | %s |\n", qPrintable(a.leftJustified(widths[0])),
                    qPrintable(b.rightJustified(widths[1])),
                    qPrintable(c.rightJustified(widths[2])), qPrintable(d));
    };
    std::printf("\n%d stored requests, Qt %s, %d-row pages\n\n", rows, qVersion(),
                ui::RequestListModel::kPageSize);
    line(QStringLiteral("measure"), QStringLiteral("paged model"),
         QStringLiteral("QStandardItemModel"), QStringLiteral("paged vs naive"));
    line(QStringLiteral("-").repeated(widths[0]), QStringLiteral("-").repeated(widths[1]),
         QStringLiteral("-").repeated(widths[2]), QStringLiteral("---"));
    for (const Row &row : table)
        line(row.measure, row.paged, row.naive, row.ratio);
    return 0;
}
