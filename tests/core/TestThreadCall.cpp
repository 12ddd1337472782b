#include "core/ThreadCall.h"

#include <QSemaphore>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <atomic>
#include <memory>

using namespace hookscope;

// Blocking work runs off the application's thread and its result comes back on it, or not at
// all once the object that asked is gone: a window closed mid-check must not be told.
class TestThreadCall final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void poolWorkRunsOffTheApplicationThreadAndAnswersOnIt()
    {
        QObject caller;
        QThread *workedOn = nullptr;
        QThread *answeredOn = nullptr;
        int answer = 0;
        runInPool(
            &caller,
            [&workedOn] {
                workedOn = QThread::currentThread();
                return 42;
            },
            [&](int result) {
                answeredOn = QThread::currentThread();
                answer = result;
            });
        QTRY_COMPARE(answer, 42);
        QVERIFY(workedOn != nullptr);
        QVERIFY(workedOn != thread());
        QCOMPARE(answeredOn, thread());
    }

    void aCallerGoneBeforeThePoolWorkEndsIsNotAnswered()
    {
        auto caller = std::make_unique<QObject>();
        QSemaphore started;
        QSemaphore mayFinish;
        auto answered = std::make_shared<std::atomic<bool>>(false);
        runInPool(
            caller.get(),
            [&started, &mayFinish] {
                started.release();
                mayFinish.acquire();
                return 1;
            },
            [answered](int) { answered->store(true); });
        started.acquire();
        caller.reset(); // deleted while the work runs
        mayFinish.release();
        QVERIFY(QThreadPool::globalInstance()->waitForDone(10000));
        QCoreApplication::sendPostedEvents(); // where an answer would be delivered
        QVERIFY(!answered->load());
    }

    void threadWorkRunsOnTheTargetsThreadAndAnswersOnTheApplicationThread()
    {
        QThread worker;
        QObject target;
        target.moveToThread(&worker);
        worker.start();
        QObject caller;
        QThread *workedOn = nullptr;
        QThread *answeredOn = nullptr;
        QString answer;
        callOnThread<QString, QObject>(
            &target, &target, &caller,
            [&workedOn](QObject &) {
                workedOn = QThread::currentThread();
                return QStringLiteral("done");
            },
            [&](QString result) {
                answeredOn = QThread::currentThread();
                answer = result;
            });
        QTRY_COMPARE(answer, u"done"_qs);
        QCOMPARE(workedOn, &worker);
        QCOMPARE(answeredOn, thread());
        worker.quit();
        QVERIFY(worker.wait(10000));
    }

    void aCallerGoneBeforeTheThreadWorkEndsIsNotAnswered()
    {
        QThread worker;
        QObject target;
        target.moveToThread(&worker);
        worker.start();
        auto caller = std::make_unique<QObject>();
        QSemaphore started;
        QSemaphore mayFinish;
        auto answered = std::make_shared<std::atomic<bool>>(false);
        callOnThread<int, QObject>(
            &target, &target, caller.get(),
            [&started, &mayFinish](QObject &) {
                started.release();
                mayFinish.acquire();
                return 1;
            },
            [answered](int) { answered->store(true); });
        started.acquire();
        caller.reset();
        mayFinish.release();
        worker.quit();
        QVERIFY(worker.wait(10000));
        QCoreApplication::sendPostedEvents();
        QVERIFY(!answered->load());
    }
};

QTEST_GUILESS_MAIN(TestThreadCall)
#include "TestThreadCall.moc"
