#pragma once

#include <QMainWindow>

class QSplitter;
class QTableView;

namespace hookscope::ui {

class CaptureDetailView;

// The inspector: the live request list on the left, the selected request's tabs on the right.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    CaptureDetailView *detailView() const { return m_detailView; }
    QTableView *requestListView() const { return m_requestList; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void showAbout();
    void restoreLayout();
    void saveLayout() const;

    QTableView *m_requestList = nullptr;
    CaptureDetailView *m_detailView = nullptr;
    QSplitter *m_splitter = nullptr;
};

} // namespace hookscope::ui
