#pragma once

#include "exchange/CaptureExchange.h"

#include <QDialog>
#include <QList>

#include <memory>

namespace Ui {
class ExportDialog;
}

namespace hookscope::store {
class StoreClient;
}

namespace hookscope::ui {

class FileJobControls;

// Exports the selected or all stored requests as HAR 1.2 or JSON lines. The file is written on
// the store's thread; the dialog waits (responsive) and closes when it is done.
class ExportDialog final : public QDialog
{
    Q_OBJECT

public:
    ExportDialog(store::StoreClient &store, QList<qint64> selectedIds, QWidget *parent = nullptr);
    ~ExportDialog() override;

    // Test hook: the next "Browse…" (or Export with no path) takes this path, no dialog shown.
    static void setNextFileName(const QString &path);

    exchange::ExportFormat format() const;
    void setFormat(exchange::ExportFormat format);
    bool exportsAll() const;
    void setExportsAll(bool all);
    QString filePath() const;
    void setFilePath(const QString &path);
    bool isRunning() const;
    QString statusText() const;

    // What pressing Export does.
    void startExport();

Q_SIGNALS:
    void exportFinished(const QString &path, qint64 count);
    void exportFailed(const QString &message);

private:
    void browse();
    void matchSuffixToFormat();
    // The folder to write in is there (problem empty) or could not be made: export or say so.
    void folderReady(const QString &path, const QString &problem);

    std::unique_ptr<Ui::ExportDialog> m_ui;
    store::StoreClient &m_store;
    QList<qint64> m_selectedIds;
    std::unique_ptr<FileJobControls> m_job;
};

} // namespace hookscope::ui
