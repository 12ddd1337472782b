#include "FilterBar.h"

#include "VerdictStyle.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QTimer>
#include <QVBoxLayout>

namespace hookscope::ui {

namespace {

// The verdict filter's entry for requests refused as malformed: not a verdict, since those
// requests are never verified.
const auto kMalformedRequest = QStringLiteral("malformed-request");

} // namespace

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("filterBar"));
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, [this] { Q_EMIT filterChanged(filter()); });
    const auto changed = [this] { m_debounce->start(); };

    m_text = new QLineEdit;
    m_text->setObjectName(QStringLiteral("filterTextLineEdit"));
    m_text->setAccessibleName(tr("Filter text"));
    m_text->setPlaceholderText(tr("Filter: path, header or body text  (Ctrl+L)"));
    m_text->setClearButtonEnabled(true);
    connect(m_text, &QLineEdit::textChanged, this, changed);

    m_method = new QComboBox;
    m_method->setObjectName(QStringLiteral("filterMethodComboBox"));
    m_method->setAccessibleName(tr("Filter by method"));
    m_method->addItem(tr("Any method"), QString());
    for (const char *method : {"POST", "GET", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
        m_method->addItem(QString::fromLatin1(method), QString::fromLatin1(method));
    connect(m_method, &QComboBox::currentIndexChanged, this, changed);

    m_endpoint = new QComboBox;
    m_endpoint->setObjectName(QStringLiteral("filterEndpointComboBox"));
    m_endpoint->setAccessibleName(tr("Filter by endpoint"));
    setKnownEndpoints({});
    connect(m_endpoint, &QComboBox::currentIndexChanged, this, changed);

    m_event = new QLineEdit;
    m_event->setObjectName(QStringLiteral("filterEventLineEdit"));
    m_event->setAccessibleName(tr("Filter by event type"));
    m_event->setPlaceholderText(tr("Event type"));
    m_event->setClearButtonEnabled(true);
    connect(m_event, &QLineEdit::textChanged, this, changed);

    m_verdict = new QComboBox;
    m_verdict->setObjectName(QStringLiteral("filterVerdictComboBox"));
    m_verdict->setAccessibleName(tr("Filter by signature verdict or malformed request"));
    m_verdict->addItem(tr("Any signature"), QString());
    for (const char *verdict : {"valid", "invalid", "missing-header", "malformed-header",
                                "outside-tolerance", "no-secret"}) {
        const QString word = QString::fromLatin1(verdict);
        // Spelled out here, beside the malformed request entry.
        m_verdict->addItem(
            word == u"malformed-header" ? tr("malformed signature") : verdictLabel(word), word);
    }
    m_verdict->insertSeparator(m_verdict->count());
    m_verdict->addItem(tr("malformed request (not checked)"), kMalformedRequest);
    connect(m_verdict, &QComboBox::currentIndexChanged, this, changed);

    // Free text gets a row of its own; the narrower filters share the second.
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 0);
    layout->setSpacing(4);
    layout->addWidget(m_text);
    auto *choices = new QHBoxLayout;
    choices->addWidget(m_method);
    choices->addWidget(m_endpoint);
    choices->addWidget(m_event, 1);
    choices->addWidget(m_verdict);
    layout->addLayout(choices);
}

void FilterBar::setKnownEndpoints(const QStringList &names)
{
    const QSignalBlocker blocker(m_endpoint);
    const QVariant current = m_endpoint->currentData();
    m_endpoint->clear();
    m_endpoint->addItem(tr("Any endpoint"), QVariant());
    m_endpoint->addItem(tr("Catch-all"), QString(QLatin1String("")));
    for (const QString &name : names)
        m_endpoint->addItem(name, name);
    const int index = m_endpoint->findData(current);
    m_endpoint->setCurrentIndex(index < 0 ? 0 : index);
}

store::CaptureFilter FilterBar::filter() const
{
    store::CaptureFilter filter;
    filter.text = m_text->text().trimmed();
    filter.method = m_method->currentData().toString().toLatin1();
    const QVariant endpoint = m_endpoint->currentData();
    if (endpoint.isValid())
        filter.endpoint = endpoint.toString();
    filter.eventType = m_event->text().trimmed();
    const QString verdict = m_verdict->currentData().toString();
    if (verdict == kMalformedRequest)
        filter.malformedOnly = true;
    else
        filter.verdict = verdict;
    return filter;
}

void FilterBar::focusText()
{
    m_text->setFocus(Qt::ShortcutFocusReason);
    m_text->selectAll();
}

} // namespace hookscope::ui
