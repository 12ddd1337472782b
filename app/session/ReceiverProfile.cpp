#include "session/ReceiverProfile.h"

#include "compose/HiddenPassword.h"
#include "compose/SendTypes.h"

#include <QSettings>

namespace hookscope::session {

namespace {

const auto kDefaultResponse = QStringLiteral("receiver/defaultResponse/");
const auto kEndpointsArray = QStringLiteral("receiver/endpoints");
const auto kDefaultScheme = QStringLiteral("receiver/defaultScheme");
const auto kForwardTargets = QStringLiteral("receiver/forwardTargets");
const auto kPassThrough = QStringLiteral("receiver/passThrough");
const auto kDefaultRejectInvalid = QStringLiteral("receiver/defaultRejectInvalidSignature");

constexpr int kMaxDelayMs = 600'000; // ten minutes: longer than any provider waits

// Header lists are kept as "Name: value" lines, which survive every QSettings backend.
HeaderList headersFrom(const QString &text)
{
    HeaderList headers;
    QString ignored;
    parseHeaderLines(text, &headers, &ignored);
    return headers;
}

http::ResponseConfig readResponse(const QSettings &settings, const QString &prefix)
{
    http::ResponseConfig response;
    response.status = settings.value(prefix + QStringLiteral("status"), 200).toInt();
    response.headers = headersFrom(settings.value(prefix + QStringLiteral("headers")).toString());
    response.body = settings.value(prefix + QStringLiteral("body")).toByteArray();
    response.delayMs = settings.value(prefix + QStringLiteral("delayMs"), 0).toInt();
    if (!responseProblem(response).isEmpty())
        return {};
    return response;
}

void writeResponse(QSettings &settings, const QString &prefix, const http::ResponseConfig &response)
{
    settings.setValue(prefix + QStringLiteral("status"), response.status);
    settings.setValue(prefix + QStringLiteral("headers"), formatHeaderLines(response.headers));
    settings.setValue(prefix + QStringLiteral("body"), response.body);
    settings.setValue(prefix + QStringLiteral("delayMs"), response.delayMs);
}

} // namespace

http::EndpointConfig *ReceiverProfile::endpoint(const QString &name)
{
    if (name.isEmpty())
        return nullptr;
    for (http::EndpointConfig &candidate : endpoints) {
        if (candidate.name == name)
            return &candidate;
    }
    return nullptr;
}

QString *ReceiverProfile::schemeOf(const QString &name)
{
    if (name.isEmpty())
        return &defaultScheme;
    http::EndpointConfig *configured = endpoint(name);
    return configured ? &configured->scheme : nullptr;
}

ReceiverProfile loadReceiverProfile(QSettings &settings)
{
    ReceiverProfile profile;
    const int count = settings.beginReadArray(kEndpointsArray);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        http::EndpointConfig endpoint;
        endpoint.name = settings.value(QStringLiteral("name")).toString();
        endpoint.pathPrefix = settings.value(QStringLiteral("pathPrefix")).toString().toUtf8();
        endpoint.scheme = settings.value(QStringLiteral("scheme")).toString();
        endpoint.rejectInvalidSignature
            = settings.value(QStringLiteral("rejectInvalidSignature"), false).toBool();
        endpoint.response = readResponse(settings, QStringLiteral("response/"));
        // A hand-edited settings file must not bring back an endpoint the dialog would refuse.
        if (endpointProblem(endpoint, profile.endpoints).isEmpty())
            profile.endpoints.append(endpoint);
    }
    settings.endArray();
    profile.defaultResponse = readResponse(settings, kDefaultResponse);
    profile.defaultScheme = settings.value(kDefaultScheme).toString();
    profile.defaultRejectInvalidSignature = settings.value(kDefaultRejectInvalid, false).toBool();
    for (const QString &text : settings.value(kForwardTargets).toStringList()) {
        const QUrl target(text);
        if (forwardTargetProblem(target).isEmpty())
            profile.forwardTargets.append(target);
    }
    profile.passThrough = settings.value(kPassThrough, false).toBool();
    return profile;
}

void saveReceiverProfile(QSettings &settings, const ReceiverProfile &profile)
{
    settings.remove(kEndpointsArray);
    settings.beginWriteArray(kEndpointsArray, int(profile.endpoints.size()));
    for (int i = 0; i < profile.endpoints.size(); ++i) {
        const http::EndpointConfig &endpoint = profile.endpoints.at(i);
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), endpoint.name);
        settings.setValue(QStringLiteral("pathPrefix"), QString::fromUtf8(endpoint.pathPrefix));
        settings.setValue(QStringLiteral("scheme"), endpoint.scheme);
        settings.setValue(QStringLiteral("rejectInvalidSignature"),
                          endpoint.rejectInvalidSignature);
        writeResponse(settings, QStringLiteral("response/"), endpoint.response);
    }
    settings.endArray();
    writeResponse(settings, kDefaultResponse, profile.defaultResponse);
    settings.setValue(kDefaultScheme, profile.defaultScheme);
    settings.setValue(kDefaultRejectInvalid, profile.defaultRejectInvalidSignature);
    // A password is kept in the keyring (forwardPasswords); the settings say only that there is
    // one.
    QStringList targets;
    for (const QUrl &target : profile.forwardTargets)
        targets << compose::withHiddenPassword(target).toString(QUrl::FullyEncoded);
    settings.setValue(kForwardTargets, targets);
    settings.setValue(kPassThrough, profile.passThrough);
}

QString secretKeyFor(const QString &endpoint)
{
    return QStringLiteral("endpoint/") + (endpoint.isEmpty() ? QStringLiteral("*") : endpoint);
}

QString secretKeyFor(const QString &endpoint, const QString &scheme)
{
    return secretKeyFor(endpoint) + QStringLiteral("/scheme/") + scheme;
}

QString forwardPasswordKey(const QUrl &target)
{
    return QStringLiteral("forward/") + compose::identityOf(target);
}

QHash<QString, QByteArray> forwardPasswords(const ReceiverProfile &profile)
{
    QHash<QString, QByteArray> passwords;
    for (const QUrl &target : profile.forwardTargets) {
        if (!target.password().isEmpty() && !compose::hidesPassword(target))
            passwords.insert(forwardPasswordKey(target), target.password().toUtf8());
    }
    return passwords;
}

QString endpointProblem(const http::EndpointConfig &endpoint,
                        const QList<http::EndpointConfig> &others)
{
    if (endpoint.name.trimmed().isEmpty())
        return QStringLiteral("an endpoint needs a name");
    if (endpoint.name != endpoint.name.trimmed())
        return QStringLiteral("the name '%1' starts or ends with a space").arg(endpoint.name);
    if (endpoint.name == u"imported")
        return QStringLiteral("'imported' is the name given to requests imported from HAR files");
    if (!endpoint.pathPrefix.startsWith('/'))
        return QStringLiteral("the path prefix of %1 must start with '/'").arg(endpoint.name);
    if (endpoint.pathPrefix == "/")
        return QStringLiteral("%1: '/' is the catch-all's; give the endpoint a longer prefix")
            .arg(endpoint.name);
    for (const char c : endpoint.pathPrefix) {
        if (uchar(c) <= 0x20 || c == 0x7f || c == '?' || c == '#')
            return QStringLiteral("the path prefix of %1 may not contain spaces, control "
                                  "characters, '?' or '#'")
                .arg(endpoint.name);
    }
    for (const http::EndpointConfig &other : others) {
        if (&other == &endpoint)
            continue;
        if (other.name == endpoint.name)
            return QStringLiteral("two endpoints are named %1").arg(endpoint.name);
        if (other.pathPrefix == endpoint.pathPrefix)
            return QStringLiteral("%1 and %2 both claim %3")
                .arg(other.name, endpoint.name, QString::fromUtf8(endpoint.pathPrefix));
    }
    if (const QString problem = responseProblem(endpoint.response); !problem.isEmpty())
        return QStringLiteral("%1: %2").arg(endpoint.name, problem);
    return {};
}

QString responseProblem(const http::ResponseConfig &response)
{
    // 1xx answers are interim: a request still needs its final answer after one.
    if (response.status < 200 || response.status > 599)
        return QStringLiteral("the status must be from 200 to 599");
    if (response.delayMs < 0 || response.delayMs > kMaxDelayMs)
        return QStringLiteral("the delay must be from 0 to %1 ms").arg(kMaxDelayMs);
    for (const HeaderField &field : response.headers) {
        if (field.name.isEmpty() || !http::isSafeHeaderText(field.name)
            || !http::isSafeHeaderText(field.value))
            return QStringLiteral("the response header '%1' contains CR, LF or NUL")
                .arg(QString::fromUtf8(field.name));
    }
    return {};
}

QString forwardTargetProblem(const QUrl &target)
{
    if (!target.isValid() || target.host().isEmpty()
        || (target.scheme() != u"http" && target.scheme() != u"https"))
        return QStringLiteral("'%1' is not an http:// or https:// URL")
            .arg(compose::redactedUrl(target));
    return {};
}

bool parseHeaderLines(const QString &text, HeaderList *headers, QString *error)
{
    headers->clear();
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (line.trimmed().isEmpty())
            continue;
        HeaderField field;
        QString ignored;
        if (!compose::parseHeaderLine(line, &field, &ignored) || field.name.isEmpty()) {
            *error = QStringLiteral("line %1: write a header as 'Name: value'").arg(i + 1);
            return false;
        }
        // A configured answer's value is taken without the spaces around it.
        const QByteArray &name = field.name;
        const QByteArray value = QString::fromUtf8(field.value).trimmed().toUtf8();
        if (!http::isSafeHeaderText(name) || !http::isSafeHeaderText(value) || name.contains(' ')) {
            *error = QStringLiteral("line %1: the header name or value contains a character "
                                    "that cannot be sent (space in the name, CR or NUL)")
                         .arg(i + 1);
            return false;
        }
        headers->append({name, value});
    }
    return true;
}

QString formatHeaderLines(const HeaderList &headers)
{
    QStringList lines;
    for (const HeaderField &field : headers)
        lines << QString::fromUtf8(field.name) + QStringLiteral(": ")
                + QString::fromUtf8(field.value);
    return lines.join(QLatin1Char('\n'));
}

} // namespace hookscope::session
