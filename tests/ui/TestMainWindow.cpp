#include "MainWindow.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

using namespace hookscope;

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensWithNameAndIconAndClosesCleanly()
    {
        ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Hookscope"));
        QVERIFY(!window.windowIcon().isNull());
        QVERIFY(!window.windowIcon().pixmap(64, 64).isNull());

        auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("detailTabWidget"));
        QVERIFY(tabs);
        QStringList names;
        for (int i = 0; i < tabs->count(); ++i)
            names << tabs->tabText(i);
        QCOMPARE(
            names,
            (QStringList {QStringLiteral("Tree"), QStringLiteral("Headers"), QStringLiteral("Raw"),
                          QStringLiteral("Signature"), QStringLiteral("Response")}));

        QVERIFY(window.close());
        QVERIFY(!window.isVisible());
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
