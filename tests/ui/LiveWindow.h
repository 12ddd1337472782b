#pragma once

#include "MainWindow.h"
#include "secrets/SecretStore.h"
#include "session/ReceiverSession.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace hookscope::test {

// Each window test starts with no saved settings, endpoints or secrets from an earlier one.
inline void forgetSettingsAndSecrets()
{
    QSettings().clear();
    QFile::remove(SecretStore::fallbackFilePath());
}

// The main window as a user starts it, on a database of its own in `dir`, with its receiver
// listening on `port` (0: any free loopback port). Null when it did not come up in time.
inline std::unique_ptr<ui::MainWindow> openLiveWindow(const QTemporaryDir &dir, quint16 port = 0)
{
    ui::MainWindowOptions options;
    options.databasePath = dir.filePath(QStringLiteral("captures.sqlite"));
    options.port = port;
    auto window = std::make_unique<ui::MainWindow>(options);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())
        || !QTest::qWaitFor([&] { return window->session().isListening(); }, 10000))
        return {};
    return window;
}

// The main window with its receiver off, on a fresh database in `dir`, with no settings or
// secrets from an earlier test: for tests that fill the store themselves. Null when the window
// or its store did not come up in time.
inline std::unique_ptr<ui::MainWindow> openWindowWithoutReceiver(const QTemporaryDir &dir)
{
    forgetSettingsAndSecrets();
    ui::MainWindowOptions options;
    options.databasePath = dir.filePath(QStringLiteral("captures.sqlite"));
    options.startReceiver = false;
    auto window = std::make_unique<ui::MainWindow>(options);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())
        || !QTest::qWaitFor([&] { return window->isStoreReady(); }, 10000))
        return {};
    return window;
}

// `url` with the user "relay" and `password` in it, as a forward target with credentials is
// typed.
inline QUrl withRelayCredentials(QUrl url, const QString &password)
{
    url.setUserName(QStringLiteral("relay"));
    url.setPassword(password);
    return url;
}

// The Authorization header a request to withRelayCredentials(…, password) carries.
inline QByteArray relayAuthorization(const QString &password)
{
    return "Basic " + (QByteArray("relay:") + password.toUtf8()).toBase64();
}

// The window forwards every request it receives to `target`, as if set in the Endpoints dialog.
inline void forwardTo(ui::MainWindow &window, const QUrl &target)
{
    session::ReceiverProfile profile;
    profile.forwardTargets << target;
    window.applyReceiverProfile(profile, {});
}

} // namespace hookscope::test
