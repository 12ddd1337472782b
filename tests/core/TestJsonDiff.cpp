#include "InspectorFixtures.h"
#include "exchange/CaptureDiff.h"
#include "exchange/LineDiff.h"

#include <QTest>

using namespace hookscope;
using namespace hookscope::exchange;

namespace {

Capture jsonCapture(const QByteArray &body)
{
    Capture capture;
    capture.method = "POST";
    capture.target = "/hook";
    capture.headers = {{"Content-Type", "application/json"}};
    capture.body = body;
    return capture;
}

// Removes whitespace outside strings: the compact form of a pretty-printed body.
QByteArray compact(const QByteArray &json)
{
    QByteArray out;
    bool inString = false;
    bool escaped = false;
    for (const char c : json) {
        if (inString) {
            out += c;
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
            out += c;
            inString = c == '"';
        }
    }
    return out;
}

QList<DiffEntry> differences(const CaptureDiffResult &result)
{
    QList<DiffEntry> list;
    for (const DiffEntry &entry : result.entries) {
        if (result.isDifference(entry) && entry.kind != DiffKind::Derived)
            list.append(entry);
    }
    return list;
}

const DiffEntry *find(const CaptureDiffResult &result, const QString &path)
{
    for (const DiffEntry &entry : result.entries) {
        if (entry.path == path)
            return &entry;
    }
    return nullptr;
}

} // namespace

class TestJsonDiff final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void patreonPledgesPrettyVersusCompact()
    {
        Capture left = test::patreonPledgeCapture();
        QVERIFY(left.body.contains("\"amount_cents\": 250"));
        left.headers.append({"Content-Length", QByteArray::number(left.body.size())});
        Capture right = left;
        right.id = 43;
        right.body = compact(left.body);
        const qsizetype at = right.body.indexOf("\"amount_cents\":250");
        QVERIFY(at > 0);
        right.body.replace(at, 18, "\"amount_cents\":500");
        right.headers[4].value = "fedcba9876543210fedcba9876543210";
        right.headers.last().value = QByteArray::number(right.body.size());

        const CaptureDiffResult result = diffCaptures(left, right);
        QCOMPARE(result.bodyComparison, BodyComparison::Json);
        QVERIFY(result.formattingDiffers);
        const QList<DiffEntry> diffs = differences(result);
        QCOMPARE(diffs.size(), 2);
        QCOMPARE(diffs[0].section, DiffSection::Headers);
        QCOMPARE(diffs[0].path, QStringLiteral("X-Patreon-Signature"));
        QVERIFY(diffs[0].expectedToDiffer);
        QCOMPARE(diffs[1].section, DiffSection::Body);
        QCOMPARE(diffs[1].path, QStringLiteral("$.data.attributes.amount_cents"));
        QCOMPARE(diffs[1].left, QStringLiteral("250"));
        QCOMPARE(diffs[1].right, QStringLiteral("500"));
        QCOMPARE(diffs[1].kind, DiffKind::Changed);
        // The reward's own amount_cents is the same in both.
        QCOMPARE(find(result, QStringLiteral("$.included[2].attributes.amount_cents"))->kind,
                 DiffKind::Identical);
        QCOMPARE(find(result, QStringLiteral("Content-Length"))->kind, DiffKind::Derived);
        QCOMPARE(result.summary(),
                 QStringLiteral("1 header differs (1 expected to differ), 1 body path changed, "
                                "formatting-only differences ignored"));
    }

    void identicalRequests()
    {
        const Capture capture = test::patreonPledgeCapture();
        const CaptureDiffResult result = diffCaptures(capture, capture);
        QVERIFY(differences(result).isEmpty());
        QVERIFY(!result.formattingDiffers);
        QCOMPARE(result.summary(), QStringLiteral("The requests are identical"));
        // Every part listed as identical: request line (3), headers (7), JSON leaves (39).
        QCOMPARE(result.entries.size(), 3 + 7 + 39);
    }

    void formattingOnly()
    {
        const CaptureDiffResult result
            = diffCaptures(jsonCapture("{\"a\": [1, 2],\n \"b\": \"\\u00e9\"}"),
                           jsonCapture("{\"a\":[1,2],\"b\":\"\xc3\xa9\"}"));
        QVERIFY(differences(result).isEmpty());
        QVERIFY(result.formattingDiffers);
        QVERIFY(result.summary().startsWith(u"No differences apart from formatting"));
    }

    void numbersKeepTheirText()
    {
        const CaptureDiffResult result = diffCaptures(
            jsonCapture("{\"a\":1.0,\"b\":100,\"c\":12345678901234567890,\"d\":0.1}"),
            jsonCapture("{\"a\":1,\"b\":1e2,\"c\":12345678901234567891,\"d\":0.1}"));
        QCOMPARE(find(result, QStringLiteral("$.a"))->kind, DiffKind::NumberSpelling);
        QCOMPARE(find(result, QStringLiteral("$.a"))->left, QStringLiteral("1.0"));
        QCOMPARE(find(result, QStringLiteral("$.b"))->kind, DiffKind::NumberSpelling);
        // Equal as doubles, not as numbers.
        QCOMPARE(find(result, QStringLiteral("$.c"))->kind, DiffKind::Changed);
        QCOMPARE(find(result, QStringLiteral("$.d"))->kind, DiffKind::Identical);
        QVERIFY(result.summary().contains(u"2 numbers spelled differently (same value)"));
    }

    void sameNumber_data()
    {
        QTest::addColumn<QByteArray>("a");
        QTest::addColumn<QByteArray>("b");
        QTest::addColumn<bool>("same");
        QTest::newRow("1.0 1") << QByteArray("1.0") << QByteArray("1") << true;
        QTest::newRow("1e2 100") << QByteArray("1e2") << QByteArray("100") << true;
        QTest::newRow("1E+2 100.00") << QByteArray("1E+2") << QByteArray("100.00") << true;
        QTest::newRow("-0 0") << QByteArray("-0") << QByteArray("0.0") << true;
        QTest::newRow("0.10 0.1") << QByteArray("0.10") << QByteArray("0.1") << true;
        QTest::newRow("1.5e-3") << QByteArray("1.5e-3") << QByteArray("0.0015") << true;
        QTest::newRow("-1 1") << QByteArray("-1") << QByteArray("1") << false;
        QTest::newRow("big") << QByteArray("12345678901234567890")
                             << QByteArray("12345678901234567891") << false;
        QTest::newRow("10 1") << QByteArray("10") << QByteArray("1") << false;
        QTest::newRow("not a number") << QByteArray("1x") << QByteArray("1") << false;
    }

    void sameNumber()
    {
        QFETCH(QByteArray, a);
        QFETCH(QByteArray, b);
        QFETCH(bool, same);
        QCOMPARE(sameJsonNumber(a, b), same);
        QCOMPARE(sameJsonNumber(b, a), same);
    }

    void keyOrderAndStructure()
    {
        const CaptureDiffResult result = diffCaptures(
            jsonCapture("{\"a\":1,\"b\":{\"x\":true,\"y\":null},\"gone\":[1],\"list\":[1,2,3],"
                        "\"t\":\"1\",\"d\":1,\"d\":2}"),
            jsonCapture("{\"b\":{\"x\":false,\"y\":null},\"a\":1,\"list\":[1,2],\"t\":1,"
                        "\"new\":{\"k\":\"v\"},\"d\":1,\"d\":3}"));
        const QList<DiffEntry> diffs = differences(result);
        QStringList seen;
        for (const DiffEntry &entry : diffs)
            seen << entry.path + u' ' + kindName(entry.kind);
        const QStringList expected {
            QStringLiteral("$.b.x changed"),
            QStringLiteral("$.gone removed"),
            QStringLiteral("$.list[2] removed"),
            QStringLiteral("$.t type changed"),
            QStringLiteral("$.d (duplicate 2) changed"),
            QStringLiteral("$.new added"),
            QStringLiteral("$ key order changed"),
        };
        QCOMPARE(seen, expected);
        QCOMPARE(find(result, QStringLiteral("$.new"))->right, QStringLiteral("{\"k\":\"v\"}"));
        QCOMPARE(find(result, QStringLiteral("$"))->left, QStringLiteral("a, b, list, t, d, d"));
        QCOMPARE(find(result, QStringLiteral("$"))->right, QStringLiteral("b, a, list, t, d, d"));
    }

    void headersByNameCaseInsensitively()
    {
        Capture left = jsonCapture("{}");
        left.headers
            = {{"Host", "a"},           {"X-Tag", "1"}, {"x-tag", "2"},
               {"Date", "Mon"},         {"X-Old", "o"}, {"Content-Type", "application/json"},
               {"Content-Length", "99"}};
        Capture right = left;
        right.headers
            = {{"host", "a"},  {"X-Tag", "1"},         {"X-TAG", "3"},
               {"X-Tag", "4"}, {"Date", "Tue"},        {"Content-Type", "application/json"},
               {"X-New", "n"}, {"Content-Length", "2"}};
        const CaptureDiffResult result = diffCaptures(left, right);
        QStringList seen;
        for (const DiffEntry &entry : differences(result))
            seen << entry.path + u' ' + kindName(entry.kind)
                    + (entry.expectedToDiffer ? QStringLiteral("*") : QString());
        QCOMPARE(seen,
                 (QStringList {QStringLiteral("X-Tag #2 changed"), QStringLiteral("X-Tag #3 added"),
                               QStringLiteral("Date changed*"), QStringLiteral("X-Old removed"),
                               QStringLiteral("Content-Length changed*"),
                               QStringLiteral("X-New added")}));
        QCOMPARE(find(result, QStringLiteral("Host"))->kind, DiffKind::Identical);
        QCOMPARE(result.count(DiffSection::Headers, true), 6);
        QCOMPARE(result.count(DiffSection::Headers, false), 4);

        DiffOptions options;
        options.flagVolatileHeaders = false;
        const CaptureDiffResult plain = diffCaptures(left, right, options);
        QCOMPARE(plain.count(DiffSection::Headers, false), 6);
    }

    void volatileHeaders()
    {
        for (const char *name :
             {"Date", "content-length", "X-Hub-Signature-256", "Stripe-Signature",
              "X-GitHub-Delivery", "webhook-id", "Webhook-Timestamp", "X-Slack-Request-Timestamp"})
            QVERIFY2(isVolatileHeader(name), name);
        for (const char *name : {"Content-Type", "X-GitHub-Event", "User-Agent", "Host"})
            QVERIFY2(!isVolatileHeader(name), name);
    }

    void requestLine()
    {
        Capture left = jsonCapture("{}");
        Capture right = left;
        right.method = "PUT";
        right.target = "/hook?x=1";
        const CaptureDiffResult result = diffCaptures(left, right);
        QCOMPARE(find(result, QStringLiteral("method"))->kind, DiffKind::Changed);
        QCOMPARE(find(result, QStringLiteral("target"))->right, QStringLiteral("/hook?x=1"));
        QCOMPARE(find(result, QStringLiteral("HTTP version"))->kind, DiffKind::Identical);
        QVERIFY(result.summary().startsWith(u"2 request line parts differ"));
    }

    void formFields()
    {
        Capture left;
        left.method = "POST";
        left.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
        left.body = "a=1&b=2&b=x&payload=%7B%22k%22%3A1%7D";
        Capture right = left;
        right.body = "a=1&b=3&b=x&c=4&payload=%7B%22k%22%3A2%7D";
        const CaptureDiffResult result = diffCaptures(left, right);
        QCOMPARE(result.bodyComparison, BodyComparison::Form);
        QStringList seen;
        for (const DiffEntry &entry : differences(result))
            seen << entry.path + u' ' + kindName(entry.kind);
        QCOMPARE(seen,
                 (QStringList {QStringLiteral("b changed"), QStringLiteral("payload.k changed"),
                               QStringLiteral("c added")}));
    }

    void textBodiesByLine()
    {
        Capture left;
        left.method = "POST";
        left.headers = {{"Content-Type", "text/plain"}};
        left.body = "one\ntwo\nthree\nfour\n";
        Capture right = left;
        right.body = "one\n2\nthree\nfour\nfive\n";
        const CaptureDiffResult result = diffCaptures(left, right);
        QCOMPARE(result.bodyComparison, BodyComparison::Lines);
        QStringList seen;
        for (const DiffEntry &entry : differences(result))
            seen << entry.path + u' ' + kindName(entry.kind) + u' ' + entry.left + u'>'
                    + entry.right;
        QCOMPARE(seen,
                 (QStringList {QStringLiteral("line 2 / 2 changed two>2"),
                               QStringLiteral("line - / 5 added >five")}));
        QCOMPARE(result.summary(), QStringLiteral("1 body line changed, 1 body line added"));
    }

    void invalidJsonFallsBackToLines()
    {
        const CaptureDiffResult result
            = diffCaptures(jsonCapture("{\"a\":1}"), jsonCapture("{\"a\":1,}"));
        QCOMPARE(result.bodyComparison, BodyComparison::Lines);
        QVERIFY2(result.bodyNote.startsWith(u"right body is not valid JSON"),
                 qPrintable(result.bodyNote));
        QVERIFY(result.summary().contains(u"body compared as text"));
    }

    void lineDiffIsCapped()
    {
        QList<QByteArray> left;
        QList<QByteArray> right;
        for (int i = 0; i < 3000; ++i) {
            left << "l" + QByteArray::number(i);
            right << "r" + QByteArray::number(i);
        }
        left.prepend("same");
        right.prepend("same");
        const LineDiffResult capped = diffLines(left, right, 1000);
        QVERIFY(capped.truncated);
        QCOMPARE(capped.edits.size(), 6001);
        QCOMPARE(capped.edits[0].kind, LineEdit::Same);
        QCOMPARE(capped.edits[1].kind, LineEdit::Removed);
        QCOMPARE(capped.edits[3001].kind, LineEdit::Added);

        const LineDiffResult aligned = diffLines({"a", "b", "c", "d"}, {"b", "x", "d", "e"});
        QVERIFY(!aligned.truncated);
        QList<int> kinds;
        for (const LineEdit &edit : aligned.edits)
            kinds << edit.kind;
        QCOMPARE(kinds,
                 (QList<int> {LineEdit::Removed, LineEdit::Same, LineEdit::Removed, LineEdit::Added,
                              LineEdit::Same, LineEdit::Added}));
    }
};

QTEST_GUILESS_MAIN(TestJsonDiff)
#include "TestJsonDiff.moc"
