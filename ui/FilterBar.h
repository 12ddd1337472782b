#pragma once

#include "store/CaptureSummary.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLineEdit;
class QTimer;
class QToolButton;

namespace hookscope::ui {

class FlowRows;

// Free text, method, endpoint, event type and verdict (or malformed request) filters over the
// request list. Typing is debounced so each keystroke does not query the store. In a narrow
// window the choices wrap onto more rows; where they would take more than two, they fold
// behind a Filters button beside the text, which counts those in use.
class FilterBar final : public QWidget
{
    Q_OBJECT

public:
    explicit FilterBar(QWidget *parent = nullptr);
    ~FilterBar() override;

    store::CaptureFilter filter() const;
    void focusText();
    // True when the method, endpoint, event and verdict filters are folded behind the button.
    bool choicesFolded() const;
    void setKnownEndpoints(const QStringList &names);
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

Q_SIGNALS:
    void filterChanged(const hookscope::store::CaptureFilter &filter);

private:
    void showChoices();
    void countChoicesInUse();

    QLineEdit *m_text = nullptr;
    QToolButton *m_more = nullptr;
    QComboBox *m_method = nullptr;
    QComboBox *m_endpoint = nullptr;
    QLineEdit *m_event = nullptr;
    QComboBox *m_verdict = nullptr;
    QTimer *m_debounce = nullptr;
    std::unique_ptr<FlowRows> m_choices;
};

} // namespace hookscope::ui
