#include "exchange/CaptureExchange.h"

#include "core/Version.h"
#include "store/CaptureExport.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace hookscope::exchange {

QString formatName(ExportFormat format)
{
    return format == ExportFormat::Har ? QStringLiteral("HAR 1.2") : QStringLiteral("JSON lines");
}

QString fileSuffix(ExportFormat format)
{
    return format == ExportFormat::Har ? QStringLiteral("har") : QStringLiteral("jsonl");
}

CaptureStreamWriter::CaptureStreamWriter(ExportFormat format, QIODevice &out)
    : m_format(format)
    , m_out(out)
{ }

QString CaptureStreamWriter::write(const QByteArray &bytes)
{
    if (m_out.write(bytes) != bytes.size())
        return m_out.errorString().isEmpty() ? QStringLiteral("write failed") : m_out.errorString();
    return {};
}

QString CaptureStreamWriter::begin()
{
    if (m_format != ExportFormat::Har)
        return {};
    // The same head as store::exportHar, so both exports read alike.
    const QJsonObject creator {{QStringLiteral("name"), QStringLiteral("Hookscope")},
                               {QStringLiteral("version"), QString::fromLatin1(kVersion)}};
    return write("{\"log\":{\"version\":\"1.2\",\"creator\":"
                 + QJsonDocument(creator).toJson(QJsonDocument::Compact) + ",\"entries\":[\n");
}

QString CaptureStreamWriter::add(const Capture &capture)
{
    QByteArray bytes;
    if (m_format == ExportFormat::Har) {
        bytes = store::exportJson(store::captureToHarEntry(capture));
        if (m_count > 0)
            bytes.prepend(",\n");
    } else {
        bytes = store::exportJson(store::captureToJson(capture)) + '\n';
    }
    ++m_count;
    return write(bytes);
}

QString CaptureStreamWriter::finish()
{
    if (m_format != ExportFormat::Har)
        return {};
    return write("\n]}}\n");
}

QString exportCaptures(const QList<Capture> &captures, ExportFormat format, QIODevice &out)
{
    CaptureStreamWriter writer(format, out);
    if (QString error = writer.begin(); !error.isEmpty())
        return error;
    for (const Capture &capture : captures) {
        if (QString error = writer.add(capture); !error.isEmpty())
            return error;
    }
    return writer.finish();
}

} // namespace hookscope::exchange
