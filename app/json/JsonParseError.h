#pragma once

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace hookscope::json {

// Where and why a body is not valid JSON. Line and column are 1-based; the column counts
// characters (UTF-8 code points), not bytes.
struct JsonParseError {
    QString message;
    qsizetype offset = 0;
    int line = 1;
    int column = 1;

    QString toString() const;
};

struct TextPosition {
    int line = 1;
    int column = 1;
};
TextPosition textPositionAt(QByteArrayView text, qsizetype offset);

// Finds the first syntax error in text with a plain validating scan (only run once the fast
// parser has failed, to say where). std::nullopt when the text is valid JSON.
std::optional<JsonParseError> locateJsonError(QByteArrayView text);

} // namespace hookscope::json
