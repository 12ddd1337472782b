#pragma once

#include "exchange/CaptureDiff.h"
#include "http/Capture.h"

#include <QDialog>

#include <memory>

namespace Ui {
class DiffDialog;
}

namespace hookscope::ui {

class DiffTableModel;

// Two requests side by side as a list of differences: request line, headers, and the body by
// JSON path (or form field, or line). The comparison runs on a pool thread, so two 50 MB
// bodies never freeze the window; diffReady() says when the table is filled.
class DiffDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit DiffDialog(QWidget *parent = nullptr);
    ~DiffDialog() override;

    void setCaptures(const Capture &left, const Capture &right);
    bool isReady() const { return m_ready; }
    const exchange::CaptureDiffResult &result() const;
    DiffTableModel *model() const { return m_model; }
    QString summaryText() const;

Q_SIGNALS:
    void diffReady();

protected:
    void changeEvent(QEvent *event) override;

private:
    void compare();
    void showResult(const exchange::CaptureDiffResult &result, int generation);

    std::unique_ptr<Ui::DiffDialog> m_ui;
    DiffTableModel *m_model = nullptr;
    Capture m_left;
    Capture m_right;
    int m_generation = 0; // a newer comparison makes older results stale
    bool m_ready = false;
};

// "#42 · 2026-11-23 13:37:23.123 · POST /hooks/patreon · 1,234 bytes · endpoint patreon"
QString describeCapture(const Capture &capture);

} // namespace hookscope::ui
