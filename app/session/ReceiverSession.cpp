#include "session/ReceiverSession.h"

#include "compose/SendTypes.h"
#include "exchange/HarImport.h"
#include "http/CaptureServer.h"
#include "session/Forwarder.h"
#include "session/ReceiverProfile.h"
#include "store/StoreClient.h"

#include <QFileInfo>
#include <QPointer>

namespace hookscope::session {

ReceiverSession::ReceiverSession(QObject *parent)
    : QObject(parent)
    , m_store(std::make_unique<store::StoreClient>())
    , m_server(std::make_unique<http::CaptureServer>())
    , m_forwarder(new Forwarder({}, this))
{
    m_server->setVerdictHook(
        [this](const Capture &capture) { return m_verifier.verdictFor(capture); });
    m_server->setSecretHook([this](const Capture &capture, const QString &scheme, bool dedicated) {
        return m_verifier.handshakeSecret(capture, scheme, dedicated);
    });
    m_server->setPassThroughHooks(m_forwarder->passThroughHooks(
        [this](qint64 id, const ForwardResult &result) { keepForwardResult(id, result); },
        [this](qint64 id, const http::HttpResponse &sent) {
            m_store->updateResponse(id, sent, [](bool) {});
        }));
    // From a server thread: delivered on this object's.
    m_server->setNoticeHook([this](const QString &message) {
        QMetaObject::invokeMethod(this, [this, message] { Q_EMIT noticed(message); });
    });
    connect(m_store.get(), &store::StoreClient::writeFailed, this, [this](const QString &message) {
        Q_EMIT errorOccurred(tr("Could not store a request (answered 503): %1").arg(message));
    });
    connect(m_store.get(), &store::StoreClient::stored, this, &ReceiverSession::forwardStored);
}

ReceiverSession::~ReceiverSession()
{
    // Stop taking requests, end any background re-verification, then close the store (which
    // commits what the server already handed it) while the verifier is still alive.
    m_closing->store(true);
    m_server->stop();
    m_server.reset();
    m_store.reset();
}

void ReceiverSession::openStore(const QString &path, std::function<void(const QString &)> done)
{
    forgetForwardsInFlight();
    QPointer<ReceiverSession> self(this);
    m_store->openWithFailure(path, {},
                             [self, path, done](const QString &error, store::OpenFailure failure) {
                                 if (self) {
                                     self->m_storeOpen = error.isEmpty();
                                     self->m_storePath = path;
                                     self->m_storeFailure = failure;
                                 }
                                 done(error);
                             });
}

void ReceiverSession::startStoreOver(const QString &path,
                                     std::function<void(const QString &, const QString &)> done)
{
    forgetForwardsInFlight();
    QPointer<ReceiverSession> self(this);
    m_store->startOver(path, {}, [self, path, done](const QString &movedTo, const QString &error) {
        if (self) {
            self->m_storeOpen = error.isEmpty();
            self->m_storePath = path;
            self->m_storeFailure
                = error.isEmpty() ? store::OpenFailure::None : store::OpenFailure::Other;
        }
        done(movedTo, error);
    });
}

bool ReceiverSession::startReceiver(const http::ReceiverConfig &config)
{
    if (!m_storeOpen) {
        m_lastError = tr("The database is not open, so requests could not be stored.");
        return false;
    }
    m_server->stop();
    m_config = config;
    const QString tlsDirectory = QFileInfo(m_storePath).absolutePath();
    if (!m_server->start(config, m_store->store(), tlsDirectory)) {
        m_lastError = m_server->errorString();
        Q_EMIT listeningChanged(false, {});
        return false;
    }
    if (const QString problem = loopProblem(m_forwarder->targets()); !problem.isEmpty()) {
        m_server->stop();
        m_lastError = problem + tr(" Remove that forward target or pick another port.");
        Q_EMIT listeningChanged(false, {});
        return false;
    }
    m_lastError.clear();
    Q_EMIT listeningChanged(true, m_server->url());
    return true;
}

QString ReceiverSession::setForwardTargets(const QList<QUrl> &targets)
{
    for (const QUrl &target : targets) {
        if (const QString problem = forwardTargetProblem(target); !problem.isEmpty())
            return problem;
    }
    if (const QString problem = loopProblem(targets); !problem.isEmpty())
        return problem;
    m_forwarder->setTargets(targets);
    return {};
}

QList<QUrl> ReceiverSession::forwardTargets() const
{
    return m_forwarder->targets();
}

void ReceiverSession::setPassThrough(bool on)
{
    m_forwarder->setPassThrough(on);
}

bool ReceiverSession::passesThrough() const
{
    return m_forwarder->passesThrough();
}

QString ReceiverSession::loopProblem(const QList<QUrl> &targets) const
{
    if (!m_server->isListening())
        return {};
    for (const QUrl &target : targets) {
        if (Forwarder::loopsBack(target, m_server->port()))
            return tr("Forwarding to %1 would send every request back to this receiver.")
                .arg(compose::redactedUrl(target));
    }
    return {};
}

void ReceiverSession::forgetForwardsInFlight()
{
    // Their ids name requests of the database being left: answers and retries that come back
    // later must not be kept beside another database's requests with the same ids.
    ++m_storeGeneration;
    m_forwarder->dropWaitingRetries();
}

void ReceiverSession::forwardStored(const QList<qint64> &ids)
{
    if (!m_forwarder->forwardsToOthers())
        return;
    QPointer<ReceiverSession> self(this);
    const quint64 generation = m_storeGeneration;
    for (const qint64 id : ids) {
        m_store->load(id, [self, id, generation](const std::optional<Capture> &capture) {
            // Imported requests were not received here; forwarding is for live deliveries.
            if (!self || !capture || capture->endpoint == exchange::HarImportOptions().endpoint
                || generation != self->m_storeGeneration)
                return;
            self->m_forwarder->forward(*capture,
                                       [self, id, generation](const ForwardResult &result) {
                                           if (self && generation == self->m_storeGeneration)
                                               self->keepForwardResult(id, result);
                                       });
        });
    }
}

void ReceiverSession::keepForwardResult(qint64 captureId, const ForwardResult &result)
{
    m_store->addForwardResult(captureId, result, [](bool) {});
    Q_EMIT forwarded(captureId, result);
}

void ReceiverSession::stopReceiver()
{
    if (!m_server->isListening())
        return;
    m_server->stop();
    Q_EMIT listeningChanged(false, {});
}

bool ReceiverSession::isListening() const
{
    return m_server->isListening();
}

QString ReceiverSession::url() const
{
    return m_server->isListening() ? m_server->url() : QString();
}

void ReceiverSession::reverify(const QString &endpoint, std::function<void(qint64)> progress,
                               std::function<void(qint64)> finished)
{
    store::CaptureFilter filter;
    if (!endpoint.isEmpty())
        filter.endpoint = endpoint;
    // The visit runs on the store's thread and writes verdicts back in batches, so a million
    // rows never sit in memory at once; the last partial batch is written when it ends.
    auto pending = std::make_shared<QList<std::pair<qint64, StoredVerdict>>>();
    auto visited = std::make_shared<qint64>(0);
    QPointer<ReceiverSession> self(this);
    store::RequestStore *rawStore = m_store->store();
    m_store->forEach(
        filter,
        [this, self, closing = m_closing, pending, visited, rawStore,
         progress](const Capture &capture) {
            if (closing->load())
                return false;
            pending->append({capture.id, m_verifier.verdictFor(capture)});
            ++*visited;
            if (pending->size() >= 500) {
                rawStore->updateVerdicts(*pending);
                pending->clear();
                const qint64 count = *visited;
                QMetaObject::invokeMethod(
                    this, [progress, count] { progress(count); }, Qt::QueuedConnection);
            }
            return true;
        },
        [self, pending, visited, finished](bool) {
            if (!self)
                return;
            self->m_store->updateVerdicts(
                *pending, [visited, finished](bool ok) { finished(ok ? *visited : -1); });
        });
}

} // namespace hookscope::session
