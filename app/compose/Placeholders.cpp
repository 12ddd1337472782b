#include "compose/Placeholders.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUuid>

namespace hookscope::compose {

PlaceholderContext::PlaceholderContext(qint64 sequence, const QDateTime &now)
    : m_sequence(sequence)
    , m_now(now.toUTC())
{ }

QString PlaceholderContext::id(const QString &prefix)
{
    auto it = m_ids.find(prefix);
    if (it != m_ids.end())
        return it.value();
    static constexpr char alphabet[]
        = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QString id = prefix;
    for (int i = 0; i < 24; ++i)
        id.append(QLatin1Char(alphabet[QRandomGenerator::global()->bounded(62)]));
    m_ids.insert(prefix, id);
    return id;
}

QString PlaceholderContext::escaped(const QString &text)
{
    QString out = text;
    out.replace(QStringLiteral("{{"), QStringLiteral("{{{{"));
    return out;
}

bool PlaceholderContext::evaluate(const QString &expression, QString *out, bool *numeric,
                                  QString *error)
{
    const qsizetype colon = expression.indexOf(u':');
    const QString name = colon < 0 ? expression : expression.left(colon);
    const QString argument = colon < 0 ? QString() : expression.mid(colon + 1);
    *numeric = false;
    if (name == u"text") {
        // {{text:EXPR}} keeps a numeric placeholder a string, e.g. a JSON:API id
        bool ignored = false;
        return !argument.isEmpty() && evaluate(argument, out, &ignored, error);
    }
    if (name == u"signature" && argument.isEmpty()) {
        *out = QString::fromLatin1(kSignatureSlot);
        return true;
    }
    if (name == u"id") {
        *out = id(argument);
        return true;
    }
    if (name == u"hex") {
        bool ok = false;
        const int length = argument.toInt(&ok);
        if (!ok || length < 1 || length > 256) {
            *error = QStringLiteral("{{hex:%1}}: use {{hex:N}} with N from 1 to 256").arg(argument);
            return false;
        }
        QString &value = m_hex[length];
        while (value.size() < length)
            value.append(QLatin1Char("0123456789abcdef"[QRandomGenerator::global()->bounded(16)]));
        *out = value;
        return true;
    }
    if (name == u"uuid" && argument.isEmpty()) {
        if (m_uuid.isEmpty())
            m_uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        *out = m_uuid;
        return true;
    }
    if (name == u"now") {
        // Format flags and a shift, in any order: {{now:ms-offset:+30d}}. The shift keeps the
        // dates of one event in order (a trial ends after the event that announces it).
        bool ms = false;
        bool offset = false;
        bool twitter = false; // X's created_at: "Mon Mar 26 16:33:26 +0000 2018"
        qint64 shiftSeconds = 0;
        static const QRegularExpression shift(QStringLiteral("^([+-])(\\d{1,5})(s|min|h|d)$"));
        for (const QString &part : argument.split(u':', Qt::SkipEmptyParts)) {
            if (part == u"ms" || part == u"ms-offset")
                ms = true;
            if (part == u"offset" || part == u"ms-offset")
                offset = true;
            if (part == u"twitter")
                twitter = true;
            if (part == u"ms" || part == u"offset" || part == u"ms-offset" || part == u"twitter")
                continue;
            const QRegularExpressionMatch match = shift.match(part);
            if (!match.hasMatch() || shiftSeconds != 0) {
                *error = QStringLiteral("{{now:%1}}: use {{now}}, {{now:ms}}, {{now:offset}}, "
                                        "{{now:ms-offset}} or {{now:twitter}}, optionally with "
                                        "one shift such as :+3d, :-2h, :+30min or :+10s")
                             .arg(argument);
                return false;
            }
            const QString unit = match.captured(3);
            const qint64 scale = unit == u"d" ? 86400
                : unit == u"h"                ? 3600
                : unit == u"min"              ? 60
                                              : 1;
            shiftSeconds = match.captured(2).toLongLong() * scale;
            if (match.captured(1) == u"-")
                shiftSeconds = -shiftSeconds;
        }
        if (twitter && (ms || offset)) {
            *error = QStringLiteral("{{now:%1}}: twitter is a format of its own, without ms or "
                                    "offset")
                         .arg(argument);
            return false;
        }
        if (twitter) {
            // The format-string toString uses the C locale: English names whatever the user's.
            *out = m_now.addSecs(shiftSeconds)
                       .toString(QStringLiteral("ddd MMM dd HH:mm:ss +0000 yyyy"));
            return true;
        }
        *out = m_now.addSecs(shiftSeconds)
                   .toString(ms ? QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")
                                : QStringLiteral("yyyy-MM-ddTHH:mm:ss"))
            + (offset ? QStringLiteral("+00:00") : QStringLiteral("Z"));
        return true;
    }
    if (name == u"unix") {
        if (!argument.isEmpty() && argument != u"ms") {
            *error = QStringLiteral("{{unix:%1}}: use {{unix}} or {{unix:ms}}").arg(argument);
            return false;
        }
        *out = QString::number(argument.isEmpty() ? m_now.toSecsSinceEpoch()
                                                  : m_now.toMSecsSinceEpoch());
        *numeric = true;
        return true;
    }
    if (name == u"seq" && argument.isEmpty()) {
        *out = QString::number(m_sequence);
        *numeric = true;
        return true;
    }
    if (name == u"int") {
        const QStringList bounds = argument.split(u':');
        bool okMin = false;
        bool okMax = false;
        const qint64 min = bounds.value(0).toLongLong(&okMin);
        const qint64 max = bounds.value(1).toLongLong(&okMax);
        if (bounds.size() != 2 || !okMin || !okMax || min > max) {
            *error
                = QStringLiteral("{{int:%1}}: use {{int:MIN:MAX}} with MIN <= MAX").arg(argument);
            return false;
        }
        auto it = m_ints.find(argument);
        if (it == m_ints.end()) {
            const qint64 value
                = min == max ? min : QRandomGenerator::global()->bounded(min, max + 1);
            it = m_ints.insert(argument, value);
        }
        *out = QString::number(it.value());
        *numeric = true;
        return true;
    }
    *error = QStringLiteral("unknown placeholder {{%1}}").arg(expression);
    return false;
}

bool PlaceholderContext::expand(const QString &text, QString *out, QString *error)
{
    QString result;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype open = text.indexOf(QStringLiteral("{{"), pos);
        if (open < 0) {
            result.append(QStringView(text).mid(pos));
            break;
        }
        result.append(QStringView(text).mid(pos, open - pos));
        if (QStringView(text).mid(open + 2).startsWith(u"{{")) {
            result.append(QStringLiteral("{{"));
            pos = open + 4;
            continue;
        }
        const qsizetype close = text.indexOf(QStringLiteral("}}"), open + 2);
        if (close < 0) {
            *error = QStringLiteral("unclosed placeholder in '%1' (write {{{{ for a literal {{)")
                         .arg(text);
            return false;
        }
        QString value;
        bool numeric = false;
        if (!evaluate(text.mid(open + 2, close - open - 2).trimmed(), &value, &numeric, error))
            return false;
        result.append(value);
        pos = close + 2;
    }
    *out = result;
    return true;
}

std::optional<QByteArray> PlaceholderContext::wholeNumber(const QString &text, QString *error)
{
    if (!text.startsWith(u"{{") || !text.endsWith(u"}}") || text.startsWith(u"{{{{"))
        return std::nullopt;
    const QString inner = text.mid(2, text.size() - 4);
    if (inner.contains(u'{') || inner.contains(u'}'))
        return std::nullopt;
    QString value;
    bool numeric = false;
    if (!evaluate(inner.trimmed(), &value, &numeric, error) || !numeric)
        return std::nullopt;
    return value.toLatin1();
}

} // namespace hookscope::compose
