#include "exchange/LineDiff.h"

#include <vector>

namespace hookscope::exchange {

QList<QByteArray> splitLines(const QByteArray &text)
{
    QList<QByteArray> lines = text.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty() && text.endsWith('\n'))
        lines.removeLast();
    return lines;
}

LineDiffResult diffLines(const QList<QByteArray> &left, const QList<QByteArray> &right,
                         qint64 maxCells)
{
    LineDiffResult result;
    const int n = int(left.size());
    const int m = int(right.size());
    int head = 0;
    while (head < n && head < m && left[head] == right[head])
        ++head;
    int tail = 0;
    while (tail < n - head && tail < m - head && left[n - 1 - tail] == right[m - 1 - tail])
        ++tail;
    for (int i = 0; i < head; ++i)
        result.edits.append({LineEdit::Same, i, i});

    const int a = n - head - tail;
    const int b = m - head - tail;
    if (qint64(a) * qint64(b) > maxCells) {
        result.truncated = true;
        for (int i = 0; i < a; ++i)
            result.edits.append({LineEdit::Removed, head + i, -1});
        for (int j = 0; j < b; ++j)
            result.edits.append({LineEdit::Added, -1, head + j});
    } else if (a > 0 || b > 0) {
        // lcs[i][j]: common subsequence length of left[head+i..] and right[head+j..].
        std::vector<int> lcs(size_t(a + 1) * size_t(b + 1), 0);
        const auto at = [&](int i, int j) -> int & { return lcs[size_t(i) * size_t(b + 1) + j]; };
        for (int i = a - 1; i >= 0; --i) {
            for (int j = b - 1; j >= 0; --j)
                at(i, j) = left[head + i] == right[head + j] ? at(i + 1, j + 1) + 1
                                                             : std::max(at(i + 1, j), at(i, j + 1));
        }
        int i = 0;
        int j = 0;
        while (i < a || j < b) {
            if (i < a && j < b && left[head + i] == right[head + j]) {
                result.edits.append({LineEdit::Same, head + i, head + j});
                ++i;
                ++j;
            } else if (i < a && (j == b || at(i + 1, j) >= at(i, j + 1))) {
                result.edits.append({LineEdit::Removed, head + i, -1});
                ++i;
            } else {
                result.edits.append({LineEdit::Added, -1, head + j});
                ++j;
            }
        }
    }
    for (int k = 0; k < tail; ++k)
        result.edits.append({LineEdit::Same, n - tail + k, m - tail + k});
    return result;
}

} // namespace hookscope::exchange
