// A payload is data from a stranger: the inspector must show markup in it as the characters it
// is, never render it or make a link of it. Every view of a capture full of HTML is checked.
#include "CaptureDetailView.h"
#include "JsonTreeModel.h"
#include "PayloadTreeView.h"
#include "RawTextView.h"

#include <QAbstractItemView>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTextBrowser>
#include <QTextEdit>
#include <QTreeView>

using namespace hookscope;
using ui::CaptureDetailView;

namespace {

const QByteArray kMarkup = "<b>bold</b> <a href=\"https://example.invalid/x\">click</a> "
                           "<img src=x onerror=alert(1)>";

Capture htmlEverywhere(const QByteArray &contentType, const QByteArray &body)
{
    Capture capture;
    capture.method = "POST";
    capture.target = "/<b>hook</b>?q=<a href='https://example.invalid'>x</a>";
    capture.httpVersion = "1.1";
    capture.headers = {{"Content-Type", contentType},
                       {"X-<b>Name</b>", kMarkup},
                       {"Stripe-Signature", "t=<b>1</b>,v1=<a href=x>y</a>"}};
    capture.body = body;
    capture.endpoint = QStringLiteral("<b>endpoint</b>");
    capture.remoteAddress = QStringLiteral("127.0.0.1");
    capture.remotePort = 40000;
    capture.parseError = QString::fromUtf8(kMarkup);
    capture.responseStatus = 200;
    capture.responseHeaders = {{"X-Echo", kMarkup}};
    capture.responseBody = kMarkup;
    capture.signature
        = {QStringLiteral("stripe"), QStringLiteral("invalid"), QString::fromUtf8(kMarkup)};
    return capture;
}

// Every widget that can show text: labels must be plain text and open no links, and no widget
// may be a rich-text browser.
void expectNoRichText(QWidget *root)
{
    QVERIFY(root->findChildren<QTextBrowser *>().isEmpty());
    for (QTextEdit *edit : root->findChildren<QTextEdit *>())
        QVERIFY2(!edit->toHtml().contains(QStringLiteral("<b>bold")),
                 qPrintable(edit->objectName()));
    for (QLabel *label : root->findChildren<QLabel *>()) {
        const QString name = label->objectName().isEmpty() ? label->text() : label->objectName();
        QVERIFY2(!label->openExternalLinks(), qPrintable(name));
        if (label->text().contains(u'<'))
            QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(name));
    }
}

// Depth-first: true when some index under parent shows text containing needle as is.
bool modelShows(const QAbstractItemModel *model, const QModelIndex &parent, const QString &needle)
{
    for (int row = 0; row < model->rowCount(parent); ++row) {
        for (int column = 0; column < model->columnCount(parent); ++column) {
            const QModelIndex index = model->index(row, column, parent);
            if (index.data().toString().contains(needle))
                return true;
        }
        const QModelIndex child = model->index(row, 0, parent);
        if (model->hasChildren(child) && modelShows(model, child, needle))
            return true;
    }
    return false;
}

} // namespace

class TestHardeningPlainText final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void markupInAPayloadIsShownAsText_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("json") << QByteArray("application/json")
                              << QByteArray("{\"<b>key</b>\": \"")
                + QByteArray(kMarkup).replace('"', "\\\"") + "\"}";
        QTest::newRow("html") << QByteArray("text/html")
                              << QByteArray("<html><body>") + kMarkup + "</body></html>";
        QTest::newRow("form") << QByteArray("application/x-www-form-urlencoded")
                              << "a=" + QByteArray(kMarkup).toPercentEncoding();
        QTest::newRow("broken json")
            << QByteArray("application/json") << QByteArray("{\"a\": ") + kMarkup;
    }

    void markupInAPayloadIsShownAsText()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        CaptureDetailView view;
        view.resize(900, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setCapture(htmlEverywhere(contentType, body));
        QTRY_COMPARE(view.pendingParses(), 0);
        for (int tab = 0; tab < view.count(); ++tab) {
            view.setCurrentIndex(tab);
            QCoreApplication::processEvents();
            expectNoRichText(&view);
        }
        // Raw: the bytes, markup and all, in a plain-text editor.
        view.setCurrentIndex(CaptureDetailView::RawTab);
        QVERIFY(view.rawTextView()->toPlainText().contains(QString::fromUtf8(body.left(20))));
        // Tree: the model hands the view the markup as text (the default delegate paints
        // text, never HTML).
        QTreeView *tree = view.payloadTree()->treeView();
        QCOMPARE(QByteArray(tree->itemDelegate()->metaObject()->className()),
                 QByteArray("QStyledItemDelegate"));
        if (contentType != "text/html" && !body.startsWith("{\"a\": <"))
            QVERIFY(modelShows(tree->model(), {}, QStringLiteral("<b>bold</b>")));
        // Headers: shown as text in item views.
        int viewsWithMarkup = 0;
        for (QAbstractItemView *itemView : view.findChildren<QAbstractItemView *>()) {
            if (qobject_cast<QHeaderView *>(itemView) || !itemView->itemDelegate())
                continue; // column headers paint their own titles
            if (itemView->model() && itemView->model()->rowCount() > 0
                && modelShows(itemView->model(), {}, QStringLiteral("<a href="))) {
                ++viewsWithMarkup;
                QCOMPARE(QByteArray(itemView->itemDelegate()->metaObject()->className()),
                         QByteArray("QStyledItemDelegate"));
            }
        }
        QVERIFY(viewsWithMarkup >= 1); // at least the request headers table
    }
};

QTEST_MAIN(TestHardeningPlainText)
#include "TestHardeningPlainText.moc"
