#include "ElidedLabel.h"

#include <QTest>
#include <QTextDocument>

using namespace hookscope;

// The status bar's message label: a message may quote what a sender or a forward target said,
// so its tooltip shows the characters as written, never rendered as markup.
class TestElidedLabel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aMessageThatLooksLikeMarkupIsShownAsWritten()
    {
        ui::ElidedLabel label;
        const QString text
            = u"Forward target answered <b>502</b>: <html>bad gateway</html> & more"_qs;
        label.setFullText(text);
        QCOMPARE(label.text(), text);
        QTextDocument shown;
        shown.setHtml(label.toolTip()); // how QToolTip reads it
        QCOMPARE(shown.toPlainText(), text);
    }

    void plainTextStaysAsItIs()
    {
        ui::ElidedLabel label;
        label.setFullText(u"Listening on http://127.0.0.1:8787"_qs);
        QCOMPARE(label.toolTip(), u"Listening on http://127.0.0.1:8787"_qs);
    }
};

QTEST_MAIN(TestElidedLabel)
#include "TestElidedLabel.moc"
