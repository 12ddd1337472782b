#include "AccessibleNames.h"
#include "CaptureDetailView.h"
#include "HeaderTableModel.h"
#include "HexView.h"
#include "InspectorFixtures.h"
#include "JsonTreeModel.h"
#include "PayloadTreeView.h"
#include "RawTextView.h"
#include "VerdictStyle.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTextLayout>
#include <QThread>
#include <QTreeView>

using namespace hookscope;
using ui::CaptureDetailView;
using ui::JsonTreeModel;

class TestCaptureDetailView final : public QObject
{
    Q_OBJECT

    static QStringList keysUnder(const QAbstractItemModel *model, const QModelIndex &parent)
    {
        QStringList keys;
        for (int row = 0; row < model->rowCount(parent); ++row)
            keys << model->index(row, 0, parent).data().toString();
        return keys;
    }

    static Capture requestWith(const QByteArray &contentType, const QByteArray &body,
                               const QByteArray &target = "/hook")
    {
        Capture capture;
        capture.method = "POST";
        capture.target = target;
        if (!contentType.isEmpty())
            capture.headers.append({"Content-Type", contentType});
        capture.body = body;
        return capture;
    }

private Q_SLOTS:
    void showsPatreonPledgeTreeInPayloadOrder()
    {
        CaptureDetailView view;
        view.resize(900, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QStringList tabs;
        for (int i = 0; i < view.count(); ++i)
            tabs << view.tabText(i);
        QCOMPARE(
            tabs,
            (QStringList {u"Tree"_qs, u"Headers"_qs, u"Raw"_qs, u"Signature"_qs, u"Response"_qs}));
        QVERIFY(view.findChild<QWidget *>(u"signaturePage"_qs));
        QVERIFY(view.widget(CaptureDetailView::SignatureTab)->isAncestorOf(view.signaturePage()));

        view.setCapture(test::patreonPledgeCapture());
        QCOMPARE(view.currentIndex(), int(CaptureDetailView::TreeTab));
        const JsonTreeModel *model = view.payloadTree()->model();
        QCOMPARE(keysUnder(model, {}), (QStringList {u"JSON body"_qs, u"query string"_qs}));
        const QModelIndex body = model->index(0, 0);
        QCOMPARE(keysUnder(model, body), (QStringList {u"data"_qs, u"included"_qs}));
        const QModelIndex data = model->index(0, 0, body);
        QCOMPARE(keysUnder(model, data),
                 (QStringList {u"attributes"_qs, u"id"_qs, u"relationships"_qs, u"type"_qs}));
        QCOMPARE(keysUnder(model, model->index(0, 0, data)),
                 (QStringList {u"amount_cents"_qs, u"created_at"_qs, u"declined_since"_qs,
                               u"patron_pays_fees"_qs, u"pledge_cap_cents"_qs}));
        QCOMPARE(keysUnder(model, model->index(1, 0)), (QStringList {u"source"_qs, u"attempt"_qs}));
        QVERIFY(view.payloadTree()->problem().isEmpty());

        // The view opened the small payload to its second level.
        QTreeView *tree = view.payloadTree()->treeView();
        QVERIFY(tree->isExpanded(body));
        QVERIFY(tree->isExpanded(data));
        QVERIFY(tree->isExpanded(model->index(0, 0, data)));

        // Patron relationship shows the included user inline.
        const QModelIndex patron = model->index(3, 0, model->index(2, 0, data));
        QCOMPARE(patron.data().toString(), u"patron"_qs);
        QCOMPARE(model->index(2, 0, patron).data().toString(), u"\u21b3 user 32187"_qs);
    }

    void copiesValueAndPathWithShortcuts()
    {
        CaptureDetailView view;
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setCapture(test::patreonPledgeCapture());
        ui::PayloadTreeView *treePane = view.payloadTree();
        QTreeView *tree = treePane->treeView();

        // Find through the find bar, as a user would: Ctrl+F, type, Enter.
        tree->setFocus();
        QTest::keyClick(tree, Qt::Key_F, Qt::ControlModifier);
        auto *find = treePane->findChild<QLineEdit *>(u"treeFindLineEdit"_qs);
        QVERIFY(find);
        QTRY_VERIFY(find->hasFocus());
        QTest::keyClicks(find, u"32187"_qs);
        QTest::keyClick(find, Qt::Key_Return);
        QCOMPARE(tree->currentIndex().data(JsonTreeModel::PathRole).toString(),
                 u"$.data.relationships.patron.data.id"_qs);

        tree->setFocus();
        QTest::keyClick(tree, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), u"32187"_qs);
        QTest::keyClick(tree, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), u"$.data.relationships.patron.data.id"_qs);

        // F3 goes on to the next match: the patron's own related link.
        QTest::keyClick(tree, Qt::Key_F3);
        QCOMPARE(tree->currentIndex().data(JsonTreeModel::PathRole).toString(),
                 u"$.data.relationships.patron.links.related"_qs);

        // Collapse all keeps only the sections open; expand all opens everything (small tree).
        QTest::keyClick(tree, Qt::Key_Left, Qt::ControlModifier);
        const QModelIndex body = treePane->model()->index(0, 0);
        QVERIFY(tree->isExpanded(body));
        QVERIFY(!tree->isExpanded(treePane->model()->index(0, 0, body)));
        QTest::keyClick(tree, Qt::Key_Right, Qt::ControlModifier);
        QVERIFY(tree->isExpanded(treePane->model()->index(1, 0, body)));

        for (QAction *action : treePane->treeActions())
            QVERIFY2(!action->objectName().isEmpty(), qPrintable(action->text()));
    }

    void headersKeepArrivalOrderAndCase()
    {
        CaptureDetailView view;
        view.setCapture(test::patreonPledgeCapture());
        const ui::HeaderTableModel *headers = view.headerModel();
        QCOMPARE(headers->rowCount(), 7);
        QCOMPARE(headers->index(3, 0).data().toString(), u"X-Patreon-Event"_qs);
        QCOMPARE(headers->index(5, 0).data().toString(), u"Accept-Encoding"_qs);
        QCOMPARE(headers->index(6, 0).data().toString(), u"accept-encoding"_qs);
        auto *requestLine = view.findChild<QLabel *>(u"requestLineLabel"_qs);
        QVERIFY(requestLine->text().startsWith(
            u"POST /hooks/patreon?source=webhook&attempt=1 HTTP/1.1"_qs));
    }

    // In a narrow pane the line above the headers wraps between its parts: "at 23 Nov 2025" and
    // its time stay together.
    void requestLineWrapsBetweenItsParts()
    {
        CaptureDetailView view;
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const Capture capture = test::patreonPledgeCapture();
        view.setCapture(capture);
        view.setCurrentIndex(CaptureDetailView::HeadersTab);
        const QString when = QLocale().toString(
            QDateTime::fromMSecsSinceEpoch(capture.receivedAtUs / 1000), QLocale::ShortFormat);
        auto *label = view.findChild<QLabel *>(u"requestLineLabel"_qs);
        const QString text = label->text();
        for (const int width : {500, 320}) {
            view.resize(width, 400);
            QTRY_VERIFY(label->isVisible() && label->width() < width);
            // Laid out as the label lays it out, at its width.
            QTextLayout layout(text, label->font());
            QTextOption option;
            option.setWrapMode(QTextOption::WordWrap);
            layout.setTextOption(option);
            layout.beginLayout();
            QStringList lines;
            for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
                line.setLineWidth(label->contentsRect().width());
                lines << text.mid(line.textStart(), line.textLength()).replace(QChar::Nbsp, u' ');
            }
            layout.endLayout();
            const QString shown = lines.join(u'|');
            QVERIFY2(lines.size() > 1, qPrintable(shown));
            const auto whole = [&lines](const QString &part) {
                return std::any_of(lines.begin(), lines.end(),
                                   [&part](const QString &line) { return line.contains(part); });
            };
            QVERIFY2(whole(u"from 127.0.0.1:51234"_qs), qPrintable(shown));
            QVERIFY2(whole(u"at "_qs + when), qPrintable(shown));
        }
    }

    void rawShowsExactBytesAsTextAndHex()
    {
        CaptureDetailView view;
        const Capture capture = test::patreonPledgeCapture();
        view.setCapture(capture);
        QCOMPARE(view.hexView()->data(), capture.body);
        QVERIFY(
            view.hexView()->lineText(0).startsWith(u"00000000  7b 0a 20 20 22 64 61 74  61"_qs));
        QVERIFY(view.hexView()->lineText(0).endsWith(u"|{.  \"data\": {.  |"_qs));
        // The text is laid out only when Raw is opened.
        QVERIFY(view.rawTextView()->toPlainText().isEmpty());
        view.setCurrentIndex(CaptureDetailView::RawTab);
        QCOMPARE(view.rawTextView()->toPlainText(), QString::fromUtf8(capture.body));
        QVERIFY(view.rawTextView()->isReadOnly());
    }

    void selectingAJsonValueMarksItsBytes()
    {
        CaptureDetailView view;
        view.resize(900, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const Capture capture = test::patreonPledgeCapture();
        view.setCapture(capture);
        const JsonTreeModel *model = view.payloadTree()->model();
        QTreeView *tree = view.payloadTree()->treeView();

        const QModelIndex id = model->find(u"599336"_qs, {});
        tree->setCurrentIndex(id);
        const qsizetype offset = capture.body.indexOf("\"599336\"");
        QCOMPARE(view.hexView()->highlightOffset(), offset);
        QCOMPARE(view.hexView()->highlightLength(), 8);
        const qsizetype line = offset / view.hexView()->bytesPerLine();
        QVERIFY(view.hexView()->firstVisibleLine() <= line);
        QVERIFY(view.hexView()->firstVisibleLine() + view.hexView()->visibleLineCount() > line);
        QVERIFY(view.hexView()->firstVisibleLine() > 0); // it scrolled

        // An object marks its whole JSON text.
        const QModelIndex data = model->index(0, 0, model->index(0, 0));
        tree->setCurrentIndex(data);
        QCOMPARE(
            capture.body.mid(view.hexView()->highlightOffset(), view.hexView()->highlightLength())
                .left(1),
            QByteArray("{"));
        QCOMPARE(capture.body.at(view.hexView()->highlightOffset()
                                 + view.hexView()->highlightLength() - 1),
                 '}');
        view.hexView()->grab();

        // The query string is not in the body: nothing is marked.
        tree->setCurrentIndex(model->index(0, 0, model->index(1, 0)));
        QCOMPARE(view.hexView()->highlightLength(), 0);
    }

    // The raw text marks the selected value too, whether Raw is opened before or after.
    void selectingAJsonValueMarksItInTheRawText()
    {
        CaptureDetailView view;
        view.resize(900, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        Capture capture = test::patreonPledgeCapture();
        // Text before the value that is not ASCII: text positions are not byte offsets.
        QVERIFY(capture.body.startsWith("{\n  \"data\""));
        capture.body.insert(4, "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\": 1,\n  ");
        view.setCapture(capture);
        const JsonTreeModel *model = view.payloadTree()->model();
        QTreeView *tree = view.payloadTree()->treeView();
        ui::RawTextView *raw = view.rawTextView();

        tree->setCurrentIndex(model->find(u"599336"_qs, {}));
        view.setCurrentIndex(CaptureDetailView::RawTab);
        QCOMPARE(raw->markedText(), u"\"599336\""_qs);
        const QString text = raw->toPlainText();
        QCOMPARE(raw->textCursor().position(), text.indexOf(u"\"599336\""_qs));

        // Raw stays open while another value is chosen (through the model, as a click would).
        const QModelIndex amount = model->find(u"amount_cents"_qs, {});
        QCOMPARE(amount.data(JsonTreeModel::PathRole).toString(),
                 u"$.data.attributes.amount_cents"_qs);
        tree->setCurrentIndex(amount);
        QCOMPARE(raw->markedText(), u"250"_qs);
        QCOMPARE(raw->textCursor().position(), text.indexOf(u"250"_qs));

        // An object marks its whole JSON text.
        const QModelIndex attributes = amount.parent();
        tree->setCurrentIndex(attributes);
        QVERIFY(raw->markedText().startsWith(u'{'));
        QVERIFY(raw->markedText().endsWith(u'}'));
        QVERIFY(raw->markedText().contains(u"\"pledge_cap_cents\""_qs));

        // Neither the whole body (its section row) nor the query string is marked.
        tree->setCurrentIndex(model->index(0, 0));
        QCOMPARE(raw->markedText(), QString());
        tree->setCurrentIndex(model->index(0, 0, model->index(1, 0)));
        QCOMPARE(raw->markedText(), QString());

        // Another request clears the mark.
        tree->setCurrentIndex(amount);
        view.setCapture(requestWith("text/plain", "just text"));
        QCOMPARE(raw->markedText(), QString());

        // The text keeps CR LF as one line break; the mark still lands on the value's bytes.
        view.setCapture(
            requestWith("application/json", "{\r\n  \"a\": 1,\r\n  \"b\": \"x\"\r\n}\r\n"));
        tree->setCurrentIndex(model->find(u"b"_qs, {}));
        QCOMPARE(raw->markedText(), u"\"x\""_qs);
    }

    // A malformed capture's body is the bytes received, head included: the tabs say so rather
    // than describing it as a body.
    void malformedCaptureIsDescribedAsMalformed()
    {
        CaptureDetailView view;
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        Capture capture = test::malformedNoHostCapture();
        view.setCapture(capture);

        const QString problem = view.payloadTree()->problem();
        QCOMPARE(problem,
                 u"This request is malformed (HTTP/1.1 request without a Host header) and was "
                 "refused with 400 Bad Request. The Raw tab holds the 46 bytes received, "
                 "as text and in hex."_qs);
        QVERIFY(!problem.contains(u"body"));
        QCOMPARE(view.payloadTree()->model()->rowCount(), 0);
        QVERIFY(view.findChild<QPushButton *>(u"showRawButton"_qs)->isVisibleTo(&view));

        const QString requestLine = view.findChild<QLabel *>(u"requestLineLabel"_qs)->text();
        QVERIFY2(requestLine.startsWith(problem), qPrintable(requestLine));
        QVERIFY2(requestLine.contains(u"the 1 header read before the error"),
                 qPrintable(requestLine));
        QCOMPARE(view.headerModel()->rowCount(), 1);

        view.setCurrentIndex(CaptureDetailView::RawTab);
        const QString rawText = view.rawTextView()->toPlainText();
        QVERIFY2(rawText.startsWith(u"POST /nohost HTTP/1.1") && rawText.endsWith(u"hi"),
                 qPrintable(rawText));
        auto *note = view.findChild<QLabel *>(u"rawNoteLabel"_qs);
        QVERIFY(note->isVisible());
        QCOMPARE(note->text(),
                 u"Malformed request: the 46 bytes received, request line and headers "
                 "included, exactly as they arrived."_qs);
        QCOMPARE(view.hexView()->data(), capture.body);

        // A request the client cut off got no answer, and no header may have been read.
        capture.responseStatus = 0;
        capture.headers.clear();
        capture.parseError = QStringLiteral("the client closed the connection mid-request");
        view.setCapture(capture);
        QVERIFY2(view.payloadTree()->problem().contains(u"mid-request) and got no answer."),
                 qPrintable(view.payloadTree()->problem()));
        QVERIFY(view.findChild<QLabel *>(u"requestLineLabel"_qs)
                    ->text()
                    .contains(u"No header was read before the error."));
    }

    void invalidJsonShowsLineAndColumnAndFallsBackToRaw()
    {
        CaptureDetailView view;
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setCapture(requestWith("application/json", "{\n  \"a\": 1,\n  \"b\": tru\n}"));
        const QString problem = view.payloadTree()->problem();
        QVERIFY2(problem.contains(u"Line 3, column 8"_qs), qPrintable(problem));
        QCOMPARE(view.payloadTree()->model()->rowCount(), 0);
        auto *showRaw = view.findChild<QPushButton *>(u"showRawButton"_qs);
        QVERIFY(showRaw && showRaw->isVisible());
        QTest::mouseClick(showRaw, Qt::LeftButton);
        QCOMPARE(view.currentIndex(), int(CaptureDetailView::RawTab));
        QCOMPARE(view.rawTextView()->textCursor().blockNumber(), 2);
        QCOMPARE(view.rawTextView()->textCursor().positionInBlock(), 7);
    }

    // Show Raw marks where the JSON parser stopped in the hex view too, as in the text: the byte
    // in the error red, its line tinted, scrolled into view.
    void showRawMarksTheErrorByteInTheHexView()
    {
        CaptureDetailView view;
        view.resize(900, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QByteArray body = "{\n";
        for (int i = 0; i < 120; ++i) // 1,922 bytes: the error is on the hex view's line 120
            body += "  \"key" + QByteArray::number(1000 + i) + "\": 1,\n";
        body += "  \"b\": tru\n}";
        view.setCapture(requestWith("application/json", body));
        QVERIFY(view.payloadTree()->problem().contains(u"Line 122, column 8"_qs));
        QTest::mouseClick(view.findChild<QPushButton *>(u"showRawButton"_qs), Qt::LeftButton);
        QCOMPARE(view.currentIndex(), int(CaptureDetailView::RawTab));
        // The text view's caret sits on the error character; the body is ASCII without CR, so
        // its position is the byte's offset.
        const qsizetype offset = view.rawTextView()->textCursor().position();
        QCOMPARE(body.mid(offset, 3), QByteArray("tru")); // where "true" broke

        ui::HexView *hex = view.hexView();
        QCOMPARE(hex->errorOffset(), offset);
        const qsizetype line = offset / hex->bytesPerLine();
        QVERIFY2(hex->firstVisibleLine() <= line
                     && line < hex->firstVisibleLine() + hex->visibleLineCount(),
                 qPrintable(u"line %1, shown from %2"_qs.arg(line).arg(hex->firstVisibleLine())));
        QVERIFY(hex->firstVisibleLine() > 0); // it scrolled

        // Painted in the error red on the error's line, and nowhere else.
        const QImage image = hex->viewport()->grab().toImage();
        const int lineHeight = hex->fontMetrics().height();
        const int top = int(line - hex->firstVisibleLine()) * lineHeight;
        const QRgb red = ui::verdictColor(u"invalid"_qs).rgb();
        int inLine = 0;
        int elsewhere = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                if (image.pixel(x, y) != red)
                    continue;
                (y >= top && y < top + lineHeight ? inLine : elsewhere)++;
            }
        }
        QVERIFY2(inLine > 0, "the error byte is not painted red");
        QCOMPARE(elsewhere, 0);
        // Its line is tinted across the view, as the text view tints the error's line.
        const QColor base = hex->palette().color(QPalette::Base);
        const QColor edge = image.pixelColor(image.width() - 2, top + lineHeight / 2);
        QVERIFY2(edge != base && edge.red() > edge.green(), qPrintable(edge.name()));
        QCOMPARE(image.pixelColor(image.width() - 2, top - lineHeight / 2), base); // the line above
        // For people to look at: build/tests/screenshots/raw-json-error.png.
        const QString shots = QCoreApplication::applicationDirPath() + u"/screenshots"_qs;
        QDir().mkpath(shots);
        QVERIFY(view.grab().save(shots + u"/raw-json-error.png"_qs));

        // The next request clears it.
        view.setCapture(requestWith("application/json", "{\"a\": 1}"));
        QCOMPARE(hex->errorOffset(), -1);
    }

    void largeBodiesOpenLazily()
    {
        QByteArray body = "[";
        for (int i = 0; i < 60000; ++i) // about 1.4 MB
            body
                += (i ? "," : "") + QByteArray("{\"n\":") + QByteArray::number(i) + ",\"s\":\"x\"}";
        body += "]";
        QVERIFY(body.size() > ui::RawTextView::kMaxShownBytes);
        CaptureDetailView view;
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setCapture(requestWith("application/json", body));
        const JsonTreeModel *model = view.payloadTree()->model();
        QTreeView *tree = view.payloadTree()->treeView();
        const QModelIndex root = model->index(0, 0);
        QCOMPARE(model->rowCount(root), 60000);
        QVERIFY(tree->isExpanded(root));
        QVERIFY(!tree->isExpanded(model->index(0, 0, root)));
        QCOMPARE(model->index(59999, 0, root).data(JsonTreeModel::PathRole).toString(),
                 u"$[59999]"_qs);

        // "Expand all" on a big tree opens the top levels first, in order, until it has added
        // 20,000 rows (two per item here), and says how far it got.
        QElapsedTimer timer;
        timer.start();
        view.payloadTree()->expandAll();
        const qint64 elapsedMs = timer.elapsed();
        qInfo("Expand All on a 60,000-item array: %lld ms", elapsedMs);
        const int itemsOpened = ui::PayloadTreeView::kExpandAllLimit / 2;
        QVERIFY(tree->isExpanded(model->index(0, 0, root)));
        QVERIFY(tree->isExpanded(model->index(itemsOpened - 1, 0, root)));
        QVERIFY(!tree->isExpanded(model->index(itemsOpened, 0, root)));
        QVERIFY(!tree->isExpanded(model->index(59999, 0, root)));
        QLabel *expandNote = view.findChild<QLabel *>(u"expandNoteLabel"_qs);
        QVERIFY(expandNote && expandNote->isVisible());
        const QString said = expandNote->text();
        QVERIFY2(said.contains(QLocale().toString(itemsOpened + 1) + u" objects and arrays open"_qs)
                     && said.contains(QLocale().toString(model->nodeCount())),
                 qPrintable(said));
        // The rows it opened are laid out: the view scrolls to the last of them.
        const QModelIndex lastOpened = model->index(1, 0, model->index(itemsOpened - 1, 0, root));
        tree->scrollTo(lastOpened);
        QVERIFY(tree->visualRect(lastOpened).isValid());

        view.setCurrentIndex(CaptureDetailView::RawTab);
        QVERIFY(view.rawTextView()->isTruncated());
        QCOMPARE(view.rawTextView()->toPlainText().size(), ui::RawTextView::kMaxShownBytes);
        auto *note = view.findChild<QLabel *>(u"rawNoteLabel"_qs);
        QVERIFY(note->isVisible());
        QVERIFY(note->text().contains(QString::number(body.size())));
        QCOMPARE(view.hexView()->data().size(), body.size());
    }

    // Expand All on {"items":[60,000 objects]}: the array, too big for the 20,000-row budget,
    // is opened at its first level and its first items within the budget (it used to stop at
    // the array, leave the tree as it was and say "1 objects and arrays open").
    void expandAllOpensAnArrayBiggerThanItsBudget()
    {
        QByteArray body = "{\"items\":[";
        for (int i = 0; i < 60000; ++i)
            body
                += (i ? "," : "") + QByteArray("{\"n\":") + QByteArray::number(i) + ",\"s\":\"x\"}";
        body += "]}";
        CaptureDetailView view;
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy shown(&view, &CaptureDetailView::bodyShown);
        view.setCapture(requestWith("application/json", body));
        QTRY_COMPARE(shown.count(), 1);
        const JsonTreeModel *model = view.payloadTree()->model();
        QTreeView *tree = view.payloadTree()->treeView();
        const QModelIndex items = model->index(0, 0, model->index(0, 0));
        QCOMPARE(model->rowCount(items), 60000);
        QVERIFY(!tree->isExpanded(items));

        QTest::mouseClick(view.findChild<QAbstractButton *>(u"expandAllButton"_qs), Qt::LeftButton);
        const int itemsOpened = ui::PayloadTreeView::kExpandAllLimit / 2; // two rows each
        QVERIFY(tree->isExpanded(items));
        QVERIFY(tree->isExpanded(model->index(0, 0, items)));
        QVERIFY(tree->isExpanded(model->index(itemsOpened - 1, 0, items)));
        QVERIFY(!tree->isExpanded(model->index(itemsOpened, 0, items)));
        const QString said = view.findChild<QLabel *>(u"expandNoteLabel"_qs)->text();
        QVERIFY2(
            said.contains(QLocale().toString(itemsOpened + 2) + u" objects and arrays open"_qs),
            qPrintable(said));

        // Nothing but the top array to open: one, said as one.
        QByteArray numbers = "[0";
        for (int i = 1; i < 30000; ++i)
            numbers += "," + QByteArray::number(i);
        numbers += "]";
        view.setCapture(requestWith("application/json", numbers));
        QTRY_COMPARE(shown.count(), 2);
        view.payloadTree()->expandAll();
        const QString one = view.findChild<QLabel *>(u"expandNoteLabel"_qs)->text();
        QVERIFY2(one.contains(u": 1 object or array open,"_qs), qPrintable(one));
    }

    void veryLargeBodiesAreParsedOffTheGuiThread()
    {
        QByteArray body = "{\"items\":[";
        while (body.size() < CaptureDetailView::kBackgroundParseBytes + 1000)
            body += "{\"id\":12345678901234567890,\"name\":\"widget\",\"ok\":true},";
        body.chop(1);
        body += "],\"last\":-0.0}";

        CaptureDetailView view;
        QSignalSpy shown(&view, &CaptureDetailView::bodyShown);
        view.setCapture(requestWith("application/json", body, "/big?x=1"));
        QVERIFY(view.isParsing());
        QVERIFY(view.payloadTree()->problem().startsWith(u"Reading the"_qs));
        QTRY_COMPARE(shown.count(), 1);
        QVERIFY(!view.isParsing());
        QVERIFY(view.payloadTree()->problem().isEmpty());
        const JsonTreeModel *model = view.payloadTree()->model();
        QCOMPARE(model->rowCount(), 2); // body and query string
        QCOMPARE(model->index(1, 1, model->index(0, 0)).data().toString(), u"-0.0"_qs);

        // Moving on before the parse ends: the late result must not replace the newer capture.
        view.setCapture(requestWith("application/json", body));
        view.setCapture(test::patreonPledgeCapture());
        QCOMPARE(shown.count(), 2);
        QTRY_COMPARE(view.pendingParses(), 0); // the stale result has been delivered by now
        QCOMPARE(model->index(0, 0, model->index(0, 0)).data().toString(), u"data"_qs);

        // Destroying the view while a worker runs waits for it (checked under ASan in CI).
        auto *doomed = new CaptureDetailView;
        doomed->setCapture(requestWith("application/json", body));
        delete doomed;
    }

    void formMultipartAndQueryBecomeTrees()
    {
        CaptureDetailView view;
        view.setCapture(requestWith("application/x-www-form-urlencoded",
                                    "payload=%7B%22a%22%3A1%7D&b=x+y&b=", "/h?q=1"));
        const JsonTreeModel *model = view.payloadTree()->model();
        QCOMPARE(keysUnder(model, {}), (QStringList {u"form body"_qs, u"query string"_qs}));
        QCOMPARE(keysUnder(model, model->index(0, 0)),
                 (QStringList {u"payload"_qs, u"b"_qs, u"b"_qs}));
        QCOMPARE(
            model->index(0, 0, model->index(0, 0)).data(JsonTreeModel::CopyValueRole).toString(),
            u"{\"a\":1}"_qs);

        view.setCapture(requestWith("multipart/form-data; boundary=zz",
                                    "--zz\r\nContent-Disposition: form-data; name=\"f\"; "
                                    "filename=\"a.txt\"\r\n\r\nhello\r\n--zz--\r\n"));
        QCOMPARE(keysUnder(model, {}), (QStringList {u"multipart body"_qs}));
        const QModelIndex part = model->index(0, 0, model->index(0, 0));
        QCOMPARE(part.data().toString(), u"f"_qs);
        QCOMPARE(part.siblingAtColumn(1).data().toString(), u"5 bytes"_qs);
        QCOMPARE(part.siblingAtColumn(2).data().toString(), u"part"_qs);
        QVERIFY(view.payloadTree()->problem().isEmpty());

        view.setCapture(requestWith("multipart/form-data", "--zz\r\n\r\nx\r\n--zz--"));
        QVERIFY(view.payloadTree()->problem().contains(u"boundary"_qs));

        view.setCapture(requestWith("text/html", "<p>hi</p>"));
        QCOMPARE(model->rowCount(), 0);
        QVERIFY(view.payloadTree()->problem().contains(u"text/html"_qs));

        view.setCapture(requestWith({}, {}, "/ping"));
        QCOMPARE(view.payloadTree()->problem(), u"The request has no body."_qs);
    }

    void responseTabShowsTheReceiversAnswer()
    {
        CaptureDetailView view;
        view.setCapture(test::patreonPledgeCapture());
        auto *status = view.findChild<QLabel *>(u"responseStatusLabel"_qs);
        QCOMPARE(status->text(), u"HTTP 200 OK"_qs);
        QCOMPARE(view.responseHeaderModel()->rowCount(), 2);
        QCOMPARE(view.responseBodyView()->toPlainText(), u"{\"ok\":true}"_qs);

        // An endpoint's delay is what the sender waited for the answer.
        Capture delayed = test::patreonPledgeCapture();
        delayed.responseDelayMs = 1500;
        view.setCapture(delayed);
        QCOMPARE(status->text(), u"HTTP 200 OK, sent after the endpoint's 1500 ms delay"_qs);
        // And a sender that gave up waiting is said to have.
        delayed.senderLeftAfterMs = 1003;
        view.setCapture(delayed);
        QCOMPARE(status->text(),
                 u"HTTP 200 OK, sent after the endpoint's 1500 ms delay\nThe sender closed the "
                 u"connection 1003 ms after its request, before the answer went out (held by the "
                 u"endpoint's 1500 ms delay): a sender that timed out never saw it."_qs);

        view.setCapture(requestWith("application/json", "{}"));
        QVERIFY(status->text().contains(u"No response"_qs));
        view.clear();
        QVERIFY(!view.hasCapture());
        QCOMPARE(view.payloadTree()->model()->rowCount(), 0);
    }

    void everyControlIsNamed()
    {
        CaptureDetailView view;
        view.setCapture(test::patreonPledgeCapture());
        QCOMPARE(test::unnamedControls(&view), QStringList());
    }
};

QTEST_MAIN(TestCaptureDetailView)
#include "TestCaptureDetailView.moc"
