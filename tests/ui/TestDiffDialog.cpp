#include "DarkPalette.h"
#include "InspectorFixtures.h"
#include "dialogs/DiffDialog.h"
#include "dialogs/DiffTableModel.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QStyleFactory>
#include <QTableView>
#include <QTest>

using namespace hookscope;
using hookscope::test::darkPalette;
using hookscope::ui::DiffDialog;
using hookscope::ui::DiffTableModel;

namespace {

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

// Two deliveries of a Patreon pledge: pretty JSON with 250 cents, then compact JSON with 500
// cents and its own signature.
std::pair<Capture, Capture> twoPledges()
{
    Capture left = test::patreonPledgeCapture();
    left.headers.append({"Content-Length", QByteArray::number(left.body.size())});
    Capture right = left;
    right.id = 43;
    right.receivedAtUs += 61'500'000;
    right.body = compact(left.body);
    right.body.replace(right.body.indexOf("\"amount_cents\":250"), 18, "\"amount_cents\":500");
    for (HeaderField &field : right.headers) {
        if (field.name == "X-Patreon-Signature")
            field.value = "fedcba9876543210fedcba9876543210";
        if (field.name == "Content-Length")
            field.value = QByteArray::number(right.body.size());
    }
    return {left, right};
}

QString screenshotPath(const QString &name)
{
    const QString directory
        = QCoreApplication::applicationDirPath() + QStringLiteral("/screenshots");
    QDir().mkpath(directory);
    return directory + u'/' + name;
}

} // namespace

class TestDiffDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion"))); }

    void listsExactlyTheAmountAndTheSignature()
    {
        DiffDialog dialog;
        QAbstractItemModelTester tester(dialog.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto [left, right] = twoPledges();
        dialog.setCaptures(left, right);
        QTRY_VERIFY(dialog.isReady());

        DiffTableModel *model = dialog.model();
        QCOMPARE(model->rowCount(), 2);
        const auto cell
            = [model](int row, int column) { return model->index(row, column).data().toString(); };
        QCOMPARE(cell(0, DiffTableModel::SectionColumn), QStringLiteral("Headers"));
        QCOMPARE(cell(0, DiffTableModel::PathColumn), QStringLiteral("X-Patreon-Signature"));
        QCOMPARE(cell(0, DiffTableModel::KindColumn),
                 QStringLiteral("changed (expected to differ)"));
        QCOMPARE(cell(1, DiffTableModel::SectionColumn), QStringLiteral("Body"));
        QCOMPARE(cell(1, DiffTableModel::PathColumn),
                 QStringLiteral("$.data.attributes.amount_cents"));
        QCOMPARE(cell(1, DiffTableModel::LeftColumn), QStringLiteral("250"));
        QCOMPARE(cell(1, DiffTableModel::RightColumn), QStringLiteral("500"));
        QCOMPARE(cell(1, DiffTableModel::KindColumn), QStringLiteral("changed"));
        QVERIFY2(dialog.summaryText().contains(u"formatting"), qPrintable(dialog.summaryText()));
        QCOMPARE(dialog.summaryText(),
                 u"Request line: the same\n"
                 "Headers: 1 changed: X-Patreon-Signature (expected to differ between "
                 "deliveries); Content-Length differs only because the body does\n"
                 "Body (JSON, by path): 1 value changed: $.data.attributes.amount_cents 250 → "
                 "500 (whitespace and formatting differ too, not counted)"_qs);
        QCOMPARE(model->headerData(DiffTableModel::LeftColumn, Qt::Horizontal).toString(),
                 u"In #42"_qs);
        QCOMPARE(model->headerData(DiffTableModel::RightColumn, Qt::Horizontal).toString(),
                 u"In #43"_qs);
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("leftRequestLabel"))
                    ->text()
                    .startsWith(u"#42 · "));
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("rightRequestLabel"))
                    ->text()
                    .startsWith(u"#43 · "));
        QCOMPARE(dialog.windowTitle(), QStringLiteral("Compare Requests #42 and #43"));

        // Identical entries on request; the Content-Length that follows the body among them.
        auto *showIdentical
            = dialog.findChild<QCheckBox *>(QStringLiteral("showIdenticalCheckBox"));
        QVERIFY(showIdentical);
        showIdentical->setChecked(true);
        QCOMPARE(model->rowCount(), 3 + 8 + 39);
        bool sawContentLength = false;
        for (int row = 0; row < model->rowCount(); ++row)
            sawContentLength |= cell(row, DiffTableModel::PathColumn) == u"Content-Length"
                && cell(row, DiffTableModel::KindColumn) == u"follows the body";
        QVERIFY(sawContentLength);
        showIdentical->setChecked(false);
        QCOMPARE(model->rowCount(), 2);

        // Not flagging volatile headers recomputes the diff in the background.
        auto *flag = dialog.findChild<QCheckBox *>(QStringLiteral("flagVolatileCheckBox"));
        flag->setChecked(false);
        QTRY_VERIFY(dialog.isReady());
        QCOMPARE(cell(0, DiffTableModel::KindColumn), QStringLiteral("changed"));
    }

    // Counts read as English, one or many, never "object(s)".
    void countsObjectsAndNumbersInWords()
    {
        auto [left, right] = twoPledges();
        left.body = R"({"a":1,"b":2.0,"c":{"x":1,"y":1e2}})";
        right.body = R"({"b":2.00,"a":1,"c":{"x":1,"y":100}})";
        DiffDialog dialog;
        dialog.setCaptures(left, right);
        QTRY_VERIFY(dialog.isReady());
        QString body = dialog.summaryText().split(u'\n').value(2);
        QVERIFY2(body.contains(u"keys in another order in 1 object: $"), qPrintable(body));
        QVERIFY2(body.contains(u"2 numbers written differently, same value: $.b 2.0 → 2.00"),
                 qPrintable(body));

        right.body = R"({"b":2.00,"a":1,"c":{"y":1e2,"x":1}})";
        dialog.setCaptures(left, right);
        QTRY_VERIFY(dialog.isReady());
        body = dialog.summaryText().split(u'\n').value(2);
        QVERIFY2(body.contains(u"keys in another order in 2 objects: "), qPrintable(body));
        QVERIFY2(body.contains(u"1 number written differently, same value: $.b"), qPrintable(body));
    }

    // Headers one delivery has and the other lacks are named with the request that has them.
    void saysWhichRequestHasAHeaderOrField()
    {
        auto [left, right] = twoPledges();
        right.headers.append(HeaderField {"X-Retry-Count", "1"});
        right.headers.removeIf([](const HeaderField &field) { return field.name == "User-Agent"; });
        right.body.replace("\"declined_since\":null,", "");
        right.body.insert(9, "\"note\":\"retry\","); // first in $.data
        QVERIFY(right.body.startsWith("{\"data\":{\"note\""));
        right.method = "PUT";
        DiffDialog dialog;
        dialog.setCaptures(left, right);
        QTRY_VERIFY(dialog.isReady());

        const QStringList lines = dialog.summaryText().split(u'\n');
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0], u"Request line: method POST → PUT"_qs);
        QVERIFY2(lines[1].contains(u"; 1 only in #43: X-Retry-Count; 1 only in #42: User-Agent"),
                 qPrintable(lines[1]));
        QVERIFY2(lines[2].contains(u"1 value only in #43: $.data.note; 1 value only in #42: "
                                   "$.data.attributes.declined_since"),
                 qPrintable(lines[2]));

        DiffTableModel *model = dialog.model();
        bool sawAdded = false;
        bool sawRemoved = false;
        for (int row = 0; row < model->rowCount(); ++row) {
            const auto cell
                = [&](int column) { return model->index(row, column).data().toString(); };
            if (cell(DiffTableModel::PathColumn) == u"X-Retry-Count") {
                sawAdded = true;
                QCOMPARE(cell(DiffTableModel::KindColumn), u"only in #43"_qs);
                QCOMPARE(cell(DiffTableModel::LeftColumn), u"(absent)"_qs);
                QCOMPARE(cell(DiffTableModel::RightColumn), u"1"_qs);
            }
            if (cell(DiffTableModel::PathColumn) == u"User-Agent") {
                sawRemoved = true;
                QCOMPARE(cell(DiffTableModel::KindColumn), u"only in #42"_qs);
                QCOMPARE(cell(DiffTableModel::RightColumn), u"(absent)"_qs);
            }
        }
        QVERIFY(sawAdded && sawRemoved);

        // Requests that are not stored (no id) are "left" and "right".
        left.id = 0;
        right.id = 0;
        dialog.setCaptures(left, right);
        QTRY_VERIFY(dialog.isReady());
        QVERIFY2(dialog.summaryText().contains(u"1 only in right: X-Retry-Count"),
                 qPrintable(dialog.summaryText()));
        QCOMPARE(model->headerData(DiffTableModel::LeftColumn, Qt::Horizontal).toString(),
                 u"In left"_qs);
    }

    void coloursFollowThePalette()
    {
        DiffDialog dialog;
        const auto [left, right] = twoPledges();
        dialog.setCaptures(left, right);
        QTRY_VERIFY(dialog.isReady());
        const QModelIndex amount = dialog.model()->index(1, 0);
        const QColor light = amount.data(Qt::BackgroundRole).value<QColor>();
        dialog.setPalette(darkPalette());
        const QColor dark = amount.data(Qt::BackgroundRole).value<QColor>();
        QVERIFY(light.isValid() && dark.isValid());
        QVERIFY2(light.lightness() > 160, qPrintable(light.name()));
        QVERIFY2(dark.lightness() < 100, qPrintable(dark.name()));
    }

    void keyboardAndScreenReaders()
    {
        DiffDialog dialog;
        const auto [left, right] = twoPledges();
        dialog.setCaptures(left, right);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTRY_VERIFY(dialog.isReady());
        const QList<QWidget *> widgets = dialog.findChildren<QWidget *>();
        int named = 0;
        for (QWidget *widget : widgets) {
            const bool control = qobject_cast<QAbstractButton *>(widget)
                || qobject_cast<QAbstractItemView *>(widget) || qobject_cast<QComboBox *>(widget)
                || qobject_cast<QLineEdit *>(widget)
                || widget->objectName().endsWith(u"RequestLabel")
                || widget->objectName() == u"summaryLabel";
            if (!control || widget->objectName().isEmpty()
                || widget->objectName().startsWith(u"qt_"))
                continue;
            QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
            ++named;
        }
        QVERIFY(named >= 7);

        auto *table = dialog.findChild<QTableView *>(QStringLiteral("differencesTableView"));
        auto *showIdentical
            = dialog.findChild<QCheckBox *>(QStringLiteral("showIdenticalCheckBox"));
        table->setFocus();
        QTRY_VERIFY(table->hasFocus());
        QTest::keyClick(table, Qt::Key_Down);
        QTest::keyClick(table, Qt::Key_Tab);
        QTRY_VERIFY(showIdentical->hasFocus());
        QTest::keyClick(showIdentical, Qt::Key_Space);
        QVERIFY(showIdentical->isChecked());
        QVERIFY(dialog.model()->rowCount() > 2);
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QTRY_VERIFY(!dialog.isVisible());
    }

    void screenshots()
    {
        const auto [left, right] = twoPledges();
        const QPalette standard = QApplication::style()->standardPalette();
        for (const auto &[palette, name] :
             {std::pair {standard, QStringLiteral("diff-dialog-light.png")},
              std::pair {darkPalette(), QStringLiteral("diff-dialog-dark.png")}}) {
            QApplication::setPalette(palette);
            DiffDialog dialog;
            dialog.setCaptures(left, right);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QTRY_VERIFY(dialog.isReady());
            QCoreApplication::processEvents();
            const QImage image = dialog.grab().toImage();
            QVERIFY(!image.isNull());
            const QString path = screenshotPath(name);
            QVERIFY(image.save(path));
            qInfo("wrote %s", qPrintable(path));
        }
        QApplication::setPalette(standard);
    }
};

QTEST_MAIN(TestDiffDialog)
#include "TestDiffDialog.moc"
