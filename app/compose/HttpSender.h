#pragma once

#include "compose/SendTypes.h"

#include <QNetworkAccessManager>
#include <QObject>

#include <functional>

namespace hookscope::compose {

// Sends one request at a time or many at once over QNetworkAccessManager, without blocking: the
// callback runs later on this object's thread. Redirects are not followed (the 3xx is the
// answer) and HTTP/1.1 is used, as webhook providers do.
class HttpSender final : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const SendResult &)>;

    explicit HttpSender(QObject *parent = nullptr);

    // Validation errors are reported through the callback too, never synchronously.
    void send(const OutgoingRequest &request, Callback callback);
    // Runs a local event loop until the answer: for the command line and tests.
    SendResult sendAndWait(const OutgoingRequest &request);

private:
    QNetworkAccessManager m_manager;
};

} // namespace hookscope::compose
