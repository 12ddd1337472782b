#pragma once

#include "http/Capture.h"
#include "payload/BodyParser.h"

#include <QTabWidget>

class QComboBox;
class QLabel;
class QTableView;
class QThread;

namespace hookscope::ui {

class HeaderTableModel;
class HexView;
class PayloadTreeView;
class RawTextView;

// The selected request's tabs: Tree (body and query string), Headers (as they arrived), Raw
// (text and hex), Signature (filled by the signature panel) and Response (what the receiver
// answered, and what each forward target answered). All are views of one Capture value.
class CaptureDetailView final : public QTabWidget
{
    Q_OBJECT

public:
    enum Tab { TreeTab, HeadersTab, RawTab, SignatureTab, ResponseTab };
    // Bodies from this size on are parsed on a worker thread (~15 ms of work per MB).
    static constexpr qsizetype kBackgroundParseBytes = 4 * 1024 * 1024;

    explicit CaptureDetailView(QWidget *parent = nullptr);
    ~CaptureDetailView() override;

    void setCapture(const Capture &capture);
    void clear();
    // The answers of `loaded` (the shown capture, loaded again): forward answers that arrived
    // after it was shown, and a pass-through answer recorded since. The other tabs stay as
    // they are.
    void updateAnswers(const Capture &loaded);
    const Capture &capture() const { return m_capture; }
    bool hasCapture() const { return m_hasCapture; }
    payload::BodyFormat bodyFormat() const { return m_bodyFormat; }
    // True while a large body is still being parsed for the tree.
    bool isParsing() const { return m_parsing; }
    // Worker threads still running, including ones whose result is no longer wanted.
    qsizetype pendingParses() const { return m_workers.size(); }

    PayloadTreeView *payloadTree() const { return m_tree; }
    HeaderTableModel *headerModel() const { return m_headerModel; }
    HeaderTableModel *responseHeaderModel() const { return m_responseHeaderModel; }
    RawTextView *rawTextView() const { return m_rawText; }
    HexView *hexView() const { return m_hexView; }
    RawTextView *responseBodyView() const { return m_responseBody; }
    // "Hookscope's answer" first, then one entry per forward target.
    QComboBox *responseSourceBox() const { return m_responseSource; }
    QWidget *signaturePage() const { return m_signaturePage; }

    // Switches to Raw, with the cursor at the JSON error when there is one.
    void showRaw();

Q_SIGNALS:
    // The tree shows the current capture's body (right away, or once a large one is parsed).
    void bodyShown();

private:
    QWidget *createHeadersPage();
    QWidget *createRawPage();
    QWidget *createResponsePage();
    void showParsedBody(payload::ParsedBody parsed);
    void fillRawIfShown();
    // Marks the tree's current value in the hex and raw views.
    void markSelectedValue();
    void fillResponseSources();
    void fillResponse();

    Capture m_capture;
    bool m_hasCapture = false;
    bool m_rawFilled = false;
    bool m_parsing = false;
    quint64 m_generation = 0; // bumped per capture, so a late worker result is dropped
    QList<QThread *> m_workers;
    payload::BodyFormat m_bodyFormat = payload::BodyFormat::None;
    qsizetype m_errorOffset = -1;

    PayloadTreeView *m_tree = nullptr;
    QLabel *m_requestLineLabel = nullptr;
    HeaderTableModel *m_headerModel = nullptr;
    QTableView *m_headerTable = nullptr;
    RawTextView *m_rawText = nullptr;
    QLabel *m_rawNoteLabel = nullptr;
    HexView *m_hexView = nullptr;
    QWidget *m_signaturePage = nullptr;
    QComboBox *m_responseSource = nullptr;
    QLabel *m_responseStatusLabel = nullptr;
    HeaderTableModel *m_responseHeaderModel = nullptr;
    QTableView *m_responseHeaderTable = nullptr;
    RawTextView *m_responseBody = nullptr;
};

} // namespace hookscope::ui
