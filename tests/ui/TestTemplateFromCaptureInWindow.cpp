#include "CaptureDetailView.h"
#include "LiveWindow.h"
#include "MainWindow.h"
#include "ModalAnswers.h"
#include "RequestListModel.h"
#include "compose/ComposeView.h"
#include "compose/TemplateLibrary.h"
#include "store/RequestStore.h"
#include "store/StoreClient.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

// Request → Save as Template (Ctrl+T) in the real window: it asks for the name as Compose's
// "Save as template…" does, offers one that is free, asks before replacing a template of the
// user's or hiding a built-in one, and Compose's "Delete template…" brings a built-in back.
class TestTemplateFromCaptureInWindow final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_data; // XDG_DATA_HOME: the user's templates, none from an earlier run
    std::unique_ptr<ui::MainWindow> m_window;

    QAction *action(const char *name) const
    {
        return m_window->findChild<QAction *>(QString::fromLatin1(name));
    }
    ui::ComposeView *compose() const { return m_window->composeView(); }
    static compose::TemplateLibrary library()
    {
        return compose::TemplateLibrary(compose::TemplateLibrary::defaultUserDirectory());
    }
    QPushButton *button(const char *name) const
    {
        return compose()->findChild<QPushButton *>(QString::fromLatin1(name));
    }

    // A GitHub push as it arrives: its suggested template name is the built-in's, github/push.
    static Capture githubPush(const QByteArray &after)
    {
        Capture capture;
        capture.method = "POST";
        capture.target = "/hooks/github";
        capture.headers = {{"Host", "127.0.0.1:8787"},
                           {"X-GitHub-Event", "push"},
                           {"X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"},
                           {"X-Hub-Signature-256", "sha256=00ff"},
                           {"Content-Type", "application/json"}};
        capture.body = "{\"ref\":\"refs/heads/main\",\"after\":\"" + after + "\"}";
        capture.remoteAddress = QStringLiteral("127.0.0.1");
        capture.receivedAtUs = 1763900000000000;
        capture.signature = {QStringLiteral("github"), QStringLiteral("invalid"), QString()};
        return capture;
    }

    // Selects the push whose "after" starts with `digit`, and waits for its tabs.
    void selectPush(char digit)
    {
        const QByteArray marker = QByteArray(10, digit);
        QTableView *list = m_window->requestListView();
        for (int row = 0; row < m_window->requestModel()->rowCount(); ++row) {
            if (list->currentIndex().row() != row) {
                QSignalSpy shown(m_window.get(), &ui::MainWindow::captureShown);
                list->setCurrentIndex(m_window->requestModel()->index(row, 0));
                QTRY_COMPARE(shown.count(), 1);
            }
            if (m_window->detailView()->capture().body.contains(marker))
                return;
        }
        QFAIL("no such push");
    }

    // Ctrl+T on the selected request, answering its dialogs with `steps`.
    QStringList saveAsTemplate(QList<test::ModalAnswers::Step> steps)
    {
        test::ModalAnswers answers(std::move(steps));
        action("saveAsTemplateAction")->trigger();
        if (!answers.allAnswered())
            return {QStringLiteral("dialogs not as expected: ")
                    + answers.texts().join(QStringLiteral(" | "))};
        return answers.texts();
    }

    static QByteArray contents(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_data.isValid());
        qputenv("XDG_DATA_HOME", m_data.path().toLocal8Bit());
        m_window = test::openWindowWithoutReceiver(m_dir);
        QVERIFY(m_window);
        store::RequestStore *store = m_window->session().store().store();
        store->submit(githubPush("1111111111111111111111111111111111111111"));
        store->submit(githubPush("2222222222222222222222222222222222222222"));
        QTRY_COMPARE(m_window->requestModel()->rowCount(), 2);
        QVERIFY(library().find(QStringLiteral("github/push"))->builtIn);
    }

    void cleanupTestCase() { m_window.reset(); }

    void theShortcutIsCtrlT()
    {
        QCOMPARE(action("saveAsTemplateAction")->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_T));
    }

    // The bug: Ctrl+T saved as github/push at once, hiding the built-in template.
    void aCaptureIsSavedUnderAFreeNameNotTheBuiltIns()
    {
        selectPush('1');
        QSignalSpy saved(compose(), &ui::ComposeView::templateSaved);
        QString offered;
        QCOMPARE(saveAsTemplate({test::acceptName(&offered)}).size(), 1);
        QCOMPARE(offered, QStringLiteral("github/push-copy"));
        QCOMPARE(saved.count(), 1);
        QCOMPARE(saved.at(0).at(0).toString(), QStringLiteral("github/push-copy"));

        const compose::TemplateLibrary templates = library();
        QVERIFY(templates.find(QStringLiteral("github/push"))->builtIn);
        const auto copy = templates.find(QStringLiteral("github/push-copy"));
        QVERIFY(copy);
        QVERIFY(!copy->builtIn);
        QVERIFY(copy->body.toCompact().contains("1111111111"));
        const QString message = m_window->statusBar()->currentMessage();
        QVERIFY2(message.contains(u"github/push-copy"), qPrintable(message));
        auto *pages = m_window->findChild<QTabWidget *>(QStringLiteral("pagesTabWidget"));
        QCOMPARE(pages->currentIndex(), 1);
        QCOMPARE(compose()->currentTemplateName(), QStringLiteral("github/push-copy"));
        pages->setCurrentIndex(0);
    }

    // The bug: a second Ctrl+T overwrote the first saved template without a word.
    void aSecondCaptureGetsTheNextFreeName()
    {
        const QString first = library().find(QStringLiteral("github/push-copy"))->sourcePath;
        const QByteArray before = contents(first);
        selectPush('2');
        QString offered;
        QCOMPARE(saveAsTemplate({test::acceptName(&offered)}).size(), 1);
        QCOMPARE(offered, QStringLiteral("github/push-copy-2"));
        QCOMPARE(contents(first), before);
        const auto second = library().find(QStringLiteral("github/push-copy-2"));
        QVERIFY(second);
        QVERIFY(second->body.toCompact().contains("2222222222"));
        m_window->findChild<QTabWidget *>(QStringLiteral("pagesTabWidget"))->setCurrentIndex(0);
    }

    void replacingATemplateOfYoursIsAskedFirst()
    {
        const QString first = library().find(QStringLiteral("github/push-copy"))->sourcePath;
        const QByteArray before = contents(first);
        selectPush('2');
        QSignalSpy saved(compose(), &ui::ComposeView::templateSaved);
        m_window->statusBar()->clearMessage();
        // Typed the taken name, said no to replacing it, then cancelled the prompt it went back to.
        QStringList said
            = saveAsTemplate({test::acceptName(nullptr, QStringLiteral("github/push-copy")),
                              test::clickButton(QMessageBox::Cancel), test::cancelPrompt()});
        QCOMPARE(said.size(), 3);
        QVERIFY2(said.at(1).contains(u"already have a template named github/push-copy"),
                 qPrintable(said.at(1)));
        QCOMPARE(saved.count(), 0);
        QCOMPARE(contents(first), before);
        QVERIFY(m_window->statusBar()->currentMessage().isEmpty()); // cancelling says nothing

        // Confirmed: replaced.
        said = saveAsTemplate({test::acceptName(nullptr, QStringLiteral("github/push-copy")),
                               test::clickButton(QMessageBox::Yes)});
        QCOMPARE(said.size(), 2);
        QCOMPARE(saved.count(), 1);
        QVERIFY(contents(first).contains("2222222222"));
        m_window->findChild<QTabWidget *>(QStringLiteral("pagesTabWidget"))->setCurrentIndex(0);
    }

    void hidingABuiltInNeedsItsNameTypedAndConfirmed()
    {
        selectPush('1');
        QSignalSpy saved(compose(), &ui::ComposeView::templateSaved);
        QStringList said
            = saveAsTemplate({test::acceptName(nullptr, QStringLiteral("github/push")),
                              test::clickButton(QMessageBox::Cancel), test::cancelPrompt()});
        QCOMPARE(said.size(), 3);
        QVERIFY2(said.at(1).contains(u"github/push is a built-in template"),
                 qPrintable(said.at(1)));
        QCOMPARE(saved.count(), 0);
        QVERIFY(library().find(QStringLiteral("github/push"))->builtIn);

        said = saveAsTemplate({test::acceptName(nullptr, QStringLiteral("github/push")),
                               test::clickButton(QMessageBox::Yes)});
        QCOMPARE(said.size(), 2);
        QCOMPARE(saved.count(), 1);
        QVERIFY(!library().find(QStringLiteral("github/push"))->builtIn);
        QVERIFY(library().hasBuiltIn(QStringLiteral("github/push")));
        // Compose shows it as the user's, with its Delete enabled.
        auto *picker = compose()->findChild<QComboBox *>(QStringLiteral("templateComboBox"));
        QCOMPARE(picker->currentText(), QStringLiteral("github/push  (yours)"));
        QVERIFY(button("deleteTemplateButton")->isEnabled());
    }

    // The way back to the built-in: Delete template… in Compose, for the user's templates only.
    void deletingYourTemplateBringsTheBuiltInBack()
    {
        QCOMPARE(compose()->currentTemplateName(), QStringLiteral("github/push"));
        const QString file = library().find(QStringLiteral("github/push"))->sourcePath;
        QVERIFY(QFile::exists(file));
        QPushButton *remove = button("deleteTemplateButton");

        // Cancelled: nothing happens.
        {
            test::ModalAnswers answers({test::clickButton(QMessageBox::Cancel)});
            QTest::mouseClick(remove, Qt::LeftButton);
            QVERIFY(answers.allAnswered());
            QVERIFY2(answers.texts().at(0).contains(u"Delete your template github/push?"),
                     qPrintable(answers.texts().at(0)));
            QVERIFY2(answers.texts().at(0).contains(u"built-in template github/push is back"),
                     qPrintable(answers.texts().at(0)));
        }
        QVERIFY(QFile::exists(file));

        {
            test::ModalAnswers answers({test::clickButton(QMessageBox::Yes)});
            QTest::mouseClick(remove, Qt::LeftButton);
            QVERIFY(answers.allAnswered());
        }
        QVERIFY(!QFile::exists(file));
        QVERIFY(library().find(QStringLiteral("github/push"))->builtIn);
        // The built-in one is loaded, and cannot be deleted.
        QCOMPARE(compose()->currentTemplateName(), QStringLiteral("github/push"));
        auto *picker = compose()->findChild<QComboBox *>(QStringLiteral("templateComboBox"));
        QCOMPARE(picker->currentText(), QStringLiteral("github/push"));
        QVERIFY(compose()->bodyText().contains("octocat/Hello-World"));
        QVERIFY(!remove->isEnabled());

        QVERIFY(compose()->selectTemplate(QStringLiteral("github/push-copy-2")));
        QVERIFY(remove->isEnabled());
        QVERIFY(compose()->selectTemplate(QStringLiteral("github/ping")));
        QVERIFY(!remove->isEnabled());
    }

    // Compose's own "Save as template…" is the same prompt: free name offered, same questions.
    void composesSaveAsTemplateOffersAFreeNameToo()
    {
        QVERIFY(compose()->selectTemplate(QStringLiteral("github/push")));
        QString offered;
        {
            test::ModalAnswers answers({test::acceptName(&offered)});
            QTest::mouseClick(button("saveAsTemplateButton"), Qt::LeftButton);
            QVERIFY(answers.allAnswered());
        }
        QCOMPARE(offered, QStringLiteral("github/push-copy-3"));
        QVERIFY(library().find(QStringLiteral("github/push-copy-3")));
        QVERIFY(library().find(QStringLiteral("github/push"))->builtIn);

        // A name without a provider is asked again, saying why.
        {
            test::ModalAnswers answers(
                {test::acceptName(nullptr, QStringLiteral("no-slash")), test::cancelPrompt()});
            QTest::mouseClick(button("saveAsTemplateButton"), Qt::LeftButton);
            QVERIFY(answers.allAnswered());
            QVERIFY2(answers.texts().at(1).contains(u"PROVIDER/EVENT, e.g."),
                     qPrintable(answers.texts().at(1)));
        }
    }
};

QTEST_MAIN(TestTemplateFromCaptureInWindow)
#include "TestTemplateFromCaptureInWindow.moc"
