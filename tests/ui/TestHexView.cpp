#include "HexView.h"

#include <QScrollBar>
#include <QTest>

using namespace hookscope;

class TestHexView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatsOffsetHexAndAscii()
    {
        ui::HexView view;
        view.setData(QByteArray("Hello, \x00\x7f\xff world!\n", 18) + "tail");
        QCOMPARE(view.lineCount(), 2);
        QCOMPARE(
            view.lineText(0),
            u"00000000  48 65 6c 6c 6f 2c 20 00  7f ff 20 77 6f 72 6c 64  |Hello, ... world|"_qs);
        QCOMPARE(view.lineText(1),
                 u"00000010  21 0a 74 61 69 6c                                 |!.tail|"_qs);
        QCOMPARE(view.lineText(2), QString());
        view.setData({});
        QCOMPARE(view.lineCount(), 0);
    }

    // The byte a parser stopped at: at the end of the body, the last byte; it stays through a
    // value's highlight, and a new body clears it.
    void marksTheErrorByte()
    {
        ui::HexView view;
        view.setData("{\"a\": tru");
        QCOMPARE(view.errorOffset(), -1);
        view.markError(6);
        QCOMPARE(view.errorOffset(), 6);
        view.setHighlight(1, 3);
        QCOMPARE(view.errorOffset(), 6);
        view.markError(9); // "unexpected end": the last byte
        QCOMPARE(view.errorOffset(), 8);
        view.markError(-1);
        QCOMPARE(view.errorOffset(), -1);
        view.markError(2);
        view.setData("{}");
        QCOMPARE(view.errorOffset(), -1);
        view.setData({});
        view.markError(0); // no byte to mark
        QCOMPARE(view.errorOffset(), -1);
    }

    // In a pane too narrow for 16 bytes a line (the inspector's beside the list at 1280×800),
    // a line holds 8, so the characters beside the bytes are in sight without scrolling
    // sideways; widened, 16 again. The bytes at the top stay at the top.
    void aNarrowViewShowsEightBytesALineWhole()
    {
        ui::HexView view;
        view.resize(700, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QByteArray body;
        for (int i = 0; i < 4096; ++i)
            body += char('a' + i % 26);
        view.setData(body);
        QCOMPARE(view.bytesPerLine(), 16);
        QCOMPARE(view.horizontalScrollBar()->maximum(), 0);
        view.verticalScrollBar()->setValue(100); // bytes 1600 on at the top

        view.resize(420, 300);
        QTRY_COMPARE(view.bytesPerLine(), 8);
        QCOMPARE(view.horizontalScrollBar()->maximum(), 0);
        QCOMPARE(view.lineCount(), 512);
        QCOMPARE(view.firstVisibleLine(), 200);
        QCOMPARE(view.lineText(0), u"00000000  61 62 63 64  65 66 67 68  |abcdefgh|"_qs);
        QVERIFY(QFontMetrics(view.font()).horizontalAdvance(view.lineText(0))
                < view.viewport()->width());

        view.resize(700, 300);
        QTRY_COMPARE(view.bytesPerLine(), 16);
        QCOMPARE(view.firstVisibleLine(), 100);
    }

    void scrollsThroughLargeBodiesByLine()
    {
        ui::HexView view;
        view.resize(700, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QByteArray big(8 * 1024 * 1024, 'x'); // 524,288 lines
        view.setData(big);
        QCOMPARE(view.lineCount(), 524288);
        QScrollBar *bar = view.verticalScrollBar();
        QVERIFY(bar->maximum() > 524000);
        QTest::keyClick(&view, Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(bar->value(), bar->maximum());
        QTest::keyClick(&view, Qt::Key_Home, Qt::ControlModifier);
        QCOMPARE(bar->value(), 0);
        QTest::keyClick(&view, Qt::Key_PageDown);
        QCOMPARE(bar->value(), bar->pageStep());
        QVERIFY(view.lineText(524287).startsWith(u"007ffff0  78 78"_qs));
        view.grab(); // paints only the visible lines
    }
};

QTEST_MAIN(TestHexView)
#include "TestHexView.moc"
