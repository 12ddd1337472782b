#include "compose/HiddenPassword.h"
#include "compose/SendTypes.h"

#include <QTest>

using namespace hookscope;
using namespace hookscope::compose;

// What is shown of a URL the user gave: never its password.
class TestSendTypes final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // *** stands for a known password only in the very same URL: another user, host, port, path
    // or query stands for nothing.
    void aHiddenPasswordComesBackOnlyForTheSameUrl()
    {
        const QUrl real(QStringLiteral("https://relay:pw-FAKE-2@hooks.test:8443/in?x=1"));
        const QUrl hidden = withHiddenPassword(real);
        QCOMPARE(hidden.toString(), u"https://relay:***@hooks.test:8443/in?x=1"_qs);
        QVERIFY(hidesPassword(hidden));
        QVERIFY(!hidesPassword(real));
        QCOMPARE(identityOf(hidden), identityOf(real));
        QCOMPARE(identityOf(real), u"https://relay@hooks.test:8443/in?x=1"_qs);
        const QList<QUrl> known {QUrl(u"https://other:pw-FAKE-3@hooks.test:8443/in?x=1"_qs), real};
        QCOMPARE(withPasswordFrom(hidden, known), real);
        for (const QString &elsewhere : {u"https://relay:***@hooks.test:8443/in?x=2"_qs,
                                         u"https://relay:***@hooks.test:9443/in?x=1"_qs,
                                         u"http://relay:***@hooks.test:8443/in?x=1"_qs,
                                         u"https://relay:***@evil.test:8443/in?x=1"_qs,
                                         u"https://admin:***@hooks.test:8443/in?x=1"_qs}) {
            const QUrl typed(elsewhere);
            QCOMPARE(withPasswordFrom(typed, known), typed);
            QVERIFY(hidesPassword(withPasswordFrom(typed, known)));
        }
        // A real password typed is used as typed; a URL without one is left alone.
        const QUrl typed(u"https://relay:new-FAKE@hooks.test:8443/in?x=1"_qs);
        QCOMPARE(withPasswordFrom(typed, known), typed);
        QCOMPARE(withHiddenPassword(QUrl(u"http://relay@h.test/"_qs)),
                 QUrl(u"http://relay@h.test/"_qs));
    }

    void aPasswordIsRedactedWhereverTheUrlIsShown()
    {
        const QUrl url(QStringLiteral("http://user:pw-FAKE-1@127.0.0.1:3000/hooks?x=1"));
        QCOMPARE(redactedUrl(url), u"http://user:***@127.0.0.1:3000/hooks?x=1"_qs);
        QCOMPARE(redactedUrl(QUrl(u"http://127.0.0.1/"_qs)), u"http://127.0.0.1/"_qs);
        QCOMPARE(redactedUrl(QUrl(u"http://user@127.0.0.1/"_qs)), u"http://user@127.0.0.1/"_qs);
        QCOMPARE(redactedUrlText(u"http://user:p@ss:w0rd@host:99999/x"_qs),
                 u"http://user:***@host:99999/x"_qs);
        QCOMPARE(redactedUrlText(u"not a url"_qs), u"not a url"_qs);
        // As the sender quotes it in a timeout.
        const QString message
            = QStringLiteral("timed out after 30000 ms waiting for %1").arg(url.toString());
        QCOMPARE(
            withoutUrlPassword(message, url),
            u"timed out after 30000 ms waiting for http://user:***@127.0.0.1:3000/hooks?x=1"_qs);
    }

    // The composer hands over a QUrl; an invalid one still quotes what was typed.
    void anInvalidUrlIsQuotedAndExplained()
    {
        OutgoingRequest request;
        SendError error = SendError::None;
        QString message;
        request.url = QUrl(u"http://127.0.0.1:99999/"_qs, QUrl::StrictMode);
        QVERIFY(!validateRequest(request, &error, &message));
        QCOMPARE(error, SendError::InvalidUrl);
        QCOMPARE(
            message,
            u"invalid URL 'http://127.0.0.1:99999/': the port 99999 is not from 1 to 65535"_qs);
        request.url = QUrl(u"not a url"_qs, QUrl::StrictMode);
        QVERIFY(!validateRequest(request, &error, &message));
        QCOMPARE(message,
                 u"invalid URL 'not a url': it does not start with http:// or https://"_qs);
        QCOMPARE(invalidUrlMessage(u"https://[::1]:8443/x"_qs), QString());
        QCOMPARE(invalidUrlMessage(u"http://u:pw\\FAKE@127.0.0.1/"_qs),
                 u"invalid URL 'http://u:***@127.0.0.1/': its password has a character that must "
                 "be percent-encoded"_qs);
        QCOMPARE(invalidUrlMessage(u"http://127.0.0.1:0/"_qs),
                 u"invalid URL 'http://127.0.0.1:0/': the port 0 is not from 1 to 65535"_qs);
    }
};

QTEST_GUILESS_MAIN(TestSendTypes)
#include "TestSendTypes.moc"
