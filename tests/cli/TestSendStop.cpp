// `hookscope send` stopped by Ctrl+C (SIGINT) or SIGTERM: it reports what it sent so far, as a
// finished run does, instead of dying without a word.
#include "ComposeTestServer.h"
#include "TestConfig.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <csignal>

using namespace hookscope;
using test::ComposeTestServer;

namespace {

// A running `hookscope send`, read as it goes.
class SendProcess
{
public:
    explicit SendProcess(const QStringList &arguments)
    {
        m_process.start(QStringLiteral(HOOKSCOPE_BINARY),
                        QStringList {QStringLiteral("send")} + arguments);
        m_process.closeWriteChannel();
    }
    ~SendProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }
    // Waits until standard error holds `text`.
    bool waitForError(const QByteArray &text, int timeoutMs = 15000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!m_err.contains(text) && !deadline.hasExpired()
               && m_process.state() != QProcess::NotRunning) {
            m_process.waitForReadyRead(100);
            m_err += m_process.readAllStandardError();
        }
        return m_err.contains(text);
    }
    // Sends the signal and waits for the exit; the exit code, -1 when it crashed or hung.
    int stop(int signal, int timeoutMs = 10000)
    {
        ::kill(pid_t(m_process.processId()), signal);
        if (!m_process.waitForFinished(timeoutMs))
            return -1;
        m_out += m_process.readAllStandardOutput();
        m_err += m_process.readAllStandardError();
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    QByteArray out() const { return m_out; }
    QByteArray err() const { return m_err; }

private:
    QProcess m_process;
    QByteArray m_out;
    QByteArray m_err;
};

} // namespace

class TestSendStop final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // An attempt answered 503, then a wait of a minute for the next: Ctrl+C then says what was
    // sent and what was not, and prints the last answer as a finished run does.
    void ctrlCDuringARetryScheduleSaysWhatWasSent()
    {
        ComposeTestServer server;
        server.setStatuses({503});
        SendProcess send({server.url().toString(), QStringLiteral("--template"),
                          QStringLiteral("webhook-api/user.created"),
                          QStringLiteral("--retry-schedule"), QStringLiteral("webhook-api")});
        QVERIFY2(send.waitForError("attempt 1/6: 503"), send.err().constData());
        QCOMPARE(send.stop(SIGINT), 1);
        QCOMPARE(server.receivedCount(), 1);
        QVERIFY2(send.err().contains("hookscope send: stopped by SIGINT after 1 attempt "
                                     "(503 × 1); attempt 2 after 1 min was not sent\n"),
                 send.err().constData());
        QVERIFY2(send.out().startsWith("HTTP 503 "), send.out().constData());
    }

    // --json gets the same report: the attempts made, and what stopped the run.
    void aStoppedRunsJsonListsItsAttempts()
    {
        ComposeTestServer server;
        server.setStatuses({503});
        SendProcess send({server.url().toString(), QStringLiteral("--template"),
                          QStringLiteral("webhook-api/user.created"),
                          QStringLiteral("--retry-schedule"), QStringLiteral("webhook-api"),
                          QStringLiteral("--json")});
        QVERIFY(server.waitForRequests(1));
        QTest::qWait(300); // its answer is read
        QCOMPARE(send.stop(SIGTERM), 1);
        const QJsonObject root = QJsonDocument::fromJson(send.out()).object();
        QCOMPARE(root.value(u"ok").toBool(true), false);
        QCOMPARE(root.value(u"stopped_by").toString(), QStringLiteral("SIGTERM"));
        const QJsonArray attempts = root.value(u"attempts").toArray();
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.at(0).toObject().value(u"status").toInt(), 503);
        QCOMPARE(attempts.at(0).toObject().value(u"next_delay_ms").toInteger(), 60000);
        // Standard error says it as without --json; standard output stays one JSON object.
        QVERIFY2(send.err().contains("hookscope send: stopped by SIGTERM after 1 attempt"),
                 send.err().constData());
        QCOMPARE(send.out().count('\n'), 1);
    }

    // Load mode prints its summary of the deliveries that finished, and how many were not sent.
    void ctrlCDuringLoadPrintsTheSummarySoFar()
    {
        ComposeTestServer server;
        SendProcess send({server.url().toString(), QStringLiteral("--template"),
                          QStringLiteral("webhook-api/user.created"), QStringLiteral("--count"),
                          QStringLiteral("1000"), QStringLiteral("--rate"), QStringLiteral("20")});
        QVERIFY(server.waitForRequests(5));
        QCOMPARE(send.stop(SIGINT), 1);
        QVERIFY2(send.out().startsWith("deliveries: 1000  delivered (2xx): "),
                 send.out().constData());
        QVERIFY2(send.err().contains(" deliveries finished, the rest were not sent\n"),
                 send.err().constData());
        QVERIFY(send.err().contains("hookscope send: stopped by SIGINT after "));
        QVERIFY(server.receivedCount() < 1000);
    }
};

QTEST_GUILESS_MAIN(TestSendStop)
#include "TestSendStop.moc"
