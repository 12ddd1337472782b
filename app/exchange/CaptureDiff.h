#pragma once

#include "http/Capture.h"

#include <QList>
#include <QString>

namespace hookscope::exchange {

enum class DiffSection { RequestLine, Headers, Body };

enum class DiffKind {
    Identical,
    Added, // only on the right
    Removed, // only on the left
    Changed,
    TypeChanged, // a JSON value changed kind (number to string, object to array...)
    NumberSpelling, // same number, different text ("1.0" vs "1", "1e2" vs "100")
    KeyOrder, // an object holds the same keys in another order
    Derived, // differs only because something else does (Content-Length of a changed body)
};

struct DiffEntry {
    DiffSection section = DiffSection::Body;
    QString path; // "method", a header name, "$.data.attributes.amount_cents", "line 12"
    QString left;
    QString right;
    DiffKind kind = DiffKind::Identical;
    bool expectedToDiffer = false; // Date, delivery ids, signatures: differ between deliveries
};

enum class BodyComparison { BothEmpty, Json, Form, Lines };

struct DiffOptions {
    // Flag Date, Content-Length, signature, timestamp and delivery-id headers as expected to
    // differ (still listed) and leave them out of the count of differing headers.
    bool flagVolatileHeaders = true;
    qint64 maxLineCells = 4'000'000; // line diff alignment budget (left lines x right lines)
    int maxValueLength = 2000; // longer values are cut for display
};

struct CaptureDiffResult {
    QList<DiffEntry> entries; // identical ones included, in section order
    BodyComparison bodyComparison = BodyComparison::BothEmpty;
    bool formattingDiffers = false; // JSON bodies differ in whitespace outside strings
    bool lineDiffTruncated = false;
    QString bodyNote; // why the body was compared as lines, e.g. "right body: invalid JSON at 3:5"

    bool isDifference(const DiffEntry &entry) const { return entry.kind != DiffKind::Identical; }
    int count(DiffSection section, bool includeExpected = false) const;
    // "3 headers differ (2 expected to differ), 2 body paths changed, formatting-only
    // differences ignored"
    QString summary() const;
};

// Compares two requests: the request line, headers by name (case-insensitively, duplicates kept
// in order), and the body by JSON path when both are JSON, by field when both are forms,
// otherwise by line.
CaptureDiffResult diffCaptures(const Capture &left, const Capture &right,
                               const DiffOptions &options = {});

// Headers whose values change from one delivery to the next by design.
bool isVolatileHeader(QByteArrayView name);

// Whether two JSON number texts denote the same value exactly ("1.0" and "1", "1e2" and "100",
// "-0" and "0"), compared as decimals, not as doubles.
bool sameJsonNumber(QByteArrayView a, QByteArrayView b);

QString sectionName(DiffSection section);
QString kindName(DiffKind kind);

} // namespace hookscope::exchange
