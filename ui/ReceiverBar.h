#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace hookscope::ui {

// The receiver's controls along the top of the window: bind address, port, TLS, start/stop, and
// the URL to paste into a provider with a one-click copy.
class ReceiverBar final : public QWidget
{
    Q_OBJECT

public:
    explicit ReceiverBar(QWidget *parent = nullptr);

    QString bindAddress() const;
    void setBindAddress(const QString &address);
    quint16 port() const;
    void setPort(quint16 port);
    bool tls() const;
    void setTls(bool tls);

    // Reflects the receiver's state: the button's text, the URL, and which fields are editable.
    void setListening(bool listening, const QString &url);
    // What the Endpoints button says: how many endpoints and forward targets are configured.
    void setEndpointSummary(int endpoints, int forwardTargets);

Q_SIGNALS:
    void startRequested();
    void stopRequested();
    void endpointsRequested();

private:
    void showUrlState(bool listening);
    void copyUrl();

    QComboBox *m_address = nullptr;
    QSpinBox *m_port = nullptr;
    QCheckBox *m_tls = nullptr;
    QPushButton *m_startStop = nullptr;
    QLineEdit *m_url = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_endpoints = nullptr;
    bool m_listening = false;
};

} // namespace hookscope::ui
