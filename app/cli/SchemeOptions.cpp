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

// A scheme's lines, the second and later under the first's text.
QString schemeLine(const QString &name)
{
    return signing::schemeSummary(name).join(u'\n' + QString(2 + kNameColumn + 1, u' '));
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
