// Opening a large JSON body in the inspector: builds a JSON document of the requested size
// (default 50 MB) and reports the time to parse it into a tree, to show it in the detail view,
// and the memory it takes. Run by hand; figures go in the README.
#include "CaptureDetailView.h"
#include "JsonTreeModel.h"
#include "PayloadTreeView.h"
#include "json/JsonTreeParser.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTreeView>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

using namespace hookscope;

namespace {

qint64 statusKb(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// Webhook-like records: nested objects, arrays, escaped strings, big and exact numbers.
QByteArray generate(qsizetype targetBytes, bool pretty)
{
    QByteArray out;
    out.reserve(targetBytes + 4096);
    const char *nl = pretty ? "\n" : "";
    const char *in1 = pretty ? "  " : "";
    out += "{";
    out += nl;
    out += in1;
    out += "\"data\": [";
    int i = 0;
    while (out.size() < targetBytes) {
        if (i > 0)
            out += ",";
        out += nl;
        out += in1;
        out += in1;
        out += QByteArray("{\"id\": \"") + QByteArray::number(i)
            + "\", \"type\": \"pledge\", \"attributes\": {\"amount_cents\": "
            + QByteArray::number(i % 10000)
            + ", \"created_at\": \"2015-05-18T23:50:42+00:00\", "
              "\"declined_since\": null, \"patron_pays_fees\": "
            + (i % 2 ? "true" : "false")
            + ", \"ratio\": 1.0e-7, \"big\": 12345678901234567890, \"note\": \"line\\nbreak "
              "\\\"quoted\\\" \\u00e9\"}, \"tags\": [\"a\", \"b\", "
            + QByteArray::number(i) + "]}";
        ++i;
    }
    out += nl;
    out += in1;
    out += "]";
    out += nl;
    out += "}";
    return out;
}

// CPU time of this thread, so the figures hold on a busy machine too.
double cpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

void run(const QByteArray &body, const char *label)
{
    std::printf("\n== %s: %.1f MB ==\n", label, double(body.size()) / 1e6);
    const qint64 rssBefore = statusKb("VmRSS:");

    std::vector<double> parseMs;
    std::vector<double> parseCpuMs;
    json::JsonParseResult result;
    for (int round = 0; round < 5; ++round) {
        result = {};
        QElapsedTimer timer;
        timer.start();
        const double cpuStart = cpuMs();
        result = json::JsonTreeParser::parse(body);
        parseCpuMs.push_back(cpuMs() - cpuStart);
        parseMs.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!result.ok()) {
            std::printf("parse failed: %s\n", qPrintable(result.error->toString()));
            return;
        }
    }
    const qint64 rssTree = statusKb("VmRSS:");
    const std::size_t nodeBytes = result.tree.size() * sizeof(json::PayloadNode);
    std::printf("tree build (simdjson on-demand + node index), median of 5: %.0f ms wall, "
                "%.0f ms CPU (%.2f GB/s of CPU)\n",
                median(parseMs), median(parseCpuMs),
                double(body.size()) / median(parseCpuMs) / 1e6);
    std::printf("values: %u, node index: %.1f MB (%zu bytes per value), RSS +%.1f MB over the "
                "body\n",
                result.tree.size(), double(nodeBytes) / 1e6, sizeof(json::PayloadNode),
                double(rssTree - rssBefore) / 1024.0);

    // The whole open: parse + JSON:API index + model reset + first expansion in the view.
    ui::CaptureDetailView view;
    view.resize(1000, 700);
    view.show();
    Capture capture;
    capture.method = "POST";
    capture.target = "/hook";
    capture.headers = {{"Content-Type", "application/json"}};
    capture.body = body;
    // setCapture hands large bodies to a worker thread: report how long the GUI thread is
    // busy, and how long until the tree is on screen.
    std::vector<double> blockedMs;
    std::vector<double> shownMs;
    for (int round = 0; round < 3; ++round) {
        view.clear();
        QElapsedTimer timer;
        timer.start();
        view.setCapture(capture);
        blockedMs.push_back(double(timer.nsecsElapsed()) / 1e6);
        while (view.isParsing())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        QCoreApplication::processEvents();
        shownMs.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::printf("open in CaptureDetailView, median of 3: GUI thread busy %.0f ms, tree shown "
                "after %.0f ms\n",
                median(blockedMs), median(shownMs));

    // Expanding the top array materialises one item per element.
    QTreeView *tree = view.payloadTree()->treeView();
    const ui::JsonTreeModel *model = view.payloadTree()->model();
    const QModelIndex array = model->index(0, 0, model->index(0, 0));
    QElapsedTimer timer;
    timer.start();
    tree->expand(array);
    QCoreApplication::processEvents();
    std::printf("expand the %d-element array: %.0f ms\n", model->rowCount(array),
                double(timer.nsecsElapsed()) / 1e6);

    timer.start();
    const QModelIndex hit = model->find(QStringLiteral("no such text anywhere"), {});
    std::printf("find (no match, whole tree): %.0f ms%s\n", double(timer.nsecsElapsed()) / 1e6,
                hit.isValid() ? " (unexpected hit)" : "");
    std::printf("RSS now %.1f MB, peak %.1f MB\n", double(statusKb("VmRSS:")) / 1024.0,
                double(statusKb("VmHWM:")) / 1024.0);

    timer.start();
    const QJsonDocument reference = QJsonDocument::fromJson(body);
    std::printf("for comparison, QJsonDocument::fromJson (sorts keys, rounds numbers): %.0f ms\n",
                double(timer.nsecsElapsed()) / 1e6);
    Q_UNUSED(reference);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const qsizetype megabytes = argc > 1 ? QByteArray(argv[1]).toLongLong() : 50;
    const qsizetype size = megabytes * 1000 * 1000;
    run(generate(size, false), "minified");
    run(generate(size, true), "pretty-printed");
    return 0;
}
