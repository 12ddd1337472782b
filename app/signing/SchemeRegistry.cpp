#include "signing/SchemeRegistry.h"

#include "signing/schemes/BuiltinSchemes.h"

namespace hookscope::signing {

const QList<const Scheme *> &builtinSchemes()
{
    // Built once and kept for the process: schemes are immutable, so sharing is thread-safe.
    static const std::vector<std::unique_ptr<Scheme>> owned = [] {
        std::vector<std::unique_ptr<Scheme>> schemes;
        schemes.push_back(makeStandardWebhooksScheme());
        schemes.push_back(makeStripeScheme());
        schemes.push_back(makeGitHubScheme());
        schemes.push_back(makeSlackScheme());
        schemes.push_back(makeShopifyScheme());
        schemes.push_back(makeTwilioScheme());
        schemes.push_back(makeZoomScheme());
        schemes.push_back(makeTwitterScheme());
        schemes.push_back(makeDiscordScheme());
        schemes.push_back(makePatreonScheme());
        schemes.push_back(makeXWebhookSignatureScheme());
        schemes.push_back(makeXSignatureScheme());
        return schemes;
    }();
    static const QList<const Scheme *> schemes = [] {
        QList<const Scheme *> list;
        for (const auto &scheme : owned)
            list.append(scheme.get());
        return list;
    }();
    return schemes;
}

const Scheme *findBuiltinScheme(const QString &name)
{
    for (const Scheme *scheme : builtinSchemes()) {
        if (scheme->name() == name)
            return scheme;
    }
    return nullptr;
}

std::shared_ptr<const Scheme> makeScheme(const QString &name,
                                         const std::optional<CustomSchemeConfig> &custom)
{
    if (name == u"custom")
        return custom ? std::shared_ptr<const Scheme>(makeCustomScheme(*custom)) : nullptr;
    const Scheme *scheme = findBuiltinScheme(name);
    // Built-ins live for the whole process; the shared_ptr does not own them.
    return scheme ? std::shared_ptr<const Scheme>(scheme, [](const Scheme *) {}) : nullptr;
}

} // namespace hookscope::signing
