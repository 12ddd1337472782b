#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace hookscope::compose {

// One `--set PATH=VALUE`: PATH is dot-separated (`data.attributes.amount_cents`, `included.0.id`,
// `included[0].id`; `\.` for a dot inside a key); VALUE is read as JSON when it parses, else as a
// string.
struct JsonOverride {
    QStringList path;
    QString value;

    // Parses "PATH=VALUE"; false (and a message) when it has no '=' or an empty path.
    static bool parse(const QString &assignment, JsonOverride *out, QString *error);
};

// Applies an override to JSON text by splicing: only the bytes of the replaced value change, so
// key order, spacing and every other byte stay as they were. A missing last key is appended to
// its object; an array index equal to the length appends. False (and a message) when the text is
// not JSON or the path does not lead to a value. A VALUE taken as a string where the body had
// a number, boolean, null, array or object is applied, and said in `note` (when given): it is
// most often a typo (amount_cents=5OO) that the receiver would choke on. So is a missing last key
// an edit or two from an existing sibling (`repository.nme` beside "name"): it is appended, and
// the note asks whether the sibling was meant.
bool applyOverride(QByteArray &json, const JsonOverride &override, QString *error,
                   QString *note = nullptr);

} // namespace hookscope::compose
