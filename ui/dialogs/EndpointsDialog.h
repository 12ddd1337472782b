#pragma once

#include "session/ReceiverProfile.h"

#include <QDialog>
#include <QHash>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace hookscope::ui {

// Edits the receiver's endpoints (name, path prefix, signature scheme and secret, configured
// answer, "answer 401 to an invalid signature"), the catch-all's answer, and the forward
// targets, and lists the secrets each endpoint keeps for one provider, to forget them, and the
// catch-all's that judge an endpoint's requests where it keeps none of its own. Works on
// a copy: nothing changes until OK, and OK stays disabled while anything is invalid, with the
// reason shown.
class EndpointsDialog final : public QDialog
{
    Q_OBJECT

public:
    // secrets: the current secret of each endpoint by name ("" = catch-all), shown masked.
    // keptSchemeSecrets: the schemes each endpoint keeps a secret for (applied on "Detect from
    // headers"), by endpoint name; listed by provider, the secrets themselves never shown.
    EndpointsDialog(const session::ReceiverProfile &profile,
                    const QHash<QString, QByteArray> &secrets,
                    const QHash<QString, QStringList> &keptSchemeSecrets,
                    QWidget *parent = nullptr);

    session::ReceiverProfile profile() const;
    QHash<QString, QByteArray> secrets() const; // every endpoint's, by its (new) name
    // The schemes whose kept secret the user forgot, by the endpoint's name when it opened.
    QHash<QString, QStringList> forgottenSchemeSecrets() const { return m_forgotten; }
    QString problem() const { return m_problem; } // empty when OK can be pressed

    // Adds an endpoint with a free name and prefix and selects it (what "Add" does).
    void addEndpoint();
    void removeSelectedEndpoint();
    void selectEntry(int index); // 0 = the catch-all

private:
    struct Entry {
        http::EndpointConfig config; // name empty for the catch-all
        QByteArray secret;
        QString savedName; // its name when the dialog opened, which its kept secrets are under
        QStringList keptSchemes; // the schemes it keeps a secret for
    };

    QWidget *createEndpointsPage();
    QWidget *createForwardingPage();
    QWidget *createKeptSecretsBox();
    // Its own kept secrets, then, read-only, the catch-all's that judge its requests.
    void showKeptSecrets(const Entry &entry);
    // The catch-all's kept secrets that SignatureVerifier falls back to for `entry`: on auto,
    // those for providers it keeps none for; set to one scheme with no secret of its own, that
    // scheme's. None for the catch-all itself.
    QStringList catchAllSchemesFor(const Entry &entry) const;
    void forgetSelectedSchemeSecret();
    void showEntry(int index);
    void storeForm(); // the form's values into the current entry
    void refreshListLabels();
    void validate();
    QString entryLabel(const Entry &entry) const;

    QList<Entry> m_entries; // [0] is the catch-all
    int m_current = -1;
    bool m_filling = false;
    QString m_problem;
    QHash<QString, QStringList> m_forgotten;

    QListWidget *m_list = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_prefix = nullptr;
    QComboBox *m_scheme = nullptr;
    QLineEdit *m_secret = nullptr;
    QCheckBox *m_showSecret = nullptr;
    QFormLayout *m_form = nullptr;
    QWidget *m_keptBox = nullptr;
    QListWidget *m_kept = nullptr;
    QPushButton *m_forget = nullptr;
    QStringList m_shownCatchAllSchemes; // those listed for the current entry
    QCheckBox *m_rejectInvalid = nullptr;
    QSpinBox *m_status = nullptr;
    QPlainTextEdit *m_headers = nullptr;
    QPlainTextEdit *m_body = nullptr;
    QSpinBox *m_delay = nullptr;
    QPlainTextEdit *m_targets = nullptr;
    QCheckBox *m_passThrough = nullptr;
    QList<QUrl> m_knownTargets; // with their real passwords, which *** in m_targets stands for
    QLabel *m_problemLabel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace hookscope::ui
