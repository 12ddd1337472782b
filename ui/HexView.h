#pragma once

#include <QAbstractScrollArea>
#include <QByteArray>

namespace hookscope::ui {

// The exact bytes of a body as offset / hex / ASCII lines. Paints only the lines in view, so a
// 50 MB body scrolls as smoothly as a small one (Wireshark's byte_view_text does the same).
class HexView final : public QAbstractScrollArea
{
    Q_OBJECT

public:
    static constexpr int kBytesPerLine = 16;

    explicit HexView(QWidget *parent = nullptr);

    void setData(const QByteArray &data);
    const QByteArray &data() const { return m_data; }
    qsizetype lineCount() const;
    // The text of one line as painted, e.g. "00000010  7b 22 61 ... |{"a...|".
    QString lineText(qsizetype line) const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void updateScrollBars();
    int lineHeight() const;

    QByteArray m_data;
};

} // namespace hookscope::ui
