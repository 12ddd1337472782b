#include "signing/CustomSchemeSpec.h"

#include "core/ClosestName.h"
#include "http/FieldSyntax.h"

#include <algorithm>

namespace hookscope::signing {

namespace {

const QStringList &knownKeys()
{
    static const QStringList keys {QStringLiteral("header"),    QStringLiteral("alg"),
                                   QStringLiteral("enc"),       QStringLiteral("prefix"),
                                   QStringLiteral("content"),   QStringLiteral("timestamp-header"),
                                   QStringLiteral("id-header"), QStringLiteral("tolerance"),
                                   QStringLiteral("secret")};
    return keys;
}

bool startsWithKnownKey(const QString &piece)
{
    const qsizetype equals = piece.indexOf(u'=');
    return equals > 0 && knownKeys().contains(piece.left(equals).trimmed());
}

QString secretUseName(CustomSecretUse use)
{
    switch (use) {
    case CustomSecretUse::AsTyped:
        return QStringLiteral("as-typed");
    case CustomSecretUse::Base64:
        return QStringLiteral("base64");
    case CustomSecretUse::Hex:
        return QStringLiteral("hex");
    case CustomSecretUse::Whsec:
        return QStringLiteral("whsec");
    }
    return {};
}

} // namespace

std::optional<CustomSchemeConfig> parseCustomScheme(const QString &spec, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<CustomSchemeConfig> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    QStringList pairs;
    for (const QString &piece : spec.split(u',')) {
        if (pairs.isEmpty() || startsWithKnownKey(piece))
            pairs.append(piece);
        else
            pairs.last() += u',' + piece;
    }
    CustomSchemeConfig config;
    for (const QString &pair : pairs) {
        const qsizetype equals = pair.indexOf(u'=');
        if (equals <= 0)
            return fail(QStringLiteral("\"%1\" is not key=value").arg(pair));
        const QString key = pair.left(equals).trimmed();
        const QString value = pair.mid(equals + 1);
        if (key == u"header") {
            config.header = value.trimmed().toLatin1();
        } else if (key == u"alg") {
            const auto algorithm = algorithmFromKeyword(value.trimmed());
            if (!algorithm)
                return fail(QStringLiteral("alg must be md5, sha1, sha256 or sha512"));
            config.algorithm = *algorithm;
        } else if (key == u"enc") {
            if (value.trimmed() == u"hex")
                config.encoding = Encoding::Hex;
            else if (value.trimmed() == u"base64")
                config.encoding = Encoding::Base64;
            else
                return fail(QStringLiteral("enc must be hex or base64"));
        } else if (key == u"prefix") {
            config.prefix = value.toUtf8();
            // It starts a header value: no control characters there, and leading blanks are
            // dropped by every HTTP parser, so a signature made with them could never verify.
            const bool control
                = std::any_of(config.prefix.begin(), config.prefix.end(), [](char c) {
                      const auto byte = static_cast<unsigned char>(c);
                      return (byte < 0x20 && byte != '\t') || byte == 0x7f;
                  });
            if (control)
                return fail(QStringLiteral("prefix must not contain control characters (CR, LF, "
                                           "NUL...): it is the start of a header value"));
            while (config.prefix.startsWith(' ') || config.prefix.startsWith('\t'))
                config.prefix.remove(0, 1);
        } else if (key == u"content") {
            config.content = value.toUtf8();
        } else if (key == u"timestamp-header") {
            config.timestampHeader = value.trimmed().toLatin1();
        } else if (key == u"id-header") {
            config.idHeader = value.trimmed().toLatin1();
        } else if (key == u"tolerance") {
            bool ok = false;
            const int seconds = value.trimmed().toInt(&ok);
            if (!ok || seconds <= 0)
                return fail(QStringLiteral("tolerance must be a positive number of seconds"));
            config.toleranceSeconds = seconds;
        } else if (key == u"secret") {
            const QString use = value.trimmed();
            if (use == u"as-typed")
                config.secret = CustomSecretUse::AsTyped;
            else if (use == u"base64")
                config.secret = CustomSecretUse::Base64;
            else if (use == u"hex")
                config.secret = CustomSecretUse::Hex;
            else if (use == u"whsec")
                config.secret = CustomSecretUse::Whsec;
            else
                return fail(QStringLiteral("secret must be as-typed, base64, hex or whsec"));
        } else {
            // Ranked as mistyped commands and options are, for the CLI and the window alike.
            return fail(
                QStringLiteral("unknown key \"%1\"%2").arg(key, didYouMean(key, knownKeys())));
        }
    }
    if (config.header.isEmpty())
        return fail(QStringLiteral("header= is required"));
    const std::pair<const char *, QByteArray> names[]
        = {{"header", config.header},
           {"timestamp-header", config.timestampHeader},
           {"id-header", config.idHeader}};
    for (const auto &[key, name] : names) {
        if (!name.isEmpty() && !http::isToken(name))
            return fail(QStringLiteral("%1=%2 is not a valid header name")
                            .arg(QLatin1String(key), QString::fromLatin1(name)));
    }
    // Each header carries one thing: a shared one would hold the signature and the timestamp.
    for (size_t i = 0; i < std::size(names); ++i) {
        for (size_t j = i + 1; j < std::size(names); ++j) {
            if (!names[j].second.isEmpty()
                && names[i].second.compare(names[j].second, Qt::CaseInsensitive) == 0)
                return fail(QStringLiteral("%1= and %2= name the same header (%3); each needs "
                                           "its own")
                                .arg(QLatin1String(names[i].first), QLatin1String(names[j].first),
                                     QString::fromLatin1(names[j].second)));
        }
    }
    if (config.content.contains("{timestamp}") && config.timestampHeader.isEmpty())
        return fail(QStringLiteral("content uses {timestamp}, so timestamp-header= is required"));
    if (config.content.contains("{id}") && config.idHeader.isEmpty())
        return fail(QStringLiteral("content uses {id}, so id-header= is required"));
    if (config.toleranceSeconds && config.timestampHeader.isEmpty())
        return fail(QStringLiteral("tolerance needs timestamp-header="));
    return config;
}

QString formatCustomScheme(const CustomSchemeConfig &config)
{
    QStringList pairs {QStringLiteral("header=") + QString::fromLatin1(config.header),
                       QStringLiteral("alg=") + algorithmKeyword(config.algorithm),
                       QStringLiteral("enc=") + encodingName(config.encoding)};
    if (!config.prefix.isEmpty())
        pairs << QStringLiteral("prefix=") + QString::fromUtf8(config.prefix);
    pairs << QStringLiteral("content=") + QString::fromUtf8(config.content);
    if (!config.timestampHeader.isEmpty())
        pairs << QStringLiteral("timestamp-header=") + QString::fromLatin1(config.timestampHeader);
    if (!config.idHeader.isEmpty())
        pairs << QStringLiteral("id-header=") + QString::fromLatin1(config.idHeader);
    if (config.toleranceSeconds)
        pairs << QStringLiteral("tolerance=%1").arg(*config.toleranceSeconds);
    if (config.secret != CustomSecretUse::AsTyped)
        pairs << QStringLiteral("secret=") + secretUseName(config.secret);
    return pairs.join(u',');
}

QString customSchemeHelp()
{
    return QStringLiteral(
        "Custom scheme (--scheme custom --custom SPEC), SPEC is comma-separated key=value:\n"
        "  header=NAME            signature header (required)\n"
        "  alg=md5|sha1|sha256|sha512   HMAC hash (default sha256)\n"
        "  enc=hex|base64         encoding of the MAC (default hex)\n"
        "  prefix=TEXT            text before the MAC in the header, e.g. sha256=\n"
        "  content=TEMPLATE       signed bytes over {body} {timestamp} {id} {url}\n"
        "                         (default {body})\n"
        "  timestamp-header=NAME  header carrying {timestamp} (Unix seconds)\n"
        "  id-header=NAME         header carrying {id}\n"
        "  tolerance=SECONDS      reject timestamps further than this from now\n"
        "  secret=as-typed|base64|hex|whsec   how the secret becomes the key (default as-typed)\n"
        "A comma not followed by a known key is part of the value (content={timestamp},{body}).\n"
        "Example: header=X-Sig,alg=sha256,enc=hex,prefix=sha256=,content={timestamp}.{body},"
        "timestamp-header=X-Ts,tolerance=300\n");
}

} // namespace hookscope::signing
