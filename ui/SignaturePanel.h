#pragma once

#include "http/Capture.h"
#include "signing/SigningTypes.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTimer;

namespace hookscope::ui {

// The Signature tab: scheme and secret for the selected request, re-verified as the user types
// (on a worker thread, so a 25 MiB body never stalls typing), with the verdict, the expected and
// received values, and the diagnosis of a failure. "Apply to endpoint" hands scheme and secret
// to the window, which stores the secret in the keyring and re-verifies that endpoint's requests.
// On auto, a request signed by a known provider hands the secret over as that provider's, so an
// endpoint that takes several providers keeps one secret for each.
class SignaturePanel final : public QWidget
{
    Q_OBJECT

public:
    explicit SignaturePanel(QWidget *parent = nullptr);

    void setCapture(const Capture &capture);
    void clear();
    // The endpoint's configured scheme and secret, shown when its request is selected.
    void setConfigured(const QString &scheme, const QByteArray &secret);
    void setOtherSecrets(const QList<QByteArray> &secrets);

    QString scheme() const;
    QByteArray secret() const;
    QString verdictWord() const { return m_verdictWord; }

Q_SIGNALS:
    // `signedWith`: on auto, the scheme that signed the request (empty when none is detected).
    void applyToEndpoint(const QString &endpoint, const QString &scheme, const QByteArray &secret,
                         const QString &signedWith);
    void verified(const QString &verdict); // after each re-verification, for tests and the list

private:
    // A request to verify is shown: not a malformed one, which is never verified.
    bool canVerify() const;
    void scheduleVerify();
    void showNotChecked();
    void showBadge(const QString &verdict);
    // The scheme that signed the shown request, from its headers; empty when none is detected.
    QString detectedScheme() const;
    // On auto, the provider Apply keeps the secret for: the scheme whose signature it verifies,
    // else the first one detected.
    QString schemeToKeepFor() const;
    signing::VerifyOptions verifyOptions() const;
    void verifyNow();
    void showVerdict(const signing::Verdict &verdict);
    void markDifference(const signing::Verdict &verdict);
    void showSecretDescription();
    // "Ignore the timestamp" only where the scheme checks a timestamp's age.
    void showToleranceOption();
    // What Apply will do with the secret, as the scheme and the request's headers decide.
    QString applyNote() const;
    void showApplyNote();

    Capture m_capture;
    bool m_hasCapture = false;
    QList<QByteArray> m_otherSecrets;
    quint64 m_generation = 0;
    QString m_verdictWord;
    QString m_verifiedScheme; // the scheme the shown verdict found valid, if any

    QComboBox *m_scheme = nullptr;
    QLineEdit *m_secret = nullptr;
    QLabel *m_secretInfo = nullptr; // its row is hidden while it has nothing to say
    QFormLayout *m_form = nullptr;
    QCheckBox *m_ignoreTolerance = nullptr;
    QLabel *m_badge = nullptr;
    QLabel *m_detail = nullptr;
    QLabel *m_diagnosis = nullptr;
    QPlainTextEdit *m_expected = nullptr;
    QPlainTextEdit *m_received = nullptr;
    QPushButton *m_apply = nullptr;
    QLabel *m_applyNote = nullptr;
    QTimer *m_debounce = nullptr;
};

} // namespace hookscope::ui
