#pragma once

#include <QMetaObject>
#include <QObject>
#include <QPointer>

#include <functional>

namespace hookscope {

// Runs work(target) on the thread of `context` (an object living there), then then(result) on
// the thread of `caller`, unless the caller is gone by then. The pattern behind every
// "asynchronous wrapper over a blocking object on its own thread" (the store, the send history).
template<typename Result, typename Target>
void callOnThread(QObject *context, Target *target, QObject *caller,
                  std::function<Result(Target &)> work, std::function<void(Result)> then)
{
    QPointer<QObject> self(caller);
    QMetaObject::invokeMethod(
        context,
        [self, target, work = std::move(work), then = std::move(then)] {
            Result result = work(*target);
            if (!self)
                return;
            QMetaObject::invokeMethod(
                self.data(),
                [result = std::move(result), then] {
                    if (then)
                        then(result);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

} // namespace hookscope
