#include "SignaturePanel.h"

#include "VerdictStyle.h"
#include "WrappingRow.h"
#include "core/ThreadCall.h"
#include "signing/Scheme.h"
#include "signing/SchemeRegistry.h"
#include "signing/Signing.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextCursor>
#include <QTextEdit>
#include <QTimer>
#include <QVBoxLayout>

namespace hookscope::ui {

namespace {

QPlainTextEdit *valueBox(const QString &objectName, const QString &accessibleName)
{
    auto *box = new QPlainTextEdit;
    box->setObjectName(objectName);
    box->setAccessibleName(accessibleName);
    box->setReadOnly(true);
    box->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    box->setMaximumHeight(box->fontMetrics().lineSpacing() * 3 + 12);
    box->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    return box;
}

} // namespace

SignaturePanel::SignaturePanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("signaturePanel"));

    m_scheme = new QComboBox;
    m_scheme->setObjectName(QStringLiteral("schemeComboBox"));
    m_scheme->setAccessibleName(tr("Signature scheme"));
    // Its longest name must not set the tab's least width: a narrow pane elides it.
    m_scheme->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_scheme->setMinimumContentsLength(12);
    m_scheme->addItem(tr("Detect from headers"), QStringLiteral("auto"));
    for (const QString &name : signing::schemeNames()) {
        if (name != u"custom")
            m_scheme->addItem(signing::schemeTitle(name), name);
    }

    m_secret = new QLineEdit;
    m_secret->setObjectName(QStringLiteral("secretLineEdit"));
    m_secret->setAccessibleName(tr("Secret"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("Paste the webhook secret to verify this request"));
    auto *showBox = new QCheckBox(tr("Show"));
    showBox->setObjectName(QStringLiteral("showSecretCheckBox"));
    showBox->setAccessibleName(tr("Show the secret"));
    connect(showBox, &QCheckBox::toggled, this, [this](bool visible) {
        m_secret->setEchoMode(visible ? QLineEdit::Normal : QLineEdit::Password);
    });

    m_secretInfo = new QLabel;
    m_secretInfo->setObjectName(QStringLiteral("secretFormatLabel"));
    m_secretInfo->setWordWrap(true);
    m_secretInfo->setTextFormat(Qt::PlainText);

    // Short, with the rest in the tooltip: the long text set the tab's least width, and a
    // narrow window's pane then had to be scrolled sideways to read the verdict.
    m_ignoreTolerance = new QCheckBox(tr("Ignore the timestamp"));
    m_ignoreTolerance->setObjectName(QStringLiteral("ignoreToleranceCheckBox"));
    m_ignoreTolerance->setAccessibleName(tr("Ignore timestamp tolerance"));
    m_ignoreTolerance->setToolTip(tr("Accept a timestamp that was already stale when the "
                                     "request arrived."));

    m_badge = new QLabel;
    m_badge->setObjectName(QStringLiteral("verdictBadgeLabel"));
    m_badge->setAccessibleName(tr("Signature verdict"));
    m_badge->setAlignment(Qt::AlignCenter);
    m_badge->setMinimumWidth(120);
    QFont badgeFont = m_badge->font();
    badgeFont.setBold(true);
    m_badge->setFont(badgeFont);

    m_detail = new QLabel;
    m_detail->setObjectName(QStringLiteral("verdictDetailLabel"));
    m_detail->setAccessibleName(tr("Verdict detail"));
    m_detail->setWordWrap(true);
    m_detail->setTextFormat(Qt::PlainText);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Beside the badge only with room for a few words a line; else it goes below the badge.
    m_detail->setMinimumWidth(m_detail->fontMetrics().averageCharWidth() * 24);

    m_diagnosis = new QLabel;
    m_diagnosis->setObjectName(QStringLiteral("diagnosisLabel"));
    m_diagnosis->setAccessibleName(tr("Why the signature fails"));
    m_diagnosis->setWordWrap(true);
    m_diagnosis->setTextFormat(Qt::PlainText);
    m_diagnosis->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_expected = valueBox(QStringLiteral("expectedSignatureEdit"), tr("Expected signature"));
    m_received = valueBox(QStringLiteral("receivedSignatureEdit"), tr("Received signature"));

    m_apply = new QPushButton(tr("Apply to endpoint"));
    m_apply->setObjectName(QStringLiteral("applyToEndpointButton"));
    m_apply->setAccessibleName(tr("Apply scheme and secret to this endpoint"));
    m_apply->setToolTip(tr("Save this scheme and secret for the request's endpoint (the secret "
                           "goes to the system keyring) and re-verify all its stored requests. "
                           "On auto, the secret is kept for this request's provider only (the "
                           "one whose signature it verifies), so "
                           "other providers' requests keep their own."));
    connect(m_apply, &QPushButton::clicked, this, [this] {
        if (!canVerify())
            return;
        const QString chosen = scheme();
        Q_EMIT applyToEndpoint(m_capture.endpoint, chosen, secret(),
                               chosen == u"auto" ? schemeToKeepFor() : QString());
    });

    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(showBox);

    auto *secretLabel = new QLabel(tr("S&ecret"));
    secretLabel->setBuddy(m_secret);
    auto *form = new QFormLayout;
    m_form = form;
    // In a narrow pane a field goes below its label rather than past the pane's edge.
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->addRow(tr("&Scheme"), m_scheme);
    form->addRow(secretLabel, secretRow);
    form->addRow(QString(), m_secretInfo);
    form->setRowVisible(m_secretInfo, false); // an empty row was a gap under the secret
    form->addRow(QString(), m_ignoreTolerance);

    // Badge and detail side by side, the detail below the badge when the pane is narrow.
    auto *verdictRow = new WrappingRow;
    verdictRow->addWidget(m_badge);
    verdictRow->addWidget(m_detail, true);

    auto *values = new QFormLayout;
    values->setRowWrapPolicy(QFormLayout::WrapLongRows);
    values->addRow(tr("Received"), m_received);
    values->addRow(tr("Expected"), m_expected);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addSpacing(6);
    layout->addWidget(verdictRow);
    layout->addWidget(m_diagnosis);
    layout->addLayout(values);
    m_applyNote = new QLabel;
    m_applyNote->setObjectName(QStringLiteral("applyNoteLabel"));
    m_applyNote->setWordWrap(true);
    m_applyNote->setTextFormat(Qt::PlainText);
    auto *applyRow = new WrappingRow;
    applyRow->addWidget(m_apply);
    applyRow->addWidget(m_applyNote, true);
    layout->addWidget(applyRow);
    layout->addStretch(1);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(120);
    connect(m_debounce, &QTimer::timeout, this, &SignaturePanel::verifyNow);
    connect(m_secret, &QLineEdit::textChanged, this, [this] {
        showSecretDescription();
        scheduleVerify();
    });
    connect(m_scheme, &QComboBox::currentIndexChanged, this, [this] {
        showSecretDescription();
        showToleranceOption();
        showApplyNote();
        scheduleVerify();
    });
    connect(m_ignoreTolerance, &QCheckBox::toggled, this, &SignaturePanel::scheduleVerify);
    clear();
}

QString SignaturePanel::scheme() const
{
    return m_scheme->currentData().toString();
}

QByteArray SignaturePanel::secret() const
{
    return m_secret->text().toUtf8();
}

void SignaturePanel::clear()
{
    m_hasCapture = false;
    ++m_generation;
    m_badge->clear();
    m_badge->setStyleSheet({});
    m_detail->setText(tr("Select a request to check its signature."));
    m_diagnosis->clear();
    m_expected->clear();
    m_received->clear();
    markDifference({});
    m_apply->setEnabled(false);
    m_applyNote->clear();
}

void SignaturePanel::setConfigured(const QString &scheme, const QByteArray &secret)
{
    const QSignalBlocker schemeBlocker(m_scheme);
    const QSignalBlocker secretBlocker(m_secret);
    const int index = m_scheme->findData(scheme.isEmpty() ? QStringLiteral("auto") : scheme);
    m_scheme->setCurrentIndex(index < 0 ? 0 : index);
    m_secret->setText(QString::fromUtf8(secret));
    showSecretDescription();
    scheduleVerify();
}

void SignaturePanel::setOtherSecrets(const QList<QByteArray> &secrets)
{
    m_otherSecrets = secrets;
}

void SignaturePanel::setCapture(const Capture &capture)
{
    m_capture = capture;
    m_hasCapture = true;
    m_verifiedScheme.clear();
    // Described again: on auto, how the secret is used depends on this request's headers.
    showSecretDescription();
    showToleranceOption();
    if (capture.malformed) {
        showNotChecked();
        return;
    }
    m_apply->setEnabled(true);
    showApplyNote();
    verifyNow();
}

QString SignaturePanel::detectedScheme() const
{
    return m_hasCapture ? signing::detectSchemes(m_capture.headers).value(0) : QString();
}

QString SignaturePanel::schemeToKeepFor() const
{
    // Checked again rather than taken from the shown verdict, which may be for a secret typed
    // a moment earlier. Only which scheme matched matters here, so no diagnosis.
    signing::VerifyOptions options = verifyOptions();
    options.diagnose = false;
    const signing::Verdict verdict
        = signing::verifyCapture(QStringLiteral("auto"), secret(), m_capture, options);
    return verdict.isValid() && !verdict.scheme.isEmpty() ? verdict.scheme : detectedScheme();
}

void SignaturePanel::showToleranceOption()
{
    // Only a scheme that checks its timestamp's age has one to ignore (Stripe, Slack, Standard
    // Webhooks); on auto, the detected scheme decides. A custom scheme may check one.
    const QString name = scheme() == u"auto" ? detectedScheme() : scheme();
    const signing::Scheme *builtin = signing::findBuiltinScheme(name);
    m_form->setRowVisible(m_ignoreTolerance,
                          !builtin || (builtin->usesTimestamp() && builtin->defaultTolerance()));
}

signing::VerifyOptions SignaturePanel::verifyOptions() const
{
    signing::VerifyOptions options;
    options.ignoreTolerance = m_ignoreTolerance->isChecked();
    options.otherSecrets = m_otherSecrets;
    return options;
}

void SignaturePanel::showNotChecked()
{
    // As the list says: a malformed request is never verified, so there is no verdict to show
    // and nothing its secret could be applied for.
    ++m_generation;
    m_debounce->stop();
    m_verdictWord.clear();
    showBadge({});
    m_detail->setText(m_capture.parseError.isEmpty()
                          ? tr("This request is malformed, so its signature is not checked.")
                          : tr("This request is malformed (%1), so its signature is not checked.")
                                .arg(m_capture.parseError));
    m_diagnosis->clear();
    m_expected->clear();
    m_received->clear();
    markDifference({});
    m_apply->setEnabled(false);
    m_applyNote->clear();
}

bool SignaturePanel::canVerify() const
{
    return m_hasCapture && !m_capture.malformed;
}

void SignaturePanel::showBadge(const QString &verdict)
{
    m_badge->setText(verdictLabel(verdict));
    m_badge->setStyleSheet(QStringLiteral("QLabel { background: %1; color: white; "
                                          "border-radius: 9px; padding: 3px 10px; }")
                               .arg(verdictColor(verdict).name()));
}

QString SignaturePanel::applyNote() const
{
    if (!canVerify())
        return {};
    const QString chosen = scheme();
    if (chosen != u"auto")
        return tr("Sets this endpoint to %1 with this secret.").arg(signing::schemeTitle(chosen));
    // The shown verdict's scheme when the secret verified it: with several providers' headers
    // on one request, the first detected is not always the one the secret is for.
    const QString signedWith = m_verifiedScheme.isEmpty() ? detectedScheme() : m_verifiedScheme;
    if (signedWith.isEmpty())
        return tr("Tried on every signed request of this endpoint whose provider has no secret "
                  "of its own.");
    return tr("Kept as this endpoint's %1 secret: other providers' requests keep their own.")
        .arg(signing::schemeTitle(signedWith));
}

void SignaturePanel::showApplyNote()
{
    m_applyNote->setText(applyNote());
}

void SignaturePanel::showSecretDescription()
{
    const QByteArray value = secret();
    m_form->setRowVisible(m_secretInfo, !value.isEmpty());
    if (value.isEmpty()) {
        m_secretInfo->clear();
        return;
    }
    // On auto, the secret is used as the scheme that signed the request would use it (a
    // Stripe whsec_ secret as typed); with none detected, every scheme's use is described.
    const QString schemeName = scheme() == u"auto" ? detectedScheme() : scheme();
    const signing::SecretDescription description = signing::describeSecret(value, schemeName);
    QString text = description.formatName;
    if (!description.usage.isEmpty())
        text += QStringLiteral(": ") + description.usage;
    for (const QString &warning : description.warnings)
        text += QStringLiteral("\n⚠ ") + warning;
    m_secretInfo->setText(text);
}

void SignaturePanel::scheduleVerify()
{
    if (canVerify())
        m_debounce->start();
}

void SignaturePanel::verifyNow()
{
    if (!canVerify())
        return;
    const quint64 generation = ++m_generation;
    const signing::VerifyOptions options = verifyOptions();
    runInPool(
        this,
        [capture = m_capture, schemeName = scheme(), key = secret(), options] {
            return signing::verifyCapture(schemeName, key, capture, options);
        },
        [this, generation](const signing::Verdict &verdict) {
            if (generation == m_generation)
                showVerdict(verdict);
        });
}

void SignaturePanel::markDifference(const signing::Verdict &verdict)
{
    // Where two long hex strings part is hard to see when each box wraps them its own way: from
    // the first character that differs on, both are marked.
    const QString received = m_received->toPlainText();
    const QString expected = m_expected->toPlainText();
    qsizetype same = 0;
    if (verdict.verdict == signing::verdicts::invalid && !received.isEmpty()
        && !expected.isEmpty()) {
        const qsizetype shorter = std::min(received.size(), expected.size());
        while (same < shorter && received[same] == expected[same])
            ++same;
    }
    QColor tint = verdictColor(signing::verdicts::invalid);
    tint.setAlphaF(0.25f);
    for (QPlainTextEdit *box : {m_received, m_expected}) {
        QList<QTextEdit::ExtraSelection> marks;
        if (verdict.verdict == signing::verdicts::invalid && same < box->toPlainText().size()) {
            QTextEdit::ExtraSelection mark;
            mark.format.setBackground(tint);
            mark.cursor = QTextCursor(box->document());
            mark.cursor.setPosition(int(same));
            mark.cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
            marks << mark;
        }
        box->setExtraSelections(marks);
    }
    m_received->setToolTip(same > 0 && verdict.verdict == signing::verdicts::invalid
                               ? tr("Marked from character %1 on, where it parts from the "
                                    "expected signature.")
                                     .arg(same + 1)
                               : QString());
}

void SignaturePanel::showVerdict(const signing::Verdict &verdict)
{
    m_verdictWord = verdict.verdict;
    m_verifiedScheme = verdict.isValid() ? verdict.scheme : QString();
    showApplyNote();
    showBadge(verdict.verdict);
    // The scheme that judged, named for people, unless the reason names it.
    QString detail = verdict.detail;
    const QString title = signing::schemeTitle(verdict.scheme);
    if (!verdict.scheme.isEmpty() && !detail.contains(title))
        detail = tr("%1: %2").arg(title, detail);
    if (verdict.matchedIndex > 0)
        detail += tr(" (signature #%1 of the header matched)").arg(verdict.matchedIndex + 1);
    m_detail->setText(detail);
    m_diagnosis->setText(verdict.diagnosis.isEmpty() ? QString()
                                                     : tr("Why: %1").arg(verdict.diagnosis));
    m_expected->setPlainText(QString::fromUtf8(verdict.expected));
    m_received->setPlainText(QString::fromUtf8(verdict.received));
    markDifference(verdict);
    Q_EMIT verified(verdict.verdict);
}

} // namespace hookscope::ui
