#include "ReceiverBar.h"

#include "FlowRows.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QUrl>
#include <QVBoxLayout>

namespace hookscope::ui {

ReceiverBar::ReceiverBar(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("receiverBar"));

    m_address = new QComboBox;
    m_address->setObjectName(QStringLiteral("bindAddressComboBox"));
    m_address->setAccessibleName(tr("Bind address"));
    m_address->setEditable(true);
    m_address->addItems({QStringLiteral("127.0.0.1"), QStringLiteral("::1"),
                         QStringLiteral("0.0.0.0"), QStringLiteral("::")});
    m_address->lineEdit()->setAccessibleName(tr("Bind address"));
    // Sized for an address one types, not the longest entry: "127.0.0.1" filled it to the
    // frame, and 192.168.100.200 did not fit.
    m_address->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_address->setMinimumContentsLength(12);
    m_address->setToolTip(tr("127.0.0.1 accepts requests from this machine only. 0.0.0.0 or :: "
                             "accept them from your network: anyone who can reach this port can "
                             "send requests."));

    m_port = new QSpinBox;
    m_port->setObjectName(QStringLiteral("portSpinBox"));
    m_port->setAccessibleName(tr("Port"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free"));
    m_port->setValue(8787);

    m_tls = new QCheckBox(tr("HTTPS"));
    m_tls->setObjectName(QStringLiteral("tlsCheckBox"));
    m_tls->setAccessibleName(tr("Use HTTPS"));
    m_tls->setToolTip(tr("Serve HTTPS with a self-signed certificate for localhost, made on first "
                         "use and kept beside the database."));

    m_startStop = new QPushButton(tr("Start"));
    m_startStop->setObjectName(QStringLiteral("startStopButton"));
    m_startStop->setAccessibleName(tr("Start or stop the receiver"));
    connect(m_startStop, &QPushButton::clicked, this,
            [this] { m_listening ? Q_EMIT stopRequested() : Q_EMIT startRequested(); });

    m_url = new QLineEdit;
    m_url->setObjectName(QStringLiteral("receiverUrlLineEdit"));
    m_url->setAccessibleName(tr("Receiver URL"));
    m_url->setReadOnly(true);
    m_url->setMinimumWidth(160);
    showUrlState(false);

    m_copy = new QPushButton(tr("Copy URL"));
    m_copy->setObjectName(QStringLiteral("copyUrlButton"));
    m_copy->setAccessibleName(tr("Copy the receiver URL"));
    m_copy->setEnabled(false);
    connect(m_copy, &QPushButton::clicked, this, &ReceiverBar::copyUrl);

    m_copyCertificate = new QPushButton(tr("Copy Certificate Path"));
    m_copyCertificate->setObjectName(QStringLiteral("copyCertificatePathButton"));
    m_copyCertificate->setAccessibleName(tr("Copy the path of the receiver's certificate"));
    m_copyCertificate->hide();
    connect(m_copyCertificate, &QPushButton::clicked, this, &ReceiverBar::copyCertificatePath);

    m_endpoints = new QPushButton;
    m_endpoints->setObjectName(QStringLiteral("endpointsButton"));
    m_endpoints->setAccessibleName(tr("Endpoints and forwarding"));
    m_endpoints->setToolTip(tr("Endpoints by path prefix, with their signature scheme, secret and "
                               "answer; and the URLs every request is forwarded to"));
    connect(m_endpoints, &QPushButton::clicked, this, &ReceiverBar::endpointsRequested);
    setEndpointSummary(0, 0);

    auto *addressLabel = new QLabel(tr("&Listen on"));
    addressLabel->setBuddy(m_address);
    auto *portLabel = new QLabel(tr("&Port"));
    portLabel->setBuddy(m_port);
    // Groups that stay together when the bar wraps onto more rows; the URL's takes the room left.
    const QList<QWidget *> groups
        = {group(QStringLiteral("bindAddressGroup"), {addressLabel, m_address}),
           group(QStringLiteral("portGroup"), {portLabel, m_port}),
           group(QStringLiteral("receiverControlsGroup"), {m_tls, m_startStop, m_endpoints}),
           group(QStringLiteral("receiverUrlGroup"), {m_url, m_copy, m_copyCertificate})};
    auto *rows = new QVBoxLayout(this);
    rows->setContentsMargins(6, 4, 6, 4);
    rows->setSpacing(4);
    m_flow = std::make_unique<FlowRows>(rows, 12);
    for (QWidget *box : groups)
        m_flow->addWidget(box, box == groups.last());
    m_flow->arrange(QWIDGETSIZE_MAX);
}

ReceiverBar::~ReceiverBar() = default;

QWidget *ReceiverBar::group(const QString &objectName, const QList<QWidget *> &widgets)
{
    auto *box = new QWidget(this);
    box->setObjectName(objectName);
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget *widget : widgets)
        layout->addWidget(widget, widget == m_url ? 1 : 0);
    return box;
}

QSize ReceiverBar::minimumSizeHint() const
{
    // As narrow as the groups can be once wrapped, whatever rows they are on now: the toolbar,
    // and so the window, may then be narrower than one row of them.
    const QSize laidOut = QWidget::minimumSizeHint();
    return {std::min(laidOut.width(), m_flow->minimumWidth()), laidOut.height()};
}

bool ReceiverBar::eventFilter(QObject *watched, QEvent *event)
{
    // The groups wrap onto as many rows as the toolbar's width needs.
    if (watched == m_widthSource && event->type() == QEvent::Resize
        && m_flow->arrange(availableWidth()))
        updateGeometry();
    return QWidget::eventFilter(watched, event);
}

void ReceiverBar::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() != QEvent::ParentChange)
        return;
    // In a toolbar, the bar gets no more than its size hint: how many rows it needs follows
    // the toolbar's width, which follows the window's.
    if (m_widthSource)
        m_widthSource->removeEventFilter(this);
    m_widthSource = parentWidget();
    if (m_widthSource)
        m_widthSource->installEventFilter(this);
}

int ReceiverBar::availableWidth() const
{
    if (!m_widthSource)
        return width();
    // A toolbar keeps a frame and an item margin on each side.
    const int inset = style()->pixelMetric(QStyle::PM_ToolBarFrameWidth, nullptr, m_widthSource)
        + style()->pixelMetric(QStyle::PM_ToolBarItemMargin, nullptr, m_widthSource);
    return m_widthSource->contentsRect().width() - 2 * inset;
}

QString ReceiverBar::bindAddress() const
{
    return m_address->currentText().trimmed();
}

void ReceiverBar::setBindAddress(const QString &address)
{
    m_address->setCurrentText(address);
}

quint16 ReceiverBar::port() const
{
    return m_listening ? m_portSetting : quint16(m_port->value());
}

void ReceiverBar::setPort(quint16 port)
{
    if (m_listening)
        m_portSetting = port;
    else
        m_port->setValue(port);
}

bool ReceiverBar::tls() const
{
    return m_tls->isChecked();
}

void ReceiverBar::setTls(bool tls)
{
    m_tls->setChecked(tls);
}

void ReceiverBar::setListening(bool listening, const QString &url)
{
    showPortInUse(listening, url);
    m_listening = listening;
    m_startStop->setText(listening ? tr("Stop") : tr("Start"));
    m_url->setText(listening ? url : QString());
    showUrlState(listening);
    m_copy->setEnabled(listening);
    m_address->setEnabled(!listening);
    m_port->setEnabled(!listening);
    m_tls->setEnabled(!listening);
}

void ReceiverBar::showPortInUse(bool listening, const QString &url)
{
    // "any free" beside a URL with a port would hide which port the provider must be given.
    if (listening && !m_listening)
        m_portSetting = quint16(m_port->value());
    if (!listening && m_listening)
        m_port->setValue(m_portSetting);
    const int inUse = QUrl(url).port();
    if (listening && inUse > 0)
        m_port->setValue(inUse);
    m_port->setToolTip(listening && m_portSetting == 0
                           ? tr("Chosen by the system: the setting stays “any free” for the "
                                "next start.")
                           : QString());
}

void ReceiverBar::showUrlState(bool listening)
{
    // A line edit without a description of its own is described by its placeholder, which
    // would say "stopped" beside a URL that is live.
    m_url->setPlaceholderText(listening ? QString() : tr("stopped"));
    m_url->setAccessibleDescription(listening ? tr("Listening: paste this URL into a provider")
                                              : tr("The receiver is stopped"));
}

void ReceiverBar::setEndpointSummary(int endpoints, int forwardTargets, bool passThrough)
{
    QString text = tr("&Endpoints");
    if (endpoints > 0)
        text += QStringLiteral(" (%1)").arg(endpoints);
    if (forwardTargets > 0)
        text += forwardTargets == 1 ? tr(" · forwarding to 1 URL")
                                    : tr(" · forwarding to %1 URLs").arg(forwardTargets);
    if (forwardTargets > 0 && passThrough)
        text += tr(", answers passed through");
    m_endpoints->setText(text + QStringLiteral("…"));
}

void ReceiverBar::setCertificatePath(const QString &path)
{
    m_certificatePath = path;
    const QString tip = path.isEmpty()
        ? QString()
        : tr("HTTPS with a self-signed certificate for localhost: %1\nA sender must trust it: "
             "import it, or give it to curl with --cacert.")
              .arg(path);
    m_url->setToolTip(tip);
    m_copyCertificate->setToolTip(tip);
    m_copyCertificate->setAccessibleDescription(path);
    if (m_copyCertificate->isHidden() == path.isEmpty())
        return;
    m_copyCertificate->setVisible(!path.isEmpty());
    rearrange();
}

void ReceiverBar::rearrange()
{
    // Hidden, the bar is arranged when its toolbar is next resized (on showing, at the latest).
    if (isVisible())
        m_flow->arrange(availableWidth());
    updateGeometry();
}

void ReceiverBar::copyUrl()
{
    QApplication::clipboard()->setText(m_url->text());
}

void ReceiverBar::copyCertificatePath()
{
    QApplication::clipboard()->setText(m_certificatePath);
}

} // namespace hookscope::ui
