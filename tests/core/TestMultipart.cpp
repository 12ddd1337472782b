#include "payload/Multipart.h"

#include <QTest>

using namespace hookscope;
using json::NodeKind;
using json::PayloadTree;

class TestMultipart final : public QObject
{
    Q_OBJECT

    static QString member(const PayloadTree &tree, PayloadTree::Index part, const char *key)
    {
        const auto child = tree.childByKey(part, QString::fromLatin1(key));
        return child == PayloadTree::kNone ? u"<absent>"_qs : tree.value(child);
    }

private Q_SLOTS:
    void headerParameters()
    {
        QCOMPARE(payload::headerParameter("multipart/form-data; boundary=abc", "boundary"),
                 QByteArray("abc"));
        QCOMPARE(
            payload::headerParameter("multipart/form-data;BOUNDARY=\"a b;c\"; x=y", "boundary"),
            QByteArray("a b;c"));
        QCOMPARE(
            payload::headerParameter("form-data; name=\"f\"; filename=\"q\\\"t.txt\"", "filename"),
            QByteArray("q\"t.txt"));
        QCOMPARE(payload::headerParameter("multipart/form-data", "boundary"), QByteArray());
    }

    void partsWithHeadersNameFilenameAndSize()
    {
        static const char raw[]
            = "preamble\r\n"
              "--XyZ\r\n"
              "Content-Disposition: form-data; name=\"event\"\r\n"
              "\r\n"
              "pledges:create\r\n"
              "--XyZ\r\n"
              "Content-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"
              "Content-Type: application/octet-stream\r\n"
              "\r\n"
              "\x00\x01\x02\r\n--X\r\n"
              "--XyZ\r\n"
              "Content-Disposition: form-data; name=\"empty\"\r\n"
              "\r\n"
              "\r\n"
              "--XyZ\r\n"
              "Content-Disposition: form-data; name=\"event\"\r\n"
              "\r\n"
              "again\r\n"
              "--XyZ--\r\n"
              "epilogue";
        const QByteArray withNul(raw, sizeof(raw) - 1); // the file part holds NUL bytes
        const auto result = payload::parseMultipart("multipart/form-data; boundary=XyZ", withNul);
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        const PayloadTree &tree = result.tree;
        const auto parts = tree.children(PayloadTree::kRoot);
        QCOMPARE(parts.size(), 4u);
        QStringList keys;
        for (auto part : parts) {
            keys << tree.key(part);
            QCOMPARE(tree.kind(part), NodeKind::Part);
        }
        QCOMPARE(keys, (QStringList {u"event"_qs, u"file"_qs, u"empty"_qs, u"event"_qs}));

        QCOMPARE(member(tree, parts[0], "value"), u"pledges:create"_qs);
        QCOMPARE(member(tree, parts[0], "size"), u"14"_qs);
        QCOMPARE(member(tree, parts[0], "filename"), u"<absent>"_qs);

        QCOMPARE(member(tree, parts[1], "filename"), u"a.bin"_qs);
        QCOMPARE(member(tree, parts[1], "size"), u"8"_qs); // 3 bytes, then "\r\n--X"
        QCOMPARE(member(tree, parts[1], "value"), u"<absent>"_qs);
        const auto headers = tree.childByKey(parts[1], u"headers");
        QCOMPARE(tree.childCount(headers), 2u);
        QCOMPARE(tree.key(tree.children(headers)[1]), u"Content-Type"_qs);
        QCOMPARE(tree.value(tree.children(headers)[1]), u"application/octet-stream"_qs);

        QCOMPARE(member(tree, parts[2], "value"), QString());
        QCOMPARE(member(tree, parts[2], "size"), u"0"_qs);
        QCOMPARE(member(tree, parts[3], "value"), u"again"_qs);
        QCOMPARE(tree.path(tree.childByKey(parts[3], u"value")), u"$.event.value"_qs);
    }

    void jsonPartsBecomeSubtrees()
    {
        const auto result
            = payload::parseMultipart("multipart/form-data; boundary=b",
                                      "--b\r\nContent-Disposition: form-data; name=\"payload\"\r\n"
                                      "Content-Type: application/json\r\n\r\n{\"event\": \"ping\", "
                                      "\"id\": 12345678901234567890}"
                                      "\r\n--b--\r\n");
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        const PayloadTree &tree = result.tree;
        const auto part = tree.firstChild(PayloadTree::kRoot);
        const auto value = tree.childByKey(part, u"value");
        QCOMPARE(tree.kind(value), NodeKind::Object);
        QCOMPARE(tree.path(tree.childByKey(value, u"id")), u"$.payload.value.id"_qs);
        QCOMPARE(tree.value(tree.childByKey(value, u"id")), u"12345678901234567890"_qs);
        QCOMPARE(member(tree, part, "size"), u"45"_qs);
    }

    void missingBoundaryIsAnError()
    {
        const auto result = payload::parseMultipart("multipart/form-data", "--x\r\n\r\nv\r\n--x--");
        QVERIFY(!result.error.isEmpty());
        QCOMPARE(result.tree.childCount(PayloadTree::kRoot), 0u);
    }

    void boundaryNotInBody()
    {
        const auto result = payload::parseMultipart("multipart/form-data; boundary=abc", "hello");
        QVERIFY(result.error.contains(u"abc"_qs));
    }

    void truncatedBodyKeepsPartsFound()
    {
        const auto result = payload::parseMultipart(
            "multipart/form-data; boundary=b",
            "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--b\r\n"
            "Content-Disposition: form-data; name=\"b\"\r\n\r\ncut sho");
        QVERIFY(!result.error.isEmpty());
        const auto parts = result.tree.children(PayloadTree::kRoot);
        QCOMPARE(parts.size(), 2u);
        QCOMPARE(member(result.tree, parts[1], "value"), u"cut sho"_qs);
    }

    void bareLineFeedsAndUnnamedParts()
    {
        const auto result = payload::parseMultipart("multipart/form-data; boundary=\"q\"",
                                                    "--q\nContent-Type: text/plain\n\nhi\n--q--\n");
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        const auto parts = result.tree.children(PayloadTree::kRoot);
        QCOMPARE(parts.size(), 1u);
        QCOMPARE(result.tree.key(parts[0]), u"part 1"_qs);
        QCOMPARE(member(result.tree, parts[0], "value"), u"hi"_qs);
    }
};

QTEST_GUILESS_MAIN(TestMultipart)
#include "TestMultipart.moc"
