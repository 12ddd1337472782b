#include "LiveWindow.h"
#include "MainWindow.h"
#include "WrappingRow.h"
#include "compose/ComposePanes.h"
#include "compose/ComposeView.h"
#include "compose/SendHistoryModel.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <tuple>
#include <utility>

using namespace hookscope;

// The Compose page as a user sees it in the real window at 800×600, 500×400 and 1400×900. It
// used to need 1150 px: at 800×600 the Send button was cut to "Se" and the response was off
// to the right. Now every control is whole and in sight, and the response a tab away.
class TestComposeLayout final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ui::MainWindow> m_window;
    ui::ComposeView *m_compose = nullptr;
    QScrollArea *m_scroll = nullptr;

    template<typename T> T *child(const char *name) const
    {
        T *found = m_compose->findChild<T *>(QString::fromLatin1(name));
        if (!found)
            qWarning("no %s", name);
        return found;
    }

    // The part of the window the Compose page shows: its scroll area's view.
    QRect shownArea() const
    {
        QWidget *view = m_scroll->viewport();
        return {view->mapTo(m_window.get(), QPoint(0, 0)), view->size()};
    }

    QRect rectInWindow(const QWidget *widget) const
    {
        return {widget->mapTo(m_window.get(), QPoint(0, 0)), widget->size()};
    }

    void resizeTo(const QSize &size)
    {
        m_window->resize(size);
        QTRY_COMPARE(m_window->size(), size);
        // The bars wrap and the panes rearrange in their resize events, then lay out again:
        // settled once the receiver bar's last button is whole and the page fills its view.
        QWidget *copyUrl = m_window->findChild<QWidget *>(u"copyUrlButton"_qs);
        QTRY_VERIFY(copyUrl->width() >= copyUrl->sizeHint().width()
                    && m_window->rect().contains(rectInWindow(copyUrl)));
        QTRY_COMPARE(m_compose->width(), m_scroll->viewport()->width());
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    }

    // `widget` is shown whole in the page's view: inside it, at least as large as its smallest
    // size and, for a button or a check box, as wide as its text wants.
    void checkInSight(QWidget *widget)
    {
        QVERIFY(widget);
        QVERIFY2(widget->isVisible(), qPrintable(widget->objectName()));
        const QRect rect = rectInWindow(widget);
        QVERIFY2(shownArea().contains(rect),
                 qPrintable(u"%1 at %2,%3 %4×%5 is outside the shown %6,%7 %8×%9"_qs
                                .arg(widget->objectName())
                                .arg(rect.x())
                                .arg(rect.y())
                                .arg(rect.width())
                                .arg(rect.height())
                                .arg(shownArea().x())
                                .arg(shownArea().y())
                                .arg(shownArea().width())
                                .arg(shownArea().height())));
        const QSize least = qobject_cast<QAbstractButton *>(widget) ? widget->sizeHint()
                                                                    : widget->minimumSizeHint();
        QVERIFY2(widget->width() >= least.width() && widget->height() >= least.height(),
                 qPrintable(u"%1 is %2×%3, below its %4×%5"_qs.arg(widget->objectName())
                                .arg(widget->width())
                                .arg(widget->height())
                                .arg(least.width())
                                .arg(least.height())));
    }

    // The signing and delivery controls, each whole and clear of the others.
    void checkOptionsWhole()
    {
        QList<QWidget *> controls;
        for (const char *name : {"schemeComboBox", "secretLineEdit", "showSecretToolButton",
                                 "timeoutSpinBox", "insecureCheckBox", "retryScheduleComboBox",
                                 "timeScaleSpinBox", "deliverTwiceCheckBox", "outOfOrderCheckBox"})
            controls << child<QWidget>(name);
        for (QWidget *control : controls)
            checkInSight(control);
        for (qsizetype i = 0; i < controls.size(); ++i) {
            for (qsizetype k = i + 1; k < controls.size(); ++k)
                QVERIFY2(!rectInWindow(controls[i]).intersects(rectInWindow(controls[k])),
                         qPrintable(controls[i]->objectName() + u" overlaps "_qs
                                    + controls[k]->objectName()));
        }
    }

    void checkSendButtonWhole()
    {
        auto *send = child<QAbstractButton>("sendButton");
        checkInSight(send);
        QCOMPARE(send->text(), u"Send"_qs);
        QVERIFY(send->fontMetrics().horizontalAdvance(send->text()) < send->width());
        // The URL field has room for an address, not a sliver.
        auto *url = child<QLineEdit>("urlLineEdit");
        checkInSight(url);
        QVERIFY2(url->width() >= url->fontMetrics().horizontalAdvance(u"http://127.0.0.1:8787/"_qs),
                 qPrintable(QString::number(url->width())));
    }

    // Clicks the tab named `text` of the request / response tabs.
    void clickWorkTab(const QString &text)
    {
        auto *tabs = m_compose->findChild<QTabWidget *>(u"composeWorkTabWidget"_qs);
        QVERIFY(tabs);
        QTabBar *bar = tabs->tabBar();
        for (int i = 0; i < bar->count(); ++i) {
            if (bar->tabText(i) == text) {
                QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(i).center());
                QCOMPARE(tabs->currentIndex(), i);
                return;
            }
        }
        QFAIL(qPrintable(u"no tab "_qs + text));
    }

    // The sidebar is narrower than the longest template name: the open list is not, and the
    // closed picker's tooltip names the template whole.
    void checkTemplateNamesWhole()
    {
        auto *picker = child<QComboBox>("templateComboBox");
        QVERIFY(picker);
        const QFontMetrics metrics = picker->view()->fontMetrics();
        int longest = 0;
        int longestRow = 0;
        for (int row = 0; row < picker->count(); ++row) {
            const int width = metrics.horizontalAdvance(picker->itemText(row));
            if (width > longest)
                std::tie(longest, longestRow) = std::pair(width, row);
        }
        QVERIFY2(longest > picker->width(), "no name longer than the picker: nothing to check");
        // Wide enough for the name, and not much wider: the list must not cover the window.
        QVERIFY2(
            picker->view()->minimumWidth() > longest
                && picker->view()->minimumWidth() < longest + 100,
            qPrintable(
                u"list %1 px, name %2 px"_qs.arg(picker->view()->minimumWidth()).arg(longest)));
        picker->setCurrentIndex(longestRow);
        QCOMPARE(picker->toolTip(), picker->itemText(longestRow));
        picker->setCurrentIndex(0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_window = test::openWindowWithoutReceiver(m_dir);
        QVERIFY(m_window);
        m_compose = m_window->composeView();
        m_scroll = m_window->findChild<QScrollArea *>(u"composeScrollArea"_qs);
        QVERIFY(m_scroll);
        auto *pages = m_window->findChild<QTabWidget *>(u"pagesTabWidget"_qs);
        pages->setCurrentWidget(m_scroll);
        QVERIFY(m_compose->isVisible());
        // The figure the page's layout is judged by: it used to be about 1150 px.
        qInfo("Compose page minimum width: %d px; panes side by side from %d px, as tabs beside "
              "the sidebar from %d px",
              m_compose->minimumSizeHint().width(), m_compose->panes()->sideBySideWidth(),
              m_compose->panes()->tabbedWidth());
        QVERIFY(m_compose->minimumSizeHint().width() <= 480);
    }

    void cleanupTestCase() { m_window.reset(); }

    void sendButtonIsWholeAt800x600()
    {
        resizeTo({800, 600});
        QCOMPARE(m_compose->panes()->arrangement(), ui::ComposePanes::Arrangement::Tabbed);
        // The page fits the window: nothing to scroll to either way.
        QVERIFY(!m_scroll->horizontalScrollBar()->isVisible());
        QTRY_VERIFY(!m_scroll->verticalScrollBar()->isVisible());
        checkSendButtonWhole();
        checkInSight(child<QWidget>("templateComboBox"));
        checkInSight(child<QWidget>("historyTableView"));
        checkTemplateNamesWhole();

        const QString directory = QCoreApplication::applicationDirPath() + u"/screenshots"_qs;
        QDir().mkpath(directory);
        QVERIFY(m_window->grab().save(directory + u"/compose-800x600.png"_qs));
    }

    void optionsAreWholeAt800x600() { checkOptionsWhole(); }

    // The Patreon pledge form beside the body scrolls in its box: the page itself still fits.
    void pledgeFormFitsAt800x600()
    {
        QVERIFY(m_compose->selectTemplate(u"patreon/pledges:create"_qs));
        QTRY_VERIFY(child<QWidget>("pledgeGroupBox")->isVisible());
        QTRY_VERIFY(!m_scroll->verticalScrollBar()->isVisible());
        checkSendButtonWhole();
        checkOptionsWhole();
        QWidget *amount = child<QWidget>("amountSpinBox");
        // In its own scroll area: in sight once scrolled to, whatever the fonts' widths.
        child<QScrollArea>("pledgeScrollArea")->ensureWidgetVisible(amount);
        QTRY_VERIFY(shownArea().contains(rectInWindow(amount)));
        checkInSight(amount);
    }

    // The response is a tab away, and a Send brings it up by itself.
    void responseIsReachableAt800x600()
    {
        auto *response = child<QTabWidget>("responseTabWidget");
        QVERIFY(!response->isVisible());
        clickWorkTab(u"Response"_qs);
        checkInSight(response);
        checkInSight(child<QLabel>("responseStatusLabel"));
        clickWorkTab(u"Request"_qs);
        QVERIFY(!response->isVisible());

        // A port nobody listens on any more: the send fails at once, and says so. (The pledge
        // template picked above brought Patreon's retries, a minute apart: none here.)
        auto *schedule = child<QComboBox>("retryScheduleComboBox");
        schedule->setCurrentIndex(schedule->findData(u"none"_qs));
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        auto *url = child<QLineEdit>("urlLineEdit");
        url->setText(u"http://127.0.0.1:%1/hook"_qs.arg(port));
        QSignalSpy finished(m_compose, &ui::ComposeView::sendFinished);
        QTest::mouseClick(child<QAbstractButton>("sendButton"), Qt::LeftButton);
        QTRY_COMPARE(finished.count(), 1);
        QTRY_VERIFY(response->isVisible());
        checkInSight(child<QLabel>("responseStatusLabel"));
        QVERIFY(!child<QLabel>("responseStatusLabel")->text().isEmpty());
        clickWorkTab(u"Request"_qs);
    }

    // The history beside the panes shows where each send went: its URL column had a few
    // pixels ("P…k") beside the method, time, status and attempt. Its end, the path, is in
    // sight now, all of it in the tooltip.
    void historyUrlsAreReadableAt800x600()
    {
        auto *view = child<QTableView>("historyTableView");
        QVERIFY(view);
        QTRY_VERIFY(view->model()->rowCount() >= 1); // the send of the test above
        checkInSight(view);
        const QModelIndex url = view->model()->index(0, ui::SendHistoryModel::UrlColumn);
        const QString text = url.data().toString();
        // A loopback host goes: the port and path tell one's own servers apart.
        QVERIFY2(text.startsWith(u":") && text.endsWith(u"/hook"), qPrintable(text));
        QHeaderView *header = view->horizontalHeader();
        const int column = ui::SendHistoryModel::UrlColumn;
        QVERIFY(header->sectionViewportPosition(column) + header->sectionSize(column)
                <= view->viewport()->width());
        // As the cell draws it, with a few pixels of margin either side.
        QCOMPARE(view->textElideMode(), Qt::ElideLeft);
        const QString shown
            = view->fontMetrics().elidedText(text, Qt::ElideLeft, header->sectionSize(column) - 8);
        QVERIFY2(shown.endsWith(u"/hook"), qPrintable(shown));
        const QString tip = url.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(u"POST http://127.0.0.1:") && tip.contains(u"attempt 1"),
                 qPrintable(tip));

        const QString directory = QCoreApplication::applicationDirPath() + u"/screenshots"_qs;
        QDir().mkpath(directory);
        QVERIFY(m_window->grab().save(directory + u"/compose-history-800x600.png"_qs));
    }

    // At 500×400 the sidebar is a tab too: nothing is cut off at the right, and the page
    // scrolls down to what is below.
    // A long retry schedule runs while the Response tab is up: Stop is there too, not a tab away.
    void aSendCanBeStoppedFromTheResponseTab()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        child<QLineEdit>("urlLineEdit")->setText(u"http://127.0.0.1:%1/hook"_qs.arg(port));
        auto *schedule = child<QComboBox>("retryScheduleComboBox");
        schedule->setCurrentIndex(schedule->findData(u"webhook-api"_qs)); // waits 1 min first
        auto *stop = child<QAbstractButton>("responseStopButton");
        QVERIFY(!stop->isVisible());
        QSignalSpy finished(m_compose, &ui::ComposeView::sendFinished);
        QTest::mouseClick(child<QAbstractButton>("sendButton"), Qt::LeftButton);
        QTRY_VERIFY(child<QTabWidget>("responseTabWidget")->isVisible());
        QTRY_VERIFY(stop->isVisible());
        // Shown, it takes its height once the pane lays out again.
        QTRY_VERIFY(stop->height() >= stop->sizeHint().height());
        checkInSight(stop);
        QVERIFY(!child<QAbstractButton>("sendButton")->isVisible()); // on the Request tab
        QTest::mouseClick(stop, Qt::LeftButton);
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(!stop->isVisible());
        QVERIFY2(child<QLabel>("responseStatusLabel")->text().contains(u"stopped"_qs),
                 qPrintable(child<QLabel>("responseStatusLabel")->text()));
        QCOMPARE(child<QAbstractButton>("sendButton")->text(), u"Send"_qs);
        schedule->setCurrentIndex(schedule->findData(u"none"_qs));
        clickWorkTab(u"Request"_qs);
    }

    void composeIsReadableAt500x400()
    {
        resizeTo({500, 400});
        QCOMPARE(m_compose->panes()->arrangement(), ui::ComposePanes::Arrangement::AllStacked);
        QVERIFY(!m_scroll->horizontalScrollBar()->isVisible());
        checkSendButtonWhole();
        m_scroll->ensureWidgetVisible(child<QWidget>("outOfOrderCheckBox"));
        QTRY_VERIFY(shownArea().contains(rectInWindow(child<QWidget>("outOfOrderCheckBox"))));
        for (const char *name : {"schemeComboBox", "secretLineEdit", "retryScheduleComboBox",
                                 "timeScaleSpinBox", "outOfOrderCheckBox"}) {
            QWidget *control = child<QWidget>(name);
            QVERIFY(control);
            QVERIFY2(control->width() >= control->minimumSizeHint().width(), name);
            QVERIFY2(rectInWindow(control).right() <= shownArea().right(), name);
        }
        m_scroll->verticalScrollBar()->setValue(0);
        clickWorkTab(u"Templates && history"_qs);
        checkInSight(child<QWidget>("templateComboBox"));
        clickWorkTab(u"Request"_qs);
    }

    // Wide, the page is as it was: the three panes side by side, the response beside the
    // request, each options row on one line.
    void sideBySideAt1400x900()
    {
        resizeTo({1400, 900});
        QCOMPARE(m_compose->panes()->arrangement(), ui::ComposePanes::Arrangement::SideBySide);
        QVERIFY(!m_scroll->verticalScrollBar()->isVisible());
        checkSendButtonWhole();
        checkOptionsWhole();
        checkInSight(child<QTabWidget>("responseTabWidget"));
        checkInSight(child<QWidget>("templateComboBox"));
        QVERIFY(rectInWindow(child<QWidget>("responseTabWidget")).left()
                > rectInWindow(child<QWidget>("sendButton")).right());
        for (const char *name : {"signingRow", "connectionRow"})
            QCOMPARE(child<ui::WrappingRow>(name)->rowCount(), 1);
        // The retry controls fit on one line where fonts are as narrow as DejaVu Sans 9 pt.
        QVERIFY(child<ui::WrappingRow>("retriesRow")->rowCount() <= 2);
    }

    // Narrow again after wide, the panes go back to tabs with nothing lost.
    void narrowAgainAt800x600()
    {
        resizeTo({800, 600});
        QCOMPARE(m_compose->panes()->arrangement(), ui::ComposePanes::Arrangement::Tabbed);
        checkSendButtonWhole();
        checkOptionsWhole();
    }

    // Beside the body at 1280×800 the pledge form is whole in its pane: no sideways scrolling,
    // every field's hint and the check box's text in full (labels go above their fields).
    void pledgeFieldsAreWholeAt1280x800()
    {
        QScrollArea *scroll = showFormAt1280x800(u"patreon/pledges:create"_qs, "pledge");
        QVERIFY(scroll);
        checkFieldsWhole(scroll);
        auto *fees = child<QWidget>("patronPaysFeesCheckBox");
        QVERIFY(fees->width() >= fees->sizeHint().width());
        saveScreenshot(u"compose-pledge-1280x800.png"_qs);
    }

    // The member form likewise, its combo boxes too; the pledge form is hidden.
    void memberFieldsAreWholeAt1280x800()
    {
        QScrollArea *scroll = showFormAt1280x800(u"patreon/members:pledge:create"_qs, "member");
        QVERIFY(scroll);
        QVERIFY(!child<QWidget>("pledgeGroupBox")->isVisible());
        checkFieldsWhole(scroll);
        for (auto *combo : scroll->widget()->findChildren<QComboBox *>()) {
            QVERIFY2(combo->width() >= combo->sizeHint().width(), qPrintable(combo->objectName()));
            QVERIFY(scroll->viewport()->rect().contains(
                QRect(combo->mapTo(scroll->viewport(), QPoint()), combo->size())));
        }
        saveScreenshot(u"compose-member-1280x800.png"_qs);
    }

    // A mistake in a field is said above the form's fields, outside their scrolling: in sight
    // while the user types in a field far down a form that scrolls.
    void aFormsProblemIsInSightWhileTyping()
    {
        QScrollArea *scroll = showFormAt1280x800(u"patreon/members:pledge:create"_qs, "member");
        QVERIFY(scroll);
        resizeTo({1280, 560});
        QTRY_VERIFY(scroll->verticalScrollBar()->maximum() > 0); // the form no longer fits
        auto *box = child<QWidget>("memberGroupBox");
        auto *date = child<QLineEdit>("lastChargeDateLineEdit");
        auto *problem = child<QLabel>("memberValidationLabel");
        QVERIFY(box && date && problem);
        scroll->ensureWidgetVisible(date);
        date->setFocus();
        date->selectAll();
        QTest::keyClicks(date, u"last week"_qs);
        QTRY_VERIFY(problem->isVisible());
        QVERIFY(!scroll->isAncestorOf(problem));
        QTRY_VERIFY2(box->rect().contains(QRect(problem->mapTo(box, QPoint()), problem->size())),
                     qPrintable(problem->text()));
        // The line typed in stays in sight though the fields' view shrank under it.
        QTRY_VERIFY(scroll->viewport()->rect().contains(
            date->inputMethodQuery(Qt::ImCursorRectangle)
                .toRect()
                .translated(date->mapTo(scroll->viewport(), QPoint()))));
        date->selectAll();
        QTest::keyClicks(date, u"2026-12-01T10:00:00+00:00"_qs);
        QTRY_VERIFY(!problem->isVisible());
        resizeTo({1280, 800});
    }

private:
    // Picks a template whose form ("pledge", "member") shows beside the body; its scroll area
    // once laid out (the form was wider than the view the moment it showed).
    QScrollArea *showFormAt1280x800(const QString &name, const char *form)
    {
        resizeTo({1280, 800});
        if (!m_compose->selectTemplate(name))
            return nullptr;
        const QByteArray prefix(form);
        auto *box = child<QWidget>((prefix + "GroupBox").constData());
        auto *scroll = child<QScrollArea>((prefix + "ScrollArea").constData());
        if (!QTest::qWaitFor([&] {
                return box->isVisible() && !scroll->horizontalScrollBar()->isVisible()
                    && scroll->widget()->width() <= scroll->viewport()->width();
            }))
            return nullptr;
        return scroll;
    }

    // Every line edit of a form is in the view and wider than its hint.
    void checkFieldsWhole(QScrollArea *scroll)
    {
        for (auto *field : scroll->widget()->findChildren<QLineEdit *>()) {
            if (qobject_cast<QAbstractSpinBox *>(field->parentWidget()))
                continue; // a spin box's own editor
            const int hint = field->fontMetrics().horizontalAdvance(field->placeholderText());
            QVERIFY2(field->width() > hint,
                     qPrintable(u"%1 is %2 px, its hint %3"_qs.arg(field->objectName())
                                    .arg(field->width())
                                    .arg(hint)));
            QVERIFY(scroll->viewport()->rect().contains(
                QRect(field->mapTo(scroll->viewport(), QPoint()), field->size())));
        }
    }

    void saveScreenshot(const QString &name)
    {
        const QString directory = QCoreApplication::applicationDirPath() + u"/screenshots"_qs;
        QVERIFY(m_window->grab().save(directory + u"/"_qs + name));
    }
};

QTEST_MAIN(TestComposeLayout)
#include "TestComposeLayout.moc"
