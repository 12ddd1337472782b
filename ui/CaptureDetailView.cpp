#include "CaptureDetailView.h"

#include "HeaderTableModel.h"
#include "HexView.h"
#include "JsonTreeModel.h"
#include "PayloadTreeView.h"
#include "RawTextView.h"
#include "core/Counted.h"
#include "http/HttpResponse.h"
#include "payload/FormUrlEncoded.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QThread>
#include <QTreeView>
#include <QVBoxLayout>

namespace hookscope::ui {

namespace {

QTableView *headerTableView(HeaderTableModel *model, const QString &objectName,
                            const QString &accessibleName)
{
    auto *view = new QTableView;
    view->setObjectName(objectName);
    view->setAccessibleName(accessibleName);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setWordWrap(false);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setSectionResizeMode(HeaderTableModel::NameColumn,
                                                   QHeaderView::ResizeToContents);
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

QString formatTitle(payload::BodyFormat format)
{
    switch (format) {
    case payload::BodyFormat::Json:
        return CaptureDetailView::tr("JSON body");
    case payload::BodyFormat::FormUrlEncoded:
        return CaptureDetailView::tr("form body");
    case payload::BodyFormat::Multipart:
        return CaptureDetailView::tr("multipart body");
    case payload::BodyFormat::None:
        break;
    }
    return CaptureDetailView::tr("body");
}

QLabel *selectableLabel(const QString &objectName, const QString &accessibleName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setAccessibleName(accessibleName);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    return label;
}

QString reasonPhrase(int status)
{
    return QString::fromLatin1(http::standardReasonPhrase(status));
}

// "This request is malformed (why) and was refused with 400 Bad Request. The Raw tab holds the
// 52 bytes received, as text and in hex." A malformed capture's body is the bytes seen, head
// included.
QString malformedSummary(const Capture &capture)
{
    QString text = capture.parseError.isEmpty()
        ? CaptureDetailView::tr("This request is malformed")
        : CaptureDetailView::tr("This request is malformed (%1)").arg(capture.parseError);
    if (capture.responseStatus > 0)
        text += CaptureDetailView::tr(" and was refused with %1 %2")
                    .arg(capture.responseStatus)
                    .arg(reasonPhrase(capture.responseStatus));
    else
        text += CaptureDetailView::tr(" and got no answer");
    return text
        + CaptureDetailView::tr(". The Raw tab holds the %1 received, as text and in hex.")
              .arg(counted(capture.body.size(), u"byte", u"bytes"));
}

} // namespace

CaptureDetailView::CaptureDetailView(QWidget *parent)
    : QTabWidget(parent)
    , m_headerModel(new HeaderTableModel(this))
    , m_responseHeaderModel(new HeaderTableModel(this))
{
    setObjectName(QStringLiteral("captureDetailView"));
    setAccessibleName(tr("Request details"));

    m_tree = new PayloadTreeView;
    connect(m_tree, &PayloadTreeView::rawRequested, this, &CaptureDetailView::showRaw);

    m_signaturePage = new QWidget;
    m_signaturePage->setObjectName(QStringLiteral("signaturePage"));
    m_signaturePage->setAccessibleName(tr("Signature"));

    addTab(m_tree, tr("Tree"));
    addTab(createHeadersPage(), tr("Headers"));
    addTab(createRawPage(), tr("Raw"));
    // Scrolls rather than widening the whole pane: the signature form needs more room than a
    // narrow window's detail pane has.
    auto *signatureScroll = new QScrollArea;
    signatureScroll->setObjectName(QStringLiteral("signatureScrollArea"));
    signatureScroll->setAccessibleName(tr("Signature"));
    signatureScroll->setWidgetResizable(true);
    signatureScroll->setFrameShape(QFrame::NoFrame);
    signatureScroll->setWidget(m_signaturePage);
    addTab(signatureScroll, tr("Signature"));
    addTab(createResponsePage(), tr("Response"));
    connect(this, &QTabWidget::currentChanged, this, &CaptureDetailView::fillRawIfShown);
    // Selecting a JSON value marks its bytes in the hex and raw views, as Wireshark's byte pane
    // does.
    connect(m_tree->treeView()->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &CaptureDetailView::markSelectedValue);
    clear();
}

CaptureDetailView::~CaptureDetailView()
{
    // Workers post back to this object; they must be done before it goes.
    for (QThread *worker : std::as_const(m_workers))
        worker->wait();
    qDeleteAll(m_workers);
}

QWidget *CaptureDetailView::createHeadersPage()
{
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("headersPage"));
    m_requestLineLabel = selectableLabel(QStringLiteral("requestLineLabel"), tr("Request line"));
    m_requestLineLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_headerTable
        = headerTableView(m_headerModel, QStringLiteral("headersTableView"), tr("Request headers"));
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_requestLineLabel);
    layout->addWidget(m_headerTable, 1);
    return page;
}

QWidget *CaptureDetailView::createRawPage()
{
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("rawPage"));
    m_rawText = new RawTextView;
    m_rawText->setObjectName(QStringLiteral("rawTextEdit"));
    m_rawText->setAccessibleName(tr("Raw body text"));
    m_rawNoteLabel = selectableLabel(QStringLiteral("rawNoteLabel"), tr("Raw body note"));
    m_hexView = new HexView;
    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->setObjectName(QStringLiteral("rawSplitter"));
    splitter->addWidget(m_rawText);
    splitter->addWidget(m_hexView);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_rawNoteLabel);
    layout->addWidget(splitter, 1);
    return page;
}

QWidget *CaptureDetailView::createResponsePage()
{
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("responsePage"));
    m_responseStatusLabel
        = selectableLabel(QStringLiteral("responseStatusLabel"), tr("Response status"));
    QFont bold = m_responseStatusLabel->font();
    bold.setBold(true);
    m_responseStatusLabel->setFont(bold);
    m_responseHeaderTable = headerTableView(
        m_responseHeaderModel, QStringLiteral("responseHeadersTableView"), tr("Response headers"));
    m_responseBody = new RawTextView;
    m_responseBody->setObjectName(QStringLiteral("responseBodyTextEdit"));
    m_responseBody->setAccessibleName(tr("Response body"));
    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->setObjectName(QStringLiteral("responseSplitter"));
    splitter->addWidget(m_responseHeaderTable);
    splitter->addWidget(m_responseBody);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    m_responseSource = new QComboBox;
    m_responseSource->setObjectName(QStringLiteral("responseSourceComboBox"));
    m_responseSource->setAccessibleName(tr("Whose answer to show"));
    m_responseSource->setToolTip(tr("What Hookscope answered the sender, or what a forward "
                                    "target answered when the request was passed on to it"));
    m_responseSource->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_responseSource->view()->setObjectName(QStringLiteral("responseSourceListView"));
    m_responseSource->view()->setAccessibleName(tr("Answers to choose from"));
    connect(m_responseSource, &QComboBox::currentIndexChanged, this,
            &CaptureDetailView::fillResponse);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_responseSource, 0, Qt::AlignLeft);
    layout->addWidget(m_responseStatusLabel);
    layout->addWidget(splitter, 1);
    return page;
}

void CaptureDetailView::clear()
{
    ++m_generation;
    m_parsing = false;
    m_capture = Capture();
    m_hasCapture = false;
    m_bodyFormat = payload::BodyFormat::None;
    m_errorOffset = -1;
    m_tree->setSections({});
    m_tree->setProblem(tr("Select a request to see it here."), false);
    m_requestLineLabel->clear();
    m_headerModel->setHeaders({});
    m_rawText->setBody({}, false);
    m_rawNoteLabel->hide();
    m_hexView->setData({});
    m_rawFilled = true;
    {
        const QSignalBlocker blocker(m_responseSource);
        m_responseSource->clear();
        m_responseSource->hide();
    }
    m_responseStatusLabel->clear();
    m_responseHeaderModel->setHeaders({});
    m_responseBody->setBody({}, false);
}

void CaptureDetailView::setCapture(const Capture &capture)
{
    m_capture = capture;
    m_hasCapture = true;
    m_errorOffset = -1;
    m_rawFilled = false; // the raw text still holds the previous body
    // Before the body is parsed: parsing marks a JSON error in the hex view.
    m_hexView->setData(capture.body);

    // Tree: the body by its Content-Type. Large bodies are parsed on a worker thread so the
    // window stays responsive; the newest capture wins if the user moves on meanwhile.
    const quint64 generation = ++m_generation;
    const QByteArray contentType = headerValue(capture.headers, "Content-Type");
    m_bodyFormat = capture.malformed ? payload::BodyFormat::None
                                     : payload::bodyFormatFor(contentType, capture.body);
    if (capture.malformed) {
        // What was kept is the bytes received, head first: not a body to read as a payload.
        m_parsing = false;
        m_tree->setSections({});
        m_tree->setProblem(malformedSummary(capture), true);
        Q_EMIT bodyShown();
    } else if (capture.body.size() < kBackgroundParseBytes) {
        showParsedBody(payload::parseBody(contentType, capture.body));
    } else {
        m_parsing = true;
        m_tree->setSections({});
        m_tree->setProblem(
            tr("Reading the %1 body\u2026").arg(QLocale().formattedDataSize(capture.body.size())),
            false);
        QThread *worker = QThread::create([this, generation, contentType, body = capture.body] {
            auto parsed
                = std::make_shared<payload::ParsedBody>(payload::parseBody(contentType, body));
            QMetaObject::invokeMethod(
                this,
                [this, generation, parsed] {
                    if (generation == m_generation)
                        showParsedBody(std::move(*parsed));
                },
                Qt::QueuedConnection);
        });
        connect(worker, &QThread::finished, this, [this, worker] {
            m_workers.removeOne(worker);
            worker->deleteLater();
        });
        m_workers.append(worker);
        worker->start();
    }

    // Headers.
    const QString when = capture.receivedAtUs > 0
        ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(capture.receivedAtUs / 1000),
                             QLocale::ShortFormat)
        : QString();
    QString requestLine;
    if (capture.malformed) {
        requestLine = malformedSummary(capture) + u'\n'
            + (capture.headers.isEmpty()
                   ? tr("No header was read before the error.")
                   : tr("Below: the %1 read before the error.")
                         .arg(counted(capture.headers.size(), u"header", u"headers")));
    } else {
        requestLine = QStringLiteral("%1 %2 HTTP/%3")
                          .arg(QString::fromUtf8(capture.method), QString::fromUtf8(capture.target),
                               QString::fromUtf8(capture.httpVersion));
    }
    // In a narrow pane the line wraps between its parts, never inside "at 4 Dec 2026 19:46".
    const auto unbroken = [](QString part) { return part.replace(u' ', QChar::Nbsp); };
    if (!capture.remoteAddress.isEmpty())
        requestLine += QStringLiteral("   ")
            + unbroken(tr("from %1:%2").arg(capture.remoteAddress).arg(capture.remotePort));
    if (!when.isEmpty())
        requestLine += QStringLiteral("   ") + unbroken(tr("at %1").arg(when));
    m_requestLineLabel->setText(requestLine);
    m_headerModel->setHeaders(capture.headers);

    // Raw: the hex view shares the bytes (set above); the text is laid out only once Raw is
    // opened.
    fillRawIfShown();
    fillResponseSources();
}

void CaptureDetailView::showParsedBody(payload::ParsedBody parsed)
{
    m_parsing = false;
    m_errorOffset = -1;
    m_bodyFormat = parsed.format;
    QList<JsonTreeModel::Section> sections;
    if (!parsed.tree.isEmpty())
        sections.append({formatTitle(parsed.format), QStringLiteral("$"),
                         std::make_shared<const json::PayloadTree>(std::move(parsed.tree)),
                         parsed.format == payload::BodyFormat::Json});
    // The query string is shown as its own section, whatever the body is.
    bool hasQuery = false;
    const QByteArrayView query = payload::queryOfTarget(m_capture.target, &hasQuery);
    if (hasQuery)
        sections.append(
            {tr("query string"), QStringLiteral("query"),
             std::make_shared<const json::PayloadTree>(payload::parseFormUrlEncoded(query)),
             false});
    m_tree->setSections(std::move(sections));

    const QByteArray contentType = headerValue(m_capture.headers, "Content-Type");
    if (parsed.jsonError) {
        m_errorOffset = parsed.jsonError->offset;
        m_hexView->markError(m_errorOffset);
        if (m_rawFilled)
            m_rawText->markError(m_errorOffset); // Raw was open before the body was parsed
        m_tree->setProblem(tr("The body is not valid JSON. %1").arg(parsed.jsonError->toString()),
                           true);
    } else if (!parsed.error.isEmpty()) {
        m_tree->setProblem(parsed.error, true);
    } else if (parsed.format == payload::BodyFormat::None && !m_capture.body.isEmpty()) {
        m_tree->setProblem(
            tr("The body (%1, %2 bytes) is not JSON, a form or multipart: see Raw.")
                .arg(contentType.isEmpty() ? tr("no Content-Type") : QString::fromUtf8(contentType))
                .arg(m_capture.body.size()),
            true);
    } else if (m_capture.body.isEmpty() && !hasQuery) {
        m_tree->setProblem(tr("The request has no body."), false);
    } else {
        m_tree->setProblem({}, false);
    }
    Q_EMIT bodyShown();
}

void CaptureDetailView::markSelectedValue()
{
    const QModelIndex current = m_tree->treeView()->currentIndex();
    const QVariant offset = current.data(JsonTreeModel::ByteOffsetRole);
    if (!offset.isValid()) {
        m_hexView->setHighlight(0, 0);
        m_rawText->markBytes(0, 0);
        return;
    }
    const qint64 length = current.data(JsonTreeModel::ByteLengthRole).toLongLong();
    m_hexView->setHighlight(offset.toLongLong(), length);
    m_hexView->scrollToOffset(offset.toLongLong());
    // A section row stands for the whole body: marking all the text would only hide it.
    const bool wholeBody = !current.parent().isValid();
    if (m_rawFilled)
        m_rawText->markBytes(offset.toLongLong(), wholeBody ? 0 : length);
}

void CaptureDetailView::fillRawIfShown()
{
    if (m_rawFilled || currentIndex() != RawTab)
        return;
    m_rawFilled = true;
    m_rawText->setBody(m_capture.body, m_bodyFormat == payload::BodyFormat::Json);
    m_rawText->markError(m_errorOffset);
    if (m_capture.malformed) {
        m_rawNoteLabel->setText(
            tr("Malformed request: the %1 received, request line and headers included, "
               "exactly as they arrived.")
                .arg(counted(m_capture.body.size(), u"byte", u"bytes")));
        m_rawNoteLabel->show();
    } else if (m_rawText->isTruncated()) {
        m_rawNoteLabel->setText(tr("Showing the first %1 of %2 bytes as text; the hex view "
                                   "below shows them all.")
                                    .arg(QLocale().formattedDataSize(RawTextView::kMaxShownBytes))
                                    .arg(m_capture.body.size()));
        m_rawNoteLabel->show();
    } else if (m_capture.body.isEmpty()) {
        m_rawNoteLabel->setText(tr("The request has no body."));
        m_rawNoteLabel->show();
    } else {
        m_rawNoteLabel->hide();
    }
    markSelectedValue();
}

void CaptureDetailView::showRaw()
{
    setCurrentIndex(RawTab);
    fillRawIfShown();
    m_rawText->revealError();
    if (m_hexView->errorOffset() >= 0)
        m_hexView->scrollToOffset(m_hexView->errorOffset());
    m_rawText->setFocus(Qt::OtherFocusReason);
}

void CaptureDetailView::updateAnswers(const Capture &loaded)
{
    if (!m_hasCapture || loaded.id != m_capture.id)
        return;
    m_capture.forwards = loaded.forwards;
    m_capture.responseStatus = loaded.responseStatus;
    m_capture.responseHeaders = loaded.responseHeaders;
    m_capture.responseBody = loaded.responseBody;
    fillResponseSources();
}

void CaptureDetailView::fillResponseSources()
{
    // Keep the user's choice when more answers arrive (they are appended in arrival order).
    const int chosen = std::max(0, m_responseSource->currentIndex());
    {
        const QSignalBlocker blocker(m_responseSource);
        m_responseSource->clear();
        m_responseSource->addItem(tr("Hookscope's answer to the sender"));
        // A target's retries follow its first attempt, in sending order.
        QHash<QString, int> attempts;
        for (const ForwardResult &forward : std::as_const(m_capture.forwards)) {
            const QString outcome
                = forward.status > 0 ? QString::number(forward.status) : tr("no answer");
            const int attempt = ++attempts[forward.target];
            m_responseSource->addItem(attempt == 1
                                          ? tr("Forwarded to %1 (%2)").arg(forward.target, outcome)
                                          : tr("Forwarded to %1, attempt %2 (%3)")
                                                .arg(forward.target)
                                                .arg(attempt)
                                                .arg(outcome));
        }
        m_responseSource->setCurrentIndex(std::min(chosen, m_responseSource->count() - 1));
    }
    m_responseSource->setVisible(!m_capture.forwards.isEmpty());
    fillResponse();
}

void CaptureDetailView::fillResponse()
{
    const int source = m_responseSource->currentIndex();
    if (source > 0 && source <= m_capture.forwards.size()) {
        const ForwardResult &forward = m_capture.forwards.at(source - 1);
        const QString sent = QDateTime::fromMSecsSinceEpoch(forward.sentAtUs / 1000)
                                 .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
        const QString took = QString::number(double(forward.durationUs) / 1000.0, 'f', 1);
        if (forward.status == 0) {
            m_responseStatusLabel->setText(tr("No answer from %1: %2 (sent %3, after %4 ms)")
                                               .arg(forward.target, forward.error, sent, took));
        } else {
            m_responseStatusLabel->setText(
                tr("HTTP %1 %2 from %3 in %4 ms (sent %5)")
                    .arg(forward.status)
                    .arg(reasonPhrase(forward.status), forward.target, took, sent));
        }
        m_responseHeaderModel->setHeaders(forward.headers);
        const QByteArray contentType = headerValue(forward.headers, "Content-Type");
        m_responseBody->setBody(forward.body,
                                payload::bodyFormatFor(contentType, forward.body)
                                    == payload::BodyFormat::Json);
        return;
    }
    if (m_capture.responseStatus == 0) {
        m_responseStatusLabel->setText(tr("No response was recorded for this request."));
    } else {
        QString status = QStringLiteral("HTTP %1 %2")
                             .arg(m_capture.responseStatus)
                             .arg(reasonPhrase(m_capture.responseStatus))
                             .trimmed();
        // The endpoint's delay is what the sender waited: it matters when testing its timeout.
        if (m_capture.responseDelayMs > 0)
            status += tr(", sent after the endpoint's %1 ms delay").arg(m_capture.responseDelayMs);
        // A sender that gave up on it is the finding a delay is set for.
        if (const QString left = senderLeftText(m_capture); !left.isEmpty())
            status += u'\n' + left;
        m_responseStatusLabel->setText(status);
    }
    m_responseHeaderModel->setHeaders(m_capture.responseHeaders);
    const QByteArray contentType = headerValue(m_capture.responseHeaders, "Content-Type");
    m_responseBody->setBody(m_capture.responseBody,
                            payload::bodyFormatFor(contentType, m_capture.responseBody)
                                == payload::BodyFormat::Json);
}

} // namespace hookscope::ui
