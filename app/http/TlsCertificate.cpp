#include "http/TlsCertificate.h"

#include <QDir>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>

#include <fcntl.h>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hookscope::http {

namespace {

template<typename T, void (*Free)(T *)>
using OpenSslPtr = std::unique_ptr<T, decltype([](T *p) { Free(p); })>;

bool addExtension(X509 *certificate, int nid, const char *value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    if (!extension)
        return false;
    const bool ok = X509_add_ext(certificate, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return ok;
}

// Writes data to a new file that only the owner can read, whatever the umask.
QString writePrivateFile(const QString &path, const QByteArray &data)
{
    const QByteArray native = QFile::encodeName(path);
    ::unlink(native.constData());
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return QStringLiteral("cannot create %1: %2")
            .arg(path, QString::fromLocal8Bit(strerror(errno)));
    qsizetype written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + written, size_t(data.size() - written));
        if (n <= 0) {
            ::close(fd);
            return QStringLiteral("cannot write %1").arg(path);
        }
        written += n;
    }
    ::fchmod(fd, 0600);
    ::close(fd);
    return {};
}

QString generate(const QString &certificatePath, const QString &privateKeyPath)
{
    OpenSslPtr<EVP_PKEY, EVP_PKEY_free> key(EVP_EC_gen("P-256"));
    OpenSslPtr<X509, X509_free> certificate(X509_new());
    if (!key || !certificate)
        return QStringLiteral("OpenSSL could not create a key");
    X509_set_version(certificate.get(), 2);
    unsigned char serial[16];
    QFile random(QStringLiteral("/dev/urandom"));
    if (!random.open(QIODevice::ReadOnly)
        || random.read(reinterpret_cast<char *>(serial), 16) != 16)
        return QStringLiteral("cannot read /dev/urandom");
    serial[0] &= 0x7f;
    OpenSslPtr<BIGNUM, BN_free> serialNumber(BN_bin2bn(serial, sizeof serial, nullptr));
    BN_to_ASN1_INTEGER(serialNumber.get(), X509_get_serialNumber(certificate.get()));
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -60);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 825L * 24 * 3600);
    X509_set_pubkey(certificate.get(), key.get());
    X509_NAME *name = X509_get_subject_name(certificate.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("Hookscope"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("localhost"), -1, -1, 0);
    X509_set_issuer_name(certificate.get(), name);
    if (!addExtension(certificate.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1")
        || !addExtension(certificate.get(), NID_basic_constraints, "critical,CA:FALSE")
        || !addExtension(certificate.get(), NID_ext_key_usage, "serverAuth"))
        return QStringLiteral("OpenSSL could not add the certificate extensions");
    if (X509_sign(certificate.get(), key.get(), EVP_sha256()) <= 0)
        return QStringLiteral("OpenSSL could not sign the certificate");

    OpenSslPtr<BIO, BIO_free_all> keyBio(BIO_new(BIO_s_mem()));
    OpenSslPtr<BIO, BIO_free_all> certBio(BIO_new(BIO_s_mem()));
    if (!PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)
        || !PEM_write_bio_X509(certBio.get(), certificate.get()))
        return QStringLiteral("OpenSSL could not write PEM");
    auto bioBytes = [](BIO *bio) {
        char *data = nullptr;
        const long size = BIO_get_mem_data(bio, &data);
        return QByteArray(data, qsizetype(size));
    };
    QString error = writePrivateFile(privateKeyPath, bioBytes(keyBio.get()));
    if (!error.isEmpty())
        return error;
    QFile certFile(certificatePath);
    if (!certFile.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || certFile.write(bioBytes(certBio.get())) < 0)
        return QStringLiteral("cannot write %1").arg(certificatePath);
    return {};
}

// True when the PEM key is the certificate's own. Qt would take any pair and every handshake
// would then fail without a word; OpenSSL compares the public halves.
bool keyMatchesCertificate(const QSslCertificate &certificate, const QByteArray &keyPem)
{
    const QByteArray certificatePem = certificate.toPem();
    OpenSslPtr<BIO, BIO_free_all> certificateBio(
        BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size())));
    OpenSslPtr<BIO, BIO_free_all> keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())));
    if (!certificateBio || !keyBio)
        return false;
    OpenSslPtr<X509, X509_free> x509(
        PEM_read_bio_X509(certificateBio.get(), nullptr, nullptr, nullptr));
    OpenSslPtr<EVP_PKEY, EVP_PKEY_free> key(
        PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr));
    return x509 && key && X509_check_private_key(x509.get(), key.get()) == 1;
}

} // namespace

QString selfSignedCertificatePath(const QString &directory)
{
    return QDir(directory).filePath(QStringLiteral("localhost-cert.pem"));
}

QString ensureSelfSignedCertificate(const QString &directory, QString *certificatePath,
                                    QString *privateKeyPath)
{
    QDir().mkpath(directory);
    *certificatePath = selfSignedCertificatePath(directory);
    *privateKeyPath = QDir(directory).filePath(QStringLiteral("localhost-key.pem"));
    if (QFile::exists(*certificatePath) && QFile::exists(*privateKeyPath))
        return {};
    return generate(*certificatePath, *privateKeyPath);
}

QString loadServerTls(const QString &certificatePath, const QString &privateKeyPath,
                      QSslConfiguration *configuration)
{
    QFile certFile(certificatePath);
    if (!certFile.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read the certificate %1").arg(certificatePath);
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
    if (chain.isEmpty())
        return QStringLiteral("no PEM certificate in %1").arg(certificatePath);
    QFile keyFile(privateKeyPath);
    if (!keyFile.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read the private key %1").arg(privateKeyPath);
    const QByteArray keyPem = keyFile.readAll();
    QSslKey key(keyPem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        return QStringLiteral("no usable PEM private key (EC or RSA) in %1").arg(privateKeyPath);
    if (!keyMatchesCertificate(chain.first(), keyPem))
        return QStringLiteral("the private key %1 is not the key of the certificate %2 (the "
                              "first one in it)")
            .arg(privateKeyPath, certificatePath);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    *configuration = tls;
    return {};
}

} // namespace hookscope::http
