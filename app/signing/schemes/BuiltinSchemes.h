#pragma once

#include "signing/Scheme.h"

#include <memory>

namespace hookscope::signing {

// One factory per scheme file; SchemeRegistry lists them.
std::unique_ptr<Scheme> makePatreonScheme();
std::unique_ptr<Scheme> makeXWebhookSignatureScheme();
std::unique_ptr<Scheme> makeXSignatureScheme();
std::unique_ptr<Scheme> makeGitHubScheme();
std::unique_ptr<Scheme> makeStripeScheme();
std::unique_ptr<Scheme> makeStandardWebhooksScheme();
std::unique_ptr<Scheme> makeSlackScheme();
std::unique_ptr<Scheme> makeShopifyScheme();
std::unique_ptr<Scheme> makeTwilioScheme();
std::unique_ptr<Scheme> makeZoomScheme();
std::unique_ptr<Scheme> makeTwitterScheme();
std::unique_ptr<Scheme> makeDiscordScheme();
std::unique_ptr<Scheme> makeCustomScheme(const CustomSchemeConfig &config);

} // namespace hookscope::signing
