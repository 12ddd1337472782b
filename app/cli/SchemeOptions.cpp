#include "cli/SchemeOptions.h"

#include "signing/Signing.h"

#include <QHash>

namespace hookscope::cli {

void addCustomSchemeOption(CommandSyntax &syntax)
{
    syntax.addOption(QCommandLineOption(
        QStringLiteral("custom"), QStringLiteral("Settings of the custom scheme (see below)."),
        QStringLiteral("SPEC")));
}

QString readCustomSchemeOption(const QCommandLineParser &parser, const QString &schemeName,
                               std::optional<signing::CustomSchemeConfig> *custom)
{
    const QString option = QStringLiteral("custom");
    if (!parser.isSet(option)) {
        custom->reset();
        return schemeName == u"custom" ? QStringLiteral("--scheme custom needs --custom SPEC")
                                       : QString();
    }
    QString error;
    *custom = signing::parseCustomScheme(parser.value(option), &error);
    return *custom ? QString() : QStringLiteral("--custom: %1").arg(error);
}

namespace {

constexpr int kNameColumn = 20;

// Where the summary of its algorithm and encoding leaves out what `sign` prints around the
// signature (a prefix, a timestamp) or a second header signed another way, the value's shape.
QString schemeLine(const QString &name)
{
    static const QHash<QString, QString> shapes {
        {QStringLiteral("github"),
         QStringLiteral("X-Hub-Signature-256: sha256=<HMAC-SHA256 of the body, hex>;\n%1legacy "
                        "X-Hub-Signature: sha1=<HMAC-SHA1 of the body, hex>")
             .arg(QString(kNameColumn + 3, u' '))},
        {QStringLiteral("x-webhook-signature"),
         QStringLiteral("X-Webhook-Signature: sha256=<HMAC-SHA256 of the body, hex>")},
        {QStringLiteral("twitter"),
         QStringLiteral("x-twitter-webhooks-signature: sha256=<HMAC-SHA256 of the body, base64>")},
        {QStringLiteral("stripe"),
         QStringLiteral("Stripe-Signature: t=<t>,v1=<HMAC-SHA256 of \"<t>.<body>\", hex>")},
        {QStringLiteral("standard-webhooks"),
         QStringLiteral("webhook-signature or svix-signature: v1,<HMAC-SHA256 of "
                        "\"<id>.<timestamp>.<body>\", base64>")},
        {QStringLiteral("slack"),
         QStringLiteral("X-Slack-Signature: v0=<HMAC-SHA256 of \"v0:<ts>:<body>\", hex>")},
        {QStringLiteral("zoom"),
         QStringLiteral("x-zm-signature: v0=<HMAC-SHA256 of \"v0:<ts>:<body>\", hex>")},
    };
    return shapes.value(name, signing::schemeSummary(name));
}

} // namespace

QString schemeNotes(const QString &heading)
{
    QString text = heading + u'\n';
    for (const QString &name : signing::schemeNames())
        text += QStringLiteral("  %1 %2\n").arg(name.leftJustified(kNameColumn), schemeLine(name));
    return text + u'\n' + signing::customSchemeHelp();
}

} // namespace hookscope::cli
