#pragma once

#include <QByteArray>
#include <QList>

namespace hookscope::exchange {

struct LineEdit {
    enum Kind { Same, Removed, Added };
    Kind kind = Same;
    int leftLine = -1; // 0-based; -1 when the line is only on the right
    int rightLine = -1; // 0-based; -1 when the line is only on the left
};

struct LineDiffResult {
    QList<LineEdit> edits; // in order; Same lines included
    bool truncated = false; // too many differing lines to align: the middle is one replace
};

QList<QByteArray> splitLines(const QByteArray &text);

// Longest-common-subsequence line diff after trimming the common head and tail. The aligned
// middle is capped at maxCells (left lines x right lines) so a huge body never costs more; past
// it the middle is reported as removed-then-added.
LineDiffResult diffLines(const QList<QByteArray> &left, const QList<QByteArray> &right,
                         qint64 maxCells = 4'000'000);

} // namespace hookscope::exchange
