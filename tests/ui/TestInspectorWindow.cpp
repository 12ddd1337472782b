#include "CaptureDetailView.h"
#include "DarkPalette.h"
#include "InspectorFixtures.h"
#include "LiveWindow.h"
#include "MainWindow.h"
#include "PayloadTreeView.h"
#include "RawTextView.h"
#include "RequestListModel.h"
#include "SignaturePanel.h"
#include "dialogs/DiffDialog.h"
#include "session/ReceiverSession.h"
#include "store/RequestStore.h"
#include "store/StoreClient.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageAuthenticationCode>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextEdit>

using namespace hookscope;
using hookscope::test::darkPalette;

namespace {

QString screenshotPath(const QString &name)
{
    const QString directory = QCoreApplication::applicationDirPath() + u"/screenshots"_qs;
    QDir().mkpath(directory);
    return directory + u'/' + name;
}

Capture withContentLength(Capture capture)
{
    capture.headers.append({"Content-Length", QByteArray::number(capture.body.size())});
    return capture;
}

// A JSON object of `lines` members, one per line, with the comma after member `broken` left
// out: the parser stops at the quote that opens the next member.
QByteArray longJsonMissingAComma(int lines, int broken)
{
    QByteArray body = "{\n";
    for (int i = 0; i < lines; ++i) {
        body += "  \"key" + QByteArray::number(i) + "\": " + QByteArray::number(i);
        if (i + 1 < lines && i != broken)
            body += ',';
        body += '\n';
    }
    return body + "}\n";
}

} // namespace

// What the inspector window shows of the requests it lists, driven as a user drives it: where
// to read a request's id, what Compare says of the headers, how the verdict badges tell
// requests apart, and where Show Raw points in a body that is not valid JSON.
class TestInspectorWindow final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ui::MainWindow> m_window;
    // Store ids of the requests initTestCase stores.
    qint64 m_cheapPledge = 0;
    qint64 m_dearPledge = 0;
    qint64 m_unsigned = 0;
    qint64 m_invalidJson = 0;

    QAction *action(const char *name) const
    {
        return m_window->findChild<QAction *>(QString::fromLatin1(name));
    }

    // Stores `capture` with the verdict the window's verifier gives it on arrival.
    qint64 store(Capture capture)
    {
        capture.signature = m_window->session().verifier().verdictFor(capture);
        const int before = m_window->requestModel()->rowCount();
        m_window->session().store().store()->submit(capture);
        if (!QTest::qWaitFor([&] { return m_window->requestModel()->rowCount() == before + 1; },
                             10000))
            return 0;
        return m_window->requestModel()->idAt(0); // newest first
    }

    void select(const QList<qint64> &ids)
    {
        QTableView *list = m_window->requestListView();
        list->clearSelection();
        for (qint64 id : ids)
            list->selectionModel()->select(
                m_window->requestModel()->index(m_window->requestModel()->rowOfId(id), 0),
                QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }

    // Selects `id` as a click would and waits for its tabs.
    bool show(qint64 id)
    {
        QSignalSpy shown(m_window.get(), &ui::MainWindow::captureShown);
        m_window->requestListView()->setCurrentIndex(
            m_window->requestModel()->index(m_window->requestModel()->rowOfId(id), 0));
        return QTest::qWaitFor([&] { return !shown.isEmpty(); }, 10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_qs));
        QVERIFY(m_dir.isValid());
        m_window = test::openWindowWithoutReceiver(m_dir);
        QVERIFY(m_window);
        m_window->resize(1200, 760);

        // Two Patreon pledges whose bodies differ in length, so Content-Length differs too.
        const Capture cheap = test::patreonPledgeCapture();
        Capture dear = cheap;
        dear.body.replace("\"amount_cents\": 250", "\"amount_cents\": 25000");
        QVERIFY(dear.body.size() > cheap.body.size());
        m_cheapPledge = store(withContentLength(cheap));
        QVERIFY(m_cheapPledge);
        m_dearPledge = store(withContentLength(dear));
        QVERIFY(m_dearPledge);

        Capture plain;
        plain.method = "POST";
        plain.target = "/hooks/plain";
        plain.headers = {{"Host", "127.0.0.1:8787"}, {"Content-Type", "application/json"}};
        plain.body = "{\"event\": \"ping\"}";
        plain.remoteAddress = u"127.0.0.1"_qs;
        plain.remotePort = 40000;
        plain.receivedAtUs = 1763900100000000;
        m_unsigned = store(withContentLength(plain));
        QVERIFY(m_unsigned);

        Capture broken = plain;
        broken.target = "/hooks/broken";
        broken.body = longJsonMissingAComma(300, 240);
        m_invalidJson = store(withContentLength(broken));
        QVERIFY(m_invalidJson);
    }

    void cleanupTestCase() { m_window.reset(); }

    // Messages name requests "#12": the list shows that id, whole, and the filter finds it.
    void listShowsEachRequestsId()
    {
        ui::RequestListModel *model = m_window->requestModel();
        QTableView *list = m_window->requestListView();
        int idColumn = -1;
        for (int column = 0; column < model->columnCount(); ++column) {
            if (model->headerData(column, Qt::Horizontal).toString() == u"#")
                idColumn = column;
        }
        QVERIFY2(idColumn >= 0, "no \"#\" column in the request list");
        QVERIFY(!list->isColumnHidden(idColumn));
        QCOMPARE(list->horizontalHeader()->visualIndex(idColumn), 0); // read first, like a No.
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex cell = model->index(row, idColumn);
            QCOMPARE(cell.data().toString(), u"#%1"_qs.arg(model->idAt(row)));
            QVERIFY2(list->fontMetrics().horizontalAdvance(cell.data().toString()) + 8
                         <= list->columnWidth(idColumn),
                     "the id does not fit its column");
        }
        QVERIFY(list->grab().save(screenshotPath(u"request-list-ids.png"_qs)));

        auto *filter = m_window->findChild<QLineEdit *>(u"filterTextLineEdit"_qs);
        filter->setText(u"#%1"_qs.arg(m_dearPledge));
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(model->idAt(0), m_dearPledge);
        filter->setText(QString::number(m_unsigned)); // found by id even with no "#"
        QTRY_VERIFY(!model->isLoading() && model->rowOfId(m_unsigned) >= 0);
        filter->clear();
        // Settled: the unfiltered list is back, not still waiting for the typing to stop.
        auto *count = m_window->findChild<QLabel *>(u"statusCountLabel"_qs);
        QTRY_COMPARE(count->text(), u"4 requests"_qs);
        QTRY_COMPARE(model->rowCount(), 4);
    }

    // Only the body and, with it, Content-Length differ: the headers are not "the same".
    void compareNamesTheHeaderThatFollowsTheBody()
    {
        select({m_cheapPledge, m_dearPledge});
        action("compareRequestsAction")->trigger();
        ui::DiffDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<ui::DiffDialog *>()) != nullptr);
        QTRY_VERIFY(dialog->isReady());
        const QStringList lines = dialog->summaryText().split(u'\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines[1] != u"Headers: the same", qPrintable(lines[1]));
        QVERIFY2(lines[1].startsWith(u"Headers: Content-Length differs"), qPrintable(lines[1]));
        QVERIFY2(lines[2].contains(u"$.data.attributes.amount_cents 250 → 25000"),
                 qPrintable(lines[2]));
        QVERIFY(dialog->grab().save(screenshotPath(u"compare-content-length.png"_qs)));
        dialog->close();
        QTRY_VERIFY(!m_window->findChild<ui::DiffDialog *>());
    }

    // A signed request with no secret to check it and an unsigned one are told apart by sight
    // and by a screen reader, in light and dark palettes.
    void unsignedAndUncheckedBadgesDiffer()
    {
        ui::RequestListModel *model = m_window->requestModel();
        const auto badge = [model](qint64 id) {
            return model->index(model->rowOfId(id), ui::RequestListModel::SignatureColumn);
        };
        const QModelIndex signedOne = badge(m_cheapPledge);
        const QModelIndex unsignedOne = badge(m_unsigned);
        QCOMPARE(signedOne.data(ui::RequestListModel::VerdictRole).toString(), u"no-secret"_qs);
        QCOMPARE(unsignedOne.data(ui::RequestListModel::VerdictRole).toString(), u"unsigned"_qs);

        QVERIFY2(signedOne.data().toString() != unsignedOne.data().toString(),
                 qPrintable(signedOne.data().toString()));
        QCOMPARE(unsignedOne.data().toString(), u"unsigned"_qs);
        const QString signedSaid = signedOne.data(Qt::AccessibleTextRole).toString();
        const QString unsignedSaid = unsignedOne.data(Qt::AccessibleTextRole).toString();
        QVERIFY2(signedSaid.contains(u"Patreon") && signedSaid.contains(u"no secret"),
                 qPrintable(signedSaid));
        QVERIFY2(unsignedSaid.contains(u"not signed"), qPrintable(unsignedSaid));

        // And in more than their words: the body of the badge, left of its text, differs.
        QTableView *list = m_window->requestListView();
        list->clearSelection();
        const auto bodyColour = [list](const QModelIndex &index) {
            const QRect cell = list->visualRect(index);
            const QImage image = list->viewport()->grab(cell).toImage();
            return image.pixelColor(8, cell.height() / 2);
        };
        QVERIFY2(bodyColour(signedOne) != bodyColour(unsignedOne),
                 qPrintable(bodyColour(signedOne).name()));

        // For the screenshots: the badges in sight, one of them on the selection.
        list->selectRow(unsignedOne.row());
        list->scrollTo(unsignedOne);
        for (const bool dark : {false, true}) {
            const QPalette palette
                = dark ? darkPalette() : QApplication::style()->standardPalette();
            QApplication::setPalette(palette);
            QCoreApplication::processEvents();
            QVERIFY(list->grab().save(
                screenshotPath(u"verdict-badges-%1.png"_qs.arg(dark ? u"dark" : u"light"))));
        }
        QApplication::setPalette(QApplication::style()->standardPalette());
    }

    // Show Raw on a body that is not valid JSON marks the character the parser stopped at, in
    // sight, on the line the message names.
    // The Signature tab names the scheme that judged for people ("GitHub", not "[github]"),
    // and only once: a reason that names it already is not prefixed again.
    void theSignatureTabNamesTheSchemeOnce()
    {
        QVERIFY(show(m_cheapPledge));
        ui::SignaturePanel *panel = m_window->signaturePanel();
        auto *secret = panel->findChild<QLineEdit *>(u"secretLineEdit"_qs);
        auto *detail = panel->findChild<QLabel *>(u"verdictDetailLabel"_qs);
        QVERIFY(secret && detail);
        secret->clear();
        QTest::keyClicks(secret, u"not-the-patreon-secret"_qs);
        QTRY_COMPARE(panel->verdictWord(), u"invalid"_qs);
        QVERIFY2(detail->text().startsWith(u"With this secret, the signature does not match "
                                           "Patreon's"_qs),
                 qPrintable(detail->text()));
        secret->clear();
        QTRY_COMPARE(panel->verdictWord(), u"no-secret"_qs);
        QVERIFY2(detail->text().startsWith(u"The request carries a Patreon signature"_qs),
                 qPrintable(detail->text()));

        // A reason that names only the header gets the scheme's name in front.
        ui::SignaturePanel alone;
        Capture github;
        github.method = "POST";
        github.target = "/github";
        github.headers = {{"X-GitHub-Event", "push"}, {"X-Hub-Signature-256", "sha256=zz"}};
        github.body = "{}";
        alone.setCapture(github);
        auto *aloneSecret = alone.findChild<QLineEdit *>(u"secretLineEdit"_qs);
        QTest::keyClicks(aloneSecret, u"a-github-secret"_qs);
        QTRY_COMPARE(alone.verdictWord(), u"malformed-header"_qs);
        const QString said = alone.findChild<QLabel *>(u"verdictDetailLabel"_qs)->text();
        QVERIFY2(said.startsWith(u"GitHub: The signature in X-Hub-Signature-256"_qs),
                 qPrintable(said));
    }

    // Received and expected wrap each their own way: where they part is marked in both.
    void whereTheSignaturesPartIsMarked()
    {
        ui::SignaturePanel alone;
        alone.show();
        Capture github;
        github.method = "POST";
        github.target = "/github";
        github.body = "{}";
        // A signature with 8 characters too many: the right one, after "deadbeef".
        const QByteArray right
            = QMessageAuthenticationCode::hash(github.body, "s3cret", QCryptographicHash::Sha256)
                  .toHex();
        github.headers = {{"X-Hub-Signature-256", "sha256=deadbeef" + right}};
        alone.setCapture(github);
        QTest::keyClicks(alone.findChild<QLineEdit *>(u"secretLineEdit"_qs), u"s3cret"_qs);
        QTRY_COMPARE(alone.verdictWord(), u"invalid"_qs);
        auto *received = alone.findChild<QPlainTextEdit *>(u"receivedSignatureEdit"_qs);
        auto *expected = alone.findChild<QPlainTextEdit *>(u"expectedSignatureEdit"_qs);
        QCOMPARE(expected->toPlainText(), u"sha256="_qs + QString::fromLatin1(right));
        for (QPlainTextEdit *box : {received, expected}) {
            const QList<QTextEdit::ExtraSelection> marks = box->extraSelections();
            QCOMPARE(marks.size(), 1);
            // "sha256=" is the same; "d" and the expected one's first digit part (unless the
            // digest starts with d, when they part one later).
            const int from = right.startsWith('d') ? 8 : 7;
            QCOMPARE(marks.first().cursor.selectionStart(), from);
            QCOMPARE(marks.first().cursor.selectionEnd(), box->toPlainText().size());
        }
        QVERIFY(received->toolTip().contains(u"from character"_qs));

        // Valid: nothing is marked.
        github.headers = {{"X-Hub-Signature-256", "sha256=" + right}};
        alone.setCapture(github);
        QTRY_COMPARE(alone.verdictWord(), u"valid"_qs);
        QVERIFY(received->extraSelections().isEmpty());
        QVERIFY(expected->extraSelections().isEmpty());
        QVERIFY(received->toolTip().isEmpty());
    }

    // The line that describes the secret takes no room until there is a secret to describe:
    // an empty line was a gap between the secret and the options below it.
    void theSecretsDescriptionTakesNoRoomWithoutASecret()
    {
        QVERIFY(show(m_dearPledge));
        m_window->detailView()->setCurrentIndex(ui::CaptureDetailView::SignatureTab);
        ui::SignaturePanel *panel = m_window->signaturePanel();
        auto *secret = panel->findChild<QLineEdit *>(u"secretLineEdit"_qs);
        auto *format = panel->findChild<QLabel *>(u"secretFormatLabel"_qs);
        auto *ignore = panel->findChild<QCheckBox *>(u"ignoreToleranceCheckBox"_qs);
        auto *scheme = panel->findChild<QComboBox *>(u"schemeComboBox"_qs);
        QVERIFY(secret && format && ignore && scheme);
        // A scheme with a timestamp, so that the option below the secret is there.
        scheme->setCurrentIndex(scheme->findData(u"stripe"_qs));
        secret->clear();
        QTRY_VERIFY(!format->isVisible());
        QTRY_VERIFY(ignore->isVisible());
        const int gap = ignore->mapTo(panel, QPoint()).y()
            - (secret->mapTo(panel, QPoint()).y() + secret->height());
        QVERIFY2(gap < secret->fontMetrics().height(), qPrintable(QString::number(gap)));
        QTest::keyClicks(secret, u"s3cret"_qs);
        QTRY_VERIFY(format->isVisible());
        QVERIFY(format->text().startsWith(u"plain text"_qs));
        QVERIFY(ignore->mapTo(panel, QPoint()).y()
                >= format->mapTo(panel, QPoint()).y() + format->height());
        secret->clear();
        QTRY_VERIFY(!format->isVisible());
        scheme->setCurrentIndex(scheme->findData(u"auto"_qs));
        m_window->detailView()->setCurrentIndex(ui::CaptureDetailView::TreeTab);
    }

    // "Ignore the timestamp" is offered only where the scheme checks a timestamp's age: not
    // for Patreon, which signs none; for Stripe, picked by hand or detected.
    void ignoringTheTimestampIsOfferedWhereThereIsOne()
    {
        QVERIFY(show(m_cheapPledge));
        m_window->detailView()->setCurrentIndex(ui::CaptureDetailView::SignatureTab);
        ui::SignaturePanel *panel = m_window->signaturePanel();
        auto *scheme = panel->findChild<QComboBox *>(u"schemeComboBox"_qs);
        auto *ignore = panel->findChild<QCheckBox *>(u"ignoreToleranceCheckBox"_qs);
        QVERIFY(scheme && ignore);
        QCOMPARE(scheme->currentData().toString(), u"auto"_qs);
        QTRY_VERIFY(!ignore->isVisible()); // detected: Patreon
        scheme->setCurrentIndex(scheme->findData(u"stripe"_qs));
        QTRY_VERIFY(ignore->isVisible());
        scheme->setCurrentIndex(scheme->findData(u"github"_qs));
        QTRY_VERIFY(!ignore->isVisible());
        scheme->setCurrentIndex(scheme->findData(u"auto"_qs));

        ui::SignaturePanel alone;
        alone.show();
        Capture stripe;
        stripe.method = "POST";
        stripe.target = "/stripe";
        stripe.headers = {{"Stripe-Signature", "t=1700000000,v1=00"}};
        stripe.body = "{}";
        alone.setCapture(stripe);
        QTRY_VERIFY(alone.findChild<QCheckBox *>(u"ignoreToleranceCheckBox"_qs)->isVisible());
        m_window->detailView()->setCurrentIndex(ui::CaptureDetailView::TreeTab);
    }

    void showRawMarksWhereTheJsonIsBroken()
    {
        QVERIFY(show(m_invalidJson));
        ui::CaptureDetailView *detail = m_window->detailView();
        auto *showRaw = detail->findChild<QPushButton *>(u"showRawButton"_qs);
        QVERIFY(showRaw && showRaw->isVisible());
        QTest::mouseClick(showRaw, Qt::LeftButton);
        QCOMPARE(detail->currentIndex(), int(ui::CaptureDetailView::RawTab));

        const QString said = detail->payloadTree()->problem();
        const QRegularExpressionMatch where
            = QRegularExpression(u"Line (\\d+), column (\\d+)"_qs).match(said);
        QVERIFY2(where.hasMatch(), qPrintable(said));
        ui::RawTextView *raw = detail->rawTextView();
        const QTextBlock line = raw->document()->findBlockByNumber(where.captured(1).toInt() - 1);
        QTextCursor error(raw->document());
        error.setPosition(line.position() + where.captured(2).toInt() - 1);
        error.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
        QCOMPARE(error.selectedText(), u"\""_qs); // the quote that should follow a comma

        // Drawn: a selection with a background of its own covers that character.
        const auto marked = [raw, &error] {
            for (const QTextEdit::ExtraSelection &selection : raw->extraSelections()) {
                if (selection.cursor.selectionStart() <= error.selectionStart()
                    && selection.cursor.selectionEnd() >= error.selectionEnd()
                    && selection.format.background().style() != Qt::NoBrush)
                    return true;
            }
            return false;
        };
        QVERIFY2(marked(), "the error position is not highlighted");
        // In sight: the view scrolled down to it.
        QVERIFY(raw->verticalScrollBar()->value() > 0);
        QVERIFY(raw->viewport()->rect().contains(raw->cursorRect(error)));
        QVERIFY(m_window->grab().save(screenshotPath(u"raw-json-error-light.png"_qs)));

        // The mark stays through a change of palette.
        QApplication::setPalette(darkPalette());
        QCoreApplication::processEvents();
        QVERIFY(marked());
        QVERIFY(m_window->grab().save(screenshotPath(u"raw-json-error-dark.png"_qs)));
        QApplication::setPalette(QApplication::style()->standardPalette());
    }
};

QTEST_MAIN(TestInspectorWindow)
#include "TestInspectorWindow.moc"
