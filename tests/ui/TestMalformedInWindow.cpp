#include "CaptureDetailView.h"
#include "InspectorFixtures.h"
#include "LiveWindow.h"
#include "MainWindow.h"
#include "PayloadTreeView.h"
#include "RequestListModel.h"
#include "SignaturePanel.h"
#include "compose/ComposeView.h"
#include "store/RequestStore.h"
#include "store/StoreClient.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace hookscope;

// Malformed captures in the inspector: kept for inspection, never sent on as if they were
// the request their bytes only partly describe.
class TestMalformedInWindow final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ui::MainWindow> m_window;

    QAction *action(const char *name) const
    {
        return m_window->findChild<QAction *>(QString::fromLatin1(name));
    }

    // Selects the list's malformed row (or its other one) and waits for its tabs.
    void select(bool malformed)
    {
        ui::RequestListModel *model = m_window->requestModel();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            if (index.data(ui::RequestListModel::MalformedRole).toBool() != malformed)
                continue;
            if (m_window->requestListView()->currentIndex().row() == row)
                return; // shown already
            QSignalSpy shown(m_window.get(), &ui::MainWindow::captureShown);
            m_window->requestListView()->setCurrentIndex(index);
            QTRY_COMPARE(shown.count(), 1);
            return;
        }
        QFAIL("no such row");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_window = test::openWindowWithoutReceiver(m_dir);
        QVERIFY(m_window);
        store::RequestStore *store = m_window->session().store().store();
        store->submit(test::malformedNoHostCapture());
        // On the catch-all, with no verdict yet, as the malformed one.
        Capture wellFormed = test::patreonPledgeCapture();
        wellFormed.endpoint.clear();
        wellFormed.signature = {};
        store->submit(wellFormed);
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 2);
    }

    void cleanupTestCase() { m_window.reset(); }

    void copyAsCurlRefusesAMalformedCapture()
    {
        select(true);
        QApplication::clipboard()->setText(QStringLiteral("before"));
        action("copyAsCurlAction")->trigger();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("before"));
        const QString message = m_window->statusBar()->currentMessage();
        QVERIFY2(message.contains(u"malformed") && message.contains(u"without a Host header"),
                 qPrintable(message));

        select(false);
        action("copyAsCurlAction")->trigger();
        QVERIFY(QApplication::clipboard()->text().startsWith(u"curl -sS"));
    }

    void replayAndTemplateRefuseAMalformedCapture()
    {
        select(true);
        auto *pages = m_window->findChild<QTabWidget *>(QStringLiteral("pagesTabWidget"));
        auto *url = m_window->composeView()->findChild<QLineEdit *>(QStringLiteral("urlLineEdit"));
        const QString urlBefore = url->text();
        m_window->statusBar()->clearMessage();
        action("replayRequestAction")->trigger();
        QCOMPARE(pages->currentIndex(), 0);
        QCOMPARE(url->text(), urlBefore);
        QVERIFY2(m_window->statusBar()->currentMessage().contains(u"malformed"),
                 qPrintable(m_window->statusBar()->currentMessage()));

        QSignalSpy saved(m_window->composeView(), &ui::ComposeView::templateSaved);
        m_window->statusBar()->clearMessage();
        action("saveAsTemplateAction")->trigger();
        QCOMPARE(saved.count(), 0);
        QCOMPARE(pages->currentIndex(), 0);
        QVERIFY2(m_window->statusBar()->currentMessage().contains(u"malformed"),
                 qPrintable(m_window->statusBar()->currentMessage()));
    }

    // The Signature tab agrees with the list: a malformed request is "not checked", says why,
    // and offers no secret to apply (it showed an orange "no signature" with Apply enabled).
    void signatureTabSaysAMalformedRequestIsNotChecked()
    {
        ui::SignaturePanel *panel = m_window->signaturePanel();
        auto *badge = panel->findChild<QLabel *>(u"verdictBadgeLabel"_qs);
        auto *detail = panel->findChild<QLabel *>(u"verdictDetailLabel"_qs);
        auto *secret = panel->findChild<QLineEdit *>(u"secretLineEdit"_qs);
        auto *apply = panel->findChild<QPushButton *>(u"applyToEndpointButton"_qs);
        QVERIFY(badge && detail && secret && apply);

        select(false);
        QTRY_VERIFY(!panel->verdictWord().isEmpty());
        QVERIFY(apply->isEnabled());

        select(true);
        QTRY_COMPARE(badge->text(), u"not checked"_qs);
        QVERIFY2(detail->text().contains(u"malformed")
                     && detail->text().contains(u"without a Host header")
                     && detail->text().contains(u"not checked"),
                 qPrintable(detail->text()));
        QVERIFY(!apply->isEnabled());
        QVERIFY(panel->verdictWord().isEmpty());

        // A secret typed on it is not tried either.
        QSignalSpy verified(panel, &ui::SignaturePanel::verified);
        secret->clear();
        QTest::keyClicks(secret, u"made-up-test-secret"_qs);
        QTest::qWait(400); // well past the re-verification's 120 ms pause
        QCOMPARE(verified.count(), 0);
        QCOMPARE(badge->text(), u"not checked"_qs);
        QVERIFY(!apply->isEnabled());

        // The well-formed request is verified again, with Apply back.
        select(false);
        QTRY_COMPARE(verified.count(), 1);
        QVERIFY(badge->text() != u"not checked"_qs);
        QVERIFY(apply->isEnabled());
    }

    // On arrival a malformed request is not verified; re-verifying stored requests (Signature
    // tab → Apply to endpoint) must not give it a verdict after all.
    void reverifyingKeepsAMalformedRequestNotChecked()
    {
        ui::RequestListModel *model = m_window->requestModel();
        const auto rowOf = [model](bool malformed) {
            for (int row = 0; row < model->rowCount(); ++row) {
                if (model->index(row, 0).data(ui::RequestListModel::MalformedRole).toBool()
                    == malformed)
                    return row;
            }
            return -1;
        };
        const auto verdictCell = [&](bool malformed) {
            return model->index(rowOf(malformed), ui::RequestListModel::SignatureColumn);
        };
        QCOMPARE(verdictCell(true).data().toString(), u"not checked"_qs);

        Q_EMIT m_window->signaturePanel()->applyToEndpoint(QString(), u"auto"_qs,
                                                           "made-up-test-secret", QString());
        // Verdicts come back in id order: once the later, well-formed one has its verdict, the
        // malformed one has been re-verified too.
        QTRY_VERIFY_WITH_TIMEOUT(
            !verdictCell(false).data(ui::RequestListModel::VerdictRole).toString().isEmpty(),
            10000);
        QCOMPARE(verdictCell(true).data(ui::RequestListModel::VerdictRole).toString(), QString());
        QCOMPARE(verdictCell(true).data().toString(), u"not checked"_qs);
        const QString tip = verdictCell(true).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(u"malformed") && tip.contains(u"without a Host header"),
                 qPrintable(tip));
    }

    // In a 500×400 window the Tree tab's note on a malformed request is whole, every line of
    // it (it was cut after two: the empty tree below it kept its room).
    void malformedNoteIsWholeAt500x400()
    {
        m_window->resize(500, 400);
        QTRY_COMPARE(m_window->size(), QSize(500, 400));
        select(true);
        ui::PayloadTreeView *pane = m_window->detailView()->payloadTree();
        QTRY_VERIFY(pane->isVisible());
        // The bars above have wrapped onto their rows (which takes the tree its room) once
        // their last buttons are whole.
        for (QWidget *last : {m_window->findChild<QWidget *>(u"copyUrlButton"_qs),
                              pane->findChild<QWidget *>(u"collapseAllButton"_qs)}) {
            QVERIFY(last);
            QTRY_VERIFY2(last->width() >= last->sizeHint().width()
                             && m_window->rect().contains(
                                 QRect(last->mapTo(m_window.get(), QPoint(0, 0)), last->size())),
                         qPrintable(last->objectName()));
        }
        auto *note = pane->findChild<QLabel *>(u"parseErrorLabel"_qs);
        QVERIFY(note);
        QTRY_VERIFY(note->isVisible());
        QVERIFY2(note->text().contains(u"without a Host header")
                     && note->text().contains(u"46 bytes received"),
                 qPrintable(note->text()));
        // Tall enough for the text wrapped at its width...
        QTRY_VERIFY2(note->height() >= note->heightForWidth(note->width()),
                     qPrintable(u"%1 px tall, needs %2"_qs.arg(note->height())
                                    .arg(note->heightForWidth(note->width()))));
        // ...and not cut by anything around it.
        for (QWidget *around = note->parentWidget(); around; around = around->parentWidget()) {
            const QRect rect(note->mapTo(around, QPoint(0, 0)), note->size());
            QVERIFY2(around->rect().contains(rect),
                     qPrintable(u"cut by "_qs + around->objectName()
                                + QString::fromLatin1(around->metaObject()->className())));
        }
        // A well-formed request's tree is back, under no banner.
        select(false);
        QTRY_VERIFY(pane->treeView()->isVisible());
        QVERIFY(!note->isVisible());
    }
};

QTEST_MAIN(TestMalformedInWindow)
#include "TestMalformedInWindow.moc"
