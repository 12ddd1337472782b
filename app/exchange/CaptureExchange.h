#pragma once

#include "http/Capture.h"

#include <QIODevice>
#include <QList>
#include <QString>

namespace hookscope::exchange {

enum class ExportFormat { Har, JsonLines };

QString formatName(ExportFormat format); // "HAR 1.2", "JSON lines"
QString fileSuffix(ExportFormat format); // "har", "jsonl"

// Writes captures one at a time, so a large selection never sits in memory as one document:
// begin(), add() per capture, finish(). Errors come back as a message, empty on success.
class CaptureStreamWriter final
{
public:
    CaptureStreamWriter(ExportFormat format, QIODevice &out);

    QString begin();
    QString add(const Capture &capture);
    QString finish();
    qint64 count() const { return m_count; }

private:
    QString write(const QByteArray &bytes);

    ExportFormat m_format;
    QIODevice &m_out;
    qint64 m_count = 0;
};

// The selected captures in the same format `hookscope export` and the store's exportHar /
// exportJsonLines write. Returns an error message, empty on success.
QString exportCaptures(const QList<Capture> &captures, ExportFormat format, QIODevice &out);

} // namespace hookscope::exchange
