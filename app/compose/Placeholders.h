#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QString>

#include <optional>

namespace hookscope::compose {

// Fills `{{...}}` placeholders when a template is rendered. One context is one event: within it,
// the time is fixed and each id prefix gives one id, so a body and its headers agree.
//   {{id}} / {{id:evt_}}   fresh id: the prefix and 24 random letters and digits
//   {{uuid}}               fresh UUID v4
//   {{hex:N}}              N random lowercase hex digits (e.g. a 40-digit commit id)
//   {{now}}                ISO-8601 UTC, 2026-11-23T13:37:22Z ({{now:ms}} adds milliseconds;
//                          {{now:offset}} / {{now:ms-offset}} write +00:00 instead of Z)
//   {{unix}} / {{unix:ms}} Unix time in seconds / milliseconds
//   {{int:MIN:MAX}}        random integer, both ends included (one per range per event)
//   {{seq}}                the event's sequence number (1, 2, 3... in a run)
//   {{text:EXPR}}          EXPR as text even where a number would be written
//   {{{{                   a literal "{{"
// In a JSON body, a string that is exactly one numeric placeholder (unix, int, seq) becomes a
// JSON number; anywhere else placeholders are replaced as text.
inline constexpr QByteArrayView kSignatureSlot = "{{signature}}";

class PlaceholderContext final
{
public:
    explicit PlaceholderContext(qint64 sequence = 1,
                                const QDateTime &now = QDateTime::currentDateTimeUtc());

    // Replaces every placeholder in text; false (and a message naming it) for an unknown one.
    bool expand(const QString &text, QString *out, QString *error);
    // The JSON number for a string that is exactly one numeric placeholder, else nothing.
    std::optional<QByteArray> wholeNumber(const QString &text, QString *error);

    QString id(const QString &prefix);
    qint64 sequence() const { return m_sequence; }
    qint64 unixSeconds() const { return m_now.toSecsSinceEpoch(); }
    QDateTime now() const { return m_now; }

    // Escapes text so that expanding it gives it back unchanged ("{{" becomes "{{{{").
    static QString escaped(const QString &text);

private:
    bool evaluate(const QString &expression, QString *out, bool *numeric, QString *error);

    qint64 m_sequence;
    QDateTime m_now;
    QHash<QString, QString> m_ids;
    QHash<QString, qint64> m_ints;
    QHash<int, QString> m_hex;
    QString m_uuid;
};

} // namespace hookscope::compose
