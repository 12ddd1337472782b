#include "compose/HttpSender.h"

#include "core/Version.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>

#include <memory>

namespace hookscope::compose {

HttpSender::HttpSender(QObject *parent)
    : QObject(parent)
{
    m_manager.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

static SendError classify(QNetworkReply::NetworkError code)
{
    switch (code) {
    case QNetworkReply::ConnectionRefusedError:
        return SendError::ConnectionRefused;
    case QNetworkReply::HostNotFoundError:
        return SendError::HostNotFound;
    case QNetworkReply::SslHandshakeFailedError:
        return SendError::Tls;
    case QNetworkReply::TimeoutError:
        return SendError::Timeout;
    default:
        return SendError::Network;
    }
}

namespace {
// What one send in flight remembers until its reply finishes.
struct InFlight {
    QElapsedTimer clock;
    qint64 startedAtUs = 0;
    qint64 firstByteUs = 0;
    bool timedOut = false;
    QStringList tlsErrors;
    QTimer timer;
};
} // namespace

void HttpSender::send(const OutgoingRequest &request, Callback callback)
{
    SendResult invalid;
    if (!validateRequest(request, &invalid.error, &invalid.message)) {
        invalid.startedAtUs = QDateTime::currentMSecsSinceEpoch() * 1000;
        QTimer::singleShot(0, this, [callback, invalid] { callback(invalid); });
        return;
    }

    QNetworkRequest networkRequest(request.url);
    networkRequest.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                QNetworkRequest::ManualRedirectPolicy);
    // QNetworkRequest keeps one value per name: repeated headers are joined, which HTTP allows.
    QList<QByteArray> names;
    for (const HeaderField &field : request.headers) {
        const QByteArray key = field.name.toLower();
        const qsizetype index = names.indexOf(key);
        if (index < 0) {
            names.append(key);
            networkRequest.setRawHeader(field.name, field.value);
        } else {
            networkRequest.setRawHeader(field.name,
                                        networkRequest.rawHeader(field.name) + ", " + field.value);
        }
    }
    if (!names.contains("user-agent"))
        networkRequest.setRawHeader("User-Agent", QByteArray("Hookscope/") + kVersion);
    if (!request.body.isEmpty() && !names.contains("content-type"))
        networkRequest.setRawHeader("Content-Type", "application/octet-stream");
    if (request.insecure && request.url.scheme().compare(u"https", Qt::CaseInsensitive) == 0) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        networkRequest.setSslConfiguration(tls);
    }

    auto state = std::make_shared<InFlight>();
    state->startedAtUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    state->clock.start();
    // An insecure send gets a manager of its own, thrown away afterwards: a connection whose
    // certificate was accepted once must never carry a later send that did not ask for it.
    QNetworkAccessManager *manager = &m_manager;
    if (request.insecure) {
        manager = new QNetworkAccessManager(this);
        manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    }
    QNetworkReply *reply = manager->sendCustomRequest(networkRequest, request.method, request.body);

    state->timer.setSingleShot(true);
    // A weak reference: the timer lives in the state, so a strong one would keep it alive.
    connect(&state->timer, &QTimer::timeout, reply, [weak = std::weak_ptr(state), reply] {
        if (const auto alive = weak.lock())
            alive->timedOut = true;
        reply->abort();
    });
    state->timer.start(qMax(1, request.timeoutMs));

    connect(reply, &QNetworkReply::metaDataChanged, this, [state] {
        if (state->firstByteUs == 0)
            state->firstByteUs = qMax<qint64>(1, state->clock.nsecsElapsed() / 1000);
    });
    const bool insecure = request.insecure;
    connect(reply, &QNetworkReply::sslErrors, this,
            [state, reply, insecure](const QList<QSslError> &errors) {
                for (const QSslError &error : errors)
                    state->tlsErrors.append(error.errorString());
                if (insecure)
                    reply->ignoreSslErrors();
            });
    const QUrl url = request.url;
    connect(
        reply, &QNetworkReply::finished, this, [state, reply, callback, url, insecure, manager] {
            state->timer.stop();
            SendResult result;
            result.startedAtUs = state->startedAtUs;
            result.durationUs = state->clock.nsecsElapsed() / 1000;
            result.firstByteUs = state->firstByteUs;
            result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (state->timedOut) {
                result.status = 0;
                result.error = SendError::Timeout;
                result.message = QStringLiteral("timed out after %1 ms waiting for %2")
                                     .arg(result.durationUs / 1000)
                                     .arg(url.toString());
            } else if (result.status > 0) {
                result.reason
                    = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
                for (const auto &[name, value] : reply->rawHeaderPairs())
                    result.headers.append({name, value});
                result.body = reply->readAll();
            } else {
                result.error = classify(reply->error());
                if (!state->tlsErrors.isEmpty() && !insecure)
                    result.error = SendError::Tls;
                const QString host = url.host()
                    + (url.port() > 0 ? u':' + QString::number(url.port()) : QString());
                switch (result.error) {
                case SendError::ConnectionRefused:
                    result.message
                        = QStringLiteral("connection refused by %1: nothing is listening "
                                         "there")
                              .arg(host);
                    break;
                case SendError::HostNotFound:
                    result.message = QStringLiteral("host not found: %1").arg(url.host());
                    break;
                case SendError::Tls:
                    result.message
                        = QStringLiteral("TLS error with %1: %2. If you trust this server (e.g. a "
                                         "self-signed certificate), send again with --insecure")
                              .arg(host,
                                   state->tlsErrors.isEmpty()
                                       ? reply->errorString()
                                       : state->tlsErrors.join(QStringLiteral("; ")));
                    break;
                default:
                    result.message = QStringLiteral("%1: %2").arg(host, reply->errorString());
                }
            }
            reply->deleteLater();
            if (insecure)
                manager->deleteLater();
            callback(result);
        });
}

SendResult HttpSender::sendAndWait(const OutgoingRequest &request)
{
    SendResult result;
    QEventLoop loop;
    send(request, [&](const SendResult &r) {
        result = r;
        loop.quit();
    });
    loop.exec();
    return result;
}

} // namespace hookscope::compose
