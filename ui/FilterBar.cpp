#include "FilterBar.h"

#include "FlowRows.h"
#include "VerdictStyle.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QResizeEvent>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace hookscope::ui {

namespace {

// The verdict filter's entry for requests refused as malformed: not a verdict, since those
// requests are never verified.
const auto kMalformedRequest = QStringLiteral("malformed-request");
// More rows of choices than this fold behind the Filters button: at 500 px the list pane kept
// five rows of filters above a list with room for about three requests.
constexpr int kMostChoiceRows = 2;

} // namespace

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("filterBar"));
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, [this] { Q_EMIT filterChanged(filter()); });
    const auto changed = [this] {
        countChoicesInUse();
        m_debounce->start();
    };

    m_text = new QLineEdit;
    m_text->setObjectName(QStringLiteral("filterTextLineEdit"));
    m_text->setAccessibleName(tr("Filter text"));
    m_text->setPlaceholderText(tr("Filter: #id, path, header or body text  (Ctrl+L)"));
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
                                "outside-tolerance", "no-secret", "unsigned"}) {
        const QString word = QString::fromLatin1(verdict);
        // Spelled out here, beside the malformed request entry.
        m_verdict->addItem(
            word == u"malformed-header" ? tr("malformed signature") : verdictLabel(word), word);
    }
    m_verdict->insertSeparator(m_verdict->count());
    m_verdict->addItem(tr("malformed request (not checked)"), kMalformedRequest);
    connect(m_verdict, &QComboBox::currentIndexChanged, this, changed);

    // The lists are as wide as their usual entries, not their longest (the popup shows those
    // whole), so a narrow list pane still has room for them.
    for (QComboBox *box : {m_method, m_endpoint, m_verdict}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(box == m_verdict ? 14 : 10);
    }
    m_event->setMinimumWidth(m_event->fontMetrics().horizontalAdvance(m_event->placeholderText())
                             + 40);

    m_more = new QToolButton;
    m_more->setObjectName(QStringLiteral("filterMoreToolButton"));
    m_more->setAccessibleName(tr("More filters"));
    m_more->setToolTip(tr("Filter by method, endpoint, event type or signature verdict"));
    m_more->setCheckable(true);
    m_more->hide();
    connect(m_more, &QToolButton::toggled, this, &FilterBar::showChoices);
    countChoicesInUse();

    // Free text gets a row of its own; the narrower filters share the next, or wrap onto more.
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 0);
    layout->setSpacing(4);
    auto *textRow = new QHBoxLayout;
    textRow->setSpacing(6);
    textRow->addWidget(m_text, 1);
    textRow->addWidget(m_more);
    layout->addLayout(textRow);
    auto *choices = new QVBoxLayout;
    choices->setSpacing(4);
    layout->addLayout(choices);
    m_choices = std::make_unique<FlowRows>(choices, 6);
    m_choices->addWidget(m_method);
    m_choices->addWidget(m_endpoint);
    m_choices->addWidget(m_event, true);
    m_choices->addWidget(m_verdict);
    m_choices->arrange(QWIDGETSIZE_MAX);
}

FilterBar::~FilterBar() = default;

QSize FilterBar::minimumSizeHint() const
{
    // As narrow as the choices can be once wrapped, whatever rows they are on now.
    const QSize laidOut = QWidget::minimumSizeHint();
    const QMargins margins = layout()->contentsMargins();
    const int textRow = m_text->minimumSizeHint().width()
        + (m_more->isHidden() ? 0 : 6 + m_more->sizeHint().width());
    const int narrowest
        = std::max(textRow, m_choices->minimumWidth()) + margins.left() + margins.right();
    return {std::min(laidOut.width(), narrowest), laidOut.height()};
}

void FilterBar::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const QMargins margins = layout()->contentsMargins();
    const int room = width() - margins.left() - margins.right();
    m_more->setVisible(m_choices->rowCount(room) > kMostChoiceRows);
    const bool arranged = m_choices->arrange(room);
    showChoices();
    if (arranged)
        updateGeometry();
}

bool FilterBar::choicesFolded() const
{
    return !m_more->isHidden() && !m_more->isChecked();
}

void FilterBar::showChoices()
{
    const bool shown = !choicesFolded();
    bool changed = false;
    for (QWidget *choice :
         std::initializer_list<QWidget *> {m_method, m_endpoint, m_event, m_verdict}) {
        if (choice->isHidden() == shown) {
            choice->setVisible(shown);
            changed = true;
        }
    }
    if (changed)
        updateGeometry();
}

void FilterBar::countChoicesInUse()
{
    // Folded filters still apply: the button says how many, so a short list is not a mystery.
    const int inUse = int(m_method->currentIndex() > 0) + int(m_endpoint->currentIndex() > 0)
        + int(!m_event->text().trimmed().isEmpty()) + int(m_verdict->currentIndex() > 0);
    m_more->setText(inUse == 0 ? tr("Filters") : tr("Filters (%1)").arg(inUse));
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
