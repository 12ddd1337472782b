#include "ReceiverFixture.h"

#include "http/TlsCertificate.h"

namespace hookscope::test {

store::RequestStore *ReceiverFixture::openStore(const store::StoreOptions &options)
{
    m_store = std::make_unique<store::RequestStore>();
    const QString error = m_store->open(databasePath(), options);
    if (!error.isEmpty())
        qFatal("store: %s", qPrintable(error));
    return m_store.get();
}

quint16 ReceiverFixture::start(http::ReceiverConfig config,
                               const std::function<void(http::CaptureServer &)> &prepare)
{
    if (!m_store)
        openStore();
    config.port = 0;
    m_server = std::make_unique<http::CaptureServer>();
    if (prepare)
        prepare(*m_server);
    if (!m_server->start(config, m_store.get(), m_dir.path()))
        qFatal("server: %s", qPrintable(m_server->errorString()));
    return m_server->port();
}

quint16 ReceiverFixture::startTls()
{
    http::ReceiverConfig config;
    config.tls = true;
    const QString error = http::ensureSelfSignedCertificate(m_dir.path(), &config.certificatePath,
                                                            &config.privateKeyPath);
    if (!error.isEmpty())
        qFatal("certificate: %s", qPrintable(error));
    m_certificatePath = config.certificatePath;
    return start(config);
}

void ReceiverFixture::close()
{
    m_server.reset();
    m_store.reset();
}

} // namespace hookscope::test
