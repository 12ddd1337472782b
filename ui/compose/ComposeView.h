#pragma once

#include "compose/DeliveryRunner.h"
#include "compose/EventTemplate.h"
#include "history/SendRecord.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStandardItemModel;
class QTabWidget;
class QTableView;
class QTimer;
class QToolButton;
class QTreeView;
class QTreeWidget;

namespace hookscope::compose {
class TemplateLibrary;
}
namespace hookscope::history {
class SendHistory;
}

namespace hookscope::ui {

class BodyTreeModel;
class BodyForm;
class ComposePanes;
class HeaderEditModel;
class HeaderTableModel;
class JsonHighlighter;
class LoadPanel;
class MemberBuilder;
class PayloadTreeView;
class PledgeBuilder;
class SendHistoryModel;
class TemplateFinder;

struct ComposeViewOptions {
    QString userTemplateDirectory; // empty: TemplateLibrary::defaultUserDirectory()
    QString historyPath; // empty: SendHistory::defaultPath() (<data folder>/sends.sqlite)
};

// The Compose view: pick a template (or start blank), edit method, URL, headers and body (raw
// with live JSON validation, as a tree, or with the pledge or member form), sign with a scheme
// and a secret held in memory only, and send — once or on a provider's retry schedule — without
// blocking the window. The answer is shown like a capture (tree, headers, raw), retries as a
// timeline, and every attempt goes to the send history.
class ComposeView final : public QWidget
{
    Q_OBJECT

public:
    explicit ComposeView(QWidget *parent = nullptr);
    explicit ComposeView(const ComposeViewOptions &options, QWidget *parent = nullptr);
    ~ComposeView() override;

    // The URL a new composition is sent to (the local receiver's). A URL in the field that
    // points at the previous one (scheme, host and port) follows it, its path and query kept;
    // one the user typed for another server is kept.
    void setDefaultUrl(const QString &url);
    QString defaultUrl() const { return m_defaultUrl; }

    // Loads a template into the editor; false when there is none of that name.
    bool selectTemplate(const QString &name);
    QString currentTemplateName() const;

    QByteArray bodyText() const;
    void setBodyText(const QByteArray &body);
    // Runs the (normally delayed) validation and form/tree sync now.
    void validateNow();

    void send();
    void stop();
    bool isSending() const { return !m_runner.isNull(); }

    // Saves the composition as a user template; false (and a message) on failure.
    bool saveAsTemplate(const QString &provider, const QString &event, QString *error);
    // The inspector's "Save as template": a user template made from a capture (signature headers
    // become {{signature}} slots), named from its scheme and event. The template is saved in
    // the data folder, reloaded and selected in the composer; *name gets its name.
    // It asks for the name first, as "Save as template…" does; false with *error empty when the
    // user cancelled.
    static compose::EventTemplate templateFromCapture(const Capture &capture);
    bool saveCaptureAsTemplate(const Capture &capture, QString *name, QString *error);
    // `name` (PROVIDER/EVENT) if no template has it, else a free variant: "-copy" after the
    // name of a built-in one, then "-2", "-3"… until neither a template nor a file has it.
    QString freeTemplateName(const QString &name) const;
    // Deletes the selected user template after asking; a built-in one it hid is loaded.
    void deleteCurrentTemplate();

    // Loads a history entry (by id) into the composer to send it again, with its answer. The
    // picker names the entry's template, or the entry itself; the earlier composition's answer,
    // attempts and retry options go.
    void loadHistoryEntry(qint64 id);
    // The inspector's "Replay": the captured method, headers and body bytes, addressed to url
    // (given no path, the captured path and query). Sent without a secret it goes as it was,
    // signature headers included; with the detected scheme and a secret it is re-signed. The
    // earlier composition's template, answer and retry options go.
    void loadCapture(const Capture &capture, const QUrl &url);

    QPlainTextEdit *bodyEditor() const { return m_bodyEdit; }
    QLabel *jsonStatusLabel() const { return m_jsonStatus; }
    HeaderEditModel *headerModel() const { return m_headerModel; }
    BodyTreeModel *bodyTreeModel() const { return m_treeModel; }
    PledgeBuilder *pledgeBuilder() const { return m_pledge; }
    MemberBuilder *memberBuilder() const { return m_member; }
    SendHistoryModel *historyModel() const { return m_historyModel; }
    QTableView *historyView() const { return m_historyView; }
    QTreeWidget *timeline() const { return m_timeline; }
    PayloadTreeView *responseTree() const { return m_responseTree; }
    QLabel *responseStatusLabel() const { return m_responseStatus; }
    QTabWidget *responseTabs() const { return m_responseTabs; }
    QTabWidget *requestTabs() const { return m_requestTabs; }
    LoadPanel *loadPanel() const { return m_loadPanel; }
    ComposePanes *panes() const { return m_panes; }

Q_SIGNALS:
    void attemptShown(const hookscope::history::SendRecord &record);
    void sendFinished(); // the last attempt of a Send is in
    void historyLoaded(); // the history list is filled (after opening or clearing)
    void historyEntryShown(qint64 id);
    void templateSaved(const QString &name);

private:
    QWidget *createSidebar();
    QWidget *createRequestPane();
    QWidget *createBodyPage();
    QWidget *createHeadersPage();
    QWidget *createOptionsBox();
    QWidget *createResponsePane();
    void fillTemplatePicker(const QString &select = {});
    int templateRow(const QString &name) const; // -1: not in the picker
    void templateChosen(int index);
    void loadTemplate(const compose::EventTemplate &eventTemplate);
    // A picked template's retry schedule (its retry_schedule), left for the user to change.
    void pickRetrySchedule(const QString &name);

    void scheduleValidation();
    void validateBody();
    void showJsonError(const QByteArray &body, int line, int byteColumn, const QString &message);
    void replaceBodyText(const QByteArray &body);
    // A form beside the body (pledge, member) in its titled box, scrolling down but not sideways,
    // with its problem line above the fields; shown while the body is the form's resource.
    QGroupBox *addForm(const QString &title, BodyForm *form, QWidget *parent);
    // A form's edit spliced into the body (through its applyTo); an invalid form leaves it.
    void formEdited(const BodyForm &form);
    // Each form shown and filled where the body is its resource, hidden elsewhere.
    void showForms(const QByteArray &body);
    void hideForms();
    void treeValueEdited(const QStringList &path, const QByteArray &json);

    compose::EventTemplate composedTemplate(bool *bodyIsJson) const;
    // The body of a composition as the format box has it sent: the parsed JSON (root; null when
    // the body is not JSON) compact or pretty, else the text as typed.
    void setComposedBody(compose::EventTemplate *composed, const QByteArray &body,
                         const compose::JsonValue *root) const;
    // Those bytes as they go out (before placeholders are filled in).
    QByteArray bodyAsSent(const QByteArray &body, const compose::JsonValue *root) const;
    // The composition as a delivery: URL, method, headers, timeout, signer, and a source that
    // renders each event afresh; with the retry options of Send or (load) one attempt each.
    bool prepareDelivery(bool withRetries, compose::DeliveryOptions *options,
                         compose::EventSource *source, QString *note, QString *error);
    // One row of the Attempts timeline: a send's attempt as it finished, or one from the history.
    struct TimelineRow {
        QStringList columns; // attempt, at, result, next, event id
        QString resultTip;
        bool succeeded = false;
        QString delivery; // the event and delivery it is an attempt of
        bool retryDue = false; // "retry in …": until a later row of its delivery, or Stop
    };
    void attemptFinished(const compose::AttemptRecord &record);
    void appendTimelineRow(const TimelineRow &row);
    void showTimeline(const QList<TimelineRow> &rows, int current); // current: -1 for none
    // Stop: the retries still due will not be sent, and the timeline says so.
    void cancelDueRetries();
    void runnerFinished();
    void showExchange(const history::SendRecord &record);
    void showSendError(const QString &message);
    // Who the Response line speaks for: a result lands there only while the line is its own.
    enum class StatusLineOwner { Composition, Send, LoadRun };
    void setResponseStatus(StatusLineOwner owner, const QString &text, const QString &style = {});
    void clearResponse(); // as before anything was sent
    void resetDeliveryOptions(); // one delivery, no retries, certificates checked
    // The picked scheme when the headers carry its signature as recorded (a history entry, a
    // replay) rather than a {{signature}} slot: sent without a secret, it goes unchanged.
    QString recordedSignatureScheme() const;
    void updateSecretHint(); // the secret field says what an empty secret does
    // A picked template signed another way than the secret was typed for: the secret goes
    // (the field says whose it was), so one provider's secret never signs another's event.
    void clearSecretOfAnotherScheme();
    void setSending(bool sending);

    void openHistory();
    void historySelectionChanged();
    // A history entry alone: its answer and the attempts of its own delivery.
    void showHistoryEntry(const history::SendRecord &record);
    void forgetShownEntry(); // no history row selected or shown
    void loadSelectedIntoComposer();
    void loadRecord(const history::SendRecord &record);
    void clearHistory();
    void saveAsTemplateClicked();
    // Asks for a template name, pre-filled with freeTemplateName(suggested); replacing one of
    // the user's templates or hiding a built-in one is confirmed first. Empty: cancelled.
    QString askTemplateName(const QString &suggested);
    void updateTemplateButtons();
    void addHeaderRow();
    void removeHeaderRow();

    ComposeViewOptions m_options;
    std::unique_ptr<compose::TemplateLibrary> m_library;
    history::SendHistory *m_history = nullptr;
    compose::EventTemplate m_base; // the template the composition started from
    QString m_defaultUrl = QStringLiteral("http://127.0.0.1:8787/");
    bool m_urlTyped = false;
    // URLs with passwords this view shows as *** (a forward target's, one sent before): the
    // real ones, which a *** in the URL field stands for.
    QList<QUrl> m_knownCredentials;
    // "host:port" an accepted self-signed certificate was sent to; a URL naming another server
    // unticks "Accept this self-signed certificate". Empty: not sent with it yet.
    QString m_insecureServer;
    // The scheme picked when the secret was typed; empty: none (unsigned), or no secret.
    QString m_secretScheme;
    bool m_replacingBody = false;
    QPointer<compose::DeliveryRunner> m_runner;
    QString m_deliveryGroup;
    QString m_sendingTemplate;
    QString m_sendingScheme;
    qint64 m_shownHistoryId = 0; // the history entry the response pane shows; 0: a send's
    QList<TimelineRow> m_sendRows; // the timeline of the latest send, to show it again
    StatusLineOwner m_statusOwner = StatusLineOwner::Composition;

    ComposePanes *m_panes = nullptr;
    // Sidebar
    TemplateFinder *m_templateFinder = nullptr;
    QComboBox *m_templateCombo = nullptr;
    QStandardItemModel *m_templateItems = nullptr;
    QLabel *m_templateDescription = nullptr;
    QPushButton *m_deleteTemplateButton = nullptr; // enabled for the user's own templates
    SendHistoryModel *m_historyModel = nullptr;
    QTableView *m_historyView = nullptr;
    QPushButton *m_loadHistoryButton = nullptr;
    // Request
    QComboBox *m_methodCombo = nullptr;
    QLineEdit *m_urlEdit = nullptr;
    QPushButton *m_sendButton = nullptr;
    QPushButton *m_responseStop = nullptr; // beside the response's status while sending
    QTabWidget *m_requestTabs = nullptr;
    QPlainTextEdit *m_bodyEdit = nullptr;
    JsonHighlighter *m_highlighter = nullptr;
    QLabel *m_jsonStatus = nullptr;
    QComboBox *m_bodyFormatCombo = nullptr;
    PledgeBuilder *m_pledge = nullptr;
    MemberBuilder *m_member = nullptr;
    QList<std::pair<QGroupBox *, BodyForm *>> m_forms;
    QTimer *m_validateTimer = nullptr;
    BodyTreeModel *m_treeModel = nullptr;
    QTreeView *m_treeView = nullptr;
    QLabel *m_treeNote = nullptr;
    HeaderEditModel *m_headerModel = nullptr;
    QTableView *m_headerView = nullptr;
    QLabel *m_headerMessage = nullptr;
    QComboBox *m_schemeCombo = nullptr;
    QLineEdit *m_secretEdit = nullptr;
    QToolButton *m_showSecretButton = nullptr;
    QSpinBox *m_timeoutSpin = nullptr;
    QCheckBox *m_insecureCheck = nullptr;
    QComboBox *m_scheduleCombo = nullptr;
    QDoubleSpinBox *m_timeScaleSpin = nullptr;
    QCheckBox *m_twiceCheck = nullptr;
    QCheckBox *m_outOfOrderCheck = nullptr;
    // Response
    QLabel *m_responseStatus = nullptr;
    QTabWidget *m_responseTabs = nullptr;
    PayloadTreeView *m_responseTree = nullptr;
    HeaderTableModel *m_responseHeaders = nullptr;
    QPlainTextEdit *m_responseRaw = nullptr;
    QPlainTextEdit *m_requestRaw = nullptr;
    QTreeWidget *m_timeline = nullptr;
    LoadPanel *m_loadPanel = nullptr;
};

} // namespace hookscope::ui
