#pragma once

#include <QCoreApplication>
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <functional>
#include <utility>

namespace hookscope {

// Runs then() on the application's thread unless `caller`'s object is gone by then. The guard
// is read there and nowhere else: read on a worker thread, it races with the window deleting
// its object (UBSan caught SignaturePanel half-destroyed that way). Every caller of these helpers
// lives on the application's thread; the application object outlives them all.
template<typename Then> void deliverUnlessGone(const QPointer<QObject> &caller, Then then)
{
    QCoreApplication *application = QCoreApplication::instance();
    if (!application)
        return; // shutting down: nobody is left to tell
    QMetaObject::invokeMethod(
        application,
        [caller, then = std::move(then)]() mutable {
            if (caller)
                then();
        },
        Qt::QueuedConnection);
}

// Runs work() on the global thread pool, then then(result) on the application's thread unless
// `caller` is gone by then: the pattern of every blocking job a window or service starts.
template<typename Work, typename Then> void runInPool(QObject *caller, Work work, Then then)
{
    Q_ASSERT(caller->thread() == QCoreApplication::instance()->thread());
    QThreadPool::globalInstance()->start(
        [caller = QPointer<QObject>(caller), work = std::move(work), then = std::move(then)] {
            deliverUnlessGone(caller, [result = work(), then] { then(result); });
        });
}

// Runs work(target) on the thread of `context` (an object living there), then then(result) on
// the application's thread, unless the caller is gone by then. The pattern behind every
// "asynchronous wrapper over a blocking object on its own thread" (the store, the send history).
template<typename Result, typename Target>
void callOnThread(QObject *context, Target *target, QObject *caller,
                  std::function<Result(Target &)> work, std::function<void(Result)> then)
{
    Q_ASSERT(caller->thread() == QCoreApplication::instance()->thread());
    QMetaObject::invokeMethod(
        context,
        [caller = QPointer<QObject>(caller), target, work = std::move(work),
         then = std::move(then)] {
            deliverUnlessGone(caller, [result = work(*target), then] {
                if (then)
                    then(result);
            });
        },
        Qt::QueuedConnection);
}

} // namespace hookscope
