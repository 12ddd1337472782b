#pragma once

#include "exchange/StoreExchange.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ImportHarDialog;
}

namespace hookscope::store {
class RequestStore;
}

namespace hookscope::ui {

class FileJobControls;

// Imports a HAR file's requests into the store under one endpoint name ("imported"), so they
// can be inspected and verified like received ones. Reading and parsing run on a pool thread;
// the store commits them on its writer. Entries that cannot be imported are listed, and the
// dialog stays open when there are any.
class ImportHarDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ImportHarDialog(store::RequestStore &store, QWidget *parent = nullptr);
    ~ImportHarDialog() override;

    // Test hook: the next "Browse…" (or Import with no path) takes this path, no dialog shown.
    static void setNextFileName(const QString &path);

    QString filePath() const;
    void setFilePath(const QString &path);
    QString endpoint() const;
    void setEndpoint(const QString &endpoint);
    bool isRunning() const;
    QString statusText() const;
    QString problemsText() const;

    // Run on each capture before it is stored, e.g. to give it its signature verdict.
    void setCapturePreparer(exchange::CapturePreparer prepare) { m_prepare = std::move(prepare); }

    // What pressing Import does.
    void startImport();

Q_SIGNALS:
    void importFinished(const hookscope::exchange::ImportOutcome &outcome);

private:
    void browse();
    void showOutcome(const exchange::ImportOutcome &outcome, const QString &path);

    std::unique_ptr<Ui::ImportHarDialog> m_ui;
    store::RequestStore &m_store;
    exchange::CapturePreparer m_prepare;
    std::unique_ptr<FileJobControls> m_job;
};

} // namespace hookscope::ui
