#pragma once

#include <QAbstractScrollArea>
#include <QByteArray>

namespace hookscope::ui {

// The exact bytes of a body as offset / hex / ASCII lines. Paints only the lines in view, so a
// 50 MB body scrolls as smoothly as a small one (Wireshark's byte_view_text does the same).
// A line holds 16 bytes, or 8 where 16 would not fit the width (`xxd -c 8`): the characters
// beside the bytes are the point of the view, and a sideways scroll hides them.
class HexView final : public QAbstractScrollArea
{
    Q_OBJECT

public:
    static constexpr int kWideLine = 16;
    static constexpr int kNarrowLine = 8;

    explicit HexView(QWidget *parent = nullptr);

    void setData(const QByteArray &data);
    const QByteArray &data() const { return m_data; }
    qsizetype lineCount() const;
    int bytesPerLine() const { return m_bytesPerLine; }
    // Marks bytes [offset, offset + length) (e.g. the selected JSON value); length 0 clears.
    void setHighlight(qsizetype offset, qsizetype length);
    qsizetype highlightOffset() const { return m_highlightOffset; }
    qsizetype highlightLength() const { return m_highlightLength; }
    // Marks the byte a parser stopped at, `offset`, in the error colour and tints its line, as
    // the raw text view does (at the end of the body, the last byte); -1 clears it. It stays
    // through setHighlight() until the next setData().
    void markError(qsizetype offset);
    qsizetype errorOffset() const { return m_errorOffset; } // the byte marked, or -1
    // Scrolls so the line holding offset is in view.
    void scrollToOffset(qsizetype offset);
    qsizetype firstVisibleLine() const;
    qsizetype visibleLineCount() const;
    // The text of one line as painted, e.g. "00000010  7b 22 61 ... |{"a...|".
    QString lineText(qsizetype line) const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void updateScrollBars();
    // 16 bytes a line where they fit the width, else 8; the top line's bytes stay in view.
    void fitLineToWidth();
    int lineWidth(int bytes) const;
    qreal hexColumn(qsizetype i) const;
    qreal asciiColumn(qsizetype i) const;
    int lineHeight() const;

    void paintHighlight(QPainter &painter, qsizetype line, int top, int x, int offsetWidth);
    // The error byte's hex digits and character, in white on the error colour.
    void paintErrorByte(QPainter &painter, qsizetype line, int top, int x, int offsetWidth);

    QByteArray m_data;
    qsizetype m_highlightOffset = 0;
    qsizetype m_highlightLength = 0;
    qsizetype m_errorOffset = -1;
    int m_bytesPerLine = kWideLine;
};

} // namespace hookscope::ui
