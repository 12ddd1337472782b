#pragma once

#include "store/CaptureSummary.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QTimer;

namespace hookscope::ui {

// Free text, method, endpoint, event type and verdict (or malformed request) filters over the
// request list. Typing is
// debounced so each keystroke does not query the store.
class FilterBar final : public QWidget
{
    Q_OBJECT

public:
    explicit FilterBar(QWidget *parent = nullptr);

    store::CaptureFilter filter() const;
    void focusText();
    void setKnownEndpoints(const QStringList &names);

Q_SIGNALS:
    void filterChanged(const hookscope::store::CaptureFilter &filter);

private:
    QLineEdit *m_text = nullptr;
    QComboBox *m_method = nullptr;
    QComboBox *m_endpoint = nullptr;
    QLineEdit *m_event = nullptr;
    QComboBox *m_verdict = nullptr;
    QTimer *m_debounce = nullptr;
};

} // namespace hookscope::ui
