#pragma once

#include "session/ReceiverProfile.h"

#include <QMainWindow>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QLabel;
class QTabWidget;
class QSplitter;
class QTableView;
class QTimer;

namespace hookscope {
class SecretStore;
struct Capture;
namespace store {
struct CaptureFilter;
}
namespace session {
class ReceiverSession;
}
} // namespace hookscope

namespace hookscope::ui {

class CaptureDetailView;
class ComposeView;
class ElidedLabel;
class FilterBar;
class ReceiverBar;
class RequestListModel;
class SignaturePanel;

struct MainWindowOptions {
    QString databasePath; // empty: the default store in the XDG data folder
    bool startReceiver = true; // start listening as soon as the store is open
    std::optional<quint16> port; // overrides the saved port (0: any free port)
};

// The inspector: the receiver's controls on top, the live request list with its filters on the
// left, the selected request's tabs on the right, and the receiver's state in the status bar.
// Everything that touches the disk or the network runs in the ReceiverSession's threads.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    explicit MainWindow(const MainWindowOptions &options, QWidget *parent = nullptr);
    ~MainWindow() override;

    CaptureDetailView *detailView() const { return m_detailView; }
    QTableView *requestListView() const { return m_requestList; }
    RequestListModel *requestModel() const { return m_model.get(); }
    SignaturePanel *signaturePanel() const { return m_signaturePanel; }
    ComposeView *composeView() const { return m_composeView; }
    session::ReceiverSession &session() const { return *m_session; }
    bool isStoreReady() const { return m_storeReady; }
    const session::ReceiverProfile &receiverProfile() const { return m_profile; }
    // Opens the endpoints and forwarding dialog (non-modal to the event loop; see QDialog::open).
    void editEndpoints();
    // What OK in that dialog does: saves the profile and secrets, applies them to the running
    // receiver (restarting it on the same port when endpoints changed) and re-verifies.
    void applyReceiverProfile(const session::ReceiverProfile &profile,
                              const QHash<QString, QByteArray> &secrets);

Q_SIGNALS:
    void storeReady();
    void captureShown(qint64 id); // the selected capture's tabs are filled

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildLayout();
    // Sizes the list's columns for a first start; returns the width the list needs to show them.
    int sizeListColumns();
    // How wide a list column must be to show each of samples whole, as its delegate draws it.
    int listColumnWidthFor(int column, const QStringList &samples) const;
    // Widens the id column once the list holds an id with more digits than it was fitted for.
    void fitIdColumn();
    // Until a layout is restored or the user moves the handle, on every resize.
    void splitAsDefault();
    void createMenus();
    // The Request menu's actions for the rows under the pointer: a right-click outside the
    // selection selects that row first, as file managers do.
    void showRequestContextMenu(const QPoint &position);
    void showAbout();
    void restoreLayout();
    void saveLayout() const;

    void openStore();
    void storeOpened();
    void askAboutStore(const QString &path, const QString &error);
    void startReceiver();
    // Starts on `port`, which may differ from the bar's setting (a restart keeps the port in use).
    void startReceiverOn(quint16 port);
    void stopReceiver();
    void showReceiverState(bool listening, const QString &url);
    void showError(const QString &message);
    void refreshCount();
    void showEmptyListHint();

    void showSelectedCapture();
    void applyFilter(const store::CaptureFilter &filter);
    // Once the filtered list has arrived: selects the request shown before the filter changed,
    // or empties the tabs when the list no longer has it.
    void reselectAfterFilter();
    void clearShownCapture();
    void selectRelative(int delta);
    QList<qint64> selectedIds() const;
    void deleteSelected();
    void clearAll();
    // Says in the status bar why a malformed capture cannot be sent again by action; false
    // (and nothing said) for any other capture.
    bool refuseMalformed(const Capture &capture, const QString &action);
    void copyAsCurl();
    void saveSelectedAsTemplate();
    void replaySelected();
    void compareSelected();
    void exportRequests();
    void importHar();
    void applySecret(const QString &endpoint, const QString &scheme, const QByteArray &secret,
                     const QString &signedWith);
    // Saves (or, when empty, removes) an endpoint's secret in the keyring in the background.
    void keepSecret(const QString &endpoint, const QByteArray &secret);
    // The same for the secret an endpoint keeps for one scheme's requests.
    void keepSchemeSecret(const QString &endpoint, const QString &scheme, const QByteArray &secret);
    void forgetSchemeSecrets(const QString &endpoint);
    // The schemes each endpoint keeps a secret for, by endpoint name ("" = catch-all).
    QHash<QString, QStringList> keptSchemeSecrets() const;
    // Deletes the given schemes' secrets (by endpoint) and re-verifies those endpoints.
    void forgetProviderSecrets(const QHash<QString, QStringList> &forgotten);
    void reverifyInBackground(const QString &endpoint);
    void loadSavedSecrets();
    void loadForwardPasswords();
    void keepForwardPasswords(const session::ReceiverProfile &old);
    void secretLoaded(); // one keyring read or write of the start-up has finished
    void afterSecretsLoaded(std::function<void()> next);
    void showAnswersOf(qint64 id);
    // New rows at the top: the reader keeps their place, unless they follow new requests, when
    // the newest is shown.
    void keepSelectionInPlace(int rowsAdded);
    void showNewest();

    MainWindowOptions m_options;
    session::ReceiverProfile m_profile;
    std::unique_ptr<session::ReceiverSession> m_session;
    std::unique_ptr<RequestListModel> m_model;
    SecretStore *m_secrets = nullptr;
    bool m_storeReady = false;
    // Bumped whenever the user sets a scheme or secret, so a saved secret that loads later
    // does not overwrite it.
    quint64 m_secretGeneration = 0;
    quint64 m_forwardGeneration = 0; // bumped when the user saves forward targets
    int m_pendingSecretLoads = 0;
    std::vector<std::function<void()>> m_afterSecrets; // run once the start-up loads are done
    qint64 m_shownId = 0;
    qint64 m_reselectId = 0; // the request to select again once a new filter's rows arrive

    ReceiverBar *m_receiverBar = nullptr;
    FilterBar *m_filterBar = nullptr;
    QTableView *m_requestList = nullptr;
    // The Request menu's actions that the rows' context menu offers too.
    QList<QAction *> m_rowActions;
    QAction *m_compareAction = nullptr; // offered there for two rows only
    QAction *m_deleteAction = nullptr;
    QAction *m_followAction = nullptr; // "Follow New Requests"
    CaptureDetailView *m_detailView = nullptr;
    SignaturePanel *m_signaturePanel = nullptr;
    QSplitter *m_splitter = nullptr;
    int m_listWidth = 0; // what the list's columns need, from sizeListColumns()
    qsizetype m_idDigitsFitted = 0; // the id column shows ids of this many digits whole
    bool m_defaultSplit = true; // no saved or dragged split yet
    QTabWidget *m_pages = nullptr;
    ComposeView *m_composeView = nullptr;
    QLabel *m_urlLabel = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_emptyListLabel = nullptr;
    quint64 m_countGeneration = 0; // the latest count asked for; older answers are dropped
    ElidedLabel *m_errorLabel = nullptr;
    QTimer *m_countTimer = nullptr;
};

} // namespace hookscope::ui
