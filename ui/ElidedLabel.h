#pragma once

#include <QLabel>

namespace hookscope::ui {

// A one-line label that may be narrower than its text: it then ends in "…", and the tooltip
// holds the whole text. text() (and so screen readers) keep the whole text too.
class ElidedLabel final : public QLabel
{
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    // Sets the text and a tooltip that says it whole.
    void setFullText(const QString &text);
    // True when the text does not fit and is shown cut with "…".
    bool isElided() const;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace hookscope::ui
