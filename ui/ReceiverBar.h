#pragma once

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace hookscope::ui {

class FlowRows;

// The receiver's controls along the top of the window: bind address, port, TLS, start/stop, and
// the URL to paste into a provider with a one-click copy. In a narrow window they wrap onto
// more rows.
class ReceiverBar final : public QWidget
{
    Q_OBJECT

public:
    explicit ReceiverBar(QWidget *parent = nullptr);
    ~ReceiverBar() override;

    QString bindAddress() const;
    void setBindAddress(const QString &address);
    // The port setting (0: any free). While listening the box shows the port in use instead.
    quint16 port() const;
    void setPort(quint16 port);
    bool tls() const;
    void setTls(bool tls);

    // Reflects the receiver's state: the button's text, the URL, and which fields are editable.
    void setListening(bool listening, const QString &url);
    // The self-signed certificate the receiver serves HTTPS with, for the user to give to a
    // sender (curl --cacert) or import; empty when it serves plain HTTP or is stopped.
    void setCertificatePath(const QString &path);
    QString certificatePath() const { return m_certificatePath; }
    // What the Endpoints button says: how many endpoints and forward targets are configured.
    // passThrough: the first target answers the senders.
    void setEndpointSummary(int endpoints, int forwardTargets, bool passThrough = false);
    QSize minimumSizeHint() const override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

Q_SIGNALS:
    void startRequested();
    void stopRequested();
    void endpointsRequested();

private:
    QWidget *group(const QString &objectName, const QList<QWidget *> &widgets);
    int availableWidth() const;
    void showUrlState(bool listening);
    void showPortInUse(bool listening, const QString &url);
    void copyUrl();
    void copyCertificatePath();
    void rearrange(); // after a control appears or goes: the rows may change

    QComboBox *m_address = nullptr;
    QSpinBox *m_port = nullptr;
    QCheckBox *m_tls = nullptr;
    QPushButton *m_startStop = nullptr;
    QLineEdit *m_url = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_copyCertificate = nullptr; // shown while serving HTTPS
    QString m_certificatePath;
    QPushButton *m_endpoints = nullptr;
    bool m_listening = false;
    quint16 m_portSetting = 0; // what the box holds while it shows the port in use
    std::unique_ptr<FlowRows> m_flow;
    QWidget *m_widthSource = nullptr; // the parent whose width decides the rows
};

} // namespace hookscope::ui
